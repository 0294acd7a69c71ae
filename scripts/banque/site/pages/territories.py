"""Territory pages: one per région (with its départements), one per scope
without région (policy().scopes), one per former région, and the index."""

from __future__ import annotations

from collections import defaultdict

from banque.sheets.bank import Sheet
from banque.sheets.models import Experience
from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.text import slugify
from banque.site import france_map
from banque.site.explorer import explorer_link
from banque.site.pages.cards import sorted_cards
from banque.site.pages.page import Groups, Page

# A région page lists each département's experiences, and those of the whole
# région: shorter lists than elsewhere (cards.LIMIT), so that the page stays light.
DEPARTEMENT_LIMIT = 6
REGION_WIDE_LIMIT = 12


def region_slug(code: str) -> str:
    return slugify(territories().regions[code]["nom"])


def territory_links(sheet: Sheet[Experience]) -> list[dict]:
    """Where to browse a sheet: its régions, or the page of its scope."""
    if sheet.regions:
        return [{"nom": territories().regions[r]["nom"], "page": f"territoires/{region_slug(r)}.md"} for r in sheet.regions]
    return [{"nom": policy().scopes[sheet.scope], "page": f"territoires/{sheet.scope}.md"}]


def region_list(groups: Groups) -> list[dict]:
    """Every région with its page and its number of experiences, in alphabetical order."""
    return [
        {"code": code, "nom": r["nom"], "page": f"territoires/{region_slug(code)}.md", "nombre": len(groups.region.get(code, []))}
        for code, r in sorted(territories().regions.items(), key=lambda kv: slugify(kv[1]["nom"]))
    ]


def _former_names() -> dict[str, list[str]]:
    """région code → the names of the former régions it took over (other than its own)."""
    ref = territories()
    names: dict[str, list[str]] = defaultdict(list)
    for f in ref.former.values():
        code = ref.today_region(f)
        if f["nom"] != ref.regions[code]["nom"]:
            names[code].append(f["nom"])
    return names


def _region_page(code: str, sheets: list[Sheet[Experience]], former: list[str], common: dict) -> Page:
    ref = territories()
    in_region = ref.departements_of_region(code)
    level = policy().level
    in_dept = {d: [s for s in sheets if d in s.departements] for d in in_region}
    depts = [{"code": d, "nom": ref.departements[d]["nom"], "experiences": sorted_cards(
        in_dept[d], explorer_link(**{level.departement: d}), DEPARTEMENT_LIMIT)} for d in in_region]
    region_wide = [s for s in sheets if not s.departements or not any(d in s.departements for d in in_region)]
    path = f"territoires/{region_slug(code)}.md"
    counts = [{"code": d["code"], "nom": d["nom"], "nombre": len(in_dept[d["code"]])} for d in depts]
    return Page(path, "region.md.j2", {
        "carte_departements": france_map.departements_map(code, counts, path, "proposer.md"),
        **common, "code": code, "nom": ref.regions[code]["nom"], "anciennes": sorted(former),
        "departements": depts, "nombre": len(sheets),
        "regionales": sorted_cards(region_wide, explorer_link(**{level.region: code}), REGION_WIDE_LIMIT)})


def _scope_pages(groups: Groups, common: dict) -> list[Page]:
    return [Page(f"territoires/{scope}.md", "territoire_hors_region.md.j2", {
        **common, "portee": scope, "nom": title, "experiences": sorted_cards(groups.scope.get(scope, []), explorer_link(**{policy().level.region: scope}))})
        for scope, title in policy().scopes.items()]


def _former_pages(groups: Groups, common: dict) -> tuple[list[Page], list[dict]]:
    """A page per former région whose name is not today's, and the index's list of them."""
    ref = territories()
    result, listed = [], []
    for f in sorted(ref.former.values(), key=lambda f: slugify(f["nom"])):
        code = ref.today_region(f)
        today = ref.regions[code]["nom"]
        if f["nom"] == today or slugify(f["nom"]) == region_slug(code):
            continue
        page = f"territoires/{region_slug(code)}.md"
        listed.append({"nom": f["nom"], "region_actuelle": today, "page": page})
        result.append(Page(f"territoires/{slugify(f['nom'])}.md", "ancienne_region.md.j2", {
            **common, "nom": f["nom"], "region_actuelle": today, "page": page,
            "experiences": sorted_cards(groups.region.get(code, []), explorer_link(**{policy().level.region: code}))}))
    return result, listed


def pages(groups: Groups, regions: list[dict], common: dict) -> list[Page]:
    former = _former_names()
    result = [_region_page(code, groups.region.get(code, []), former.get(code, []), common) for code in territories().regions]
    result += _scope_pages(groups, common)
    former_pages, former_list = _former_pages(groups, common)
    result += former_pages
    # The index counts each scope under its level id (e.g. {{ national }}).
    counts = {scope: len(groups.scope.get(scope, [])) for scope in policy().scopes}
    result.append(Page("territoires/index.md", "territoires.md.j2", {
        **common, "regions": regions, "anciennes": former_list, **counts}))
    return result
