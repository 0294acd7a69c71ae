"""What a screen reader is given, read from Chromium's accessibility tree (issue 16).

Playwright's ARIA snapshots (locator.aria_snapshot) are the tree as assistive
technologies get it: roles, accessible names, link addresses. From them:
- the search result count and the form's error summary are live regions
  with a name (role status, role alert);
- on every page kind, no two links share a name but lead to different places:
  each link's name says where it goes, out of context (WCAG 2.4.4, 2.4.9).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.site.test_accessibilite import open_checked, template_pages  # noqa: F401
from tests.site.test_clavier import PAGE_KINDS, url_for

pytestmark = pytest.mark.browser

# `- link "Name":` (quoted in single quotes when the name has a colon) and its `- /url: …` line.
LINK = re.compile(r"""^(?P<indent>\s*)- '?link "(?P<name>(?:[^"\\]|\\.)*)"(?:\s*\[[^\]]*\])*'?:?\s*$""")
URL = re.compile(r"^\s*- /url: (?P<url>.+?)\s*$")


TOC = 'navigation "Table des matières"'


def links(snapshot: str, base: str) -> list[tuple[str, str, bool]]:
    """(accessible name, absolute address, in the table of contents) of every link of an ARIA snapshot."""
    found = []
    lines = snapshot.splitlines()
    for i, line in enumerate(lines):
        m = LINK.match(line)
        if not m:
            continue
        # The link's ancestors: the lines above it, each less indented than the last.
        depth, in_toc = len(m["indent"]), False
        for above in reversed(lines[:i]):
            indent = len(above) - len(above.lstrip())
            if indent < depth:
                depth = indent
                in_toc = in_toc or TOC in above
        for after in lines[i + 1:i + 4]:
            u = URL.match(after)
            if u:
                found.append((m["name"].replace('\\"', '"'), urljoin(base, u["url"].strip('"')), in_toc))
                break
    return found


def ambiguous(found: list[tuple[str, str, bool]]) -> dict[str, set[str]]:
    """Names given to links that go to different places.

    A table of contents' links go to this page's sections: their context (the
    navigation named « Table des matières ») is programmatically tied, so a
    section « Mécénat » may share its name with a link to the page « Mécénat ».
    """
    by_name: dict[str, set[str]] = {}
    for name, address, in_toc in found:
        if not in_toc:
            by_name.setdefault(name.strip().casefold(), set()).add(address)
    return {name: addresses for name, addresses in by_name.items() if len(addresses) > 1}


def test_links_parser_reads_names_and_addresses():
    snapshot = """- link "Accueil":
  - /url: ..
- 'link "3 expériences : Grand Est, Mécénat"':
  - /url: ../explorer/?region=44
- link "Accueil":
  - /url: ../autre/
- navigation "Table des matières":
  - list:
    - listitem:
      - link "Accueil":
        - /url: "#accueil"
"""
    found = links(snapshot, "http://h/site/couverture/")
    assert found == [("Accueil", "http://h/site/", False),
                     ("3 expériences : Grand Est, Mécénat", "http://h/site/explorer/?region=44", False),
                     ("Accueil", "http://h/site/autre/", False), ("Accueil", "http://h/site/couverture/#accueil", True)]
    assert ambiguous(found) == {"accueil": {"http://h/site/", "http://h/site/autre/"}}


@pytest.mark.parametrize("target", PAGE_KINDS)
def test_no_two_links_share_a_name_but_lead_to_different_places(browser, real_site, real_server, template_pages,  # noqa: F811
                                                                 target):
    url = url_for(target, template_pages, real_site)
    context, page = open_checked(browser, real_server, url)
    try:
        found = links(page.locator("body").aria_snapshot(), page.url)
    finally:
        context.close()
    assert found, f"/{url} : aucun lien lu dans l'arbre d'accessibilité"
    clash = ambiguous(found)
    assert not clash, f"/{url} : liens de même nom vers des pages différentes :\n" + "\n".join(
        f"« {name} » → {sorted(addresses)}" for name, addresses in clash.items())


@pytest.mark.parametrize(("query", "expected"), [("strasbourg", r"\d+ résultats? pour «\s?strasbourg\s?»"),
                                                 ("zqxwvk", r"Pas de résultat")])
def test_search_count_is_a_named_polite_live_region(browser, real_server, query, expected):
    context, page = open_checked(browser, real_server, "recherche/")
    try:
        page.locator(".pagefind-ui__search-input").fill(query)
        region = page.get_by_role("status", name="Résultats de la recherche")
        region.wait_for(state="attached")
        page.wait_for_function("(r) => new RegExp(r).test(document.getElementById('recherche-annonce').textContent)",
                               arg=expected, timeout=10_000)
        snapshot = page.locator("main").aria_snapshot()
        assert re.search(r'- status "Résultats de la recherche": ' + expected, snapshot), snapshot
        assert region.get_attribute("aria-live") in (None, "polite")  # role status: polite by definition
    finally:
        context.close()


def test_error_summary_is_a_named_alert_with_a_heading_and_takes_focus(browser, real_server):
    context, page = open_checked(browser, real_server, "proposer/")
    try:
        page.click("#proposer button[type=submit]")
        summary = page.get_by_role("alert", name=re.compile(r"^La fiche n'est pas encore prête : \d+ points à corriger\.$"))
        summary.wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "proposer-erreurs"
        snapshot = summary.aria_snapshot()
        heading = summary.get_by_role("heading", level=2, name=re.compile(r"^La fiche n'est pas encore prête"))
        assert heading.count() == 1, snapshot
        assert snapshot.count("link \"") >= 5, snapshot
        assert summary.get_attribute("aria-live") == "assertive"
        # Fixing a field updates the summary without announcing it again.
        page.fill("#f-titre", "Un titre d'essai")
        page.locator("#f-titre").blur()
        assert summary.get_attribute("aria-live") == "off"
    finally:
        context.close()
