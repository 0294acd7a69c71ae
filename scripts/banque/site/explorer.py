"""The explorer's data: its facets, the compact index the browser filters, the
search map, and the coverage matrix whose cells link into the explorer.

The explorer page must stay light at 5,000 sheets, so `index` holds no text but
each sheet's slug, title and places; every facet value is an integer that
points into the facet's list of (id, label), written once. The browser counts
and filters this index itself (assets/javascripts/explorateur.js); free text
goes through Pagefind, whose results are page hashes: `search_map`, written
after Pagefind has indexed the site, turns them into positions in the index.

The URL parameters (region=44&modele=mecenat…) are the facet keys and value
ids below; the coverage page builds its links with `explorer_link`. The two
territory facets are keyed by the id of their level (policy().level).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from banque.sheets.bank import Bank, Sheet
from banque.sheets.dating import NOT_KNOWN, dating, span
from banque.sheets.policy import policy
from banque.sheets.selection import criteria
from banque.sheets.territory import territories
from banque.sheets.text import fold, slugify
from banque.sheets.vocabulary import vocabulary

INDEX = "explorer/index.json"
SEARCH_MAP = "explorer/recherche.json"
PAGE = "explorer.md"
# Sheets without a région have a pseudo-région each (policy().scopes), as on
# the territory pages.
GROUPS = {"partenariat": "Partenariat", "animation": "Animation territoriale"}


@dataclass(frozen=True)
class Facet:
    key: str  # the URL parameter
    legend: str
    values: list[tuple[str, str]]  # (id, label), in display order

    def position(self) -> dict[str, int]:
        return {v: i for i, (v, _) in enumerate(self.values)}


def region_values(sheets: list[Sheet]) -> list[str]:
    """The région filter: metropolitan and DROM régions, any other région a
    sheet uses (collectivités d'outre-mer), then France entière and International."""
    rules = policy()
    used = {r for s in sheets for r in s.regions}
    names = territories().regions
    others = sorted(used - set(rules.regions), key=lambda c: fold(names[c]["nom"]))
    return [*rules.regions, *others, *rules.scopes]


def region_name(code: str) -> str:
    """The name of a région code, or of a scope without région."""
    return policy().scopes.get(code) or territories().regions[code]["nom"]


def nature_group(sheet: Sheet) -> str:
    return vocabulary("natures").by_id[sheet.model.nature].groupe


def decade(sheet: Sheet) -> str:
    """The decade of the start (an approximate year counts), or NOT_KNOWN."""
    year = dating(sheet.model.periode.debut).year
    return NOT_KNOWN if year is None else str(year // 10 * 10)


def decade_label(value: str) -> str:
    return "Date de début inconnue" if value == NOT_KNOWN else f"Années {value}"


def facets(sheets: list[Sheet]) -> list[Facet]:
    ref = territories()
    level = policy().level
    regions = region_values(sheets)
    depts = [d for r in regions if r in ref.regions for d in ref.departements_of_region(r)]
    decades = sorted({decade(s) for s in sheets}, key=lambda d: (d == NOT_KNOWN, d))
    return [
        Facet(level.region, "Région", [(r, region_name(r)) for r in regions]),
        Facet(level.departement, "Département", [(d, f"{ref.departements[d]['nom']} ({d})") for d in depts]),
        Facet("modele", "Modèle de partenariat", [(t.id, t.libelle) for t in vocabulary("modeles").terms]),
        Facet("theme", "Thème", [(t.id, t.libelle) for t in vocabulary("themes").terms]),
        Facet("acteur", "Type d'acteur", [(t.id, t.pluriel) for t in vocabulary("types_acteurs").terms]),
        Facet("nature", "Nature", [(g, GROUPS[g]) for g in dict.fromkeys(t.groupe for t in vocabulary("natures").terms)]),
        Facet("decennie", "Début de l'expérience", [(d, decade_label(d)) for d in decades]),
    ]


def sheet_values(sheet: Sheet) -> dict[str, list[str]]:
    """The facet values of one sheet, by facet key."""
    m = sheet.model
    level = policy().level
    # Région, model and theme: the selection's own values (sheets/selection.py),
    # so the explorer, the open data and the booklet keep the same sheets.
    chosen = criteria(sheet)
    return {
        level.region: chosen["regions"],
        level.departement: list(sheet.departements),
        "modele": chosen["modeles"],
        "theme": chosen["themes"],
        "acteur": sorted({a.type for a in m.acteurs}),
        "nature": [nature_group(sheet)],
        "decennie": [decade(sheet)],
    }


def ordered(sheets: list[Sheet]) -> list[Sheet]:
    """The order of the explorer's results: by title, accents ignored."""
    return sorted(sheets, key=lambda s: (fold(s.model.titre), s.slug))


def index(bank: Bank) -> dict:
    """The explorer's index: facets once, then one short array per sheet.

    Sheet: [slug, title, places, period as the page says it (« depuis 2014
    environ », « début inconnu »), start year (0 if unknown), then per facet
    the positions of its values in that facet's list].
    """
    sheets = ordered(bank.experiences)
    all_facets = facets(sheets)
    positions = [f.position() for f in all_facets]
    ref = territories()
    rows = []
    for s in sheets:
        m = s.model
        values = sheet_values(s)
        rows.append([
            s.slug, m.titre, ", ".join(p.libelle for p in s.places),
            span(m.periode.debut, m.periode.fin), dating(m.periode.debut).year or 0,
            *[[pos[v] for v in values[f.key] if v in pos] for f, pos in zip(all_facets, positions, strict=True)],
        ])
    return {
        "facettes": [{"cle": f.key, "legende": f.legend, "valeurs": [list(v) for v in f.values]} for f in all_facets],
        # Which départements belong to which région (positions), to list them under a chosen région.
        "departements": {
            str(positions[0][r]): [positions[1][d] for d in ref.departements_of_region(r)]
            for r in region_values(sheets) if r in ref.regions
        },
        "fiches": rows,
    }


def files(bank: Bank) -> dict[str, str]:
    """The generated files of the explorer (compact JSON: no spaces)."""
    return {INDEX: json.dumps(index(bank), ensure_ascii=False, separators=(",", ":")) + "\n"}


def search_map(site: Path) -> None:
    """Write explorer/recherche.json: Pagefind page hash → position in the index.

    Run after Pagefind, in the built site. Each Pagefind fragment (gzip, after a
    "pagefind_dcd" signature) is a JSON object whose "url" is the page's path
    from the site root.
    """
    index_file = site / INDEX
    if not index_file.exists():
        return
    rows = json.loads(index_file.read_text(encoding="utf-8"))["fiches"]
    position = {f"/experiences/{row[0]}/": i for i, row in enumerate(rows)}
    mapping = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        if data.startswith(b"pagefind_dcd"):
            data = data[len(b"pagefind_dcd"):]
        url = json.loads(data)["url"]
        if url in position:
            mapping[fragment.stem] = position[url]
    (site / SEARCH_MAP).write_text(json.dumps(mapping, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")


# -- pages ---------------------------------------------------------------------

def explorer_link(**params: str) -> str:
    """The explorer page (docs path) filtered by `params`, for a Markdown link."""
    query = urlencode([(k, v) for k, v in params.items() if v])
    return f"{PAGE}?{query}" if query else PAGE


def _count_by(sheets: list[Sheet], key: str) -> dict[tuple[str, str], int]:
    """(région, value of facet `key`) → number of sheets; value "" counts the région."""
    counts: dict[tuple[str, str], int] = {}
    region = policy().level.region
    for s in sheets:
        values = sheet_values(s)
        for r in values[region]:
            counts[(r, "")] = counts.get((r, ""), 0) + 1
            for v in values[key]:
                counts[(r, v)] = counts.get((r, v), 0) + 1
        for v in values[key]:
            counts[("", v)] = counts.get(("", v), 0) + 1
    return counts


# The folders of the vocabulary pages readers browse by, and their vocabulary.
TERM_FOLDERS = {"modeles": "modeles", "themes": "themes", "acteurs": "types_acteurs"}


def term_page(folder: str, term_id: str) -> str:
    """The page of a model, theme or actor type: a readable address
    (modeles/pratiques-responsables.md), hyphens rather than the id's underscores."""
    return f"{folder}/{slugify(term_id)}.md"


def region_page(code: str) -> str:
    """The territory page of a région code, or of "national" / "international"."""
    return f"territoires/{code}.md" if code in policy().scopes else f"territoires/{slugify(territories().regions[code]['nom'])}.md"


def coverage(bank: Bank) -> dict:
    """The coverage matrices (région × model, région × theme) for couverture.md."""
    sheets = bank.experiences
    region_key = policy().level.region
    rows = [*policy().regions, *policy().scopes]
    tables = []
    for key, title, vocab in (("modele", "modèle de partenariat", "modeles"), ("theme", "thème", "themes")):
        counts = _count_by(sheets, key)
        columns = [{"id": t.id, "libelle": t.libelle} for t in vocabulary(vocab).terms]

        def cell(region: str, value: str, counts: dict = counts, key: str = key) -> dict:
            n = counts.get((region, value), 0)
            return {"nombre": n, "lien": explorer_link(**{region_key: region, key: value})}

        tables.append({
            "cle": key,
            "titre": title,
            "colonnes": columns,
            "lignes": [{
                "code": r,
                "nom": region_name(r),
                "page": region_page(r),
                "cases": [cell(r, c["id"]) for c in columns],
                "total": cell(r, ""),
            } for r in rows],
            "totaux": [{"nombre": counts.get(("", c["id"]), 0), "lien": explorer_link(**{key: c["id"]})} for c in columns],
            "vides": sum(1 for r in rows for c in columns if not counts.get((r, c["id"]))),
        })
    return {"tables": tables, "nombre": len(sheets)}


def plain_lists(bank: Bank) -> dict:
    """What the explorer page shows without JavaScript: territories and models, with counts."""
    sheets = bank.experiences
    by_region: dict[str, int] = {}
    by_model: dict[str, int] = {}
    region = policy().level.region
    for s in sheets:
        values = sheet_values(s)
        for r in values[region]:
            by_region[r] = by_region.get(r, 0) + 1
        for m in values["modele"]:
            by_model[m] = by_model.get(m, 0) + 1
    return {
        "territoires": [{"nom": region_name(r), "page": region_page(r), "nombre": by_region.get(r, 0)}
                        for r in region_values(sheets)],
        "modeles": [{"libelle": t.libelle, "page": term_page("modeles", t.id), "nombre": by_model.get(t.id, 0)}
                    for t in vocabulary("modeles").terms],
        "nombre": len(sheets),
    }
