"""The draft sheet a proposal becomes: its data, its body, and what is wrong with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from banque.sheets import writer
from banque.sheets.problem import Problem, problem

KIND = "experiences"

# Schema field (dotted, longest prefix wins) -> what the correspondent filled in.
FIELD_LABELS = {
    "slug": "Titre de l'expérience", "titre": "Titre de l'expérience", "resume": "Résumé",
    "nature": "Nature de l'expérience", "modeles": "Modèles (au moins un, avec sa justification)",
    "territoires": "Territoire", "themes": "Thèmes", "acteurs": "Acteurs", "periode": "Année de début",
    "periode.fin": "Année de fin", "indicateurs": "Indicateurs d'impact", "sources": "Sources",
    "referent": "Référent : prénom et nom", "referent.fonction": "Référent : fonction",
    "referent.organisation": "Référent : structure", "referent.consentement": "Consentement du référent",
    "referent.consentement.date": "Consentement : date (AAAA-MM-JJ)",
    "referent.consentement.moyen": "Consentement : comment il a été donné",
    "correspondant": "Votre nom (correspondant local)",
}


@dataclass
class Draft:
    data: dict[str, Any] = field(default_factory=dict)
    body: list[tuple[str, str]] = field(default_factory=list)  # (section title, markdown)
    errors: list[Problem] = field(default_factory=list)  # each under the label the correspondent knows
    notes: list[Problem] = field(default_factory=list)  # warnings: the proposal is imported all the same
    failed: set[str] = field(default_factory=set)  # fields already reported, not to report twice
    labels: dict[str, str] = field(default_factory=lambda: dict(FIELD_LABELS))

    def error(self, name: str, label: str, code: str, **params: Any) -> None:
        """The problem `code` with the schema field `name`, shown under `label`."""
        self.add(name, problem(code, field=label, **params))

    def add(self, name: str, found: Problem) -> None:
        self.failed.add(name)
        self.errors.append(found)

    def note(self, code: str, **params: Any) -> None:
        self.notes.append(problem(code, **params))

    def label(self, name: str) -> str:
        """What the correspondent calls the schema field `name` (a section: its title)."""
        if name.startswith("corps."):
            return name[len("corps."):] if self.labels else name
        key = max((k for k in self.labels if name == k or name.startswith((k + ".", k + "["))), key=len, default=None)
        return self.labels[key] if key else name

    def text(self) -> str:
        """The sheet file the draft would be."""
        return writer.compose(KIND, writer.fields_yaml(KIND, self.data), self.body)


def top_field(name: str) -> str:
    """The field a name starts with: referent for referent.consentement.date, acteurs for acteurs[2].role."""
    return re.split(r"[.\[]", name, maxsplit=1)[0]
