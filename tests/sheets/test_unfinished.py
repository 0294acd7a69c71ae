"""A published sheet still holding « À compléter » is refused by the validator."""

from __future__ import annotations

from pathlib import Path

from banque.sheets.check import validate
from banque.sheets.load import load
from banque.sheets.policy import policy
from banque.sheets.unfinished import unfinished_lines, unfinished_problems

EXAMPLE = Path(__file__).parent / "exemples" / "positifs" / "experiences" / "fiche-complete.md"
MARK = policy().unfinished


def _sheet(tmp_path: Path, replace: dict[str, str]) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "content" / "experiences" / "fiche-complete.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_published_sheet_with_the_placeholder_is_refused_with_its_lines(tmp_path: Path):
    path = _sheet(tmp_path, {"\n## Contexte\n\n": f"\n## Contexte\n\n{MARK} : le contexte.\n\n"})
    raw, _ = load(path)
    assert raw is not None and raw.data["statut"] == policy().status.published
    [found] = unfinished_problems(raw)
    assert found.code == "publiee-a-completer" and found.field == "statut"
    assert found.line == unfinished_lines(raw)[0] and MARK in found.message
    _, problems = validate([path])
    assert "publiee-a-completer" in [p.code for p in problems]


def test_a_draft_may_hold_it_and_a_comment_never_counts(tmp_path: Path):
    path = _sheet(tmp_path, {f"statut: {policy().status.published}": f"statut: {policy().status.draft}",
                             "\n## Contexte\n\n": f"\n## Contexte\n\n{MARK}\n\n"})
    raw, _ = load(path)
    assert raw is not None and unfinished_problems(raw) == [] and unfinished_lines(raw)
    commented = _sheet(tmp_path / "b", {"\nslug:": f"\n# {MARK} : un commentaire du modèle\nslug:"})
    raw, _ = load(commented)
    assert raw is not None and unfinished_lines(raw) == [] and unfinished_problems(raw) == []
