"""The draft sheet: fields named as the correspondent knows them, and its text."""

from __future__ import annotations

from banque.committee.importer.draft import Draft, top_field
from banque.sheets import body
from banque.sheets.load import split_front_matter
from banque.sheets.problem import ERROR, WARNING, problem
from banque.sheets.yaml_strict import parse


def test_fields_are_named_by_the_longest_known_prefix():
    draft = Draft()
    assert draft.label("referent.consentement.date") == "Consentement : date (AAAA-MM-JJ)"
    assert draft.label("referent.consentement.moyen") == "Consentement : comment il a été donné"
    assert draft.label("referent.contact") == "Référent : prénom et nom"
    assert draft.label("acteurs[2].role") == "Acteurs"
    assert draft.label("periode.fin") == "Année de fin" and draft.label("periode.debut") == "Année de début"
    assert draft.label("corps.Contexte") == "Contexte"
    assert draft.label("inconnu") == "inconnu"


def test_an_emailed_sheet_keeps_its_own_field_names():
    draft = Draft(labels={})
    assert draft.label("referent.consentement.date") == "referent.consentement.date"
    assert draft.label("corps.Contexte") == "corps.Contexte"


def test_errors_are_counted_once_per_field():
    draft = Draft()
    draft.error("themes", "Thèmes", "proposition-valeur-inconnue", valeur="x", valeurs="Sport, Santé")
    [error] = draft.errors
    assert (error.code, error.field, error.severity) == ("proposition-valeur-inconnue", "Thèmes", ERROR)
    assert error.message == "« x » inconnu (valeurs : Sport, Santé)" and draft.failed == {"themes"}
    assert [top_field(n) for n in ("themes[0]", "referent.consentement.date", "slug")] == ["themes", "referent", "slug"]


def test_notes_are_warnings_and_leave_fields_unreported():
    draft = Draft()
    draft.note("proposition-champ-retire", champ="relecture")
    draft.add("territoires", problem("proposition-territoire-inconnu", field="Territoire", territoire="Atlantide"))
    [note] = draft.notes
    assert note.severity == WARNING and note.code == "proposition-champ-retire"
    assert [p.code for p in draft.errors] == ["proposition-territoire-inconnu"] and draft.failed == {"territoires"}


def test_text_is_a_sheet_the_loader_reads_back():
    data = {"titre": "Titre : « deux-points »", "slug": "titre", "statut": "en_relecture", "themes": ["sport"]}
    draft = Draft(data=data, body=[("Contexte", "Un paragraphe."), ("Résultats", "Des chiffres.")])
    split = split_front_matter(draft.text(), "essai")
    assert isinstance(split, tuple)
    front, text, _ = split
    doc, issues = parse(front, first=2)
    assert issues == [] and doc is not None and doc.data == data
    assert list(doc.data) == ["slug", "titre", "themes", "statut"]  # the schema's order
    assert [(s.title, s.text) for s in body.sections(text)] == draft.body
