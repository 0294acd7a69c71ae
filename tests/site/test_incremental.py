"""Doing only the work an edit needs: the live preview's caches and the no-op build.

Each cache is checked against the plain computation: with or without it, the
same problems, the same pages, the same site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bench.generate import generate as generate_bank

from banque.sheets.check import ValidationCache, validate
from banque.sheets.problem import problem
from banque.site import incremental, render
from banque.site.build import Layout, generate, mkdocs_settings
from banque.site.settings import SiteConfig
from tests.navigateur import EPOCH, ROOT, run_build


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    generate_bank(30, tmp_path / "content", seed=3)
    return tmp_path / "content"


def first(content: Path, kind: str = "experiences") -> Path:
    return sorted((content / kind).glob("*.md"))[0]


def published(content: Path) -> Path:
    """The first experience on the public site."""
    return next(p for p in sorted((content / "experiences").glob("*.md"))
                if "\nstatut: publiee\n" in p.read_text(encoding="utf-8"))


def set_title(path: Path, title: str) -> None:
    text, count = re.subn(r"^titre: .*$", f'titre: "{title}"', path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def same_result(content: Path, cache: ValidationCache):
    cached_bank, cached = validate([content], content, cache=cache)
    plain_bank, plain = validate([content], content)
    assert cached == plain
    assert [s.slug for s in cached_bank.experiences] == [s.slug for s in plain_bank.experiences]
    assert [s.model for s in cached_bank.outils] == [s.model for s in plain_bank.outils]
    return cached


# -- validation ------------------------------------------------------------------------

def test_cache_checks_again_only_changed_files_and_matches_a_full_validation(bank_dir):
    cache = ValidationCache()
    assert same_result(bank_dir, cache) == []
    assert len(cache.rechecked) == len(list(bank_dir.rglob("*.md")))
    same_result(bank_dir, cache)
    assert cache.rechecked == []

    sheet = first(bank_dir)
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("nature: ", "nature: x", 1), encoding="utf-8")
    problems = same_result(bank_dir, cache)
    assert [p.field for p in problems] == ["nature"] and len(cache.rechecked) == 1


def test_checks_across_files_are_redone_when_only_the_cited_file_changed(bank_dir):
    cache = ValidationCache()
    same_result(bank_dir, cache)
    tool = next(p for p in sorted((bank_dir / "outils").glob("*.md"))
                if any(f"{p.stem}" in e.read_text(encoding="utf-8") for e in (bank_dir / "experiences").glob("*.md")))
    tool.unlink()
    problems = same_result(bank_dir, cache)
    assert problems and all("introuvable dans content/outils/" in p.message for p in problems)
    assert cache.rechecked == []  # no file was read again: only the references were


# -- rendering ---------------------------------------------------------------------------

def rendered(content: Path, memo=None) -> dict:
    bank, _ = validate([content], content)
    cfg = SiteConfig.from_mkdocs(mkdocs_settings(ROOT))
    if memo is not None:
        memo.start()
    files = render.render_all(bank.visible(False), cfg, memo=memo)
    if memo is not None:
        memo.finish()
    return files


def test_memo_renders_again_only_pages_whose_context_changed(bank_dir):
    memo = incremental.RenderMemo()
    first_files = rendered(bank_dir, memo)
    pages = memo.rendered
    assert rendered(bank_dir, memo) == first_files and memo.rendered == 0
    set_title(published(bank_dir), "Un titre tout neuf pour le test")
    files = rendered(bank_dir, memo)
    assert files == rendered(bank_dir)  # what a plain render gives
    assert 0 < memo.rendered < pages / 2


def test_memo_forgets_everything_when_a_template_changes(bank_dir, monkeypatch):
    memo = incremental.RenderMemo()
    rendered(bank_dir, memo)
    pages = memo.rendered
    monkeypatch.setattr(incremental, "_templates_signature", lambda: ("modifié",))
    rendered(bank_dir, memo)
    assert memo.rendered == pages


# -- the preview session -------------------------------------------------------------------

def test_edited_sheet_page_is_written_first_and_its_lists_one_rebuild_later(bank_dir, tmp_path):
    layout = Layout(ROOT, bank_dir, tmp_path / "build")
    session = incremental.Session()
    assert generate(layout, log=lambda *a: None, session=session)
    assert session.held == set()
    sheet = published(bank_dir)
    page = layout.docs / "experiences" / f"{sheet.stem}.md"
    theme = re.search(r"^themes: \[([^,\]]+)", sheet.read_text(encoding="utf-8"), re.M).group(1)
    listing = layout.docs / "themes" / f"{theme}.md"

    set_title(sheet, "Titre de la relecture en direct")
    assert generate(layout, log=lambda *a: None, session=session)
    assert "Titre de la relecture en direct" in page.read_text(encoding="utf-8")
    assert f"themes/{theme}.md" in session.held
    assert "Titre de la relecture en direct" not in listing.read_text(encoding="utf-8")

    assert session.release(layout.docs)
    assert "Titre de la relecture en direct" in listing.read_text(encoding="utf-8")
    assert not session.release(layout.docs)
    # Everything on disk is now what a plain generation writes.
    plain = Layout(ROOT, bank_dir, tmp_path / "plain")
    assert generate(plain, log=lambda *a: None)
    assert {p.relative_to(layout.docs): p.read_bytes() for p in layout.docs.rglob("*") if p.is_file()} == \
        {p.relative_to(plain.docs): p.read_bytes() for p in plain.docs.rglob("*") if p.is_file()}


def test_removed_sheet_page_is_dropped_from_the_served_site(bank_dir, tmp_path):
    layout = Layout(ROOT, bank_dir, tmp_path / "build")
    session = incremental.Session()
    generate(layout, log=lambda *a: None, session=session)
    sheet = published(bank_dir)
    served = tmp_path / "servi" / "experiences" / sheet.stem / "index.html"
    served.parent.mkdir(parents=True)
    served.write_text("ancienne page", encoding="utf-8")
    sheet.unlink()
    generate(layout, log=lambda *a: None, session=session)
    assert session.drop_removed_pages(tmp_path / "servi") == 1
    assert not served.exists() and not served.parent.exists()


# -- `banque construire` with nothing to do -------------------------------------------------

def test_noop_build_keeps_the_site_and_any_change_rebuilds_it(tmp_path):
    generate_bank(8, tmp_path / "content", seed=5)
    content, out = tmp_path / "content", tmp_path / "build"
    first_build = run_build(content, out)
    assert first_build.returncode == 0, first_build.stdout + first_build.stderr
    index = out / "site" / "index.html"
    mtime = index.stat().st_mtime_ns

    again = run_build(content, out)
    assert again.returncode == 0 and "Rien n'a changé depuis la dernière construction" in again.stdout
    assert index.stat().st_mtime_ns == mtime

    sheet = published(content)
    set_title(sheet, "Titre changé avant reconstruction")
    changed = run_build(content, out)
    assert "Site construit dans" in changed.stdout, changed.stdout + changed.stderr
    page = out / "site" / "experiences" / sheet.stem / "index.html"
    assert "Titre changé avant reconstruction" in page.read_text(encoding="utf-8")

    # A site that is not the one recorded (here, a file gone) is rebuilt too.
    shutil.rmtree(out / "site" / "a-propos")
    repaired = run_build(content, out)
    assert "Site construit dans" in repaired.stdout and (out / "site" / "a-propos").is_dir()


def test_fingerprint_covers_pages_code_and_settings(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    base = incremental.fingerprint(docs, ROOT, preview=False, epoch=EPOCH)
    assert incremental.fingerprint(docs, ROOT, preview=False, epoch=EPOCH) == base
    assert incremental.fingerprint(docs, ROOT, preview=True, epoch=EPOCH) != base
    assert incremental.fingerprint(docs, ROOT, preview=False, epoch="1700000000") != base  # another build date
    (docs / "index.md").write_text("# Accueil modifié\n", encoding="utf-8")
    assert incremental.fingerprint(docs, ROOT, preview=False, epoch=EPOCH) != base


# -- Pagefind and the HTML scan side by side ------------------------------------------------

def small_site(folder: Path, body: str) -> Path:
    from banque.site import csp

    page = ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Essai</title></head><body>"
            f"<article data-pagefind-body><h1>Essai</h1><p>Une expérience de partenariat.</p></article>{body}"
            "</body></html>")
    (folder / "recherche").mkdir(parents=True)
    (folder / "recherche" / "index.html").write_text(csp.add_policy(page), encoding="utf-8")
    return folder


def test_page_flagged_while_pagefind_writes_is_judged_again_after(tmp_path, monkeypatch):
    from banque.site import build, html_scan

    site = small_site(tmp_path / "site", '<script src="../pagefind/pagefind-ui.js"></script>')
    real, calls = html_scan.scan_site, []

    def scan(folder, base):
        calls.append((folder / "pagefind" / "pagefind-ui.js").is_file())
        if len(calls) == 1:  # as if the scan reached the page before Pagefind wrote its files
            return [problem("html-script-inconnu", "recherche/index.html", 1, "<script>")]
        return real(folder, base)

    monkeypatch.setattr(html_scan, "scan_site", scan)
    build.index_and_check(site, "/")
    assert calls[1:] == [True]  # scanned again, once Pagefind had written pagefind-ui.js
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_hostile_page_still_fails_the_scan_step(tmp_path):
    from banque.site import build

    site = small_site(tmp_path / "site", "<script>window.__pwned=1</script>")
    with pytest.raises(build.BuildError, match="analyse du HTML"):
        build.index_and_check(site, "/")
