"""The security hooks (site/hooks/security.py): sheet bodies sanitised, meta
tags escaped, the policy added to pages and static templates but not to a
served preview. With mkdocs' own config and on_post_page: test_live.py."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from banque.site import csp
from banque.site.hooks import security

HOSTILE = '<p>Texte</p><script>window.__pwned=1</script><p onclick="x()">clic</p>'
PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><p>x</p></body></html>"


def page_at(src_uri: str, **meta) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta=meta)


@pytest.fixture
def serving() -> Iterator[None]:
    security.on_startup(command="serve", dirty=False)
    yield
    security.on_startup(command="build", dirty=False)


@pytest.mark.parametrize("src_uri", ["experiences/une-fiche.md", "outils/un-outil.md"])
def test_sheet_bodies_are_sanitised(src_uri: str):
    assert security.on_page_content(HOSTILE, page_at(src_uri), None, None) == "<p>Texte</p><p>clic</p>"


@pytest.mark.parametrize("src_uri", ["index.md", "outils/index.md", "territoires/grand-est.md", "proposer.md"])
def test_the_site_s_own_pages_are_left_as_rendered(src_uri: str):
    assert security.on_page_content(HOSTILE, page_at(src_uri), None, None) == HOSTILE


def test_description_and_author_are_escaped_for_their_meta_tag():
    page = page_at("experiences/f.md", description='Un "résumé" <b>&', author="L'autrice", title='Un "titre"', tags=["a"])
    context = {"page": page}
    assert security.on_page_context(context, page, None, None) is context
    assert page.meta == {"description": "Un &quot;résumé&quot; &lt;b&gt;&amp;", "author": "L&#x27;autrice",
                         "title": 'Un "titre"', "tags": ["a"]}


def test_meta_that_is_not_text_is_left_alone():
    page = page_at("index.md", description=None)
    security.on_page_context({}, page, None, None)
    assert page.meta == {"description": None}


def test_static_html_templates_get_their_policy():
    result = security.on_post_template(PAGE, "404.html", None)
    assert result == csp.add_policy(PAGE) and result != PAGE


def test_the_sitemap_is_not_a_page():
    sitemap = '<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>'
    assert security.on_post_template(sitemap, "sitemap.xml", None) == sitemap


def test_a_served_preview_goes_without_the_policy_on_templates_too(serving):
    assert security.on_post_template(PAGE, "404.html", None) == PAGE
