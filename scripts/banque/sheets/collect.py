"""Which files a command works on, and how their paths are shown.

`banque valider content/ une-fiche.md` may name a sheet twice, through a folder
and by its own path: each file is checked once, known by its resolved path,
and shown relative to the current folder.

A symbolic link to a sheet is not that sheet: it is kept as itself, and the
reader refuses it (sheets/load.py). A folder also yields the files that look
like sheets but would not be published (« fiche.MD », « fiche.markdown », a
sheet in a sub-folder or at the root of content/): the reader says why,
instead of leaving them out in silence.
"""

from __future__ import annotations

from pathlib import Path

# What an editor may have meant as a sheet; only « .md » is one.
SHEET_SUFFIXES = frozenset((".md", ".markdown", ".mdown", ".mkd"))


class Resolver:
    """`Path.resolve()` with each folder resolved once: resolving every file
    from scratch costs one system call per path component."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        """The path with its folders resolved; the last part is kept even if it is a link."""
        if path.name in ("", ".."):
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
            files.extend(sorted((p for p in path.rglob("*") if p.suffix.lower() in SHEET_SUFFIXES), key=lambda p: p.parts))
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
