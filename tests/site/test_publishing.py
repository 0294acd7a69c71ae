"""site/publishing.py: where the new site goes, its modes, the swap, and what killed builds leave."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from banque.site import publishing


def _site(folder: Path, text: str = "ancien") -> Path:
    (folder / "sous").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "sous" / "page.html").write_text(text, encoding="utf-8")
    return folder


def test_destination_is_the_folder_or_the_target_of_the_link(tmp_path):
    assert publishing.destination(tmp_path / "build" / "site") == tmp_path / "build" / "site"
    www = _site(tmp_path / "www" / "banque")
    (tmp_path / "site").symlink_to(www)
    assert publishing.destination(tmp_path / "site") == www.resolve()
    (tmp_path / "casse").symlink_to(tmp_path / "nulle-part")  # a link to a folder still to come
    assert publishing.destination(tmp_path / "casse") == (tmp_path / "nulle-part").resolve()


def test_new_folder_is_hidden_beside_the_destination_and_counted_as_a_leftover(tmp_path):
    dest = tmp_path / "build" / "site"
    new = publishing.new_folder(dest)
    assert new.parent == dest.parent and new.name.startswith(".site-") and new.is_dir()
    assert publishing.leftovers(dest) == [new]
    (tmp_path / "build" / ".autre-chose").mkdir()  # not ours: left alone
    assert publishing.leftovers(dest) == [new]


def test_normal_modes_whatever_the_umask(tmp_path):
    site = _site(tmp_path / "site")
    for path in (site, site / "sous"):
        path.chmod(0o700)
    (site / "index.html").chmod(0o600)
    (site / "lien").symlink_to("/etc/hostname")
    publishing.normal_modes(site)
    modes = {p.relative_to(site).as_posix(): stat.S_IMODE(p.lstat().st_mode) for p in [site, *site.rglob("*")]}
    assert modes.pop("lien") == 0o777  # a link's own mode: left alone, its target untouched
    assert modes == {".": 0o755, "sous": 0o755, "index.html": 0o644, "sous/page.html": 0o644}


def test_swap_replaces_the_site_and_leaves_nothing_aside(tmp_path):
    dest = _site(tmp_path / "site")
    new = _site(tmp_path / ".site-x", "nouveau")
    publishing.swap(new, dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_into_the_target_of_a_link_keeps_the_link(tmp_path):
    www = _site(tmp_path / "www" / "banque")
    link = tmp_path / "build" / "site"
    link.parent.mkdir()
    link.symlink_to(www)
    dest = publishing.destination(link)
    publishing.swap(_site(publishing.new_folder(dest), "nouveau"), dest)
    assert link.is_symlink() and (link / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert sorted(p.name for p in www.parent.iterdir()) == ["banque"]


def test_leftovers_are_removed(tmp_path):
    dest = _site(tmp_path / "site")
    _site(tmp_path / ".site-abc123", "tué pendant mkdocs")
    _site(tmp_path / "site.ancien", "tué pendant l'échange, après coup")
    publishing.clean_leftovers(dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (dest / "index.html").read_text(encoding="utf-8") == "ancien"


def test_a_build_killed_between_the_two_renames_gets_its_site_back(tmp_path):
    _site(tmp_path / "site.ancien", "précédent")
    publishing.clean_leftovers(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "précédent"
    assert not (tmp_path / "site.ancien").exists()


@pytest.mark.parametrize("number, expected", [
    (errno.ENOSPC, "le disque est plein"),
    (errno.EROFS, "le disque est en lecture seule"),
    (errno.EPERM, "permission refusée (dossier protégé, ou marqué immuable par « chattr +i »)"),
    (errno.EIO, "erreur du système\u00a0: Input/output error"),
])
def test_reason_in_french(number, expected):
    assert publishing.reason(OSError(number, os.strerror(number))) == expected
