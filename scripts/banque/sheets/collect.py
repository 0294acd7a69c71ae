"""Which files a command works on, and how their paths are shown.

`banque valider content/ une-fiche.md` may name a sheet twice, through a folder
and by its own path, or through a symbolic link: each file is checked once,
known by its resolved path, and shown relative to the current folder.
"""

from __future__ import annotations

from pathlib import Path

from banque.sheets.models import KINDS


class Resolver:
    """`Path.resolve()` with each folder resolved once: resolving every file
    from scratch costs one system call per path component."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        if path.name in ("", "..") or path.is_symlink():
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name


def collect_resolved(paths: list[Path], resolve: Resolver) -> list[tuple[Path, Path]]:
    """The sheet files under `paths`, each once, with its resolved path."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # key=parts: the same order as sorting Paths, without Path.__lt__ for each comparison.
            files.extend(p for p in sorted(path.rglob("*.md"), key=lambda p: p.parts) if p.parent.name in KINDS)
        else:
            files.append(path)
    seen, unique = set(), []
    for f in files:
        key = resolve(f)
        if key not in seen:
            seen.add(key)
            unique.append((f, key))
    return unique


def collect(paths: list[Path]) -> list[Path]:
    return [f for f, _ in collect_resolved(paths, Resolver())]


def display_path(path: Path, resolved: Path | None = None, cwd: Path | None = None) -> str:
    try:
        return str((resolved or path.resolve()).relative_to(cwd or Path.cwd().resolve()))
    except ValueError:
        return str(path)
