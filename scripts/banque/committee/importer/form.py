"""The body of an issue opened with the GitHub form: one `### Label` block per answer."""

from __future__ import annotations

from functools import cache

from banque.committee.importer.clean import clean_short
from banque.committee.importer.draft import KIND, Draft
from banque.sheets import body
from banque.sheets.vocabulary import sections, vocabulary

NO_RESPONSE = "_No response_"
CONSENT_OPTION = "Le référent accepte d'être cité dans la banque d'expériences"
FORM_LEVEL = 3  # GitHub writes each label as a "###" heading
# Answers to the form's one-line inputs.
SINGLE_LINE = {"titre", "debut", "fin", "referent_nom", "referent_fonction", "referent_organisation",
               "consentement_date", "consentement_moyen", "correspondant"}


def model_label(libelle: str) -> str:
    return f"Modèle « {libelle} » : pourquoi il s'applique"


@cache
def labels() -> dict[str, str]:
    """The issue form's labels -> answer keys. Must match
    .github/ISSUE_TEMPLATE/proposer-une-experience.yml exactly (a test checks it)."""
    table = {
        "Titre de l'expérience": "titre",
        "Résumé": "resume",
        "Nature de l'expérience": "nature",
        **{model_label(t.libelle): f"modele:{t.id}" for t in vocabulary("modeles").terms},
        "Territoire": "territoire",
        "Thèmes": "themes",
        "Acteurs": "acteurs",
        "Année de début": "debut",
        "Année de fin": "fin",
        "Indicateurs d'impact": "indicateurs",
        "Sources": "sources",
        "Référent : prénom et nom": "referent_nom",
        "Référent : fonction": "referent_fonction",
        "Référent : structure": "referent_organisation",
        "Consentement du référent": "consentement",
        "Consentement : date (AAAA-MM-JJ)": "consentement_date",
        "Consentement : comment il a été donné": "consentement_moyen",
        **{title: f"section:{title}" for title, _ in sections()[KIND]},
        "Votre nom (correspondant local)": "correspondant",
    }
    return table


def _label_of(line: str) -> str | None:
    found = body.heading(line)
    return found[1] if found and found[0] == FORM_LEVEL and found[1] else None


def parse_form(text: str, draft: Draft) -> dict[str, str]:
    """`### Label` blocks -> {key: answer}. Unknown headings start an ignored block,
    except inside a body section, where they are the correspondent's sub-headings."""
    answers: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        label = _label_of(line)
        if label is not None:
            key = labels().get(label)
            if key is None and current and current.startswith("section:"):
                answers[current].append(line)
                draft.note("proposition-sous-titre-garde", titre=clean_short(label)[:80],
                           section=current.removeprefix("section:"))
                continue
            if key is None:
                draft.note("proposition-rubrique-inconnue", rubrique=clean_short(label)[:80])
            elif key in answers:
                draft.error(key, clean_short(label), "proposition-rubrique-en-double")
            else:
                answers[key] = []
            current = key if key and key not in draft.failed else None
            continue
        if current:
            answers[current].append(line)
    result = {}
    for key, lines in answers.items():
        value = "\n".join(lines).strip()
        value = "" if value == NO_RESPONSE else value
        if key in SINGLE_LINE and "\n" in value:
            # The form's inputs are one line: more means the body was edited by hand.
            value = value.split("\n", 1)[0]
            draft.note("proposition-premiere-ligne", rubrique=_form_label(key))
        result[key] = value
    return result


def _form_label(key: str) -> str:
    return next(label for label, k in labels().items() if k == key)
