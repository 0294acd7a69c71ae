"""Official territories (INSEE COG) and how a sheet's codes roll up to départements and régions."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache

from banque.paths import TERRITORIES
from banque.sheets.text import fold

NATIONAL = "national"
INTERNATIONAL = "international"
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
        self.epci: dict[str, dict] = data["epci"]
        self.communes: dict[str, dict] = data["communes"]
        self.arrondissements: dict[str, dict] = data["arrondissements_municipaux"]
        self._region_names = {fold(r["nom"]): code for code, r in self.regions.items()}
        self._former_names = {fold(r["nom"]): key for key, r in self.former.items()}

    # -- lookups -----------------------------------------------------------
    def region_of(self, dept: str) -> str:
        return self.departements[dept]["region"]

    def _dept_place(self, niveau: str, code: str, nom: str, depts: list[str]) -> Place:
        depts_t = tuple(sorted(set(depts)))
        regions = tuple(sorted({self.region_of(d) for d in depts_t}))
        return Place(niveau, code, nom, depts_t, regions)

    def _region(self, code: str) -> Place | None:
        if code in self.regions:
            return Place("region", code, self.regions[code]["nom"], (), (code,))
        key = self._former_names.get(fold(code)) or (code if code in self.former else None)
        if key is not None:
            today = self.former[key]["region"]
            return Place("region", today, self.regions[today]["nom"], (), (today,), self.former[key]["nom"])
        today = self._region_names.get(fold(code))
        if today is not None:
            return Place("region", today, self.regions[today]["nom"], (), (today,))
        return None

    def resolve(self, niveau: str, code: str) -> Place | None:
        """The place for a (level, code) pair, or None when the code is unknown."""
        if niveau == "region":
            return self._region(code)
        if niveau == "departement" and code in self.departements:
            d = self.departements[code]
            return self._dept_place(niveau, code, d["nom"], [code])
        if niveau == "commune" and code in self.communes:
            c = self.communes[code]
            return self._dept_place(niveau, code, c["nom"], [c["departement"]])
        if niveau == "arrondissement_municipal" and code in self.arrondissements:
            a = self.arrondissements[code]
            return self._dept_place(niveau, code, a["nom"], [a["departement"]])
        if niveau == "epci" and code in self.epci:
            e = self.epci[code]
            return self._dept_place(niveau, code, e["nom"], e["departements"])
        if niveau == INTERNATIONAL and _COUNTRY.match(code):
            return Place(niveau, code, code)
        return None

    def suggest(self, niveau: str, code: str) -> str:
        """A French hint for an unknown code: the closest names, with their codes."""
        table: dict[str, dict] = {
            "region": self.regions,
            "departement": self.departements,
            "commune": self.communes,
            "arrondissement_municipal": self.arrondissements,
            "epci": self.epci,
        }.get(niveau, {})
        if niveau == INTERNATIONAL:
            return "Indiquez un code de pays ISO à deux lettres majuscules, par exemple « BE »."
        if niveau == NATIONAL:
            return "Un territoire national n'a pas de code : laissez « codes: [] »."
        wanted = fold(code)
        names = {fold(v["nom"]): k for k, v in table.items()}
        if niveau == "region":
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
    def departements_of_region(self, region: str) -> list[str]:
        return sorted(code for code, d in self.departements.items() if d["region"] == region)


@cache
def territories() -> Territories:
    return Territories(json.loads(TERRITORIES.read_text(encoding="utf-8")))
