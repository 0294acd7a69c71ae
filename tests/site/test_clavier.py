"""The keyboard path on small screens and at 200 % zoom, in Chromium (issue 16).

Below 1220 px Material shows the main menu as a drawer. These tests press Tab
as a keyboard user does and check that:
- the menu is a button reached from the top of the page, named, with
  aria-expanded, that Enter opens and Escape closes;
- no Tab stop ever lands on an element that is hidden, off-screen or covered
  (the closed drawer's links used to take focus while invisible).

200 % zoom on a 1280 × 800 screen is emulated as a 640 × 400 CSS viewport:
browser zoom enlarges the CSS pixel, so the page lays out exactly as in a
viewport half as wide and media queries see 40em. Chrome's
Emulation.setPageScaleFactor is pinch-zoom: it magnifies the visual viewport
without reflowing the page, and device_scale_factor only sharpens pixels;
neither shows what a zoomed reader gets.
"""

from __future__ import annotations

import pytest

from tests.site.test_accessibilite import TEMPLATES, open_checked, page_for, template_pages  # noqa: F401

pytestmark = pytest.mark.browser

SCREENS = {
    "mobile-320": {"width": 320, "height": 640},
    "zoom-200": {"width": 640, "height": 400},  # 1280 × 800 at 200 %
}
MENU = "[data-banque-menu]"
# Every page kind: one page per template, and the pages drawn by scripts.
PAGE_KINDS = [f"gabarit:{t}" for t in TEMPLATES] + ["page:explorer/", "page:proposer/", "page:couverture/",
                                                    "page:404.html"]
# Where the focused element is: after the page's transitions end (the skip
# link fades in, drawer panels slide), visible, inside the viewport, and the
# element drawn at its centre is itself (not the drawer or its overlay).
WHERE = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    element: e.outerHTML.slice(0, 120),
    menu: e.matches('[data-banque-menu]'),
    inDrawer: !!e.closest('.md-sidebar--primary'),
    visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0 && r.height > 0,
    inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    onTop: !!top && (e === top || e.contains(top) || top.contains(e)),
    above: top ? top.outerHTML.slice(0, 80) : null,
  };
}"""


def url_for(target: str, template_pages, real_site) -> str:  # noqa: F811
    kind, _, name = target.partition(":")
    return page_for(name, template_pages, real_site) if kind == "gabarit" else name


def bad_stop(stop: dict) -> bool:
    return not (stop["visible"] and stop["inViewport"] and stop["onTop"])


def tab(page, times: int = 1) -> list[dict]:
    stops = []
    for _ in range(times):
        page.keyboard.press("Tab")
        stop = page.evaluate(WHERE)
        if stop:
            stops.append(stop)
    return stops


@pytest.mark.parametrize("screen", list(SCREENS))
def test_tab_from_the_top_reaches_the_menu_button_and_enter_opens_it(browser, real_server, screen):
    context, page = open_checked(browser, real_server, "", SCREENS[screen])
    try:
        stops = tab(page, 2)
        assert stops[-1]["menu"], f"2e arrêt du clavier (après le lien d'évitement) : {stops}"
        button = page.locator(MENU)
        assert button.evaluate("b => b.tagName") == "BUTTON"
        assert button.get_attribute("aria-expanded") == "false"
        snapshot = page.locator("header").aria_snapshot()
        assert '- button "Menu principal"' in snapshot, snapshot
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        inside = page.evaluate(WHERE)
        assert inside["inDrawer"] and not bad_stop(inside), inside
        assert page.locator(".md-sidebar--primary").evaluate("d => d.checkVisibility()")
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate(WHERE)["menu"], "Échap doit rendre le focus au bouton du menu"
    finally:
        context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("target", PAGE_KINDS)
def test_no_tab_stop_is_hidden_off_screen_or_covered(browser, real_site, real_server, template_pages,  # noqa: F811
                                                     target, screen):
    """Menu closed: the first 30 stops; then menu open: every stop in the drawer, until focus leaves it."""
    url = url_for(target, template_pages, real_site)
    context, page = open_checked(browser, real_server, url, SCREENS[screen])
    try:
        closed = tab(page, 30)
        assert not any(s["inDrawer"] for s in closed), "Le menu fermé prend le focus :\n" + "\n".join(
            s["element"] for s in closed if s["inDrawer"])
        page.locator(MENU).focus()
        page.keyboard.press("Enter")
        opened = [page.evaluate(WHERE)]
        while opened[-1] and opened[-1]["inDrawer"] and len(opened) < 80:
            opened += tab(page)
        assert sum(s["inDrawer"] for s in opened) >= 2, f"Le menu ouvert n'offre presque aucun lien : {opened}"
        assert page.locator(MENU).get_attribute("aria-expanded") == "false", "Sortir du menu au clavier le ferme"
        bad = [s for s in closed + opened if bad_stop(s)]
        assert not bad, f"/{url}, {screen} : focus invisible, hors écran ou masqué :\n" + "\n".join(map(str, bad))
    finally:
        context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_sub_menu_opens_with_enter_and_covers_what_it_hides(browser, real_server, screen):
    """« Territoires » opens its panel; focus goes in; Escape goes back to the opener."""
    context, page = open_checked(browser, real_server, "", SCREENS[screen])
    try:
        page.locator(MENU).focus()
        page.keyboard.press("Enter")
        opener = page.locator(".md-sidebar--primary label.md-nav__link[tabindex='0']:not([for=__toc])").first
        name = opener.inner_text().strip()
        opener.focus()
        page.keyboard.press("Enter")
        back = page.evaluate(WHERE)
        assert back["inDrawer"] and not bad_stop(back) and "md-nav__title" in back["element"], back
        stops = tab(page, 2)
        assert all(not bad_stop(s) for s in stops), stops
        page.keyboard.press("Escape")
        assert page.evaluate("() => document.activeElement.textContent.trim()") == name
    finally:
        context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_page_table_of_contents_in_the_drawer_opens_from_the_keyboard(browser, real_server, screen):
    """A page's own table of contents, inside the drawer: reached by Tab, opened by Enter."""
    context, page = open_checked(browser, real_server, "donnees/", SCREENS[screen])
    try:
        page.locator(MENU).focus()
        page.keyboard.press("Enter")
        stops = [page.evaluate(WHERE)]
        while not ('for="__toc"' in stops[-1]["element"] and "md-nav__title" not in stops[-1]["element"]):
            assert len(stops) < 40 and stops[-1]["inDrawer"], "Tab n'atteint pas la table des matières du menu :\n" + \
                "\n".join(s["element"] for s in stops)
            stops += tab(page)
        opener = page.locator('.md-sidebar--primary label[for="__toc"].md-nav__link')
        assert opener.get_attribute("role") == "button" and opener.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert opener.get_attribute("aria-expanded") == "true"
        inside = page.evaluate(WHERE)
        assert inside["inDrawer"] and not bad_stop(inside) and "md-nav__title" in inside["element"], inside
        more = tab(page, 2)
        assert all(not bad_stop(s) for s in more) and any('href="#' in s["element"] for s in more), more
        page.keyboard.press("Escape")  # back to the opener; Space opens it too
        assert opener.get_attribute("aria-expanded") == "false"
        opener.focus()
        page.keyboard.press(" ")
        assert opener.get_attribute("aria-expanded") == "true"
    finally:
        context.close()


