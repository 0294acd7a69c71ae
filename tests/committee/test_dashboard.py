"""`banque tableau-de-bord`: plain data from dashboard.gather, rendered by the command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from banque.committee import dashboard
from tests.conftest import EDITORIAL, banque, check_golden

GOLDEN = EDITORIAL / "tableau-de-bord"
TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize("fmt", ["texte", "markdown"])
def test_dashboard_matches_golden(project: Path, update_golden: bool, fmt: str):
    result = banque("tableau-de-bord", "--aujourdhui", TODAY.isoformat(), "--format", fmt, cwd=project)
    assert result.returncode == 0, result.stderr
    check_golden(GOLDEN / f"tableau-de-bord.{fmt}.attendu", result.stdout, update_golden)


def test_gathered_data(project: Path):
    board = dashboard.gather(project / "content", TODAY, added_on=lambda path: dt.date(2025, 12, 16))
    assert (board.experiences, board.tools) == (4, 2)
    assert board.invalid == [str(project / "content/experiences/fiche-invalide.md")]
    [waiting] = board.in_review
    assert (waiting.sheet.slug, waiting.correspondent, waiting.since, waiting.days) == (
        "cooperation-emploi-vallee", "Bruno Petit", dt.date(2025, 12, 16), 30)
    assert [(d.sheet.slug, d.age_months) for d in board.stale_reviews] == [
        ("atelier-partage-quartiers", 44), ("guide-des-alliances", 31)]
    assert [d.sheet.slug for d in board.old_consents] == ["atelier-partage-quartiers"]
    assert [(c.sheet.slug, c.names) for c in board.consents_to_collect] == [("mobilite-solidaire-bretagne", ("Sam Exemple",))]
    assert [e.slug for e in board.referents_to_identify] == ["cooperation-emploi-vallee"]
    regions = {g.code: g.in_progress for g in board.uncovered_regions}
    assert "44" not in regions and "32" not in regions and len(regions) == 16
    assert regions["84"] == ("cooperation-emploi-vallee",) and regions["53"] == ("mobilite-solidaire-bretagne",)
    assert "975" not in regions  # collectivités d'outre-mer are not on the map
    assert [g.code for g in board.unused_models] == ["cooperation_economique", "innovation_societale"]
    people = {c.name: [e.slug for e in c.sheets] for c in board.by_correspondent}
    assert people["Alice Martin"] == ["atelier-partage-quartiers", "mobilite-solidaire-bretagne", "guide-des-alliances"]
    assert board.by_correspondent[-1].name is None


def test_data_is_plain_for_a_site_page(project: Path):
    board = dashboard.gather(project / "content", TODAY, added_on=lambda path: None)
    data = dataclasses.asdict(board)
    assert json.loads(json.dumps(data, default=str))["in_review"][0]["days"] is None


def test_first_commit_date_is_when_the_file_entered_git(tmp_path: Path):
    """The submission date is the first commit adding the file, not a later edit."""
    repo = tmp_path / "depot"
    repo.mkdir()
    sheet = repo / "fiche.md"

    def commit(message: str, when: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", message],
                       cwd=repo, env=env, check=True)

    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    sheet.write_text("v1", encoding="utf-8")
    subprocess.run(["git", "add", "fiche.md"], cwd=repo, check=True)
    commit("ajout", "2025-03-04T10:00:00")
    sheet.write_text("v2", encoding="utf-8")
    commit("modification", "2025-09-01T10:00:00")
    assert dashboard.first_commit_date(sheet) == dt.date(2025, 3, 4)
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout == ""
    outside = tmp_path / "hors-depot.md"
    outside.write_text("x", encoding="utf-8")
    assert dashboard.first_commit_date(outside) is None


def test_missing_content_folder(tmp_path: Path):
    result = banque("tableau-de-bord", "--contenu", "nulle-part", cwd=tmp_path)
    assert result.returncode == 2 and "introuvable" in result.stderr


def test_bad_date_is_refused_in_french(tmp_path: Path):
    result = banque("tableau-de-bord", "--aujourdhui", "15/01/2026", cwd=tmp_path)
    assert result.returncode == 2 and "AAAA-MM-JJ" in result.stderr


def test_the_real_bank_lists_an_agreement_to_collect_for_every_cited_speaker():
    """The published sheets name 2015 speakers as cited persons: each one is an agreement to collect,
    none is a referent to renew (no agreement was recorded) nor a referent left to identify."""
    from tests.conftest import ROOT

    board = dashboard.gather(ROOT / "content", dt.date(2026, 11, 27), added_on=lambda path: None)
    collect = {c.sheet.slug: c.names for c in board.consents_to_collect}
    assert collect["laveo-structures-insertion"] == ("Laurent Cenne",)
    assert sum(names == ("Jeanne Barseghian",) for names in collect.values()) == 5
    assert sum(names == ("Marie Leclerc-Bruant",) for names in collect.values()) == 3
    assert board.old_consents == []
    assert all(e.slug not in collect for e in board.referents_to_identify)
