"""Valid front matters to build models from, for the unit tests of the sheets wing.

Each builder returns a fresh dict that validates; a test changes one thing and
checks what the model says about it. Term ids come from the policy where the
code asks it for a role, so the samples follow a renamed term."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from banque.sheets.load import RawSheet
from banque.sheets.models import Experience, Tool
from banque.sheets.policy import policy

_REFERENT: dict[str, Any] = {
    "nom": "Camille Exemple",
    "fonction": "Coordinatrice",
    "organisation": "Association de test",
    "consentement": {"date": "2025-03-01", "moyen": "courriel au comité"},
}
_SOURCE = {"titre": "Compte rendu de test", "date": "2015-01-08"}


def experience_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": "fiche-de-test",
        "titre": "Une fiche de test",
        "resume": "Une fiche de test assez longue pour passer la limite de soixante caractères du résumé.",
        "nature": "partenariat_multilateral",
        "modeles": [{"modele": "cooperation_economique", "justification": "Les partenaires produisent ensemble."}],
        "territoires": [{"niveau": policy().level.commune, "codes": ["93066"]}],
        "themes": ["emploi-insertion"],
        "acteurs": [{"nom": "Association de test", "type": "association", "role": "porteur"}],
        "periode": {"debut": 2012},
        "situation": "2015-01",
        "sources": [dict(_SOURCE)],
        "referent": copy.deepcopy(_REFERENT),
    }
    data.update(changes)
    return data


def tool_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": "outil-de-test",
        "titre": "Un outil de test",
        "type": "guide",
        "organisation": "Association de test",
        "territoires": [{"niveau": policy().level.national}],
        "publics": ["association"],
        "themes": ["emploi-insertion"],
        "sources": [dict(_SOURCE)],
        "situation": "2015-01",
    }
    data.update(changes)
    return data


def reviewed(**changes: Any) -> dict[str, Any]:
    """The editorial fields of a published sheet."""
    return {"statut": policy().status.published,
            "relecture": {"date": "2026-01-10", "relecteurs": ["Comité de rédaction"]}, **changes}


def raw(kind: str, slug: str, data: dict[str, Any]) -> RawSheet:
    return RawSheet(Path(f"content/{kind}/{slug}.md"), f"content/{kind}/{slug}.md", kind, data, "", 1)


def experience(**changes: Any) -> Experience:
    return Experience.model_validate(experience_data(**changes))


def tool(**changes: Any) -> Tool:
    return Tool.model_validate(tool_data(**changes))
