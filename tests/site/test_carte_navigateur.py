"""The maps of France in Chromium (issue 12): keyboard, counts, accessibility,
and screenshots of the pages that show one.

- on the home page, Tab reaches a région of the map, its focus can be seen,
  and Enter opens the région's page;
- a région page draws its départements;
- every shape's accessible name carries the count the content gives;
- axe reports no violation on the pages with a map, on a desktop and a phone;
- nothing is loaded from another host (the `page` fixture's watcher).

Screenshots at 1280 and 390 px go to build/captures/ (not committed): a build
artefact of the test run, to look at.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from banque.sheets.territory import territories
from banque.site.pages.territories import region_slug
from tests.a11y import install_axe, report, run_axe
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CAPTURES = ROOT / "build" / "captures"
MAP_PAGES = {"accueil": "", "region-grand-est": "territoires/grand-est/", "couverture": "couverture/"}
WIDTHS = (1280, 390)
NBSP = "\u00a0"
_LABEL = re.compile(rf"^(.+){NBSP}: (?:(\d+){NBSP}expériences?|aucune expérience.*)$")


def labels(page) -> dict[str, int]:
    """Each map link's name → the count its accessible name says."""
    found = {}
    for label in page.locator(".carte-svg a").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))"):
        match = _LABEL.match(label)
        assert match, f"nom accessible inattendu : {label!r}"
        found[match.group(1)] = int(match.group(2) or 0)
    return found


def test_tab_reaches_a_region_and_enter_opens_it(page, real_server):
    page.goto(real_server.url(""))
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.carte-svg a')"):
            break
    else:
        pytest.fail("Tab n'atteint aucune région de la carte de l'accueil.")
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    fill = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('path')).fill")
    assert fill == "rgb(240, 178, 122)", "la région qui a le focus doit se voir"
    region = name.split(NBSP)[0]
    code = next(c for c, r in territories().regions.items() if r["nom"] == region)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == real_server.url(f"territoires/{region_slug(code)}/")
    assert page.locator("h1").inner_text() == region


def test_a_region_page_draws_its_departements(page, real_server):
    page.goto(real_server.url("territoires/grand-est/"))
    shapes = page.locator(".carte-svg path.carte-forme")
    assert shapes.count() == len(territories().departements_of_region("44")) == 10
    box = page.locator(".carte-svg").bounding_box()
    assert box and box["width"] > 250 and box["height"] > 200
    assert "Bas-Rhin (67)" in labels(page)
    assert "Licence Ouverte" in page.locator(".carte-source").inner_text()


def test_the_shapes_carry_the_counts_of_the_content(page, real_server, real_site):
    published = real_site.bank.experiences
    by_region = Counter(r for s in published for r in s.regions)
    page.goto(real_server.url(""))
    shown = labels(page)
    assert len(shown) == 18
    assert shown == {territories().regions[c]["nom"]: by_region.get(c, 0) for c in territories().regions
                     if territories().regions[c]["nom"] in shown}
    assert sum(shown.values()) >= len([s for s in published if s.regions])
    page.goto(real_server.url("territoires/grand-est/"))
    by_dept = Counter(d for s in published for d in s.departements)
    ref = territories()
    assert labels(page) == {f"{ref.departements[d]['nom']} ({d})": by_dept.get(d, 0)
                            for d in ref.departements_of_region("44")}
    # The table beside the map says the same.
    rows = page.locator(".carte-tableau tbody tr").evaluate_all(
        "rows => rows.map(r => [r.querySelector('th').innerText, Number(r.querySelector('td').innerText)])")
    assert dict(rows) == labels(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(MAP_PAGES))
def test_axe_finds_no_violation_and_captures_are_kept(browser, real_server, name, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    install_axe(context)
    tab = context.new_page()
    try:
        tab.goto(real_server.url(MAP_PAGES[name]))
        tab.wait_for_load_state("networkidle")
        assert tab.locator(".carte-svg").count() == 1
        violations = run_axe(tab)
        CAPTURES.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(CAPTURES / f"{name}-{width}.png"), full_page=True)
        tab.locator(".carte-france").screenshot(path=str(CAPTURES / f"{name}-carte-{width}.png"))
        assert not violations, report(tab.url, violations)
        # The map fits the screen: no sideways scrolling because of it.
        assert tab.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()
