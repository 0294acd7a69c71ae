"""The issue form's body read into answers, and the form's template kept in step with the importer."""

from __future__ import annotations

import yaml

from banque.committee.importer import answers
from banque.committee.importer import form as issue_form
from banque.committee.importer.draft import Draft
from banque.sheets.vocabulary import sections, vocabulary
from tests.conftest import ROOT

TEMPLATE = ROOT / ".github" / "ISSUE_TEMPLATE" / "proposer-une-experience.yml"


def _template_fields() -> list[dict]:
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    return [item for item in form["body"] if item["type"] != "markdown"]


def test_issue_form_labels_match_the_importer_exactly():
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    assert form["labels"] == ["proposition"]
    fields = _template_fields()
    template_labels = [f["attributes"]["label"] for f in fields]
    assert len(set(template_labels)) == len(template_labels) and len({f["id"] for f in fields}) == len(fields)
    unknown = [label for label in template_labels if label not in issue_form.labels()]
    assert unknown == [], f"libellés inconnus de l'importateur : {unknown}"
    missing = [label for label in issue_form.labels() if label not in template_labels]
    assert missing == [], f"libellés absents du formulaire : {missing}"


def test_issue_form_choices_map_to_vocabulary_ids():
    by_key = {issue_form.labels()[f["attributes"]["label"]]: f for f in _template_fields()}
    for key, vocab in (("nature", "natures"), ("themes", "themes")):
        options = by_key[key]["attributes"]["options"]
        assert [answers.lookup(vocab, o) for o in options] == list(vocabulary(vocab).ids)
        assert not any("," in o for o in options)  # GitHub joins multiple answers with ", "
    assert by_key["themes"]["attributes"]["multiple"] is True
    [option] = by_key["consentement"]["attributes"]["options"]
    assert option["label"] == issue_form.CONSENT_OPTION
    for title, help_text in sections()["experiences"]:
        assert by_key[f"section:{title}"]["attributes"]["description"] == help_text
        assert by_key[f"section:{title}"]["type"] == "textarea"
    single = {key for key, f in by_key.items() if f["type"] == "input"}
    assert single == issue_form.SINGLE_LINE


def _parse(text: str) -> tuple[dict[str, str], Draft]:
    draft = Draft()
    return issue_form.parse_form(text, draft), draft


def test_each_label_block_is_one_answer_and_no_response_is_empty():
    found, draft = _parse("### Titre de l'expérience\n\nUn titre\n\n### Année de fin ###\n\n_No response_\n")
    assert found == {"titre": "Un titre", "fin": ""}
    assert draft.notes == [] and draft.errors == []


def test_one_line_inputs_keep_their_first_line():
    found, draft = _parse("### Titre de l'expérience\nUn titre\nune suite ajoutée à la main\n")
    assert found == {"titre": "Un titre"}
    [note] = draft.notes
    assert note.code == "proposition-premiere-ligne" and note.message.startswith("« Titre de l'expérience » :")


def test_unknown_headings_are_ignored_outside_sections_and_kept_inside():
    title = sections()["experiences"][0][0]
    found, draft = _parse(f"### Inconnue\ntexte perdu\n### {title}\nDébut\n### Un sous-titre\nSuite\n#### Plus bas\n")
    assert found == {f"section:{title}": "Début\n### Un sous-titre\nSuite\n#### Plus bas"}
    assert [p.code for p in draft.notes] == ["proposition-rubrique-inconnue", "proposition-sous-titre-garde"]
    assert "« Inconnue »" in draft.notes[0].message
    assert draft.notes[1].message == f"sous-titre « Un sous-titre » gardé dans la section « {title} »"


def test_a_label_given_twice_is_an_error_and_neither_answer_is_kept():
    found, draft = _parse("### Résumé\nUn\n### Résumé\nDeux\n")
    assert found == {"resume": "Un"}
    assert [(p.field, p.code) for p in draft.errors] == [("Résumé", "proposition-rubrique-en-double")]
    assert draft.failed == {"resume"}
