"""The YAML parser's refusals, said in French with the fix: never its English words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from banque.sheets import yaml_problems, yaml_strict
from banque.sheets.problem import table

EXAMPLES = Path(__file__).parent / "exemples" / "negatifs" / "experiences"

# Words of libyaml's messages («did not find expected '-' indicator», «mapping
# values are not allowed here»…): none may reach a person.
ENGLISH = re.compile(r"\b(did|not|find|found|expected|indicator|mapping|values|allowed|while|scanning|parsing|"
                     r"token|block|end|stream|document|character|cannot|start|here|context|simple|key)\b")

# The mistakes a committee member made in GitHub's editor (issue #15), each with
# the words that must tell her the fix.
MISTAKES = {
    "deux-points-guillemets-francais": ("guillemets droits", '"…"'),
    "deux-points-guillemets-courbes": ("guillemets droits", '"…"'),
    "tiret-oublie": ("« - » devant « nom: »", "ne supprimez pas"),
    "tiret-efface": ("sans tiret", "remettez le tiret"),
    "espace-insecable-cle": ("espace insécable", "« titre: »"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_known_mistake_gets_french_words_that_name_the_fix(name: str):
    expected = (EXAMPLES / f"{name}.attendu").read_text(encoding="utf-8")
    assert not ENGLISH.search(expected), expected
    for words in MISTAKES[name]:
        assert words in expected


LIBYAML_CASES = {
    "titre: Lavéo : un réseau\n": "yaml-deux-points",
    "titre: « Lavéo : un réseau »\n": "yaml-guillemets-typographiques",
    "titre: “Lavéo : un réseau”\n": "yaml-guillemets-typographiques",
    "acteurs:\n  - nom: A\n    type: b\n  nom: D\n  - nom: E\n": "yaml-tiret-manquant",
    "titre: - a\n": "yaml-tiret-inattendu",
    "themes: [a, b\nslug: x\n": "yaml-crochets",
    'titre: "abc\n': "yaml-guillemets",
    'titre: "a\\qb"\n': "yaml-guillemets",
    "titre: @lavéo\n": "yaml-caractere-initial",
    "titre: a\x07b\n": "yaml-caractere-controle",
    "a: 1\n---\nb: 2\n": "yaml-plusieurs-documents",
    "resume: |x\n  a\n": "yaml-bloc-texte",
    "titre: x\n- a\n": "yaml-structure",
}


@pytest.mark.parametrize("text", sorted(LIBYAML_CASES), ids=repr)
def test_libyaml_refusals_become_our_own_problems_without_english(text: str):
    doc, issues = yaml_strict.parse(text)
    assert doc is None and [i.code for i in issues] == [LIBYAML_CASES[text]]
    assert not ENGLISH.search(issues[0].message + " " + issues[0].hint)


def test_the_character_a_value_cannot_start_with_is_named():
    _, issues = yaml_strict.parse("titre: `code`\n")
    assert issues[0].code == "yaml-caractere-initial" and "« ` »" in issues[0].message


def test_an_unknown_refusal_is_generic_and_keeps_the_parser_words_out():
    class Odd(Exception):
        problem = "something libyaml never said before"
        problem_mark = None
    found = yaml_problems.parser_problem(Odd(), "a: b\n", 1)  # type: ignore[arg-type]  # duck-typed YAMLError
    assert found.code == "yaml-illisible" and "libyaml" not in found.message and "something" not in found.message


def test_every_code_of_the_table_is_a_french_message_without_parameters_from_the_parser():
    for _, code in yaml_problems._table()["motifs"]:
        assert code in table().problems
        assert table().problems[code].parameters <= {"caractere", "guillemet"}


def test_a_no_break_space_in_a_key_is_named_and_the_key_read_as_meant():
    doc, issues = yaml_strict.parse("titre\u00a0: Lavéo\nslug: x\n")
    assert doc is not None and doc.data == {"titre": "Lavéo", "slug": "x"}
    assert [(i.code, i.field, i.line) for i in issues] == [("yaml-espace-dans-cle", "titre", 1)]
    assert "espace insécable" in issues[0].message


def test_a_narrow_space_in_a_nested_key_names_its_path():
    _, issues = yaml_strict.parse("referent:\n  nom\u202f: A\n")
    assert [(i.field, i.line) for i in issues] == [("referent.nom", 2)] and "espace fine insécable" in issues[0].message


def test_a_forgotten_dash_is_said_once_per_item_not_once_per_key():
    text = "acteurs:\n  - nom: A\n    type: b\n    role: c\n    nom: D\n    type: e\n    role: f\n"
    _, issues = yaml_strict.parse(text)
    assert [(i.code, i.line, i.field) for i in issues] == [("yaml-tiret-oublie", 5, "acteurs[0].nom")]


def test_a_duplicate_key_outside_a_list_keeps_its_own_message():
    _, issues = yaml_strict.parse("referent:\n  nom: A\n  nom: B\n")
    assert [i.code for i in issues] == ["yaml-cle-en-double"]


def test_clean_key_and_invisible_space():
    assert yaml_problems.clean_key("titre\u00a0") == "titre"
    assert yaml_problems.invisible_space("titre") is None
