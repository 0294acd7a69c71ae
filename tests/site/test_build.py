"""Publishing is all or nothing, and reproducible.

tests/site/test_site_construction.py already covers a build that fails at the
validation or at the mkdocs step (previous site kept) and two identical
builds. Here: the step that scans the built HTML, and shallow git clones.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from banque.paths import PROJECT
from banque.site.build_date import shallow_clone
from tests.navigateur import CONTENT, EPOCH, ROOT, tree_hashes


def _project_with(tmp_path: Path, *, mkdocs_extra: str = "", theme_script: str = "") -> Path:
    """A project folder whose mkdocs.yml (and theme) differ from the repository's by one line.

    Content, hooks and the rest of the theme are the repository's: only the
    added line can make the build fail.
    """
    root = tmp_path / "projet"
    root.mkdir()
    theme = PROJECT / "scripts" / "banque" / "site" / "theme"
    if theme_script:
        theme = shutil.copytree(theme, root / "theme")
        main = theme / "main.html"
        text = main.read_text(encoding="utf-8")
        main.write_text(text.replace("{% block scripts %}\n  {{ super() }}",
                                     "{% block scripts %}\n  {{ super() }}\n  " + theme_script, 1), encoding="utf-8")
        assert theme_script in main.read_text(encoding="utf-8")
    settings = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("custom_dir: scripts/banque/site/theme", f"custom_dir: {theme}", 1)
    hooks = re.findall(r"^  - (scripts/banque/site/hooks/\w+\.py)$", settings, re.M)
    for relative in hooks:
        settings = settings.replace(f"  - {relative}", f"  - {PROJECT / relative}", 1)
    assert str(theme) in settings and settings.count(str(PROJECT / "scripts" / "banque" / "site" / "hooks")) == len(hooks) >= 3
    (root / "mkdocs.yml").write_text(settings + mkdocs_extra, encoding="utf-8")
    return root


def _construire(cwd: Path, content: Path, build: Path, env: dict) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "banque.cli", "construire", "--contenu", str(content), "--sortie", str(build)]
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**env, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("change, expected", [
    # Someone adds a third-party script (an audience counter) to the settings.
    ({"mkdocs_extra": "\nextra_javascript:\n  - https://compteur.example/stats.js\n"},
     "<script src=\"https://compteur.example/stats.js\"> : script chargé depuis un autre site"),
    # Someone adds an inline script to a copy of the theme.
    ({"theme_script": "<script>window.__pwned=1</script>"},
     "script intégré inconnu (« window.__pwned=1 »)"),
], ids=["script-externe", "script-integre"])
def test_failure_at_html_scan_names_the_step_and_keeps_previous_site(previous_build, tmp_path, change, expected):
    site_before = tree_hashes(previous_build / "site")
    root = _project_with(tmp_path, **change)
    result = _construire(root, CONTENT, previous_build, {**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Échec à l'étape « analyse du HTML »" in out
    assert expected in out
    assert "index.html, ligne " in out  # the report names the file and the line
    assert "Le site précédent reste en place." in out
    assert tree_hashes(previous_build / "site") == site_before
    assert not list(previous_build.glob(".site-*")), "dossier temporaire laissé en place"


def test_project_copy_without_change_builds(tmp_path):
    """The copied settings themselves are sound: the failures above come from the change."""
    root = _project_with(tmp_path)
    result = _construire(root, CONTENT, tmp_path / "build", {**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "build" / "site" / "index.html").is_file()


# -- shallow clones ------------------------------------------------------------------------------

def _git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def shallow(tmp_path_factory) -> Path:
    """`git clone --depth 1` of this repository (its last commit only)."""
    dest = tmp_path_factory.mktemp("clone") / "superficiel"
    _git("clone", "--quiet", "--depth", "1", ROOT.resolve().as_uri(), str(dest))
    assert _git("rev-parse", "--is-shallow-repository", cwd=dest).strip() == "true"
    return dest


def _without_epoch() -> dict:
    return {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}


def test_shallow_clone_is_detected(shallow, tmp_path):
    assert shallow_clone(shallow)
    full = tmp_path / "complet"
    _git("clone", "--quiet", ROOT.resolve().as_uri(), str(full))
    assert not shallow_clone(full)
    assert not shallow_clone(tmp_path)  # not a git repository at all


def test_build_refuses_a_shallow_clone(shallow):
    result = _construire(shallow, shallow / "content", shallow / "build", _without_epoch())
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Construction refusée : ce dépôt est un clone superficiel" in out
    assert "git fetch --unshallow" in out and "SOURCE_DATE_EPOCH" in out
    assert not (shallow / "build").exists(), "rien ne doit être écrit"


def test_explicit_source_date_epoch_allows_a_shallow_clone(shallow, tmp_path):
    """With the build date given, the clone's history no longer matters: the build goes on
    (here to the validation, which refuses an invalid sheet, so nothing long runs)."""
    content = tmp_path / "content"
    (content / "experiences").mkdir(parents=True)
    (content / "outils").mkdir()
    (content / "experiences" / "invalide.md").write_text("pas d'en-tête\n", encoding="utf-8")
    result = _construire(shallow, content, tmp_path / "build", {**_without_epoch(), "SOURCE_DATE_EPOCH": EPOCH})
    out = result.stdout + result.stderr
    assert "clone superficiel" not in out
    assert "la fiche ne commence pas par « --- »" in out
    assert result.returncode == 1
