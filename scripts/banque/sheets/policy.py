"""The bank's rules, read once from schema/regles.yml.

Code and templates never name a vocabulary term: they ask the policy which
term plays a role (`policy().status.published`), so renaming a term or
changing a limit is an edit of YAML, checked here against the vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from banque.paths import SCHEMA
from banque.sheets.vocabulary import NAMES, vocabulary
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
    section_min: int
    consent_years: int
    review_months: int
    known_acronyms: frozenset[str]
    regions: tuple[str, ...]  # today's régions, in display order
    scopes: dict[str, str]  # level id of a scope without région → its label
    status: Statuses
    contact: ContactModes
    level: Levels
    examples: dict[str, tuple[str, ...]]  # vocabulary → the terms the JSON Schema shows as examples

    def for_templates(self) -> dict[str, Any]:
        """The same rules for jinja2 and the site's scripts (plain data)."""
        return {
            "resume": {"min": self.summary_min, "max": self.summary_max},
            "section": {"min": self.section_min},
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


class _Rules:
    """regles.yml's data, with French errors that name the file and the key."""

    def __init__(self, path: Path):
        self.name = path.name
        try:
            self.data = load_data_file(path.read_text(encoding="utf-8"), str(path))
        except (OSError, ValueError) as e:
            raise PolicyError(f"{self.name}\u00a0: illisible ({e})") from None

    def error(self, message: str) -> PolicyError:
        return PolicyError(f"{self.name}\u00a0: {message}")

    def get(self, *path: str) -> Any:
        data = self.data
        for i, key in enumerate(path):
            if not isinstance(data, dict) or key not in data:
                raise self.error(f"«\u00a0{'.'.join(path[:i + 1])}\u00a0» manquant")
            data = data[key]
        return data

    def number(self, *path: str) -> int:
        value = self.get(*path)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(f"«\u00a0{'.'.join(path)}\u00a0» doit être un nombre entier positif")
        return value

    def terms(self, vocab: str, where: str, given: Any) -> tuple[str, ...]:
        if vocab not in NAMES:
            raise self.error(f"{where}\u00a0: vocabulaire «\u00a0{vocab}\u00a0» inconnu ({', '.join(NAMES)})")
        known = vocabulary(vocab).ids
        values = tuple(str(t) for t in (given if isinstance(given, list) else [given]))
        for term in values:
            if term not in known:
                raise self.error(f"{where} = «\u00a0{term}\u00a0» n'est pas un terme de "
                                 f"schema/vocabulaires/{vocab}.yml ({', '.join(known)})")
        return values

    def roles(self, vocab: str) -> Any:
        cls = _ROLES[vocab]
        names = [f.name for f in fields(cls)]
        given = self.get("roles", vocab)
        if not isinstance(given, dict):
            raise self.error(f"roles.{vocab} doit associer chaque rôle à un terme")
        missing = [n for n in names if n not in given]
        if missing:
            raise self.error(f"rôle(s) «\u00a0{', '.join(missing)}\u00a0» manquant(s) sous roles.{vocab}")
        for role, term in given.items():
            if role not in names:
                raise self.error(f"rôle inconnu «\u00a0{role}\u00a0» sous roles.{vocab} ({', '.join(names)})")
            self.terms(vocab, f"roles.{vocab}.{role}", term)
        return cls(**{role: str(term) for role, term in given.items()})


def load_policy(path: Path) -> Policy:
    """Read and check a rules file (schema/regles.yml, or another one in tests)."""
    rules = _Rules(path)
    level = rules.roles("niveaux_territoire")
    scopes = {str(s.get("niveau")): str(s.get("libelle")) for s in rules.get("portees") if isinstance(s, dict)}
    if sorted(scopes) != sorted((level.national, level.international)):
        raise rules.error(f"«\u00a0portees\u00a0» doit nommer les niveaux {level.national} et {level.international}, "
                          f"une fois chacun ({', '.join(scopes) or 'aucun'} trouvé)")
    examples = rules.get("exemples")
    if not isinstance(examples, dict):
        raise rules.error("«\u00a0exemples\u00a0» doit donner des termes par vocabulaire")
    return Policy(
        summary_min=rules.number("resume", "min"),
        summary_max=rules.number("resume", "max"),
        section_min=rules.number("section", "min"),
        consent_years=rules.number("renouvellement", "consentement_ans"),
        review_months=rules.number("renouvellement", "relecture_mois"),
        known_acronyms=frozenset(str(s) for s in rules.get("sigles_connus")),
        regions=tuple(str(r) for r in rules.get("regions")),
        scopes=scopes,
        status=rules.roles("statuts"),
        contact=rules.roles("modes_contact"),
        level=level,
        examples={str(v): rules.terms(str(v), f"exemples.{v}", t) for v, t in examples.items()},
    )


@cache
def policy() -> Policy:
    """The bank's rules (schema/regles.yml), read once."""
    return load_policy(RULES)
