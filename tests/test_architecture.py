"""The house's layout, checked: small modules, and a test file for every
module (tests/ mirrors scripts/banque/). The wings' dependencies are checked
by test_import_graph.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "banque"
JAVASCRIPT = PACKAGE / "site" / "theme" / "assets" / "javascripts"
MAX_PYTHON_LINES = 300
MAX_JAVASCRIPT_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_python_modules_are_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PYTHON_LINES, f"{path.name} : {lines} lignes (au plus {MAX_PYTHON_LINES})"


@pytest.mark.parametrize("path", sorted(JAVASCRIPT.rglob("*.js")), ids=lambda p: str(p.relative_to(JAVASCRIPT)))
def test_javascript_files_are_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_JAVASCRIPT_LINES, f"{path.name} : {lines} lignes (au plus {MAX_JAVASCRIPT_LINES})"


def mirror_of(path: Path) -> Path:
    """tests/<wing>/test_<module>.py for scripts/banque/<wing>/<module>.py; a
    package's __init__.py is tested by tests/<package>/test_<package>.py."""
    rel = path.relative_to(PACKAGE)
    if rel.name == "__init__.py":
        return ROOT / "tests" / rel.parent / f"test_{rel.parent.name}.py"
    return ROOT / "tests" / rel.parent / f"test_{rel.stem}.py"


def has_code(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return path.name != "__main__.py" and bool(body)


def test_every_module_has_its_test_file() -> None:
    missing = [f"{mirror_of(p).relative_to(ROOT)} (pour {p.relative_to(ROOT)})" for p in modules()
               if has_code(p) and not mirror_of(p).exists()]
    assert not missing, "modules sans fichier de test :\n" + "\n".join(missing)


def test_the_mirror_rule_is_the_one_described() -> None:
    assert mirror_of(PACKAGE / "sheets" / "load.py") == ROOT / "tests" / "sheets" / "test_load.py"
    assert mirror_of(PACKAGE / "cli" / "__init__.py") == ROOT / "tests" / "cli" / "test_cli.py"
    assert not has_code(PACKAGE / "sheets" / "__init__.py")
