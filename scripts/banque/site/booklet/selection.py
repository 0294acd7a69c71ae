"""Which experiences a booklet holds: the explorer's filters, read the explorer's way.

Within one filter the values add up (région 44 or 11), the filters narrow one
another (région 44 and theme insertion), and the sheets come in the explorer's
order: `select` gives exactly the results the explorer page shows for the same
URL parameters. The values are checked against the explorer's own facets, so
an unknown code is refused in French, with the close values.

The rule itself is sheets/selection.py, shared with the explorer and the open
data; this module reads the command's options into it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from banque.sheets import selection as selection_rule
from banque.sheets.bank import Bank, Sheet
from banque.sheets.models import Experience
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, ProblemsError, problem, suggestion
from banque.sheets.territory import territories
from banque.site import explorer


def options() -> tuple[str, ...]:
    """The command's options (without "--"): the explorer's facet keys, as in its URL."""
    return (policy().level.region, "modele", "theme")


@dataclass(frozen=True)
class Selection:
    """Chosen values by facet key (policy().level.region, "modele", "theme"); empty: the whole bank."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def everything(self) -> bool:
        return not any(self.values.values())

    def describe(self) -> list[str]:
        """One French line per filter, for the cover: « Région : Grand Est »."""
        labels = {f.key: (f.legend, dict(f.values)) for f in _facets()}
        return [f"{labels[key][0]}\u00a0: {', '.join(labels[key][1][v] for v in chosen)}"
                for key, chosen in self.values.items() if chosen]


def _facets() -> list[explorer.Facet]:
    # Every région of the reference (not only the used ones): a région without
    # sheet is a valid, empty choice.
    ref = territories()
    level = policy().level
    regions = [*policy().regions, *sorted(set(ref.regions) - set(policy().regions)), *policy().scopes]
    found = [f for f in explorer.facets([]) if f.key in options()]
    return [explorer.Facet(f.key, f.legend, [(r, explorer.region_name(r)) for r in regions]) if f.key == level.region else f
            for f in found]


def parse(chosen: dict[str, list[str] | None]) -> Selection:
    """The selection named by the command's options (option → values); an
    unknown value raises ProblemsError, one problem per value."""
    facets = {f.key: f for f in _facets()}
    problems: list[Problem] = []
    values: dict[str, tuple[str, ...]] = {}
    for option in options():
        facet = facets[option]
        known = dict(facet.values)
        given = list(dict.fromkeys(chosen.get(option) or []))
        for value in given:
            if value not in known:
                problems.append(_unknown(option, value, known))
        # Kept in the facet's order, as the explorer writes its URL.
        values[facet.key] = tuple(v for v in known if v in given)
    if problems:
        raise ProblemsError(problems)
    return Selection(values)


def _unknown(option: str, value: str, known: dict[str, str]) -> Problem:
    by_label = {label.casefold(): v for v, label in known.items()}
    close = [by_label[value.casefold()]] if value.casefold() in by_label else \
        difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    choices = ", ".join(f"{v} ({label})" if v != label else v for v, label in known.items())
    return problem("recueil-filtre-inconnu", field=f"--{option}", valeur=value, valeurs=choices,
                   suggestion=suggestion(close))


def select(bank: Bank, selection: Selection) -> list[Sheet[Experience]]:
    """The experiences of `bank` the explorer shows for `selection`, in its order:
    the shared rule of sheets/selection.py, which the explorer and the open data follow too."""
    chosen = selection.values
    shared = selection_rule.Selection(frozenset(chosen.get(policy().level.region, ())),
                                      frozenset(chosen.get("modele", ())), frozenset(chosen.get("theme", ())))
    return explorer.ordered(selection_rule.select_experiences(bank.experiences, shared))
