"""The field types of the models, each on its own: what they accept, how they
clean it, and the French message when they refuse it."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import pytest
from pydantic import ConfigDict, TypeAdapter, ValidationError

from banque.sheets import fields
from banque.sheets.fields import Code, Day, Email, HttpUrl, LongText, ShortText, Slug, Year
from banque.sheets.vocabulary import NAMES, vocabulary

STRICT = ConfigDict(strict=True)  # as the models validate


def check(kind: Any, value: Any) -> Any:
    return TypeAdapter(kind, config=STRICT).validate_python(value)


def refusal(kind: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        check(kind, value)
    [error] = caught.value.errors()
    return error["msg"]


# -- texts ---------------------------------------------------------------------------


def test_short_text_is_trimmed():
    assert check(ShortText, "  Lavéo et ses partenaires \u00a0") == "Lavéo et ses partenaires"


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "a > b", "<", "x<y", "＜script＞", "x﹤y"])
def test_short_text_refuses_markup_characters(value: str):
    assert "« < » et « > » sont interdits" in refusal(ShortText, value)


@pytest.mark.parametrize("value", ["deux\nlignes", "une\ttabulation", "nul\x00", "suppr\x7f", "c1\x85", "retour\r"])
def test_short_text_refuses_control_characters(value: str):
    assert "caractère de contrôle interdit" in refusal(ShortText, value)


@pytest.mark.parametrize("value", ["", "   ", "\u00a0"])
def test_short_text_refuses_a_blank(value: str):
    assert refusal(ShortText, value).endswith("texte vide")


def test_long_text_keeps_words_and_collapses_white_space():
    assert check(LongText, "  Un résumé\nsur  deux lignes.\n") == "Un résumé sur deux lignes."


@pytest.mark.parametrize(("value", "message"), [
    ("un <b>gras</b>", "« < » et « > » sont interdits"),
    ("une\ttabulation", "caractère de contrôle interdit"),
    ("un retour\r\nWindows", "caractère de contrôle interdit"),
])
def test_long_text_refuses_markup_and_control_characters_but_newlines(value: str, message: str):
    assert message in refusal(LongText, value)


def test_cleaners_are_the_functions_the_types_carry():
    """form_schema recognises a text field by its cleaner: the types must hold these functions."""
    assert fields.clean_short("  a ") == "a" and fields.clean_long("a\n b") == "a b"
    assert [v.func for v in get_args(ShortText)[1:]] == [fields.clean_short]
    assert [v.func for v in get_args(LongText)[1:]] == [fields.clean_long]


# -- dates and years ------------------------------------------------------------------


def test_day_reads_iso_text_and_keeps_a_date():
    assert check(Day, "2015-01-08") == dt.date(2015, 1, 8)
    assert check(Day, dt.date(2024, 2, 29)) == dt.date(2024, 2, 29)


@pytest.mark.parametrize("value", ["08/01/2015", "2015-1-8", "2015-01-08T10:00", "janvier 2015", 2015, None])
def test_day_in_another_format_is_refused_with_the_expected_format(value: Any):
    assert "date attendue au format AAAA-MM-JJ, par exemple 2015-01-08" in refusal(Day, value)


@pytest.mark.parametrize("value", ["2015-02-30", "2023-02-29", "2015-13-01", "2015-00-10"])
def test_impossible_day_is_named(value: str):
    assert f"la date {value} n'existe pas dans le calendrier" in refusal(Day, value)


@pytest.mark.parametrize(("value", "ok"), [(1900, True), (2100, True), (1899, False), (2101, False), ("2015", False)])
def test_year_bounds(value: Any, ok: bool):
    if ok:
        assert check(Year, value) == value
    else:
        refusal(Year, value)


# -- codes, identifiers, addresses ----------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(67, "67"), ("2A", "2A"), (" 75119 ", "75119"), (93066, "93066")])
def test_code_is_text_even_written_as_a_number(value: Any, expected: str):
    assert check(Code, value) == expected


@pytest.mark.parametrize("value", [True, 6.7, "", "<67>"])
def test_code_refuses_what_is_not_a_code(value: Any):
    refusal(Code, value)


@pytest.mark.parametrize(("value", "ok"), [
    ("laveo", True), ("fiche-2-test", True), ("ab", False), ("Laveo", False),
    ("fin-", False), ("a--b", False), ("é-t-é", False), ("x" * 80, True), ("x" * 81, False),
])
def test_slug_shape(value: str, ok: bool):
    assert (check(Slug, value) == value) if ok else bool(refusal(Slug, value))


@pytest.mark.parametrize(("value", "ok"), [
    ("contact@exemple.org", True), ("partenariats+banque@asso.exemple.fr", True),
    ("sans-arobase.org", False), ("a@b", False), ("a b@exemple.org", False), ("a@exemple.o", False),
    # A mailto: would read « %0A » as a line break, « ? » as headers (Bcc…): refused.
    ("contact%0ABcc%3Aevil@exemple.org", False), ("contact?bcc=evil@x.org@exemple.org", False),
    ("a..b@exemple.org", False), (".a@exemple.org", False), ("a@-exemple.org", False),  # email-validator
    ("cаmille@exemple.org", False), ("a\u200b@exemple.org", False), ("a@exemple.org\x00", False),
])
def test_email_shape(value: str, ok: bool):
    assert (check(Email, value) == value) if ok else bool(refusal(Email, value))


@pytest.mark.parametrize(("value", "ok"), [
    ("https://www.resolis.org/", True), ("http://exemple.org/a?b=c", True),
    ("javascript:alert(1)", False), ("ftp://exemple.org", False), ("https://a b", False),
    ('https://x.org/"onmouseover', False), ("https://x.org/" + "a" * 490, False),
])
def test_http_url_shape(value: str, ok: bool):
    assert (check(HttpUrl, value) == value) if ok else bool(refusal(HttpUrl, value))


# -- uniqueness and rules -------------------------------------------------------------------


def test_unique_returns_the_list_when_no_value_repeats():
    values = ["a", "b", "c"]
    assert fields.unique(values) is values


def test_unique_names_the_repeated_value():
    with pytest.raises(ValueError, match="la valeur « b » apparaît deux fois"):
        fields.unique(["a", "b", "c", "b"])


def test_unique_compares_values_that_cannot_be_hashed():
    assert fields.unique([{"a": 1}, {"a": 2}]) == [{"a": 1}, {"a": 2}]
    with pytest.raises(ValueError, match="deux fois"):
        fields.unique([{"a": 1}, {"a": 1}])


def test_rule_points_at_its_field_and_keeps_braces_out_of_the_template():
    error = fields.rule("referent.consentement", "écrivez {date, moyen}")
    assert error.type == "regle"
    assert error.context == {"champ": "referent.consentement"}
    assert error.message() == "écrivez (date, moyen)"


# -- vocabulary terms -----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_terms_are_the_ids_of_the_vocabulary(name: str):
    kind = fields.terms(name)
    ids = vocabulary(name).ids
    assert get_args(kind) == ids
    assert check(kind, ids[-1]) == ids[-1]
    assert "Input should be" in refusal(kind, ids[0] + "-inconnu")


def test_the_named_term_types_are_read_from_their_vocabularies():
    """At run time the types are Literals (str only for the type checker)."""
    named = {"modeles": fields.ModelId, "natures": fields.NatureId, "themes": fields.ThemeId,
             "types_acteurs": fields.ActorTypeId, "roles": fields.RoleId, "types_outils": fields.ToolTypeId,
             "statuts": fields.StatusId, "modes_contact": fields.ContactId,
             "niveaux_territoire": fields.LevelId, "liens_outils": fields.LinkId}
    assert set(named) == set(NAMES)
    for name, kind in named.items():
        assert get_args(kind) == vocabulary(name).ids, name


def test_describe_lists_every_term_with_its_label():
    text = fields.describe("statuts")
    assert text.startswith("Valeurs : ") and text.endswith(".")
    for term in vocabulary("statuts").terms:
        assert f"`{term.id}` ({term.libelle})" in text
    assert text.count("`") == 2 * len(vocabulary("statuts").terms)


@pytest.mark.parametrize("kind", [ShortText, LongText, Code])
@pytest.mark.parametrize(("value", "words"), [
    ("Titre \ufffe", "caractère de contrôle interdit (U+FFFE)"), ("Titre\x00", "caractère de contrôle interdit"),
    ("\u202eTitre", "caractère invisible interdit (U+202E)"), ("Ti\u200btre", "caractère invisible interdit"),
    ("Une\u2028ligne", "caractère invisible interdit (U+2028)"), ("Cаmille", "mêle des lettres latines"),
])
def test_texts_refuse_control_invisible_and_look_alike_characters(kind, value: str, words: str):
    assert words in refusal(kind, value)


def test_texts_keep_what_was_written_though_checked_in_nfkc():
    assert check(ShortText, "Élan\u00a0: ﬁn") == "Élan\u00a0: ﬁn"


def test_url_refuses_control_and_invisible_characters():
    assert "caractère de contrôle interdit" in refusal(HttpUrl, "https://exemple.org/\x00")
    assert "caractère invisible interdit" in refusal(HttpUrl, "https://exemple.org/\u202e")
