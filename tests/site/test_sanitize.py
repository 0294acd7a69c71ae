"""The allowlist of sheet HTML (site/sanitize.py). The hostile payloads, and
the scan that agrees with the sanitiser, are in test_hostile.py."""

from __future__ import annotations

import pytest

from banque.site import sanitize


def test_sanitiser_keeps_what_sheets_are_allowed():
    kept = ('<p><a href="https://example.org/" rel="noopener noreferrer">lien</a> '
            '<a href="mailto:contact@example.org" rel="noopener noreferrer">courriel</a> '
            '<a href="../autre/" rel="noopener noreferrer">interne</a> '
            '<img src="../../assets/photo.png" alt="Photo"> <strong>gras</strong></p>'
            '<h3 id="une-sous-section">Une sous-section</h3>')
    assert sanitize.clean(kept) == kept


# Table parts are kept only where HTML allows them.
_INSIDE = {"tbody": ["table"], "thead": ["table"], "tr": ["table", "tbody"], "td": ["table", "tbody", "tr"],
           "th": ["table", "thead", "tr"]}


@pytest.mark.parametrize("tag", sorted(sanitize.TAGS - {"br", "hr", "img"}))
def test_every_allowed_element_survives_with_its_class(tag: str):
    outer = _INSIDE.get(tag, [])
    fragment = "".join(f"<{t}>" for t in outer) + f'<{tag} class="note">x</{tag}>' + "".join(f"</{t}>" for t in reversed(outer))
    assert f'<{tag} class="note"' in sanitize.clean(fragment)


@pytest.mark.parametrize(("given", "expected"), [
    ("<marquee>texte</marquee>", "texte"),  # an element outside the list goes, its text stays
    ("<p>a<!-- note du comité -->b</p>", "<p>ab</p>"),
    ('<p style="color:red" class="note">x</p>', '<p class="note">x</p>'),
    ('<p align="center">x</p>', "<p>x</p>"),  # align only on table cells
    ('<table><tr><td align="right">1</td></tr></table>', '<table><tbody><tr><td align="right">1</td></tr></tbody></table>'),
    ('<img src="a.png" alt="x" loading="lazy" width="3">', '<img src="a.png" alt="x" width="3">'),
])
def test_what_is_not_listed_is_dropped(given: str, expected: str):
    assert sanitize.clean(given) == expected


@pytest.mark.parametrize(("given", "expected"), [
    ('<article data-pagefind-body data-pagefind-filter="x">t</article>', '<article data-pagefind-body="">t</article>'),
    ("<div data-pagefind-body>t</div>", "<div>t</div>"),  # only our templates' <article> marks the indexed region
    # The kind of a sheet is the only metadata: no title, image or second key slipped in.
    ('<article data-pagefind-meta="genre:Outil">t</article>', '<article data-pagefind-meta="genre:Outil">t</article>'),
    ('<article data-pagefind-meta="title:Autre">t</article>', "<article>t</article>"),
    ('<article data-pagefind-meta="genre:Outil, image:x.png">t</article>', "<article>t</article>"),
    ('<div data-pagefind-meta="genre:Outil">t</div>', "<div>t</div>"),
    # Summary labels are left out of the index; nothing else can leave text out.
    ('<dl><dt data-pagefind-ignore="">Type</dt></dl>', '<dl><dt data-pagefind-ignore="">Type</dt></dl>'),
    ('<p data-pagefind-ignore="">t</p>', "<p>t</p>"),
])
def test_only_articles_mark_what_pagefind_indexes(given: str, expected: str):
    assert sanitize.clean(given) == expected


@pytest.mark.parametrize(("value", "kept"), [
    ("une-section", True),
    ("_une-section", True),
    ("__config", False),  # the theme's own ids start with two underscores
    ("__search", False),
])
def test_ids_may_not_take_the_theme_s_own(value: str, kept: bool):
    assert sanitize.clean(f'<h2 id="{value}">t</h2>') == (f'<h2 id="{value}">t</h2>' if kept else "<h2>t</h2>")


@pytest.mark.parametrize(("src", "kept"), [
    ("photo.png", True),
    ("../../assets/photo.png", True),
    ("/assets/photo.png", True),
    ("https://traceur.example/p.gif", False),
    ("HTTPS://traceur.example/p.gif", False),
    (" https://traceur.example/p.gif", False),
    ("//traceur.example/p.gif", False),
    (" //traceur.example/p.gif", False),
])
def test_images_come_only_from_the_site_itself(src: str, kept: bool):
    cleaned = sanitize.clean(f'<img src="{src}" alt="x">')
    assert cleaned == (f'<img src="{src}" alt="x">' if kept else '<img alt="x">')


@pytest.mark.parametrize(("href", "kept"), [
    ("https://example.org/", True),
    ("http://example.org/", True),
    ("mailto:a@example.org", True),
    ("#une-section", True),
    ("tel:+33100000000", False),
    ("ftp://example.org/", False),
])
def test_links_keep_only_web_and_mail_addresses_and_never_reach_back(href: str, kept: bool):
    cleaned = sanitize.clean(f'<a href="{href}" rel="opener" target="_blank">t</a>')
    address = f'href="{href}" ' if kept else ""
    assert cleaned == f'<a {address}rel="noopener noreferrer">t</a>'


@pytest.mark.parametrize("src", ["/\\attaquant.example/p.png", "\\\\attaquant.example/p.png", "\\/attaquant.example/p.png",
                                 "/&#92;attaquant.example/p.png", " /\t/attaquant.example/p.png", "https:\\\\attaquant.example/p.png"])
def test_an_image_from_another_site_goes_whatever_its_slashes(src: str):
    cleaned = sanitize.clean(f'<img src="{src}" alt="x">')
    assert cleaned == '<img alt="x">', cleaned


@pytest.mark.parametrize(("given", "expected"), [
    ('<div class="md-banner md-banner--warning apercu-bandeau">x</div>', "<div>x</div>"),
    ('<p class="note inconnue">x</p>', '<p class="note">x</p>'),
    ('<div class="admonition warning"><p class="admonition-title">A</p></div>',
     '<div class="admonition warning"><p class="admonition-title">A</p></div>'),
])
def test_classes_are_narrowed_to_the_sheet_pages_own(given: str, expected: str):
    assert sanitize.clean(given) == expected


def test_the_template_classes_are_those_the_sheet_templates_use():
    import re

    from banque.paths import TEMPLATES

    used: set[str] = set()
    for name in ("experience.md.j2", "outil.md.j2", "_cartes.md.j2"):
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        for value in re.findall(r'class="([^"{]*)"', text):
            used |= set(value.split())
        for group in re.findall(r"\{:? *(\.[^}]*)\}", text):
            used |= {c[1:] for c in group.split() if c.startswith(".")}
    assert used == sanitize.TEMPLATE_CLASSES


def test_a_card_title_keeps_its_heading_role_and_level():
    given = '<p class="carte-titre" role="heading" aria-level="3"><a href="x/">Titre</a></p>'
    assert sanitize.clean(given) == given.replace('href="x/"', 'href="x/" rel="noopener noreferrer"')
