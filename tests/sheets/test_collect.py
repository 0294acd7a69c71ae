"""Which files a command works on: each sheet once, in a stable order, shown relative to the current folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from banque.sheets.collect import Resolver, collect, collect_resolved, display_path


def _bank(root: Path) -> Path:
    for name in ("experiences/b.md", "experiences/a.md", "outils/t.md", "notes/ailleurs.md", "experiences/lisez.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("---\n---\n", encoding="utf-8")
    return root


def test_a_folder_gives_its_sheets_in_order_and_what_looks_like_one(tmp_path: Path):
    """A Markdown file out of place or misnamed comes too: the reader says why it is no sheet."""
    root = _bank(tmp_path / "content")
    for name in ("experiences/c.MD", "experiences/d.markdown", "experiences/sous/x.md", "x.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("---\n---\n", encoding="utf-8")
    assert collect([root]) == [root / "experiences/a.md", root / "experiences/b.md", root / "experiences/c.MD",
                               root / "experiences/d.markdown", root / "experiences/sous/x.md",
                               root / "notes/ailleurs.md", root / "outils/t.md", root / "x.md"]


def test_a_file_named_twice_is_kept_once_at_its_first_mention(tmp_path: Path):
    root = _bank(tmp_path / "content")
    named = root / "outils" / "t.md"
    assert collect([named, root]) == [named, root / "experiences/a.md", root / "experiences/b.md",
                                      root / "notes/ailleurs.md"]
    # A path given by hand is taken as is, whatever its folder: the loader reports a stray file.
    stray = root / "notes" / "ailleurs.md"
    assert collect([stray, stray]) == [stray]


def test_a_symbolic_link_is_kept_as_itself_for_the_reader_to_refuse(tmp_path: Path):
    """Not merged with the sheet it points to: it would vanish from the report instead of being refused."""
    root = _bank(tmp_path / "content")
    link = root / "experiences" / "lien.md"
    link.symlink_to(root / "experiences" / "a.md")
    found = collect_resolved([root], Resolver())
    assert [f for f, _ in found][:3] == [root / "experiences/a.md", root / "experiences/b.md", link]
    assert found[2][1] == link.parent.resolve() / "lien.md"


def test_a_folder_reached_through_a_link_is_resolved(tmp_path: Path):
    root = _bank(tmp_path / "content")
    (tmp_path / "raccourci").symlink_to(root / "experiences")
    assert Resolver()(tmp_path / "raccourci" / "a.md") == (root / "experiences" / "a.md").resolve()


@pytest.mark.parametrize("name", ["experiences/a.md", "experiences/../outils/t.md", "..", "experiences/"])
def test_the_resolver_agrees_with_path_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    root = _bank(tmp_path / "content")
    monkeypatch.chdir(root)
    assert Resolver()(Path(name)) == Path(name).resolve()


def test_paths_are_shown_from_the_current_folder_or_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _bank(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    assert display_path(root / "experiences" / "a.md") == os.path.join("content", "experiences", "a.md")
    assert display_path(Path("content/outils/t.md")) == "content/outils/t.md"
    outside = tmp_path.parent / "ailleurs.md"
    assert display_path(outside) == str(outside)
    assert display_path(Path("x.md"), resolved=root / "x.md", cwd=root) == "x.md"
