"""Territories typed by a correspondent ("Saint-Denis (93066)", "région 44", "Alsace")
resolved to the schema's levels and official codes."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from banque.committee.importer.clean import clean_short
from banque.committee.importer.draft import Draft
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, problem
from banque.sheets.territory import territories
from banque.sheets.text import fold
from banque.sheets.vocabulary import vocabulary

LEVELS = "niveaux_territoire"
# Besides the national level's id, its label and its scope's label.
_NATIONAL_WORDS = {"nationale", "france", "toute la france"}
_TOWN = "ville"  # a word for a commune
_CODE = r"(?:\d{2,9}|2[AB]|97\d|[A-Z]{2})"


def _local_levels() -> tuple[str, ...]:
    level = policy().level
    return level.commune, level.arrondissement, level.epci, level.departement, level.region


@cache
def _level_words() -> dict[str, str]:
    """Folded word a correspondent may put before a name or code -> level id: the
    first word of the level's label, its id if it is one word, and « ville »."""
    words = {}
    for level in _local_levels():
        words[fold(vocabulary(LEVELS).label(level)).split()[0]] = level
        if " " not in fold(level):
            words[fold(level)] = level
    words[_TOWN] = policy().level.commune
    return words


def _level_word(level: str) -> str:
    """The word to type for `level`, as a hint: the first word of its label."""
    return vocabulary(LEVELS).label(level).split()[0].lower()


def _scope_words(level: str) -> set[str]:
    return {fold(level), fold(vocabulary(LEVELS).label(level)), fold(policy().scopes[level])}


@cache
def _names() -> dict[str, dict[str, list[str]]]:
    """Folded name -> codes, per level (communes share names: Saint-Denis exists four times)."""
    ref, level = territories(), policy().level
    index: dict[str, dict[str, list[str]]] = {}
    for lvl, table in ((level.departement, ref.departements), (level.commune, ref.communes),
                       (level.arrondissement, ref.arrondissements)):
        for code, entry in table.items():
            index.setdefault(lvl, {}).setdefault(fold(entry["nom"]), []).append(code)
    return index


def _candidates(code: str) -> list[tuple[str, str, str]]:
    ref, level = territories(), policy().level
    tables = ((level.commune, ref.communes), (level.arrondissement, ref.arrondissements), (level.epci, ref.epci),
              (level.departement, ref.departements), (level.region, ref.regions))
    found = [(lvl, code, table[code]["nom"]) for lvl, table in tables if code in table]
    if re.fullmatch(r"[A-Z]{2}", code):
        found.append((level.international, code, code))
    return found


def _same_name(given: str, official: str) -> bool:
    a, b = fold(given), fold(official)
    return a == b or b.startswith(a + " ") or a.startswith(b + " ")


def _describe(place: tuple[str, str, str]) -> str:
    level, code, name = place
    return f"{name} ({vocabulary(LEVELS).label(level).lower()} {code})"


def resolve_territory(item: str) -> tuple[str, str | None] | Problem:
    """(level, code) for one line such as "Saint-Denis (93066)", "région 44" or "Alsace";
    otherwise the problem, for the caller to place under its field."""
    levels = policy().level
    if fold(item) in _scope_words(levels.national) | _NATIONAL_WORDS:
        return (levels.national, None)
    if fold(item) in _scope_words(levels.international):
        return (levels.international, None)
    level = None
    first = re.match(r"^\s*([^\s:]+)\s*:?\s*(.*)$", item)
    if first and fold(first.group(1)) in _level_words() and first.group(2):
        level, item = _level_words()[fold(first.group(1))], first.group(2)
    code_match = re.search(rf"\(\s*({_CODE})\s*\)\s*$", item, re.IGNORECASE) or re.fullmatch(rf"\s*({_CODE})\s*", item, re.IGNORECASE)
    if code_match:
        code, name = code_match.group(1).upper(), item[: code_match.start()].strip()
        found = [c for c in _candidates(code) if level in (None, c[0])]
        if name:  # no country names to check
            named = [c for c in found if c[0] == levels.international or _same_name(name, c[2])]
            if found and not named:
                return problem("proposition-territoire-autre-nom", territoire=item, code=code,
                               lieux=" ou ".join(map(_describe, found)), nom=name)
            found = named
    else:
        name = item.strip()
        found = []
        if level in (None, levels.region):
            place = territories().resolve(levels.region, name)
            if place:
                found.append((levels.region, place.ancien_nom or place.code, place.libelle))
        for lvl in (levels.departement, levels.commune, levels.arrondissement):
            if level in (None, lvl):
                found += [(lvl, c, name) for c in _names().get(lvl, {}).get(fold(name), [])]
    if not found:
        return problem("proposition-territoire-inconnu", territoire=item)
    if len(found) > 1:
        options = ", ".join(map(_describe, found[:4])) + ("…" if len(found) > 4 else "")
        if code_match:  # the code is known: the level tells which place
            return problem("proposition-territoire-ambigu-niveau", territoire=item, lieux=options,
                           niveau=_level_word(found[0][0]), code=found[0][1])
        return problem("proposition-territoire-ambigu", territoire=item, lieux=options, code=found[0][1])
    return found[0][0], found[0][1]


def parse_territories(text: str, draft: Draft) -> None:
    label = "Territoire"
    levels: dict[str, list[str]] = {}
    for line in text.split("\n"):
        for item in re.split(r"[;,]", re.sub(r"^\s*[-*•]\s+", "", line)):
            item = clean_short(item)
            if not item:
                continue
            found = resolve_territory(item)
            if isinstance(found, Problem):
                draft.add("territoires", replace(found, field=label))
                continue
            codes = levels.setdefault(found[0], [])
            if found[1] and found[1] not in codes:
                codes.append(found[1])
    if levels and "territoires" not in draft.failed:
        draft.data["territoires"] = [{"niveau": level, "codes": codes} for level, codes in levels.items()]
