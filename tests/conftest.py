"""Shared test settings: the golden-file update flag and project paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "exemples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--maj-attendus",
        action="store_true",
        help="réécrire les fichiers .attendu (sorties attendues) au lieu de les comparer",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--maj-attendus"))
