"""No placeholder goes live (site/placeholders.py): mkdocs.yml's example values
are named in a warning by a local build and refused by `banque construire
--publication`, the Pages workflow's build."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import yaml

from banque.sheets.problem import ERROR, WARNING
from banque.site import placeholders
from banque.site.build import Layout, mkdocs_settings, placeholders_checked
from tests.navigateur import ROOT, BuiltSite

SETTINGS = ["extra.banque.comite_courriel", "site_url", "repo_url", "extra.banque.edition_url"]
REAL = {
    "site_url": "https://comite-alliances.github.io/banque/",
    "repo_url": "https://github.com/comite-alliances/banque",
    "extra": {"banque": {"comite_courriel": "comite@alliances-territoires.fr",
                         "edition_url": "https://github.com/comite-alliances/banque/edit/main/"}},
}


def test_the_repository_s_example_values_are_each_named():
    found = placeholders.placeholders(mkdocs_settings(ROOT))
    assert [p.field for p in found] == SETTINGS
    assert all(p.code == "reglage-exemple" and p.severity == WARNING and p.path == "mkdocs.yml" for p in found)
    assert "comite-redaction@alliances-territoires.example" in found[0].message


def test_real_values_pass():
    assert placeholders.placeholders(REAL) == []


def test_one_example_value_left_is_found():
    settings = copy.deepcopy(REAL)
    settings["extra"]["banque"]["edition_url"] = "https://github.com/banque-alliances/banque-experiences/edit/main/"
    assert [p.field for p in placeholders.placeholders(settings)] == ["extra.banque.edition_url"]


def test_the_refusal_names_the_settings():
    refused = placeholders.refusal(placeholders.placeholders(mkdocs_settings(ROOT)))
    assert refused.severity == ERROR and all(s in refused.message for s in SETTINGS)


def _root_with(tmp_path: Path, settings: dict) -> Layout:
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return Layout.default(tmp_path)


def test_a_local_build_only_warns_a_publication_refuses(tmp_path):
    layout = _root_with(tmp_path, mkdocs_settings(ROOT))
    said: list[str] = []
    assert placeholders_checked(layout, False, said.append)
    assert len(said) == 4 and all(s.startswith("Attention : mkdocs.yml : le réglage") for s in said)
    said.clear()
    assert not placeholders_checked(layout, True, said.append)
    assert said[-1].startswith("Publication refusée : 4 réglage(s)")


def test_a_publication_with_real_values_goes_on(tmp_path):
    said: list[str] = []
    assert placeholders_checked(_root_with(tmp_path, REAL), True, said.append) and said == []


def test_the_real_build_prints_the_warnings(real_site: BuiltSite):
    for setting in SETTINGS:
        assert f"le réglage « {setting} » a encore sa valeur d'exemple" in real_site.log


def test_banque_construire_publication_refuses_and_builds_nothing(tmp_path):
    result = subprocess.run([sys.executable, "-m", "banque.cli", "construire", "--publication", "--sortie", str(tmp_path / "b")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Publication refusée" in result.stdout and "Traceback" not in result.stderr
    for setting in SETTINGS:
        assert setting in result.stdout
    assert not (tmp_path / "b" / "site").exists()
