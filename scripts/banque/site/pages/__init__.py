"""Stage 4a: the pages of the site, each a template and the view it lays out.

Views are plain dicts prepared here, one module per family of pages;
templates only lay them out.
"""

from __future__ import annotations

from banque.sheets.bank import Bank
from banque.site.pages import about, home, sheets, territories, vocabularies
from banque.site.pages.page import Groups, Page
from banque.site.settings import SiteConfig

__all__ = ["Page", "pages"]


def pages(bank: Bank, cfg: SiteConfig) -> list[Page]:
    common = {"cfg": cfg}
    groups = Groups.of(bank.experiences)
    regions = territories.region_list(groups)
    terms = vocabularies.TermLists.of(groups)
    return [
        home.page(bank, regions, terms, common),
        *sheets.pages(bank, cfg, common),
        *territories.pages(groups, regions, common),
        *vocabularies.pages(groups, terms, common),
        *about.pages(bank, cfg, terms.models, common),
    ]
