"""`banque importer` end to end: issue-form bodies and e-mailed sheets become sheets
« en relecture », or nothing (the steps have their own tests beside this one).

Each tests/committee/editorial/issues/<cas>.md is imported into a copy of the small test
bank; exit code, messages and the written sheet are compared with <cas>.attendu
(`pytest --maj-attendus` rewrites them).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from banque.sheets.load import load
from banque.sheets.vocabulary import sections
from tests.conftest import EDITORIAL, ROOT, banque, check_golden

ISSUES = EDITORIAL / "issues"
CASES = sorted(ISSUES.glob("*.md"))
WORKFLOW = ROOT / ".github" / "workflows" / "importer-proposition.yml"
# Extra arguments per case: an e-mailed sheet has no correspondent field to fill in.
ARGS = {"fiche-par-courriel": ["--correspondant", "Jeanne Correspondante"]}
# The day of the import dates the situation of a proposal that does not give it.
TODAY = ["--aujourdhui", "2026-11-27"]


def _files(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "content").rglob("*.md"))}


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_issue_matches_golden(project: Path, update_golden: bool, case: Path):
    before = _files(project)
    result = banque("importer", str(case), *ARGS.get(case.stem, []), *TODAY, cwd=project)
    after = _files(project)
    new = {name: data for name, data in after.items() if name not in before}
    assert {n: d for n, d in after.items() if n in before} == before, "une fiche existante a été modifiée"
    report = [f"code de sortie : {result.returncode}", "--- sortie ---", result.stdout, "--- erreurs ---", result.stderr]
    for name, data in new.items():
        report += [f"--- {name} ---", data.decode("utf-8")]
    check_golden(case.with_suffix(".attendu"), "\n".join(report), update_golden)
    if result.returncode == 0:
        [name] = new
        assert result.stdout.startswith(f"Fiche créée : {name}\n")  # the workflow relies on this line
        check = banque("valider", name, cwd=project)
        assert check.returncode == 0, check.stdout
        assert _front(new[name].decode("utf-8"))["statut"] == "en_relecture"
    else:
        assert result.returncode == 1 and not new
        assert result.stderr.startswith("La proposition n'a pas été importée : rien n'a été écrit.\n")


def test_cases_cover_complete_incomplete_and_hostile_bodies():
    assert {"complete", "minimal", "incomplete", "hostile", "rubrique-en-double", "fiche-par-courriel",
            "courriel-yaml-piege", "fence-evasion", "cle-en-double-piege", "mention-lien"} <= {c.stem for c in CASES}


def test_hostile_body_is_neutralised(project: Path):
    result = banque("importer", str(ISSUES / "hostile.md"), cwd=project)
    assert result.returncode == 0, result.stderr
    [path] = (project / "content" / "experiences").glob("atelier-velo*.md")
    text = path.read_text(encoding="utf-8")
    front = _front(text)
    assert front["statut"] == "en_relecture" and "mise_en_avant" not in front
    assert front["titre"] == "Atelier vélo solidaire"
    assert not re.search(r"<\s*(script|img|iframe|b)\b|onerror|javascript:alert\(4\)", text, re.IGNORECASE)
    assert "<" not in text.split("\n---\n", 1)[0]
    assert not [c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]
    body = text.split("\n---\n", 1)[1]
    assert not re.search(r"^# ", body, re.MULTILINE), "titre de niveau 1 dans le corps"
    headings, fenced = [], False
    for line in body.splitlines():
        fenced ^= line.startswith("```")
        if line.startswith("## ") and not fenced:
            headings.append(line)
    assert headings == [f"## {t}" for t, _ in sections()["experiences"]]
    assert body.count("```") % 2 == 0, "bloc de code laissé ouvert"
    assert "> « Réparer ensemble" in body  # a Markdown quotation survives the escaping


def test_yaml_injection_in_a_title_stays_text(project: Path):
    body = (ISSUES / "minimal.md").read_text(encoding="utf-8").replace(
        "Un réseau national de parrainage pour l'emploi", "Titre: piégé\" ' # {a: [b]} &x *x !!str")
    result = banque("importer", "-", cwd=project, stdin=body.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    [path] = (project / "content" / "experiences").glob("titre-*.md")
    raw, problems = load(path)
    assert problems == [] and raw.data["titre"] == "Titre: piégé\" ' # {a: [b]} &x *x !!str"


def test_reads_standard_input_and_crlf(project: Path):
    body = (ISSUES / "complete.md").read_bytes().replace(b"\n", b"\r\n")
    result = banque("importer", "-", *TODAY, cwd=project, stdin=body)
    assert result.returncode == 0, result.stderr
    written = project / "content" / "experiences" / "une-epicerie-solidaire-portee-par-des-entreprises-de-saint-denis.md"
    expected = (ISSUES / "complete.attendu").read_text(encoding="utf-8").split(f"--- content/experiences/{written.name} ---\n", 1)[1]
    assert written.read_text(encoding="utf-8") == expected


def test_refuses_to_overwrite(project: Path):
    assert banque("importer", str(ISSUES / "minimal.md"), cwd=project).returncode == 0
    before = _files(project)
    result = banque("importer", str(ISSUES / "minimal.md"), cwd=project)
    assert result.returncode == 1 and "une fiche porte déjà l'identifiant" in result.stderr
    assert _files(project) == before


def test_refuses_huge_input_without_writing(project: Path):
    body = (ISSUES / "minimal.md").read_bytes() + b"a" * 300_000
    result = banque("importer", "-", cwd=project, stdin=body)
    assert result.returncode == 1 and "trop volumineuse" in result.stderr
    assert not list((project / "content" / "experiences").glob("un-reseau*"))


@pytest.mark.parametrize("body", [b"", b"Bonjour, voici mon experience.", b"\xff\xfe\x00"])
def test_refuses_what_is_not_a_proposal(project: Path, body: bytes):
    result = banque("importer", "-", cwd=project, stdin=body)
    assert result.returncode == 1 and "rien n'a été écrit" in result.stderr


def test_correspondent_option_overrides_the_form(project: Path):
    result = banque("importer", str(ISSUES / "minimal.md"), "--correspondant", "Comité de rédaction", cwd=project)
    assert result.returncode == 0
    raw, _ = load(project / "content" / "experiences" / "un-reseau-national-de-parrainage-pour-emploi.md")
    assert raw.data["correspondant"] == "Comité de rédaction"


def test_workflow_imports_safely_and_opens_a_draft():
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    assert flow[True]["issues"]["types"] == ["labeled"]  # YAML 1.1 reads the key « on » as true
    [job] = flow["jobs"].values()
    assert "proposition" in job["if"]
    steps = job["steps"]
    for step in steps:
        if "run" in step:
            assert "github.event.issue" not in step["run"], f"texte du ticket interpolé dans le shell : {step.get('name')}"
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"action non épinglée : {step['uses']}"
    [python] = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["python-version"] == "3.11"
    [pr] = [s for s in steps if s.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert pr["with"]["draft"] is True
    body_env = [s for s in steps if "github.event.issue.body" in str(s.get("env", {}))]
    assert body_env and all("banque importer -" in s["run"] for s in body_env)
    assert any("make" in s.get("run", "") for s in steps)
    assert sum("gh issue comment" in s.get("run", "") for s in steps) >= 2
