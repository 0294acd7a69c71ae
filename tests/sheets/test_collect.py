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


def test_a_folder_gives_its_sheets_in_order_and_nothing_else(tmp_path: Path):
    root = _bank(tmp_path / "content")
    assert collect([root]) == [root / "experiences/a.md", root / "experiences/b.md", root / "outils/t.md"]


def test_a_file_named_twice_is_kept_once_at_its_first_mention(tmp_path: Path):
    root = _bank(tmp_path / "content")
    named = root / "outils" / "t.md"
    assert collect([named, root]) == [named, root / "experiences/a.md", root / "experiences/b.md"]
    # A path given by hand is taken as is, whatever its folder: the loader reports a stray file.
    stray = root / "notes" / "ailleurs.md"
    assert collect([stray, stray]) == [stray]


def test_a_symbolic_link_is_the_file_it_points_to(tmp_path: Path):
    root = _bank(tmp_path / "content")
    link = tmp_path / "lien.md"
    link.symlink_to(root / "experiences" / "a.md")
    found = collect_resolved([link, root], Resolver())
    assert [f for f, _ in found] == [link, root / "experiences/b.md", root / "outils/t.md"]
    assert found[0][1] == (root / "experiences" / "a.md").resolve()


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
