"""Putting a built site in place (the last step of `banque construire`).

The new site is built beside the one it replaces, in a hidden folder of the
same parent (`build/.site-…`), then swapped in with two renames. Here:

- where that is: `build/site` itself, or, when `build/site` is a symbolic link
  (a common deployment set-up), the folder it points to; the link is kept;
- the modes of the new site (folders 755, files 644), whatever the umask and
  `mkdtemp`'s 700: a web server running as another user reads a copy;
- what a killed build left behind, cleaned at the next build;
- the swap itself, with Ctrl-C held during the two renames;
- a French word for the system errors a build may meet (disk full…).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from banque.sheets.problem import fragment

OLD_SUFFIX = ".ancien"
DIR_MODE = 0o755
FILE_MODE = 0o644


def destination(site: Path) -> Path:
    """The folder a build replaces: `site`, or the folder its symbolic link points to."""
    return Path(os.path.realpath(site)) if site.is_symlink() else site


def _prefix(dest: Path) -> str:
    return f".{dest.name}-"  # build/.site-…: hidden, and named after the site it would become


def leftovers(dest: Path) -> list[Path]:
    """The temporary folders of killed builds beside `dest`."""
    if not dest.parent.is_dir():
        return []
    return sorted(p for p in dest.parent.glob(_prefix(dest) + "*") if p.is_dir() and not p.is_symlink())


def clean_leftovers(dest: Path) -> None:
    """Remove what killed builds left beside `dest`.

    `dest.ancien` is the previous site moved aside by a swap: when `dest` is
    missing, the build was killed between the two renames, and it is put back."""
    old = dest.with_name(dest.name + OLD_SUFFIX)
    if old.is_dir() and not old.is_symlink():
        if os.path.lexists(dest):
            shutil.rmtree(old)
        else:
            old.rename(dest)
    for folder in leftovers(dest):
        shutil.rmtree(folder)


def new_folder(dest: Path) -> Path:
    """An empty hidden folder beside `dest`, on the same file system (a rename, not a copy)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_prefix(dest), dir=dest.parent))


def normal_modes(folder: Path) -> None:
    """Folders 755 and files 644 under `folder` (links are left alone)."""
    os.chmod(folder, DIR_MODE)
    for root, dirs, files in os.walk(folder):
        for names, mode in ((dirs, DIR_MODE), (files, FILE_MODE)):
            for name in names:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, mode)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is over (where the system allows it)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def swap(new: Path, dest: Path) -> None:
    """Put `new` in place of `dest`: the old site moves aside only once the new one is complete."""
    old = dest.with_name(dest.name + OLD_SUFFIX)
    if old.exists():
        shutil.rmtree(old)
    with _signals_held():  # never between the two renames: there would be no site at all
        if dest.exists():
            dest.rename(old)
        new.rename(dest)
    if old.exists():
        shutil.rmtree(old)


_REASONS = {
    errno.ENOSPC: "raison-disque-plein",
    errno.EDQUOT: "raison-disque-plein",
    errno.EROFS: "raison-lecture-seule",
    errno.EACCES: "raison-permission",
    errno.EPERM: "raison-permission",
}


def reason(exc: OSError) -> str:
    """What went wrong, in French (the system's own words when there is no better)."""
    name = _REASONS.get(exc.errno or 0)
    return fragment(name) if name else fragment("raison-systeme", detail=exc.strerror or type(exc).__name__)
