"""No placeholder goes live: mkdocs.yml's settings still at their example values.

`banque construire` names each of them in a French warning and builds anyway (a
local build); `banque construire --publication`, which the Pages workflow runs,
refuses to build. The example values are data: `valeurs_exemple` in
schema/regles.yml.
"""

from __future__ import annotations

from typing import Any

from banque.sheets.policy import policy
from banque.sheets.problem import Problem, problem

# The settings a reader follows: (where in mkdocs.yml, what it is for).
SETTINGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("extra", "banque", "comite_courriel"), "l'adresse du comité, où les lecteurs écrivent"),
    (("site_url",), "l'adresse du site publié"),
    (("repo_url",), "le dépôt où les lecteurs proposent une fiche"),
    (("extra", "banque", "edition_url"), "le lien « Proposer une correction » de chaque fiche"),
)


def _value(settings: dict[str, Any], path: tuple[str, ...]) -> str:
    value: Any = settings
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) else ""


def placeholders(settings: dict[str, Any]) -> list[Problem]:
    """A warning for each setting that still holds an example value."""
    examples = policy().placeholders
    found = []
    for path, role in SETTINGS:
        value = _value(settings, path)
        if any(example in value for example in examples):
            found.append(problem("reglage-exemple", "mkdocs.yml", 0, ".".join(path),
                                 reglage=".".join(path), valeur=value, role=role))
    return found


def refusal(found: list[Problem]) -> Problem:
    """The publication's refusal, naming the settings."""
    return problem("publication-refusee", "mkdocs.yml", nombre=len(found), reglages=", ".join(p.field for p in found))
