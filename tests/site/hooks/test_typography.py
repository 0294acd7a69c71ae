"""The typography hook (site/hooks/typography.py): pages and HTML templates get
French typography, other templates (sitemap.xml) are left alone. Its place before
the security hook, and the built site: tests/site/test_typographie_site.py."""

from __future__ import annotations

from banque.site.hooks import typography
from banque.site.typography import NNBSP

PAGE = "<!doctype html><html><body><p>Pourquoi ?</p><code>a ? b</code></body></html>"


def test_every_page_gets_french_typography():
    assert typography.on_post_page(PAGE, None, None) == PAGE.replace("Pourquoi ?", f"Pourquoi{NNBSP}?")


def test_html_templates_do_too():
    assert NNBSP in typography.on_post_template(PAGE, "404.html", None)


def test_other_templates_are_left_as_written():
    sitemap = "<urlset><url><loc>https://x.org/a ?</loc></url></urlset>"
    assert typography.on_post_template(sitemap, "sitemap.xml", None) == sitemap
