"""The site's own pages: search, explorer, coverage, open data, about,
accessibility, and the form to propose an experience."""

from __future__ import annotations

from banque.sheets.bank import Bank
from banque.sheets.schema_version import version
from banque.site import explorer, form_schema, france_map
from banque.site.pages.page import Page
from banque.site.settings import SiteConfig


def pages(bank: Bank, cfg: SiteConfig, models: list[dict], common: dict) -> list[Page]:
    form = form_schema.page_context(bank, cfg.comite_courriel, cfg.repo_url, cfg.edition_url)
    coverage = explorer.coverage(bank)
    regions = [{**r, "nombre": r["total"]["nombre"]} for r in coverage["tables"][0]["lignes"]]
    source = {"carte_source": france_map.attribution()}
    return [
        Page("recherche.md", "recherche.md.j2", {**common}),
        Page(explorer.PAGE, "explorer.md.j2", {**common, **explorer.plain_lists(bank)}),
        Page("couverture.md", "couverture.md.j2", {**common, **coverage,
                                                   "carte_regions": france_map.regions_map(regions, "couverture.md")}),
        Page("donnees.md", "donnees.md.j2", {**common, **source, "nombre_experiences": len(bank.experiences),
                                             "nombre_outils": len(bank.outils), "version_format": version()}),
        Page("a-propos/index.md", "a_propos.md.j2", {**common, **source, "modeles": models}),
        Page("a-propos/accessibilite.md", "accessibilite.md.j2", {**common}),
        Page("proposer.md", "proposer.md.j2", {**common, "f": form}),
    ]
