"""The one reporter: the same problems as text, JSON and Markdown, and the French plural."""

from __future__ import annotations

import json

import pytest

from banque.sheets import report
from banque.sheets.problem import problem

ERR = problem("section-manquante", "content/experiences/a.md", 40, "corps.Résultats", section="Résultats")
ERR2 = problem("yaml-tabulation", "content/outils/b.md", 3, "yaml")
WARN = problem("sigle-non-developpe", "content/experiences/a.md", 8, "jargon", sigle="PTCE")
NO_LINE = problem("sans-indicateur", "content/experiences/a.md", 0, "indicateurs")


@pytest.mark.parametrize(("n", "expected"), [(0, "0 fiche"), (1, "1 fiche"), (2, "2 fiches"), (28, "28 fiches")])
def test_french_plural_is_singular_for_zero_and_one(n: int, expected: str):
    assert report.count(n, "fiche") == expected


def test_plural_with_an_irregular_form():
    assert [report.plural(n, "répond", "répondent") for n in (1, 2)] == ["répond", "répondent"]
    assert report.count(3, "erreur bloquante", "erreurs bloquantes") == "3 erreurs bloquantes"


def test_text_when_all_is_well():
    assert report.as_text([], 1) == "✓ 1 fiche vérifiée, aucun problème."
    assert report.as_text([WARN], 28) == "✓ 28 fiches vérifiées, aucun problème."


def test_text_lists_every_problem_then_the_verdict():
    assert report.as_text([ERR, ERR2], 28).split("\n") == [
        "content/experiences/a.md:40: corps.Résultats: section obligatoire manquante",
        "    → Ajoutez un titre « ## Résultats » suivi d'au moins un paragraphe.",
        "content/outils/b.md:3: yaml: tabulation interdite dans l'indentation YAML",
        "    → Remplacez les tabulations par des espaces (deux espaces par niveau).",
        "",
        "✗ 2 erreurs dans 2 fiches (sur 28 vérifiées). Rien n'a été publié.",
    ]


def test_json_is_todays_format_plus_the_code():
    data = json.loads(report.as_json([ERR, WARN], 2))
    assert data["fiches_verifiees"] == 2
    first = data["problemes"][0]
    assert first == {"path": "content/experiences/a.md", "line": 40, "field": "corps.Résultats",
                     "message": "section obligatoire manquante",
                     "hint": "Ajoutez un titre « ## Résultats » suivi d'au moins un paragraphe.",
                     "severity": "erreur", "code": "section-manquante"}
    assert [(p["code"], p["severity"]) for p in data["problemes"]] == [("section-manquante", "erreur"),
                                                                       ("sigle-non-developpe", "avertissement")]


def test_grouped_text_puts_errors_before_warnings():
    assert report.as_grouped_text([WARN, ERR, NO_LINE]).split("\n") == [
        "Erreurs bloquantes (1) :",
        "  content/experiences/a.md:40: corps.Résultats: section obligatoire manquante",
        "      → Ajoutez un titre « ## Résultats » suivi d'au moins un paragraphe.",
        "",
        "Avertissements éditoriaux (2) :",
        "  content/experiences/a.md:8: jargon: sigle « PTCE » jamais développé",
        "      → Écrivez-le en toutes lettres à sa première apparition, suivi de « (PTCE) ».",
        "  content/experiences/a.md: indicateurs: aucun indicateur d'impact",
        "      → Ajoutez au moins un chiffre daté (« libelle, valeur, annee ») : bénéficiaires, emplois, partenaires…",
    ]
    assert report.as_grouped_text([]) == "Erreurs bloquantes : aucune.\n\nAvertissements éditoriaux : aucun."


def test_markdown_groups_and_escapes_sheet_text():
    hostile = problem("outil-non-reference", "content/experiences/a.md", 5, "outils", titre="@comite *x*", slug="x")
    assert report.as_markdown([hostile]).split("\n") == [
        "### Erreurs bloquantes (0)",
        "",
        "Aucune.",
        "",
        "### Avertissements éditoriaux (1)",
        "",
        "- `content/experiences/a.md:5` **outils** : l'outil « \\@comite \\*x\\* » est mentionné mais pas référencé",
        "  → Ajoutez « x » à la liste « outils: ».",
    ]


def test_list_stops_at_its_limit_and_ends_with_the_advice():
    findings = [problem("html-script-hors-site", "p.html", n, "<script>") for n in range(1, 4)]
    text = report.as_list(findings, "Trois :", "Faites ceci.", limit=2)
    assert text.split("\n") == [
        "Trois :",
        "  - p.html, ligne 1 : <script> : script hors du site",
        "  - p.html, ligne 2 : <script> : script hors du site",
        "  … et 1 autre.",
        "  Faites ceci.",
    ]


def test_spoken_form_without_its_place():
    assert report.spoken(ERR2, place=False) == "yaml : tabulation interdite dans l'indentation YAML"
    assert report.spoken(problem("yaml-cle-complexe"), place=False) == "clé complexe interdite"


def test_problem_without_file_or_field_is_its_message():
    bare = problem("yaml-illisible")
    assert report.text_lines([bare]) == ["YAML illisible à cette ligne", "    → " + bare.hint]
    located = problem("yaml-illisible", line=4, field="yaml")
    assert report.text_lines([located])[0] == "ligne 4: yaml: YAML illisible à cette ligne"


def test_echoed_values_are_inert_in_every_form():
    """A value from a sheet (an unknown key, a code, a nature) never reaches the terminal raw."""
    hostile = problem("territoire-code-inconnu", "content/experiences/a.md", 12, "territoires[0].codes[0]",
                      code="13\x1b[2J\x1b]0;pwned\x07\u202e", niveau="departement", conseil="")
    outputs = [*report.text_lines([hostile]), report.as_text([hostile], 1), report.spoken(hostile),
               report.as_grouped_text([hostile]), report.as_markdown([hostile]), report.as_list([hostile], "T")]
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "x1b" in out and "u202e" in out
    assert report.inert("a\x00b\u200bc") == "a\\x00b\\u200bc"
    assert report.inert("Élan\u00a0: « ok »") == "Élan\u00a0: « ok »"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n~~~~~~~~~~~~\n@everyone", "a \\~\\~\\~\\~\\~\\~\\~\\~\\~\\~\\~\\~ \\@&#8203;everyone"),  # one line: no fence closed
        ("[x](https://a.example) www.a.example", "\\[x\\](https:&#8203;//a.example) www&#8203;.a.example"),
        ("<b>x</b> &#64;y", "\\<b\\>x\\</b\\> &amp;\\#64;y"),
        ("contact@a.example", "contact\\@&#8203;a.example"),  # no e-mail autolink either
        ("\u202eab\u200bc\u2028d", "ab c d"),
    ],
)
def test_md_inert_leaves_no_markup_mention_or_link(text: str, expected: str):
    assert report.md_inert(text) == expected
