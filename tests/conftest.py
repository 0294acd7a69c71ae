"""Shared test settings: the golden-file update flag and project paths."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Shared fixtures (browser, built sites, hostile corpus), found by name in every test.
pytest_plugins = ["tests.navigateur", "tests.site.hostile.corpus"]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "sheets" / "exemples"
EDITORIAL = ROOT / "tests" / "committee" / "editorial"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--maj-attendus",
        action="store_true",
        help="réécrire les fichiers .attendu (sorties attendues) au lieu de les comparer",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--maj-attendus"))


def banque(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the `banque` command as editors do: a real process, real exit code, UTF-8 output."""
    result = subprocess.run(
        [sys.executable, "-m", "banque.cli", *args], cwd=cwd, capture_output=True, input=stdin,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    result.stdout, result.stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    return result


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare with a golden file; `--maj-attendus` rewrites it, a missing one fails once."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{path.name} créé : relisez-le puis relancez les tests")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small editorial test bank as ./content (outside any git
    repository), so nothing is ever written into the real content."""
    shutil.copytree(EDITORIAL / "banque", tmp_path / "content")
    return tmp_path
