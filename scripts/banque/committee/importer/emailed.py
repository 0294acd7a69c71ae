"""A filled sheet sent by e-mail: cleaned like a form's answers, its structure left to the schema."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from banque.committee.importer.answers import lookup
from banque.committee.importer.clean import clean_markdown, clean_short
from banque.committee.importer.draft import Draft
from banque.sheets import yaml_strict
from banque.sheets.load import split_front_matter
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError, problem

EDITORIAL_ONLY = ("relecture", "date_publication", "mise_en_avant")

_VOCAB_FIELDS = {("nature",): "natures", ("themes", "*"): "themes", ("modeles", "*", "modele"): "modeles",
                 ("acteurs", "*", "type"): "types_acteurs", ("acteurs", "*", "role"): "roles",
                 ("territoires", "*", "niveau"): "niveaux_territoire", ("referent", "contact"): "modes_contact"}


# A field name as the schema writes them. Any other key is dropped unread: an error
# message would echo it, and a key can hold anything (newlines, fences, mentions).
_KEY = re.compile(r"[a-z_][a-z0-9_]{0,39}")


# Reader problems that would echo a key, which can hold anything: said without it.
_NAMELESS = {"yaml-cle-en-double": "proposition-cle-en-double", "yaml-tiret-oublie": "proposition-cle-en-double",
             "yaml-espace-dans-cle": "proposition-espace-dans-cle"}

def _sanitise(value: Any, path: tuple, odd: list[tuple]) -> Any:
    """Every string cleaned, labels mapped to ids; structure kept for the schema to judge.
    Keys that are not field names are left out and their place is added to `odd`."""
    if isinstance(value, dict):
        kept = {}
        for k, v in value.items():
            if isinstance(k, str) and _KEY.fullmatch(k):
                kept[k] = _sanitise(v, path + (k,), odd)
            else:
                odd.append(path)
        return kept
    if isinstance(value, list):
        return [_sanitise(v, path + ("*",), odd) for v in value]
    if not isinstance(value, str):
        return value
    text = clean_short(value)
    vocab = _VOCAB_FIELDS.get(path)
    return (lookup(vocab, text) or text) if vocab else text


def from_sheet(text: str, draft: Draft) -> None:
    split = split_front_matter(text, "proposition")
    # The reader's problems, without their hints: the correspondent fixes a sheet they sent, not a file here.
    if not isinstance(split, tuple):
        raise ProblemsError([replace(split, path="", line=0, field="fiche", hint="")])
    front, body, _ = split
    doc, issues = yaml_strict.parse(front, first=2)
    if doc is None or issues or not isinstance(doc.data, dict):
        # A duplicate key is said without its name: a key can hold anything (see _KEY).
        found = [problem(_NAMELESS[i.code], line=i.line) if i.code in _NAMELESS
                 else replace(i, path="", field="", hint="") for i in issues]
        raise ProblemsError(found or [problem("proposition-en-tete-pas-des-champs")])
    odd: list[tuple] = []
    data = _sanitise(doc.data, (), odd)
    if odd:
        draft.errors.append(problem("proposition-cle-illisible", field="fiche", nombre=len(odd)))
    for name in EDITORIAL_ONLY:
        if data.pop(name, None) is not None:
            draft.note("proposition-champ-retire", champ=name)
    in_review = policy().status.in_review
    if data.get("statut") not in (None, in_review):
        draft.note("proposition-statut-remplace", statut=data["statut"], remplacement=in_review)
    draft.data = data
    draft.labels = {}  # an e-mailed sheet names its fields itself
    draft.body = [("", clean_markdown(body, demote=False))]
