"""Safe text for generated Markdown: a hostile value printed by a template
stays the text it was, whatever Markdown syntax it holds."""

from __future__ import annotations

import html

import markdown
import pytest

from banque.sheets.markdown_text import Raw, attr, escape, text_in_html, url

HOSTILE = [
    "[cliquez](javascript:alert(1))",
    "![image](https://exemple.org/pixel.png)",
    "# Un faux titre",
    "- une fausse liste",
    "1. une fausse liste numérotée",
    "*gras* et _italique_ et **fort**",
    "`du code` et ``plus``",
    "a | b\n--- | ---\nc | d",
    "> une fausse citation",
    "ligne\n# titre sur la ligne suivante",
    "x\n\n---\n\ny",
    "\\[déjà échappé\\]",
    "un paragraphe\n{: .classe onclick=alert(1) }",
    "!!! danger \"Alerte\"\n    texte",
    "terme\n: définition",
    "<https://exemple.org>",
    "+ plus + moins - point.",
]


# The site's extensions (mkdocs.yml): each adds syntax a value could use.
EXTENSIONS = ["attr_list", "md_in_html", "def_list", "tables", "admonition"]


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_value_renders_as_its_own_text(value: str):
    """The one paragraph holds the value, spaces collapsed: no link, image, heading, list…"""
    assert rendered(escape(value)) == f"<p>{html.escape(' '.join(value.split()), quote=False)}</p>"


@pytest.mark.parametrize("value", HOSTILE)
def test_unescaped_values_would_have_been_markup(value: str):
    """The corpus is hostile: printed raw, each value does change the page (the test above means something)."""
    assert rendered(value) != f"<p>{html.escape(' '.join(value.split()), quote=False)}</p>"


def test_escape_puts_every_value_on_one_line():
    assert escape("une\nvaleur\r\n  sur\ttrois lignes") == "une valeur sur trois lignes"


@pytest.mark.parametrize(("value", "text"), [(None, ""), (2015, "2015"), (23.5, "23\\.5"), ("", "")])
def test_escape_prints_values_that_are_not_text(value: object, text: str):
    assert escape(value) == text


def test_raw_text_is_printed_as_it_is():
    body = Raw("## Contexte\n\n[un lien](https://exemple.org)")
    assert escape(body) is body
    assert isinstance(Raw("x"), str)


@pytest.mark.parametrize(("value", "text"), [
    ('" onmouseover="alert(1)', "&quot; onmouseover=&quot;alert(1)"),
    ("<script>alert('x')</script>", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"),
    ("Lavéo & partenaires", "Lavéo &amp; partenaires"),
    (None, ""),
    (42, "42"),
])
def test_attr_escapes_for_an_html_attribute(value: object, text: str):
    escaped = attr(value)
    assert escaped == text and isinstance(escaped, Raw)
    assert escape(escaped) == text  # not escaped twice by the template's finalize


@pytest.mark.parametrize(("value", "target"), [
    ("https://exemple.org/a b", "https://exemple.org/a%20b"),
    ("https://exemple.org/x)](javascript:alert(1)", "https://exemple.org/x%29]%28javascript:alert%281%29"),
    ('https://exemple.org/"<>', "https://exemple.org/%22%3C%3E"),
    ("../territoires/région.md", "../territoires/r%C3%A9gion.md"),
    ("https://exemple.org/?q=a&r=b#haut", "https://exemple.org/?q=a&r=b#haut"),
    ("https://exemple.org/d%C3%A9j%C3%A0", "https://exemple.org/d%C3%A9j%C3%A0"),
])
def test_url_is_safe_inside_a_link_target(value: str, target: str):
    assert url(value) == target and isinstance(url(value), Raw)


def test_url_keeps_a_link_one_link():
    link = rendered(f"[le titre]({url('https://exemple.org/x) [autre](https://mal.example')})")
    assert link.count("<a ") == 1 and "mal.example" in link and 'href="https://exemple.org/x%29' in link


@pytest.mark.parametrize("value", HOSTILE + ["[Cliquez ici](https://attaquant.example) **urgent**",
                                             "Création d'activité & « emploi » #1 <b>"])
def test_text_in_html_renders_as_its_own_text_inline_and_in_a_block(value: str):
    """In a <span> of a paragraph (Markdown reads it) and in an HTML block (it does not): the same text."""
    shown = html.escape(" ".join(value.split()), quote=False)
    inline = rendered(f"Voir — <span class=\"x\">{text_in_html(value)}</span>")
    block = rendered(f"<div>{text_in_html(value)}</div>")
    assert html.unescape(inline) == html.unescape(f'<p>Voir — <span class="x">{shown}</span></p>')
    assert "<a" not in inline and "<strong" not in inline and "<em" not in inline
    assert html.unescape(block) == html.unescape(f"<div>{shown}</div>")
    assert isinstance(text_in_html(value), Raw)
    assert html.unescape(text_in_html(value)) == " ".join(value.split())  # the value, once unescaped
