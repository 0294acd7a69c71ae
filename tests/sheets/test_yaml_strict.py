"""The strict YAML reader keeps editors' values as they typed them."""

from __future__ import annotations

import pytest

from banque.sheets import yaml_strict


def data(text: str):
    doc, issues = yaml_strict.parse(text)
    assert issues == []
    return doc.data


@pytest.mark.parametrize(
    "scalar, expected",
    [
        ("NO", "NO"), ("no", "no"), ("on", "on"), ("oui", "oui"), ("Yes", "Yes"),
        ("01000", "01000"), ("01", "01"), ("0o17", "0o17"), ("0x1F", "0x1F"),
        ("1:30", "1:30"), ("2015-01-08", "2015-01-08"), ("2A", "2A"),
        ("2015", 2015), ("0", 0), ("-3", -3), ("1.5", 1.5),
        ("true", True), ("false", False), ("null", None), ("~", None), ("", None),
        ('"true"', "true"), ("'2015'", "2015"),
    ],
)
def test_scalars_follow_yaml_12_core_narrowed(scalar, expected):
    value = data(f"cle: {scalar}\n")["cle"]
    assert value == expected and type(value) is type(expected)


def test_lines_are_kept_for_nested_values():
    doc, _ = yaml_strict.parse("a: 1\nb:\n  - x: 2\n    y: 3\n", first=2)
    assert doc.lines[("a",)] == 2
    assert doc.lines[("b", 0, "y")] == 5


def test_duplicate_key_names_both_lines_and_keeps_first():
    doc, issues = yaml_strict.parse("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    assert [i.code for i in issues] == ["yaml-cle-en-double"] and "lignes 1 et 3" in issues[0].message


def test_alias_bomb_is_refused_before_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    doc, issues = yaml_strict.parse(bomb)
    assert doc is None
    assert {i.code for i in issues} == {"yaml-ancre", "yaml-alias"}


@pytest.mark.parametrize("text", ["a: !!python/object:os.system x\n", "a: !custom x\n", "a: !!binary aGVsbG8=\n"])
def test_explicit_tags_are_refused(text):
    doc, issues = yaml_strict.parse(text)
    assert doc is None and issues[0].code == "yaml-etiquette"


def test_tab_indentation_gets_french_message():
    doc, issues = yaml_strict.parse("a:\n\t- b\n")
    assert doc is None and issues[0].code == "yaml-tabulation" and issues[0].line == 2


# The reader builds values straight from libyaml's events, in one pass: these
# pin down what the former two-pass reader (scan, then compose) did.

def test_second_document_is_refused_like_libyaml_composer():
    doc, issues = yaml_strict.parse("a: 1\n---\nb: 2\n")
    assert doc is None and issues[0].line == 2 and issues[0].code == "yaml-plusieurs-documents"


def test_anchor_in_a_second_document_is_reported_before_the_document_error():
    doc, issues = yaml_strict.parse("a: 1\n---\nb: &z 2\n")
    assert doc is None and [(i.line, i.code) for i in issues] == [(3, "yaml-ancre")]


def test_refusals_inside_a_dropped_duplicate_value_are_still_reported():
    doc, issues = yaml_strict.parse("a: {b: 1}\na: {b: !x 2}\n")
    assert doc is None and "étiquette YAML « !x »" in issues[0].message


def test_duplicates_inside_a_dropped_duplicate_value_are_not_reported_nor_lined():
    doc, issues = yaml_strict.parse("a:\n  b: 1\na:\n  c: 1\n  c: 2\n")
    assert doc.data == {"a": {"b": 1}}
    assert [i.field for i in issues] == ["a"]
    assert ("a", "c") not in doc.lines


def test_complex_key_is_reported_and_skipped_with_its_value():
    doc, issues = yaml_strict.parse("? [a]\n: 1\nb: 2\n")
    assert doc.data == {"b": 2} and issues[0].code == "yaml-cle-complexe" and issues[0].line == 1


def test_tag_on_a_key_and_anchor_on_a_mapping_are_refused():
    assert yaml_strict.parse("!k a: 1\n")[1][0].code == "yaml-etiquette"
    doc, issues = yaml_strict.parse("a: &m\n  b: 1\n")
    assert doc is None and "ancre YAML « &m »" in issues[0].message


def test_empty_text_is_an_empty_mapping_and_lines_start_at_first():
    assert yaml_strict.parse("")[0].data == {}
    doc, _ = yaml_strict.parse("x: [1, 2]\n", first=10)
    assert doc.lines == {(): 10, ("x",): 10, ("x", 0): 10, ("x", 1): 10}


@pytest.mark.parametrize("text, code, line", [
    ("a: 1\nb: " + "{c: " * 600 + "1" + "}" * 600, "yaml-trop-imbrique", 3),
    ("a: 1\nb: " + "[" * 600 + "]" * 600, "yaml-trop-imbrique", 3),
    ("a: 1\nb:\n  " + "9" * 5000, "yaml-nombre-trop-long", 4),
    ("? " * 300 + "x", "yaml-trop-imbrique", 2),
])
def test_what_would_crash_the_reader_is_refused_with_its_line(text, code, line):
    """600 nested groups exhaust Python's recursion; 5,000 digits exceed int()'s limit."""
    doc, issues = yaml_strict.parse(text, first=2)
    assert doc is None and [(i.code, i.line) for i in issues] == [(code, line)]


def test_nesting_up_to_the_limit_is_read():
    depth = yaml_strict.MAX_DEPTH
    doc, issues = yaml_strict.parse("a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1))
    assert issues == [] and doc is not None
    doc, issues = yaml_strict.parse("a: " + "[" * depth + "1" + "]" * depth)
    assert doc is None and [i.code for i in issues] == ["yaml-trop-imbrique"]
