"""Rendering the bank into the docs folder (site/render.py): every generated
file, and writing only what changed. The built site is checked in
test_site_construction.py; the preview's memo in test_incremental.py."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from banque.site import explorer, exports, form_schema, open_data, render
from banque.site.pages import Page, pages


def test_a_page_is_its_template_rendered_with_its_context_and_its_path():
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.md.j2": "{{ here }} : {{ titre }}"}))
    assert render.render_page(env, Page("a/b.md", "t.md.j2", {"titre": "Titre"})) == "a/b.md : Titre"


def test_every_page_and_data_file_is_generated(site_bank, site_cfg):
    bank = site_bank.visible()
    files = render.render_all(bank, site_cfg)
    expected = {p.path for p in pages(bank, site_cfg)} | set(exports.render(bank, site_cfg)) | set(explorer.files(bank))
    expected |= set(open_data.render(bank, site_cfg))
    assert set(files) == expected | {form_schema.TERRITORIES_FILE}
    assert files[form_schema.TERRITORIES_FILE] == form_schema.territory_list()
    assert all(isinstance(v, str) for k, v in files.items() if k.endswith(".md"))
    page = files["experiences/fiche-exemplaire.md"]
    assert "Des achats responsables entre entreprises" in page
    assert "experiences/mobilite-solidaire-bretagne.md" not in files  # a draft: not in the visible bank


def test_extra_pages_are_added_as_given(site_bank, site_cfg):
    files = render.render_all(site_bank.visible(), site_cfg, extra={"tableau-de-bord.md": "# Tableau\n"})
    assert files["tableau-de-bord.md"] == "# Tableau\n"


class Memo:
    """Stands for incremental.RenderMemo: answers each page, and records it."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def render(self, env: jinja2.Environment, page: Page) -> str:
        self.asked.append(page.path)
        return "mémorisée"


def test_a_memo_renders_the_pages_instead(site_bank, site_cfg):
    bank = site_bank.visible()
    memo = Memo()
    files = render.render_all(bank, site_cfg, memo=memo)
    assert memo.asked == [p.path for p in pages(bank, site_cfg)]
    assert {files[path] for path in memo.asked} == {"mémorisée"}
    assert files["flux.xml"] != "mémorisée"  # data files are not pages


def test_only_changed_files_are_written(tmp_path: Path):
    docs = tmp_path / "docs"
    files: dict[str, str | bytes] = {"index.md": "Accueil", "a/b.md": "B", "donnees/x.gz": b"\x1f\x8b"}
    assert render.write_changed(files, docs) == (3, 0)
    assert (docs / "a" / "b.md").read_text(encoding="utf-8") == "B" and (docs / "donnees" / "x.gz").read_bytes() == b"\x1f\x8b"
    old = 1_000_000_000
    for path in docs.rglob("*.*"):
        os.utime(path, (old, old))
    assert render.write_changed({**files, "a/b.md": "B modifiée"}, docs) == (1, 0)
    assert (docs / "a" / "b.md").read_text(encoding="utf-8") == "B modifiée"
    assert {p.name for p in docs.rglob("*.*") if p.stat().st_mtime == old} == {"index.md", "x.gz"}  # untouched


def test_files_no_longer_generated_are_removed_with_their_empty_folders(tmp_path: Path):
    docs = tmp_path / "docs"
    render.write_changed({"index.md": "Accueil", "experiences/a.md": "A", "outils/t.md": "T", "outils/u.md": "U"}, docs)
    assert render.write_changed({"index.md": "Accueil", "outils/t.md": "T"}, docs) == (0, 2)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["index.md", "outils", "outils/t.md"]


def test_held_files_are_left_as_they_are(tmp_path: Path):
    docs = tmp_path / "docs"
    render.write_changed({"index.md": "Accueil", "liste.md": "ancienne"}, docs)
    files = {"index.md": "Accueil v2", "liste.md": "nouvelle", "neuve.md": "N"}
    assert render.write_changed(files, docs, hold={"liste.md", "neuve.md"}) == (1, 0)
    assert (docs / "liste.md").read_text(encoding="utf-8") == "ancienne"  # kept, not removed
    assert not (docs / "neuve.md").exists()
    assert render.write_changed(files, docs) == (2, 0)  # written once no longer held
