"""Publishing is all or nothing, and reproducible.

tests/site/test_site_construction.py already covers a build that fails at the
validation or at the mkdocs step (previous site kept) and two identical
builds. Here: the step that scans the built HTML, and shallow git clones.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
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
    for hook in ("preview", "security"):
        relative = f"scripts/banque/site/hooks/{hook}.py"
        settings = settings.replace(f"  - {relative}", f"  - {PROJECT / relative}", 1)
    assert str(theme) in settings and settings.count(str(PROJECT / "scripts" / "banque" / "site" / "hooks")) == 2
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


# -- publishing: modes, a link, leftovers, and what the system refuses -----------------------------

def _build(build: Path, *extra: str, umask: int | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "banque.cli", "construire", "--sortie", str(build), *extra]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONIOENCODING": "utf-8"},
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def _refused_in_french(result: subprocess.CompletedProcess) -> str:
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out and "Error" not in out, out
    assert "Le site précédent reste en place." in out, out
    return out


@contextlib.contextmanager
def _locked(path: Path):
    """`path` made unwritable for real: immutable (chattr +i) as root, who ignores modes; read-only otherwise."""
    as_root = os.geteuid() == 0
    if as_root:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555)
    try:
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755)


def test_published_site_is_readable_by_another_user_after_cp_a(tmp_path):
    """mkdtemp makes a 700 folder, a umask of 077 makes 600 files: the site is published 755/644 anyway."""
    build = tmp_path / "build"
    result = _build(build, umask=0o077)
    assert result.returncode == 0, result.stdout + result.stderr
    www = Path(tempfile.mkdtemp(prefix="www-", dir="/tmp"))
    try:
        www.chmod(0o755)
        subprocess.run(["cp", "-a", str(build / "site"), str(www / "banque")], check=True)
        paths = [www / "banque", *(www / "banque").rglob("*")]
        modes = {stat.S_IMODE(p.stat().st_mode) for p in paths if p.is_dir()}
        assert modes == {0o755}
        assert {stat.S_IMODE(p.stat().st_mode) for p in paths if p.is_file()} == {0o644}
        if os.geteuid() == 0:  # read it as the web server would, as another user
            reader = subprocess.run(["cat", str(www / "banque" / "index.html"), str(www / "banque" / "pagefind" / "pagefind.js")],
                                    user="nobody", capture_output=True)
            assert reader.returncode == 0 and b"<html" in reader.stdout, reader.stderr
    finally:
        shutil.rmtree(www)


def test_build_site_as_a_link_keeps_the_link_and_cleans_leftovers(previous_build, tmp_path):
    """A deployment links build/site to the served folder: the folder is replaced, the link stays,
    and what killed builds left (build/.site-*, build/site.ancien) is removed."""
    www = tmp_path / "www"
    www.mkdir()
    shutil.move(previous_build / "site", www / "banque")
    (previous_build / "site").symlink_to(www / "banque")
    (www / "banque" / "ancienne-page.html").write_text("ancienne", encoding="utf-8")
    for leftover in (previous_build / ".site-tue", previous_build / "site.ancien", www / ".banque-tue"):
        (leftover / "assets").mkdir(parents=True)
    for _ in range(2):  # the second build too: it used to crash on the folder left in place of the link
        result = _build(previous_build, "--forcer")
        assert result.returncode == 0, result.stdout + result.stderr
        assert (previous_build / "site").is_symlink()
        assert (www / "banque" / "index.html").is_file() and not (www / "banque" / "ancienne-page.html").exists()
        assert sorted(p.name for p in www.iterdir()) == ["banque"]
        assert sorted(p.name for p in previous_build.iterdir()) == [".empreinte-site.json", "docs", "site"]
    assert tree_hashes(www / "banque") == tree_hashes(previous_build / "site")


@pytest.mark.parametrize("locked", ["site", "build"])
def test_an_unwritable_site_or_build_folder_is_refused_in_french(previous_build, locked):
    target = previous_build / "site" if locked == "site" else previous_build
    before = tree_hashes(previous_build / "site")
    with _locked(target):
        out = _refused_in_french(_build(previous_build, "--forcer"))
    assert f"Échec de l'écriture du site dans {previous_build}" in out
    assert "permission refusée" in out and "→ Libérez de la place ou rendez ce dossier modifiable" in out
    assert tree_hashes(previous_build / "site") == before
    assert not list(previous_build.glob(".site-*"))


def test_a_full_disk_is_refused_in_french(previous_build, monkeypatch):
    """ENOSPC while mkdocs writes a page (simulated in this process: the disk is not filled)."""
    from mkdocs import utils as mkdocs_utils

    from banque.site.build import Layout, construire

    def full(content, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

    monkeypatch.setattr(mkdocs_utils, "write_file", full)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    before = tree_hashes(previous_build / "site")
    said: list[str] = []
    assert construire(Layout.default(ROOT, build=previous_build), force=True, log=said.append) == 1
    out = "\n".join(said)
    assert "Échec de l'écriture du site dans" in out and "le disque est plein" in out, out
    assert "Le site précédent reste en place." in out
    assert tree_hashes(previous_build / "site") == before
    assert not list(previous_build.glob(".site-*"))


def test_ctrl_c_during_the_build_keeps_the_previous_site(previous_build):
    before = tree_hashes(previous_build / "site")
    args = [sys.executable, "-m", "banque.cli", "construire", "--forcer", "--sortie", str(previous_build)]
    build = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONIOENCODING": "utf-8"},
                             start_new_session=True)
    assert build.stdout is not None
    first = build.stdout.readline()  # « Pages générées… »: mkdocs is about to run
    assert first.startswith("Pages générées"), first
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's process group
    out = first + build.stdout.read()
    build.wait(timeout=60)
    assert build.returncode == 130, out
    assert "Construction interrompue (Ctrl-C)\u00a0: le site précédent reste en place." in out
    assert "Traceback" not in out, out
    assert tree_hashes(previous_build / "site") == before
    assert not list(previous_build.glob(".site-*"))


def test_a_page_too_deep_for_markdown_names_the_page(tmp_path, monkeypatch):
    """The validator refuses bodies nested too deep; were the limit raised too high, the build
    would still stop in French at the mkdocs step, naming the page (not a RecursionError)."""
    from dataclasses import replace

    from banque.sheets import check
    from banque.site.build import Layout, construire
    from tests.site.hostile.corpus import HOSTILE

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(HOSTILE / "experiences" / "corps-listes-imbriquees.md", content / "experiences")
    lenient = replace(check.policy(), body_depth_max=10_000)
    monkeypatch.setattr(check, "policy", lambda: lenient)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    said: list[str] = []
    assert construire(Layout.default(ROOT, content=content, build=tmp_path / "build"), log=said.append) == 1
    out = "\n".join(said)
    assert "Échec à l'étape « mkdocs build --strict »" in out
    assert "experiences/corps-listes-imbriquees.md" in out, out
    assert not (tmp_path / "build" / "site").exists()
