"""Official territories (INSEE COG) and how a sheet's codes roll up to départements and régions."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache

from banque.paths import TERRITORIES
from banque.sheets.policy import policy
from banque.sheets.text import fold

# Field names of territoires.json (from etalab's data, see refresh_territories.py):
# spelled like some territory levels, but names of JSON fields, not vocabulary terms.
_EPCI, _REGION, _DEPT = "epci region departement".split()
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Place:
    """One resolved code of a sheet's territory."""

    niveau: str
    code: str
    nom: str
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    # Historical name the editor wrote (e.g. "Alsace"), shown next to today's région.
    ancien_nom: str = ""

    @property
    def libelle(self) -> str:
        if self.ancien_nom and self.ancien_nom != self.nom:
            return f"{self.ancien_nom} (aujourd'hui {self.nom})"
        return self.nom


class Territories:
    def __init__(self, data: dict):
        self.source = data["source"]
        self.regions: dict[str, dict] = data["regions"]
        self.former: dict[str, dict] = data["anciennes_regions"]
        self.departements: dict[str, dict] = data["departements"]
        self.epci: dict[str, dict] = data[_EPCI]
        self.communes: dict[str, dict] = data["communes"]
        self.arrondissements: dict[str, dict] = data["arrondissements_municipaux"]
        self._region_names = {fold(r["nom"]): code for code, r in self.regions.items()}
        self._former_names = {fold(r["nom"]): key for key, r in self.former.items()}

    # -- lookups -----------------------------------------------------------
    def region_of(self, dept: str) -> str:
        return self.departements[dept][_REGION]

    def _dept_place(self, niveau: str, code: str, nom: str, depts: list[str]) -> Place:
        depts_t = tuple(sorted(set(depts)))
        regions = tuple(sorted({self.region_of(d) for d in depts_t}))
        return Place(niveau, code, nom, depts_t, regions)

    def today_region(self, former: dict) -> str:
        """The code of today's région that a former région (a value of `former`) is part of."""
        return former[_REGION]

    def _region(self, code: str) -> Place | None:
        level = policy().level.region
        if code in self.regions:
            return Place(level, code, self.regions[code]["nom"], (), (code,))
        key = self._former_names.get(fold(code)) or (code if code in self.former else None)
        if key is not None:
            today = self.today_region(self.former[key])
            return Place(level, today, self.regions[today]["nom"], (), (today,), self.former[key]["nom"])
        named = self._region_names.get(fold(code))
        if named is not None:
            return Place(level, named, self.regions[named]["nom"], (), (named,))
        return None

    def resolve(self, niveau: str, code: str) -> Place | None:
        """The place for a (level, code) pair, or None when the code is unknown."""
        level = policy().level
        if niveau == level.region:
            return self._region(code)
        if niveau == level.departement and code in self.departements:
            d = self.departements[code]
            return self._dept_place(niveau, code, d["nom"], [code])
        if niveau == level.commune and code in self.communes:
            c = self.communes[code]
            return self._dept_place(niveau, code, c["nom"], [c[_DEPT]])
        if niveau == level.arrondissement and code in self.arrondissements:
            a = self.arrondissements[code]
            return self._dept_place(niveau, code, a["nom"], [a[_DEPT]])
        if niveau == level.epci and code in self.epci:
            e = self.epci[code]
            return self._dept_place(niveau, code, e["nom"], e["departements"])
        if niveau == level.international and _COUNTRY.match(code):
            return Place(niveau, code, code)
        return None

    def suggest(self, niveau: str, code: str) -> str:
        """A French hint for an unknown code: the closest names, with their codes."""
        level = policy().level
        table: dict[str, dict] = self.by_level().get(niveau, {})
        if niveau == level.international:
            return "Indiquez un code de pays ISO à deux lettres majuscules, par exemple « BE »."
        if niveau == level.national:
            return "Un territoire national n'a pas de code : laissez « codes: [] »."
        wanted = fold(code)
        names = {fold(v["nom"]): k for k, v in table.items()}
        if niveau == level.region:
            names.update({fold(v["nom"]): v["nom"] for v in self.former.values()})
        close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.75)
        if close:
            options = ", ".join(
                f"« {names[c]} » ({table[names[c]]['nom']})" if names[c] in table else f"« {names[c]} »"
                for c in close
            )
            return f"Codes proches : {options}. Les codes officiels sont dans schema/territoires.json."
        return "Utilisez le code officiel INSEE (Code officiel géographique), listé dans schema/territoires.json."

    # -- browsing ----------------------------------------------------------
    def by_level(self) -> dict[str, dict[str, dict]]:
        """The official territories of each level that has codes: level id → {code: record}."""
        level = policy().level
        return {
            level.region: self.regions,
            level.departement: self.departements,
            level.epci: self.epci,
            level.commune: self.communes,
            level.arrondissement: self.arrondissements,
        }

    def departements_of_region(self, region: str) -> list[str]:
        return sorted(code for code, d in self.departements.items() if d[_REGION] == region)


@cache
def territories() -> Territories:
    return Territories(json.loads(TERRITORIES.read_text(encoding="utf-8")))
