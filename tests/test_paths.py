"""Where things are: every path of banque.paths exists, inside this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from banque import paths
from tests.conftest import ROOT

PATHS = {name: value for name, value in vars(paths).items() if name.isupper() and isinstance(value, Path)}


def test_every_path_is_named():
    assert set(PATHS) == {"PROJECT", "SCHEMA", "VOCABULARIES", "TERRITORIES", "TEMPLATES", "THEME", "FRANCE_MAP"}


def test_project_is_this_repository():
    assert paths.PROJECT == ROOT.resolve()
    assert (paths.PROJECT / "pyproject.toml").is_file() and (paths.PROJECT / "content").is_dir()


@pytest.mark.parametrize("name", sorted(PATHS))
def test_path_is_absolute_exists_and_is_inside_the_repository(name: str):
    path = PATHS[name]
    assert path.is_absolute() and path.exists(), path
    assert path.is_relative_to(ROOT.resolve()), path


def test_each_path_holds_what_the_code_reads_there():
    assert (paths.SCHEMA / "regles.yml").is_file()
    assert (paths.VOCABULARIES / "statuts.yml").is_file()
    assert paths.TERRITORIES.is_file() and paths.TERRITORIES.suffix == ".json"
    assert any(paths.TEMPLATES.rglob("*.j2"))
    assert (paths.THEME / "assets").is_dir()


def test_templates_and_theme_belong_to_the_site_wing():
    package = Path(paths.__file__).resolve().parent
    assert paths.TEMPLATES.parent == paths.THEME.parent == package / "site"
