"""Example sheets under tests/sheets/exemples/, picked up automatically.

- positifs/: every sheet must validate.
- negatifs/: every sheet must fail, with exactly the messages stored in the
  `.attendu` file next to it (`pytest --maj-attendus` rewrites them).
The sheets are checked against the small bank in contexte/ (one tool, one
experience) for references and duplicate slugs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from banque.sheets.check import validate
from tests.conftest import EXAMPLES

CONTEXT = EXAMPLES / "contexte"
POSITIVE = sorted((EXAMPLES / "positifs").rglob("*.md"))
NEGATIVE = sorted((EXAMPLES / "negatifs").rglob("*.md"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def render(problems) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.line}: {p.field}: {p.message}")
        if p.hint:
            lines.append(f"    → {p.hint}")
    return "\n".join(lines) + "\n"


def test_examples_exist():
    assert len(POSITIVE) >= 2 and len(NEGATIVE) >= 15


@pytest.mark.parametrize("path", POSITIVE, ids=_id)
def test_positive_example_validates(path: Path):
    bank, problems = validate([path], CONTEXT)
    assert problems == [], render(problems)
    assert len(bank.experiences) + len(bank.outils) == 1


@pytest.mark.parametrize("path", NEGATIVE, ids=_id)
def test_negative_example_reports_expected_problems(path: Path, update_golden: bool):
    bank, problems = validate([path], CONTEXT)
    assert problems, "une fiche invalide doit être refusée"
    assert all(p.path.endswith(path.name) for p in problems)
    golden = path.with_suffix(".attendu")
    actual = render(problems)
    if update_golden or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden.name} créé : relisez-le puis relancez les tests")
    assert actual == golden.read_text(encoding="utf-8")
