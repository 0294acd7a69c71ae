"""Stage 1, reading a sheet file: bytes, encoding, front matter, schema line.
Each refusal is a Problem with its code, the file and the line."""

from __future__ import annotations

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


def test_the_schema_line_is_required_and_matches_the_kind(tmp_path):
    wrong = GOOD.replace("outil.schema.json", "experience.schema.json")
    raw, problems = load.load(sheet(tmp_path, wrong))
    assert raw is not None and codes(problems) == ["ligne-schema-manquante"]
    assert problems[0].line == 2 and "outil.schema.json" in problems[0].hint


def test_a_file_outside_the_two_folders_is_refused(tmp_path):
    raw, problems = load.load(sheet(tmp_path, GOOD, kind="ailleurs"))
    assert raw is None and codes(problems) == ["fichier-hors-dossier"]


def test_a_large_file_is_refused_before_being_read(tmp_path, monkeypatch):
    path = sheet(tmp_path, GOOD + "x" * (load.MAX_BYTES + 1))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read despite its size"))
    data, problems = load.read(path, "outils/essai.md")
    assert data is None and codes(problems) == ["fichier-trop-volumineux"]


def test_split_front_matter_is_public_and_reports_a_problem():
    front, body, line = load.split_front_matter("---\na: 1\n...\ncorps\n", "x.md")
    assert (front, body, line) == ("a: 1", "corps\n", 4)
    assert load.split_front_matter("sans en-tête", "x.md").code == "en-tete-absent"


def test_yaml_problems_carry_the_displayed_path(tmp_path):
    raw, problems = load.load(sheet(tmp_path, GOOD.replace("code: NO\n", "code: NO\ncode: OUI\n")), "montre.md")
    assert problems and all(p.path == "montre.md" for p in problems)
    assert problems[0].code.startswith("yaml-")
