"""Stage 1, reading a sheet file: bytes, encoding, front matter, schema line.
Each refusal is a Problem with its code, the file and the line."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from banque.sheets import load

GOOD = (
    "---\n"
    "# yaml-language-server: $schema=../../schema/outil.schema.json\n"
    "titre: Un outil\n"
    "code: NO\n"
    "---\n"
    "## Présentation\n\nTexte.\n"
)


def sheet(tmp_path: Path, text: str | bytes, kind: str = "outils", name: str = "essai.md") -> Path:
    folder = tmp_path / kind
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_a_good_sheet_is_split_with_its_lines(tmp_path):
    raw, problems = load.load(sheet(tmp_path, GOOD), "outils/essai.md")
    assert problems == [] and raw is not None
    assert raw.kind == "outils" and raw.display == "outils/essai.md"
    assert raw.data == {"titre": "Un outil", "code": "NO"}  # « NO » stays text
    assert raw.body.startswith("## Présentation") and raw.body_line == 6
    assert raw.line_of(("code",)) == 4 and raw.line_of(("titre",)) == 3
    assert raw.line_of(("absent", 0)) == 2  # no such value: the front matter's first line


def test_bom_and_windows_line_ends_are_accepted(tmp_path):
    raw, problems = load.load(sheet(tmp_path, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()))
    assert problems == [] and raw is not None and raw.data["titre"] == "Un outil"


def test_invalid_utf8_names_the_line_and_the_byte(tmp_path):
    text = GOOD.replace("Un outil", "Un outil caf\xe9").encode("latin-1")
    raw, problems = load.load(sheet(tmp_path, text))
    assert raw is None and codes(problems) == ["fichier-non-utf8"]
    assert problems[0].line == 3 and problems[0].field == "fichier"


@pytest.mark.parametrize(("text", "code"), [
    ("titre: x\n", "en-tete-absent"),
    ("---\ntitre: x\n", "en-tete-non-ferme"),
    ("---\n- a\n- b\n---\n", "en-tete-pas-des-champs"),
])
def test_a_broken_front_matter_is_refused(tmp_path, text, code):
    raw, problems = load.load(sheet(tmp_path, text))
    assert raw is None and codes(problems) == [code]


def test_the_schema_line_must_match_the_kind(tmp_path):
    wrong = GOOD.replace("outil.schema.json", "experience.schema.json")
    raw, problems = load.load(sheet(tmp_path, wrong))
    assert raw is not None and codes(problems) == ["ligne-schema-fausse"]
    assert problems[0].line == 2 and "outil.schema.json" in problems[0].hint
    assert "experience.schema.json" in problems[0].message


def test_the_schema_line_is_not_required(tmp_path):
    # The committee's space (Sveltia CMS) writes no comment in the front matter.
    without = GOOD.replace("# yaml-language-server: $schema=../../schema/outil.schema.json\n", "")
    assert without != GOOD
    raw, problems = load.load(sheet(tmp_path, without))
    assert raw is not None and problems == []


def test_a_file_outside_the_two_folders_is_refused(tmp_path):
    raw, problems = load.load(sheet(tmp_path, GOOD, kind="ailleurs"))
    assert raw is None and codes(problems) == ["fichier-hors-dossier"]


def test_a_large_file_is_refused_without_reading_past_the_limit(tmp_path, monkeypatch):
    path = sheet(tmp_path, GOOD + "x" * (load.MAX_BYTES + 1))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    data, problems = load.read(path, "outils/essai.md")
    assert data is None and codes(problems) == ["fichier-trop-volumineux"]


def test_the_size_is_what_is_read_not_what_stat_says(tmp_path, monkeypatch):
    """A file may grow between stat and read (or stat may not know: /dev/zero): the read itself is bounded."""
    path = sheet(tmp_path, GOOD + "x" * (load.MAX_BYTES * 3))
    real_fstat = os.fstat
    monkeypatch.setattr(load.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    data, problems = load.read(path, "outils/essai.md")
    assert data is None and codes(problems) == ["fichier-trop-volumineux"]
    assert "(0.2 Mo, au plus 200 ko)" in problems[0].message  # what was read (the limit + 1), not stat's 10


def _timeout(seconds: int):
    """Fail instead of hanging forever (a named pipe opened for reading waits for a writer)."""
    def fail(*_):
        raise AssertionError(f"bloqué plus de {seconds} s")
    signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)


@pytest.mark.parametrize("make, code", [
    (lambda p, out: p.symlink_to("/dev/zero"), "fichier-lien-symbolique"),
    (lambda p, out: p.symlink_to(out), "fichier-lien-symbolique"),
    (lambda p, out: p.symlink_to(p.with_name("absente.md")), "fichier-lien-symbolique"),
    (lambda p, out: os.mkfifo(p), "fichier-pas-ordinaire"),
    (lambda p, out: p.mkdir(), "fichier-pas-ordinaire"),
], ids=["lien-vers-dev-zero", "lien-hors-du-depot", "lien-casse", "tube-nomme", "dossier"])
def test_only_a_regular_file_is_read(tmp_path, make, code):
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD, encoding="utf-8")
    path = tmp_path / "outils" / "piege.md"
    path.parent.mkdir()
    make(path, outside)
    _timeout(5)
    try:
        raw, problems = load.load(path, "outils/piege.md")
    finally:
        signal.alarm(0)
    assert raw is None and codes(problems) == [code]
    assert problems[0].path == "outils/piege.md" and problems[0].line == 1


def test_nature_of_what_is_not_a_file(tmp_path):
    (tmp_path / "outils").mkdir()
    os.mkfifo(tmp_path / "outils" / "t.md")
    (tmp_path / "outils" / "d.md").mkdir()
    assert "(tube nommé)" in load.read(tmp_path / "outils" / "t.md", "t.md")[1][0].message
    assert "«\u00a0d.md\u00a0» n'est pas un fichier ordinaire (dossier)" in load.read(tmp_path / "outils" / "d.md", "d.md")[1][0].message


@pytest.mark.parametrize("name", ["essai.MD", "essai.markdown", "essai.Md"])
def test_a_sheet_with_another_extension_is_reported(tmp_path, name):
    raw, problems = load.load(sheet(tmp_path, GOOD, name=name))
    assert raw is None and codes(problems) == ["fichier-extension"]
    assert problems[0].hint == "Renommez le fichier en «\u00a0essai.md\u00a0»."


def test_an_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    path = sheet(tmp_path, GOOD)
    monkeypatch.setattr(load.os, "open", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    raw, problems = load.load(path)
    assert raw is None and codes(problems) == ["fichier-illisible"]


def test_split_front_matter_is_public_and_reports_a_problem():
    front, body, line = load.split_front_matter("---\na: 1\n...\ncorps\n", "x.md")
    assert (front, body, line) == ("a: 1", "corps\n", 4)
    assert load.split_front_matter("sans en-tête", "x.md").code == "en-tete-absent"


def test_yaml_problems_carry_the_displayed_path(tmp_path):
    raw, problems = load.load(sheet(tmp_path, GOOD.replace("code: NO\n", "code: NO\ncode: OUI\n")), "montre.md")
    assert problems and all(p.path == "montre.md" for p in problems)
    assert problems[0].code.startswith("yaml-")
