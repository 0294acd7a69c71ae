"""The bank's rules, read once from schema/regles.yml.

Code and templates never name a vocabulary term: they ask the policy which
term plays a role (`policy().status.published`), so renaming a term or
changing a limit is an edit of YAML, checked here against the vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from banque.paths import SCHEMA
from banque.sheets.problem import ProblemsError, fragment, problem
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
class Natures:
    animation: str  # a scheme that may claim no partnership model


@dataclass(frozen=True)
class LinkNatures:
    uses: str
    cites: str
    related: str


@dataclass(frozen=True)
class Policy:
    summary_min: int
    summary_max: int
    section_min: int
    body_depth_max: int  # lists, quotes and Markdown blocks nested in the body
    consent_years: int
    review_months: int
    known_acronyms: frozenset[str]
    regions: tuple[str, ...]  # today's régions, in display order
    scopes: dict[str, str]  # level id of a scope without région → its label
    status: Statuses
    contact: ContactModes
    level: Levels
    examples: dict[str, tuple[str, ...]]  # vocabulary → the terms the JSON Schema shows as examples
    placeholders: tuple[str, ...] = ()  # parts of mkdocs.yml's example values: never published
    unaccented: dict[str, str] = field(default_factory=dict)  # « Economie » → « Économie »
    institution_lowercase: frozenset[str] = frozenset()  # « Général » in « Commissariat Général »
    wrong_forms: dict[str, str] = field(default_factory=dict)  # « nous-même » → « nous-mêmes »
    nature: Natures = Natures("")
    link: LinkNatures = LinkNatures("", "", "")
    situation_months: int = 0  # beyond this, a page warns that the facts may have changed
    unfinished: str = "\0"  # the new-sheet template's « À compléter »: never published

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
            "lien": vars(self.link),
            "nature": vars(self.nature),
            "situation_mois": self.situation_months,
        }


# Each vocabulary with roles, and the dataclass naming them (its fields are
# the role keys of regles.yml).
_ROLES: dict[str, type] = {"statuts": Statuses, "modes_contact": ContactModes, "niveaux_territoire": Levels}
_ROLES.update({"natures": Natures, "liens_outils": LinkNatures})


class _Rules:
    """regles.yml's data, with French errors that name the file and the key:
    a ProblemsError, each message starting with the file's name."""

    def __init__(self, path: Path):
        self.name = path.name
        try:
            self.data = load_data_file(path.read_text(encoding="utf-8"), str(path))
        except (OSError, ValueError) as e:
            raise self.invalid("regles-illisible", fichier=self.name, detail=str(e)) from None

    def invalid(self, code: str, **params: Any) -> ProblemsError:
        return ProblemsError([problem(code, self.name, **params)])

    def get(self, *path: str) -> Any:
        data = self.data
        for i, key in enumerate(path):
            if not isinstance(data, dict) or key not in data:
                raise self.invalid("regles-cle-manquante", fichier=self.name, cle=".".join(path[:i + 1]))
            data = data[key]
        return data

    def number(self, *path: str) -> int:
        value = self.get(*path)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.invalid("regles-nombre", fichier=self.name, cle=".".join(path))
        return value

    def terms(self, vocab: str, where: str, given: Any) -> tuple[str, ...]:
        if vocab not in NAMES:
            raise self.invalid("regles-vocabulaire-inconnu", fichier=self.name, cle=where, vocabulaire=vocab,
                             vocabulaires=", ".join(NAMES))
        known = vocabulary(vocab).ids
        values = tuple(str(t) for t in (given if isinstance(given, list) else [given]))
        for term in values:
            if term not in known:
                raise self.invalid("regles-terme-inconnu", fichier=self.name, cle=where, terme=term, vocabulaire=vocab,
                                 termes=", ".join(known))
        return values

    def roles(self, vocab: str) -> Any:
        cls = _ROLES[vocab]
        names = [f.name for f in fields(cls)]
        given = self.get("roles", vocab)
        if not isinstance(given, dict):
            raise self.invalid("regles-roles-pas-groupe", fichier=self.name, vocabulaire=vocab)
        missing = [n for n in names if n not in given]
        if missing:
            raise self.invalid("regles-roles-manquants", fichier=self.name, roles=", ".join(missing), vocabulaire=vocab)
        for role, term in given.items():
            if role not in names:
                raise self.invalid("regles-role-inconnu", fichier=self.name, role=role, vocabulaire=vocab,
                                 roles=", ".join(names))
            self.terms(vocab, f"roles.{vocab}.{role}", term)
        return cls(**{role: str(term) for role, term in given.items()})


def load_policy(path: Path) -> Policy:
    """Read and check a rules file (schema/regles.yml, or another one in tests)."""
    rules = _Rules(path)
    level = rules.roles("niveaux_territoire")
    scopes = {str(s.get("niveau")): str(s.get("libelle")) for s in rules.get("portees") if isinstance(s, dict)}
    if sorted(scopes) != sorted((level.national, level.international)):
        raise rules.invalid("regles-portees", fichier=rules.name, national=level.national,
                          international=level.international, trouves=", ".join(scopes) or fragment("aucun"))
    examples = rules.get("exemples")
    if not isinstance(examples, dict):
        raise rules.invalid("regles-exemples", fichier=rules.name)
    return Policy(
        summary_min=rules.number("resume", "min"),
        summary_max=rules.number("resume", "max"),
        section_min=rules.number("section", "min"),
        body_depth_max=rules.number("corps", "imbrication_max"),
        consent_years=rules.number("renouvellement", "consentement_ans"),
        review_months=rules.number("renouvellement", "relecture_mois"),
        known_acronyms=frozenset(str(s) for s in rules.get("sigles_connus")),
        regions=tuple(str(r) for r in rules.get("regions")),
        scopes=scopes,
        status=rules.roles("statuts"),
        contact=rules.roles("modes_contact"),
        level=level,
        examples={str(v): rules.terms(str(v), f"exemples.{v}", t) for v, t in examples.items()},
        placeholders=tuple(str(v) for v in rules.get("valeurs_exemple")),
        unaccented={str(k): str(v) for k, v in rules.get("typographie", "capitales_sans_accent").items()},
        institution_lowercase=frozenset(str(w) for w in rules.get("typographie", "minuscules_institution")),
        wrong_forms={str(k): str(v) for k, v in rules.get("typographie", "tournures").items()},
        nature=rules.roles("natures"),
        link=rules.roles("liens_outils"),
        situation_months=rules.number("fraicheur", "situation_mois"),
        unfinished=str(rules.get("a_completer")),
    )


@cache
def policy() -> Policy:
    """The bank's rules (schema/regles.yml), read once."""
    return load_policy(RULES)
