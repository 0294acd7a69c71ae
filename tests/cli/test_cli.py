"""The `banque` command as editors run it: real files, real exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, banque

CONTEXT = EXAMPLES / "contexte"


def test_real_content_validates():
    result = banque("valider")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "aucun problème" in result.stdout


def test_invalid_sheets_all_reported_in_path_line_field_format():
    result = banque("valider", "--contenu", str(CONTEXT), "tests/sheets/exemples/negatifs")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("tests/")]
    files = {line.split(":")[0] for line in lines}
    assert len(files) == len(list((EXAMPLES / "negatifs").rglob("*.md")))
    assert "tests/sheets/exemples/negatifs/experiences/publiee-sans-consentement.md:51: referent: " in result.stdout
    assert "Rien n'a été publié" in result.stdout


def test_json_format_for_machines():
    result = banque("valider", "--format", "json", "--contenu", str(CONTEXT), "tests/sheets/exemples/negatifs/experiences/cle-en-double.md")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["fiches_verifiees"] == 1
    [problem] = report["problemes"]
    assert problem["line"] == 10 and problem["field"] == "nature" and "double" in problem["message"]
    assert problem["code"] == "yaml-cle-en-double" and problem["severity"] == "erreur"
    assert list(problem) == ["path", "line", "field", "message", "hint", "severity", "code"]


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path):
    folder = tmp_path / "experiences"
    folder.mkdir()
    big = folder / "enorme.md"
    big.write_bytes(b"---\ntitre: x\n---\n" + b"a" * 20_000_000)
    result = banque("valider", "--contenu", str(CONTEXT), str(big))
    assert result.returncode == 1
    assert "enorme.md:1: fichier: fichier trop volumineux (20.0 Mo" in result.stdout


def test_missing_path_is_an_error():
    result = banque("valider", "nulle-part.md")
    assert result.returncode == 2 and "introuvable" in result.stderr


def test_exported_schema_is_up_to_date():
    result = banque("schema", "--verifier")
    assert result.returncode == 0, result.stderr


def test_a_closed_pipe_ends_quietly():
    """`banque … | head`: the reader has gone before the report is written, and no traceback follows."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    command = [sys.executable, "-m", "banque.cli", "valider", "--contenu", str(CONTEXT), "tests/sheets/exemples/negatifs"]
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE)
    os.close(read_end)  # closed long before Python has started and validated: every write fails
    os.close(write_end)
    _, errors = proc.communicate(timeout=60)
    assert "Traceback" not in errors.decode("utf-8") and "BrokenPipe" not in errors.decode("utf-8")
    assert proc.returncode == 1  # the report was cut


def test_schema_verifier_reports_a_break_of_the_published_major_in_french(monkeypatch, capsys):
    from banque import cli
    from banque.sheets import schema_export
    from banque.sheets.problem import problem

    found = [problem("schema-champ-retire", "schema/versions/1/outil.schema.json", 0, "url", champ="url"),
             problem("schema-rupture-sans-version-majeure", "schema/schemas.yml", 0, "version",
                     version="1.0.0", nombre=1, prochaine="2.0.0")]
    monkeypatch.setattr(schema_export, "breaks", lambda: found)
    assert cli.main(["schema", "--verifier"]) == 1
    err = capsys.readouterr().err
    assert "champ «\u00a0url\u00a0» retiré" in err and "2.0.0" in err and "banque schema --instantane" in err
