"""sheets/characters.py: which characters a sheet may hold, and the form the checks read."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from banque.sheets import characters


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x1b", "\x7f", "\x85", "\x9b", "\ud800", "\ufffe", "\uffff",
                                  "\ufdd0", "\U0001fffe", "\U0010ffff", "\t", "\n"])
def test_control_and_xml_forbidden_characters_are_refused_in_fields(char: str):
    assert characters.field_problem(f"Titre{char}fin").startswith("caractère de contrôle interdit")


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
                                  "\u00ad", "\u2028", "\u2029", "\u061c", "\U000e0041"])
def test_invisible_characters_are_refused_in_fields(char: str):
    assert characters.field_problem(f"Titre{char}fin").startswith("caractère invisible interdit")


@pytest.mark.parametrize("text", ["Lavéo et ses partenaires", "Élan\u00a0: « citoyen » ; 3\u202f%", "Œuvre — Москва",
                                  "Ἀθῆναι et Paris", "“guillemets” et …"])
def test_ordinary_french_and_whole_foreign_words_pass(text: str):
    assert characters.field_problem(text) is None


@pytest.mark.parametrize(("text", "word"), [("Cаmille Essai", "Cаmille"), ("Jean Εssai", "Εssai"),
                                            ("Paris ѕud", "ѕud")])
def test_words_mixing_latin_with_cyrillic_or_greek_are_refused(text: str, word: str):
    assert characters.mixed_script_word(text) == word
    assert f"le mot « {word} » mêle" in characters.field_problem(text)


def test_body_keeps_tabs_and_line_breaks_only():
    assert characters.CONTROL_IN_BODY.search("a\tb\nc") is None
    assert characters.CONTROL_IN_BODY.search("fin\x00").group() == "\x00"
    assert characters.CONTROL_IN_BODY.search("a\ufffeb").group() == "\ufffe"


def test_tables_match_unicode_everywhere():
    """The tables skip the planes without format characters: check that no code point is missed."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            assert characters.CONTROL.match(char), hex(code)
        elif category in ("Cf", "Zl", "Zp"):
            assert characters.INVISIBLE.match(char), hex(code)
        elif code % 97 == 0:  # a sample of the rest: neither
            assert not characters.CONTROL.match(char) and not characters.INVISIBLE.match(char), hex(code)


def test_checked_form_is_nfkc_and_skeleton_reads_look_alikes_as_latin():
    assert characters.checked_form("＜script＞ ﬁn") == "<script> fin"
    assert characters.skeleton("Саmillе Еssаі") == "Camille Essai"
    assert characters.describe("\t") == "tabulation" and characters.describe("\ufffe") == "U+FFFE"
