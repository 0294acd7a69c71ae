"""The bank's rules, read once from schema/regles.yml.

Code and templates never name a vocabulary term: they ask the policy which
term plays a role (`policy().status.published`), so renaming a term or
changing a limit is an edit of YAML, checked here against the vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from banque.paths import SCHEMA
from banque.sheets.vocabulary import vocabulary
from banque.sheets.yaml_strict import load_data_file

RULES = SCHEMA / "regles.yml"


@dataclass(frozen=True)
class Statuses:
    draft: str
    in_review: str
    published: str
    archived: str


@dataclass(frozen=True)
class ContactModes:
    via_committee: str
    public: str
    masked: str


@dataclass(frozen=True)
class Levels:
    commune: str
    arrondissement: str
    epci: str
    departement: str
    region: str
    national: str
    international: str


@dataclass(frozen=True)
class Policy:
    summary_min: int
    summary_max: int
    consent_years: int
    review_months: int
    regions: tuple[str, ...]  # today's régions, in display order
    scopes: dict[str, str]  # level id of a scope without région → its label
    status: Statuses
    contact: ContactModes
    level: Levels

    def for_templates(self) -> dict[str, Any]:
        """The same rules for jinja2 and the site's scripts (plain data)."""
        return {
            "resume": {"min": self.summary_min, "max": self.summary_max},
            "consentement_ans": self.consent_years,
            "relecture_mois": self.review_months,
            "statut": vars(self.status),
            "contact": vars(self.contact),
            "niveau": vars(self.level),
            "portees": dict(self.scopes),
        }


# Each vocabulary with roles, and the dataclass naming them (its fields are
# the role keys of regles.yml).
_ROLES: dict[str, type] = {"statuts": Statuses, "modes_contact": ContactModes, "niveaux_territoire": Levels}


class PolicyError(ValueError):
    """schema/regles.yml does not match the vocabularies (a French message)."""


def _roles(vocab: str, given: dict[str, str]) -> Any:
    cls = _ROLES[vocab]
    names = [f.name for f in fields(cls)]
    known = vocabulary(vocab).ids
    missing = [n for n in names if n not in given]
    if missing:
        raise PolicyError(f"{RULES.name} : rôles « {', '.join(missing)} » manquants sous roles.{vocab}")
    for role, term in given.items():
        if role not in names:
            raise PolicyError(f"{RULES.name} : rôle inconnu « {role} » sous roles.{vocab} ({', '.join(names)})")
        if term not in known:
            raise PolicyError(f"{RULES.name} : roles.{vocab}.{role} = « {term} » n'est pas un terme de "
                              f"schema/vocabulaires/{vocab}.yml ({', '.join(known)})")
    return cls(**{role: str(term) for role, term in given.items()})


@cache
def policy() -> Policy:
    data = load_data_file(RULES.read_text(encoding="utf-8"), str(RULES))
    roles = data["roles"]
    level = _roles("niveaux_territoire", roles["niveaux_territoire"])
    scopes = {str(s["niveau"]): str(s["libelle"]) for s in data["portees"]}
    for scope in scopes:
        if scope not in (level.national, level.international):
            raise PolicyError(f"{RULES.name} : portée « {scope} » inconnue (national ou international attendu)")
    return Policy(
        summary_min=int(data["resume"]["min"]),
        summary_max=int(data["resume"]["max"]),
        consent_years=int(data["renouvellement"]["consentement_ans"]),
        review_months=int(data["renouvellement"]["relecture_mois"]),
        regions=tuple(str(r) for r in data["regions"]),
        scopes=scopes,
        status=_roles("statuts", roles["statuts"]),
        contact=_roles("modes_contact", roles["modes_contact"]),
        level=level,
    )
