"""`banque relire`: the committee's report, in text and as a pull-request comment."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from banque.committee.dates import years_before
from banque.committee.review import review
from banque.sheets.policy import policy
from tests.conftest import EDITORIAL, ROOT, banque, check_golden

GOLDEN = EDITORIAL / "relire"
TODAY = "2026-01-15"


@pytest.mark.parametrize(
    ("slug", "fmt", "code"),
    [
        ("atelier-partage-quartiers", "texte", 0),
        ("atelier-partage-quartiers", "markdown", 0),
        ("fiche-exemplaire", "texte", 0),
        ("fiche-invalide", "texte", 1),
        ("fiche-invalide", "markdown", 1),
        ("cooperation-emploi-vallee", "texte", 0),
        ("mobilite-solidaire-bretagne", "texte", 0),
    ],
)
def test_report_matches_golden(project: Path, update_golden: bool, slug: str, fmt: str, code: int):
    result = banque("relire", f"content/experiences/{slug}.md", "--format", fmt, "--aujourdhui", TODAY, cwd=project)
    assert result.returncode == code, result.stderr
    check_golden(GOLDEN / f"{slug}.{fmt}.attendu", result.stdout, update_golden)


def test_warnings_cover_the_committee_concerns(project: Path):
    report = review(project / "content/experiences/atelier-partage-quartiers.md", project / "content", dt.date(2026, 1, 15))
    assert report.errors == []
    fields = {p.field for p in report.warnings}
    assert {"resume", "indicateurs", "referent.consentement.date", "relecture.date", "outils", "jargon"} <= fields
    assert {"corps.Contexte"} == {f for f in fields if f.startswith("corps.")}
    jargon = [p.message for p in report.warnings if p.field == "jargon"]
    assert jargon == ["sigle « PTCE » jamais développé"]  # SIAE is spelled out, « (SIAE) »
    assert all(p.severity == "avertissement" and p.line > 0 for p in report.warnings if p.field != "indicateurs")


def test_exemplary_sheet_has_no_warning(project: Path):
    report = review(project / "content/experiences/fiche-exemplaire.md", project / "content", dt.date(2026, 1, 15))
    assert report.errors == [] and report.warnings == []


def test_dates_are_relative_to_today(project: Path):
    path = project / "content/experiences/atelier-partage-quartiers.md"
    early = review(path, project / "content", dt.date(2022, 3, 1))
    assert not {"relecture.date", "referent.consentement.date"} & {p.field for p in early.warnings}
    limit = years_before(dt.date(2022, 5, 1), -policy().review_months // 12)
    assert "relecture.date" not in {p.field for p in review(path, project / "content", limit).warnings}
    assert "relecture.date" in {p.field for p in review(path, project / "content", limit + dt.timedelta(days=31)).warnings}


def test_new_sheet_is_flagged_until_completed(project: Path):
    assert banque("nouvelle-fiche", "Une expérience toute neuve", cwd=project).returncode == 0
    result = banque("relire", "content/experiences/une-experience-toute-neuve.md", "--aujourdhui", TODAY, cwd=project)
    assert result.returncode == 0
    assert "texte provisoire « À compléter » encore présent" in result.stdout
    assert "référent « à identifier »" in result.stdout


def test_markdown_escapes_sheet_text(tmp_path: Path):
    folder = tmp_path / "content" / "experiences"
    folder.mkdir(parents=True)
    shutil.copy(EDITORIAL / "banque/experiences/cooperation-emploi-vallee.md", folder / "cooperation-emploi-vallee.md")
    path = folder / "cooperation-emploi-vallee.md"
    path.write_text(path.read_text(encoding="utf-8").replace("titre: Une coopération pour l'emploi dans la vallée", 'titre: "@comite *gras* [lien](x)"'), encoding="utf-8")
    result = banque("relire", str(path), "--format", "markdown", "--contenu", str(tmp_path / "content"), cwd=tmp_path)
    assert "\\@comite \\*gras\\* \\[lien\\](x)" in result.stdout


def test_missing_file(tmp_path: Path):
    result = banque("relire", "absente.md", cwd=tmp_path)
    assert result.returncode == 2 and "introuvable" in result.stderr


def test_pull_request_template_has_the_committee_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ]")]
    for topic in ("Format homogène", "Référent identifié et consentement", "Sources citées", "Territoire et thèmes", "Relecture"):
        assert any(topic in box for box in boxes), topic
