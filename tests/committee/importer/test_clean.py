"""Untrusted text made plain: markup, control characters and section headings removed."""

from __future__ import annotations

import pytest

from banque.committee.importer.clean import clean_markdown, clean_short


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Un   titre\n sur deux lignes ", "Un titre sur deux lignes"),
        ("<b>Gras</b> et <script>alert(1)</script>fin", "Gras et fin"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Texte", "Texte"),  # entities are decoded, then removed
        ("a<b, 3 > 2", "a b, 3 2"),  # not a tag: the brackets go, the text stays
        ("cach\u200bé\u202e", "caché"),  # zero-width and bidi controls hide text from reviewers
        ("tab\there\x00", "tab here"),
    ],
)
def test_short_text_is_one_plain_line(text: str, expected: str):
    assert clean_short(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Grand titre\n## Section\n ## Indentée\n##\n### Reste", "### Grand titre\n### Section\n### Indentée\n### \n### Reste"),
        ("    ## Code indenté", "## Code indenté"),  # four spaces: code, not a heading (then stripped as the edge)
        ("Texte\n===\nSuite\n---", "Texte\n\n===\nSuite\n\n---"),  # an underline would make a heading
        ("```\n## dans le code\n```\n## hors du code", "```\n## dans le code\n```\n### hors du code"),
        ("~~~\ncode jamais fermé", "~~~\ncode jamais fermé\n```"),
        ("> citation <b>grasse</b>\n>> 3 > 2", "> citation grasse\n>> 3 &gt; 2"),
        ("[lien](javascript:alert(1)) et [x]: data:text/html,y", "[lien](#alert(1)) et [x]: data:text/html,y"),
        ("[ref]: javascript:alert(1)", "[ref]: #alert(1)"),
    ],
)
def test_markdown_keeps_structure_below_the_sections(text: str, expected: str):
    assert clean_markdown(text) == expected


def test_an_emailed_body_keeps_its_sections():
    assert clean_markdown("## Contexte\n\nTexte <i>x</i>", demote=False) == "## Contexte\n\nTexte x"
