"""sheets/body.py: one reading of a sheet's body, shared by the validator, the review and the importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from banque.committee import review_checks
from banque.sheets import body
from banque.sheets.check import check_body
from banque.sheets.load import RawSheet
from banque.sheets.vocabulary import sections as required_sections


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## Le problème", (2, "Le problème")),
        ("##   Le problème   ", (2, "Le problème")),
        ("## Le problème ##", (2, "Le problème")),  # closing "#"s are not part of the title
        ("## Le problème #####  ", (2, "Le problème")),
        ("##\tOnglet", (2, "Onglet")),
        ("# Titre", (1, "Titre")),
        ("### Sous-titre", (3, "Sous-titre")),
        ("###### Six", (6, "Six")),
        ("## ", (2, "")),
        ("##", (2, None)),  # a bare heading: no title at all
        ("####### Sept", None),
        ("##Collé", None),
        (" ## Indenté", None),
        ("Texte ## pas un titre", None),
        ("", None),
    ],
)
def test_heading_levels_and_titles(line: str, expected):
    assert body.heading(line) == expected


@pytest.mark.parametrize(("line", "fence"), [("```", True), ("~~~", True), ("  ```python", True), ("``", False),
                                             ("> ```", False), ("texte ```", False)])
def test_fence_lines(line: str, fence: bool):
    assert next(body.lines(line)).fence is fence


def test_lines_are_numbered_from_the_file_line_and_know_code():
    text = "## A\n```\n## pas un titre\n```\n## B"
    lines = list(body.lines(text, first=7))
    assert [line.number for line in lines] == [7, 8, 9, 10, 11]
    assert [line.code for line in lines] == [False, True, True, False, False]
    assert [line.fence for line in lines] == [False, True, False, True, False]
    assert [(line.level, line.title) for line in lines] == [(2, "A"), (0, ""), (0, ""), (0, ""), (2, "B")]


def test_headings_inside_tilde_fences_are_code_too():
    text = "## A\n~~~\n# un commentaire shell\n## encore\n~~~\n## B\ntexte"
    assert [s.title for s in body.sections(text)] == ["A", "B"]


def test_sections_keep_deeper_headings_and_drop_level_one():
    text = "Avant\n\n## A\n\n### Détail\n# Interdit\nligne\n\n\n## B\n##\n\nfin\n"
    preamble, found = body.split(body.lines(text, first=3))
    assert preamble == "Avant\n"
    assert found == [
        body.Section("A", 5, "### Détail\nligne"),
        body.Section("B", 12, "##\n\nfin"),  # a bare "##" is text, as the validator always read it
    ]


def test_section_text_keeps_inner_blank_lines_and_indentation():
    [section] = body.sections("## A\n\n  - un\n\n  - deux\n\n")
    assert section.text == "  - un\n\n  - deux"


def _raw(text: str) -> RawSheet:
    return RawSheet(Path("content/experiences/x.md"), "x.md", "experiences", {}, text, 20, "")


def test_validator_and_review_read_the_same_sections():
    titles = [title for title, _ in required_sections()["experiences"]]
    short = "Trop court."
    text = "\n".join(f"## {t} ##\n\n{short}\n```\n## {t}\n```" for t in titles)
    found, problems = check_body(_raw(text))
    assert [t for t, _ in found] == titles and problems == []
    assert [s.text for s in body.sections(text)] == [text for _, text in found]
    warned = review_checks.check_sections(_raw(text))
    assert [p.field for p in warned] == [f"corps.{t}" for t in titles]
    assert [p.line for p in warned] == [s.line for s in body.sections(text, first=20)]


def test_validator_reports_level_one_and_images_outside_code_only():
    titles = [title for title, _ in required_sections()["experiences"]]
    text = "\n".join(f"## {t}\n\ntexte" for t in titles) + "\n# Titre\n![](a.png)\n```\n# code\n![](b.png)\n```\n"
    _, problems = check_body(_raw(text))
    last = 20 + len(titles) * 3
    assert [(p.line, p.message) for p in problems] == [
        (last, "titre de niveau 1 (« # ») interdit dans le corps"),
        (last + 1, "image sans texte alternatif"),
    ]


@pytest.mark.parametrize("text, depth", [
    ("- a\n    - b\n        - c\n", 3),
    ("- a\n  - b\n", 1),  # Python-Markdown nests a list by 4 spaces: 2 is the same level
    ("> a\n> > b\n> > > c\n", 3),
    ('<div markdown="1">\n\n<div markdown="1">\n\nx\n\n</div>\n</div>\n', 2),
    ("<div>\n<div>\nx\n</div>\n</div>\n", 0),  # plain HTML is not parsed again
    ("```\n" + "".join("    " * k + "- a\n" for k in range(50)) + "```\n", 0),  # code is text
    ("".join("    " * k + "- a\n" for k in range(250)), 250),
])
def test_deepest_nesting(text, depth):
    assert body.deepest(body.lines(text), 1000) == (depth, 0)


def test_deepest_names_the_first_line_past_the_limit():
    text = "Texte\n\n" + "".join("    " * k + "- a\n" for k in range(30))
    assert body.deepest(body.lines(text, 10), 20) == (30, 10 + 2 + 20)


@pytest.mark.parametrize(("text", "underlined"), [
    ("Titre\n===", [2]), ("Titre\n---", [2]), ("Titre\n   ====  ", [2]),
    ("Titre\n\n---", []),  # a rule after an empty line
    ("```\nTitre\n===\n```", []),  # code
    ("## Section\n---", []), ("Titre\n    ===", []),  # under a heading; indented four spaces: code
])
def test_setext_underlines(text: str, underlined: list[int]):
    assert [line.number for line in body.setext_underlines(list(body.lines(text)))] == underlined


def test_validator_refuses_setext_headings_and_control_characters_in_the_body():
    titles = [title for title, _ in required_sections()["experiences"]]
    text = "\n".join(f"## {t}\n\ntexte" for t in titles) + "\nFaux titre\n===\nfin\x00"
    _, problems = check_body(_raw(text))
    last = 20 + len(titles) * 3
    assert [(p.line, p.code) for p in problems] == [(last + 2, "caractere-interdit-corps"), (last + 1, "titre-souligne")]
    assert problems[0].message == "caractère de contrôle interdit (U+0000) dans le corps"
