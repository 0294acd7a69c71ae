"""A selection of the bank by région, partnership model and theme: one rule for
the explorer, the open data and the printed booklet.

A sheet is kept when, for each criterion given, it has one of the values asked
(AND across criteria, OR within one), as the explorer's filters do. Its
régions are those its territories roll up to; a sheet without région counts as
its scope (national or international, policy().scopes), as on the explorer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from banque.sheets.bank import Bank, Sheet
from banque.sheets.models import Experience
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, ProblemsError, problem
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary


def sheet_regions(sheet: Sheet) -> list[str]:
    """The région codes of a sheet, or its scope id when it has none."""
    return list(sheet.regions) or [sheet.scope]


def criteria(sheet: Sheet[Experience]) -> dict[str, list[str]]:
    """The values of an experience for each criterion of a selection."""
    m = sheet.model
    return {
        "regions": sheet_regions(sheet),
        "modeles": [u.modele for u in m.modeles],
        "themes": list(dict.fromkeys(m.themes)),
    }


@dataclass(frozen=True)
class Selection:
    """Région codes (or scope ids), model ids and theme ids; an empty criterion keeps everything."""

    regions: frozenset[str] = frozenset()
    modeles: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, regions: Iterable[str] = (), modeles: Iterable[str] = (), themes: Iterable[str] = ()) -> Selection:
        """A selection from the values a person typed; unknown values raise ProblemsError (French)."""
        chosen = cls(frozenset(regions), frozenset(modeles), frozenset(themes))
        found = chosen.problems()
        if found:
            raise ProblemsError(found)
        return chosen

    @property
    def empty(self) -> bool:
        return not (self.regions or self.modeles or self.themes)

    def keeps(self, sheet: Sheet[Experience]) -> bool:
        values = criteria(sheet)
        return all(not wanted or wanted & set(values[name]) for name, wanted in self._asked().items())

    def _asked(self) -> dict[str, frozenset[str]]:
        return {"regions": self.regions, "modeles": self.modeles, "themes": self.themes}

    def problems(self) -> list[Problem]:
        """Values no sheet could have: unknown région codes, model or theme ids."""
        known = {
            "regions": [*territories().regions, *policy().scopes],
            "modeles": list(vocabulary("modeles").ids),
            "themes": list(vocabulary("themes").ids),
        }
        return [problem("selection-valeur-inconnue", field=name, valeur=value, possibles=", ".join(known[name]))
                for name, wanted in self._asked().items() for value in sorted(wanted) if value not in known[name]]


def select_experiences(sheets: Iterable[Sheet[Experience]], selection: Selection) -> list[Sheet[Experience]]:
    """The experiences a selection keeps, in the order given."""
    return [s for s in sheets if selection.keeps(s)]


def select(bank: Bank, selection: Selection) -> Bank:
    """The part of the bank a selection keeps: its experiences, and the tools they
    cite (every tool when the selection is empty), each in the bank's order."""
    if selection.empty:
        return Bank(list(bank.experiences), list(bank.outils))
    kept = select_experiences(bank.experiences, selection)
    # A tool is cited by its slug, or by a link that names it (`outil`).
    cited = {getattr(link, "outil", link) for s in kept for link in s.model.outils}
    return Bank(kept, [t for t in bank.outils if t.slug in cited])