def test_wide_screen_has_no_menu_button_in_the_tab_order(browser, real_server):
    context, page = open_checked(browser, real_server, "", {"width": 1280, "height": 800})
    try:
        assert not page.locator(MENU).is_visible()
        assert not any(s["menu"] for s in tab(page, 10))
    finally:
        context.close()


# The explorer: from a ticked filter to the first result. Before issue 16 the
# results came after every other filter (about 50 stops, 10 more per région).
MAX_TABS_TO_RESULTS = 10


@pytest.mark.parametrize("screen", ["ordinateur", *SCREENS])
def test_from_a_ticked_filter_the_first_result_is_at_most_10_tabs_away(browser, real_server, screen):
    viewport = SCREENS.get(screen, {"width": 1280, "height": 800})
    context, page = open_checked(browser, real_server, "explorer/", viewport)
    try:
        box = page.locator("#facette-region li:not(.explorateur-zero) input[type=checkbox]").first
        box.focus()
        before = box.bounding_box()
        page.keyboard.press("Space")
        page.wait_for_function("() => document.querySelector('.explorateur-liste li')")
        after = box.bounding_box()
        assert box.is_checked()
        # Ticking does not move the box: nothing appears above it (« Effacer tous les filtres » keeps its room).
        assert after and before and abs(after["y"] - before["y"]) < 1, (before, after)
        assert 0 <= after["y"] and after["y"] + after["height"] <= viewport["height"], after
        tabs = 0
        while tabs <= MAX_TABS_TO_RESULTS:
            page.keyboard.press("Tab")
            tabs += 1
            where = page.evaluate("""() => { const e = document.activeElement;
                return e.closest('.explorateur-liste') ? 'resultat' : e.matches('a.explorateur-aller') ? 'raccourci' : ''; }""")
            if where == "resultat":
                break
            if where == "raccourci":
                page.keyboard.press("Enter")  # the shortcut: focus goes to the results' heading
        assert tabs <= MAX_TABS_TO_RESULTS, f"Plus de {MAX_TABS_TO_RESULTS} tabulations d'un filtre coché au premier résultat"
        stop = page.evaluate(WHERE)
        assert not bad_stop(stop), stop
    finally:
        context.close()
