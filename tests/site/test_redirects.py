"""The pages left at former addresses (site/redirects.py)."""

from __future__ import annotations

from banque.site import html_scan, redirects
from banque.site.explorer import term_page


def test_model_ids_with_underscores_moved_to_hyphens_and_nothing_else_moved():
    found = redirects.moved()
    assert found["modeles/pratiques_responsables"] == ("modeles/pratiques-responsables", "Pratiques responsables")
    for old, (new, _) in found.items():
        assert "_" in old and "_" not in new, (old, new)
        assert term_page(old.split("/")[0], old.split("/")[1]) == new + ".md"


def test_redirect_page_is_french_relative_and_passes_the_html_scan(tmp_path):
    written = redirects.write(tmp_path, "Banque d'expériences")
    page = tmp_path / "modeles" / "pratiques_responsables" / "index.html"
    assert page in written
    text = page.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Page déplacée" in text
    # Relative: the same page works at the root and under a sub-path.
    assert 'content="0; url=../../modeles/pratiques-responsables/"' in text
    assert 'href="../../modeles/pratiques-responsables/">aller à la page «\u00a0Pratiques responsables\u00a0»</a>' in text
    assert "<script" not in text
    assert html_scan.scan_page(page, tmp_path, "/") == []


def test_an_address_a_page_uses_again_is_left_alone(tmp_path):
    taken = tmp_path / "modeles" / "pratiques_responsables" / "index.html"
    taken.parent.mkdir(parents=True)
    taken.write_text("page du site", encoding="utf-8")
    written = redirects.write(tmp_path, "Banque")
    assert taken not in written
    assert taken.read_text(encoding="utf-8") == "page du site"
