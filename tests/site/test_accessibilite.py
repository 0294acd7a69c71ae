"""Accessibility of the built site (RGAA 4.1, i.e. WCAG 2.1 level AA), in Chromium.

1. axe-core (version in tests/a11y.py) runs on one real page of every page
   template, on a desktop and a 320 px wide screen (RGAA 10.11: content must
   reflow at 320 px), and must report no serious or critical violation of the
   WCAG A/AA rules. The page chosen for a template is its largest built page:
   the one with the most content to get wrong.
2. The pages other engineers are building (explorer, map, form, coverage) are
   in the list by URL from the start: a missing page is a failure, not a skip.
3. What axe does not check: language, titles, landmarks, the skip link,
   reflow at 320 px without sideways scrolling, and a focus ring that can be
   seen (style, width, contrast) on every element the keyboard reaches.
"""

from __future__ import annotations

import pytest

from banque.site.pages import pages
from banque.site.settings import SiteConfig
from tests.a11y import AXE_VERSION, blocking, install_axe, report, run_axe

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "ordinateur": {"width": 1280, "height": 800},
    "mobile-320": {"width": 320, "height": 640},
}
# Every page template the site renders, by the name of its jinja2 template.
TEMPLATES = [
    "accueil.md.j2",
    "experience.md.j2",
    "outil.md.j2",
    "outils.md.j2",
    "territoires.md.j2",
    "region.md.j2",
    "territoire_hors_region.md.j2",
    "ancienne_region.md.j2",
    "modeles.md.j2",
    "modele.md.j2",
    "themes.md.j2",
    "theme.md.j2",
    "acteurs.md.j2",
    "acteur.md.j2",
    "recherche.md.j2",
    "donnees.md.j2",
    "a_propos.md.j2",
    "accessibilite.md.j2",
]
# For these templates a given page rather than the largest one: France entière, not International.
PREFERRED = {"territoire_hors_region.md.j2": "territoires/national/"}
# Pages being built by other engineers: tested by URL, and required to exist.
# The maps of France are on the home, région and coverage pages (also checked
# by test_carte_navigateur.py).
FIXED_PAGES = ["explorer/", "proposer/", "couverture/"]
# Material's own pages, overridden in scripts/banque/theme.
THEME_PAGES = ["404.html"]
# The search page once a query has been typed: Pagefind's results are rendered.
SEARCH_QUERY = "insertion"
SEARCH_WITH_RESULTS = f"recherche/?q={SEARCH_QUERY}"
RESULT = ".pagefind-ui__result-link"
# The explorer once a filter is ticked: its results and counts are redrawn.
# "#filtre" is no anchor: open_checked ticks the first visible box.
EXPLORER_FILTERED = "explorer/#filtre"

TARGETS = ([f"gabarit:{t}" for t in TEMPLATES] + ["recherche-avec-resultats"]
           + [f"page:{p}" for p in FIXED_PAGES + THEME_PAGES] + ["explorateur-filtre"])


def url_of(doc_path: str) -> str:
    """'experiences/x.md' → 'experiences/x/', 'a-propos/index.md' → 'a-propos/'."""
    stem = doc_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


@pytest.fixture(scope="module")
def template_pages(real_site) -> dict[str, list[str]]:
    """Template name → the URLs (relative to the site root) of its pages."""
    cfg = SiteConfig.from_mkdocs(real_site.settings)
    by_template: dict[str, list[str]] = {}
    for page in pages(real_site.bank, cfg):
        by_template.setdefault(page.template, []).append(url_of(page.path))
    return by_template


def page_for(template: str, template_pages, real_site) -> str:
    if template in PREFERRED:
        return PREFERRED[template]
    urls = template_pages.get(template)
    assert urls, f"Le gabarit {template} ne produit plus aucune page : mettez à jour TEMPLATES."
    return max(urls, key=lambda url: ((real_site.site / url / "index.html").stat().st_size, url))


def resolve(target: str, template_pages, real_site) -> str:
    kind, _, name = target.partition(":")
    if kind == "gabarit":
        return page_for(name, template_pages, real_site)
    if kind == "page":
        return name
    return {"recherche-avec-resultats": SEARCH_WITH_RESULTS, "explorateur-filtre": EXPLORER_FILTERED}[target]


def open_checked(browser, server, url: str, viewport: dict | None = None):
    """A fresh context with axe installed, on `url`; fails if the page does not exist."""
    context = browser.new_context(locale="fr-FR", viewport=viewport or VIEWPORTS["ordinateur"])
    install_axe(context)
    page = context.new_page()
    address, _, action = url.partition("#")
    response = page.goto(server.url(address))
    status = response.status if response else None
    if status != 200:
        context.close()
        pytest.fail(f"La page /{address} n'existe pas sur le site construit (HTTP {status}) : "
                    "elle doit exister et passer les tests d'accessibilité.")
    # Pages drawn by JavaScript (explorer, map, form) fetch their data first.
    page.wait_for_load_state("networkidle")
    if url == SEARCH_WITH_RESULTS:
        page.wait_for_selector(RESULT, timeout=10_000)
    if action == "filtre":
        boxes = page.locator("main input[type=checkbox]:visible")
        if not boxes.count():
            context.close()
            pytest.fail(f"Aucune case à cocher visible sur /{address} : l'explorateur ne s'est pas affiché.")
        boxes.first.check()
        page.wait_for_load_state("networkidle")
    return context, page


STRUCTURE = """() => {
  const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const named = (e) => e.getAttribute('aria-hidden') === 'true' || !!(e.getAttribute('aria-label')
      || e.getAttribute('aria-labelledby') || (e.querySelector(':scope > title') || {}).textContent);
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: [...document.querySelectorAll('h1')].filter(visible).map(h => h.textContent.trim()),
    banner: document.querySelectorAll('header.md-header, [role=banner]').length,
    main: document.querySelectorAll('main, [role=main]').length,
    contentinfo: document.querySelectorAll('footer, [role=contentinfo]').length,
    nav: document.querySelectorAll('nav, [role=navigation]').length,
    skip: (() => { const a = document.querySelector('a.md-skip');
                   return a ? {text: a.textContent.trim(), target: !!document.querySelector(a.getAttribute('href'))} : null; })(),
    unnamedSvg: [...document.querySelectorAll('main svg')].filter(s => visible(s) && !named(s)
        && !s.closest('[aria-hidden=true]') && !s.closest('a, button') ).map(s => s.outerHTML.slice(0, 120)),
  };
}"""

REFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !scrolls(e))
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
  return {page: document.documentElement.scrollWidth, width, wide};
}"""

# One visit per page and screen size gives all three verdicts (axe, structure,
# reflow): the tests below share it when pytest runs them in the same process.
_AUDITS: dict[tuple[str, str, str], dict] = {}


def audit(browser, server, url: str, viewport: str) -> dict:
    key = (server.base, url, viewport)
    if key not in _AUDITS:
        context, page = open_checked(browser, server, url, VIEWPORTS[viewport])
        try:
            _AUDITS[key] = {"violations": run_axe(page), "structure": page.evaluate(STRUCTURE),
                            "reflow": page.evaluate(REFLOW)}
        finally:
            context.close()
    return _AUDITS[key]


def test_every_page_template_is_tested(template_pages):
    """A new template must be added to TEMPLATES (or FIXED_PAGES), so axe sees it."""
    untested = {t: urls for t, urls in template_pages.items()
                if t not in TEMPLATES and not set(urls) & set(FIXED_PAGES)}
    assert not untested, f"Gabarits sans test d'accessibilité : {untested}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("target", TARGETS)
def test_axe_finds_no_serious_or_critical_violation(browser, real_site, real_server, template_pages, target, viewport):
    url = resolve(target, template_pages, real_site)
    serious = blocking(audit(browser, real_server, url, viewport)["violations"])
    assert not serious, f"axe-core {AXE_VERSION}, {viewport} :\n" + report("/" + url, serious)


def test_axe_run_detects_a_violation(browser, real_server):
    """The harness itself: a contrast failure and an unlabelled field are reported."""
    context, page = open_checked(browser, real_server, "")
    try:
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = 'Texte illisible';
            p.style.color = '#cccccc';
            document.querySelector('main').append(p, document.createElement('input'));
        }""")
        rules = {v.rule for v in blocking(run_axe(page))}
    finally:
        context.close()
    assert {"color-contrast", "label"} <= rules


def test_footer_text_contrast_is_measured_and_passes(browser, real_server):
    """Material's footer text is 4.47:1 by default: axe must measure ours and pass it."""
    context, page = open_checked(browser, real_server, "")
    try:
        outcome = page.evaluate("""async () => {
            const r = await axe.run({include: [['.md-copyright']]}, {runOnly: ['color-contrast']});
            const nodes = (list) => list.flatMap(x => x.nodes.map(n => n.target.join(' ')));
            return {passes: nodes(r.passes), other: nodes(r.violations).concat(nodes(r.incomplete))};
        }""")
    finally:
        context.close()
    assert outcome["passes"] and not outcome["other"], outcome


# -- what axe does not check -------------------------------------------------------


# Material draws its skip link only on pages with a table of contents: the 404
# page, which has none, draws its own (theme/404.html). No page is left without.
NO_SKIP_LINK: set[str] = set()


@pytest.mark.parametrize("target", TARGETS)
def test_page_has_language_title_landmarks_and_skip_link(browser, real_site, real_server, template_pages, target):
    url = resolve(target, template_pages, real_site)
    s = audit(browser, real_server, url, "ordinateur")["structure"]
    site_name = real_site.settings["site_name"]
    assert s["lang"] == "fr"
    # RGAA 8.6: a title that says which page this is, then which site.
    assert s["title"].endswith(" - " + site_name) and s["title"] != " - " + site_name, s["title"]
    assert len(s["h1"]) == 1 and s["h1"][0], s["h1"]
    assert s["banner"] >= 1 and s["main"] == 1 and s["contentinfo"] >= 1 and s["nav"] >= 1, s
    if url in NO_SKIP_LINK:
        assert s["skip"] is None, "Le lien d'évitement existe : retirez la page de NO_SKIP_LINK."
    else:
        assert s["skip"] == {"text": "Aller au contenu", "target": True}, s["skip"]
    # A drawing without a name is noise to a screen reader (RGAA 1.1, 1.2): name it or hide it.
    assert not s["unnamedSvg"], s["unnamedSvg"]


@pytest.mark.parametrize("target", TARGETS)
def test_page_reflows_at_320_px_without_sideways_scrolling(browser, real_site, real_server, template_pages, target):
    """RGAA 10.11 / WCAG 1.4.10: at 320 px, only a wide table may scroll, inside its own box."""
    url = resolve(target, template_pages, real_site)
    r = audit(browser, real_server, url, "mobile-320")["reflow"]
    assert r["page"] <= r["width"], f"/{url} fait {r['page']} px de large pour un écran de {r['width']} px : {r['wide']}"


def test_statement_cites_the_axe_version_the_tests_use(real_site):
    """The accessibility statement must describe the tests as they run."""
    text = " ".join(real_site.html("a-propos/accessibilite/").split())
    assert f"axe-core {AXE_VERSION}" in text
    assert "aucune anomalie grave ni critique" in text


def test_page_titles_are_unique(template_pages, real_site):
    titles = {}
    for url in [u for urls in template_pages.values() for u in urls]:
        html = (real_site.site / url / "index.html").read_text(encoding="utf-8")
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        titles.setdefault(title, []).append(url)
    duplicated = {t: u for t, u in titles.items() if len(u) > 1}
    assert not duplicated, duplicated


FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  // Number each stop once: meeting a numbered one again means focus went round.
  const again = 'a11yStop' in e.dataset;
  if (!again) e.dataset.a11yStop = document.querySelectorAll('[data-a11y-stop]').length;
  const rgb = (c) => { const m = c.match(/rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?/);
                       return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null; };
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const s = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  // What the ring is drawn on: the first opaque background under the element, itself excluded.
  let backdrop = [255, 255, 255, 1];
  for (const under of document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)) {
    if (under === e || e.contains(under)) continue;
    const bg = rgb(getComputedStyle(under).backgroundColor);
    if (bg && bg[3] === 1) { backdrop = bg; break; }
  }
  const ring = rgb(s.outlineColor);
  const [hi, lo] = [lum(ring), lum(backdrop)].sort((a, b) => b - a);
  return {again, element: e.outerHTML.slice(0, 100), skip: e.classList.contains('md-skip'), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          contrast: Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100,
          visible: box.width > 0 && box.height > 0};
}"""
FOCUS_PAGES = ["gabarit:accueil.md.j2", "gabarit:experience.md.j2", "recherche-avec-resultats",
               "page:explorer/", "page:proposer/"]


@pytest.mark.parametrize("target", FOCUS_PAGES)
def test_keyboard_focus_is_always_visible(browser, real_site, real_server, template_pages, target):
    """Tab through the page: every stop shows a 2 px ring at 3:1 against its backdrop (RGAA 10.7)."""
    url = resolve(target, template_pages, real_site)
    context, page = open_checked(browser, real_server, url)
    try:
        stops = []
        for _ in range(300):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            if focus is None:
                continue
            if focus["again"]:
                break  # back to the top: the whole page has been walked
            stops.append(focus)
    finally:
        context.close()
    assert len(stops) >= 5, stops
    assert stops[0]["skip"], f"Le premier arrêt du clavier n'est pas le lien d'évitement : {stops[0]}"
    bad = [f for f in stops if f["style"] in ("none", "hidden") or f["width"] < 2 or f["contrast"] < 3 or not f["visible"]]
    assert not bad, "Focus peu ou pas visible :\n" + "\n".join(map(str, bad))


def test_skip_link_is_shown_on_focus_and_moves_to_the_content(browser, real_site, real_server, template_pages):
    url = page_for("experience.md.j2", template_pages, real_site)
    context, page = open_checked(browser, real_server, url)
    try:
        skip = page.locator("a.md-skip")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
        box = skip.bounding_box()
        assert box and box["width"] > 20 and box["height"] > 10 and box["y"] >= 0
        page.keyboard.press("Enter")
        target = skip.get_attribute("href")
        # The next Tab stop after the skip is inside the content, not the menus.
        page.keyboard.press("Tab")
        inside = page.evaluate("""(target) => {
            const t = document.querySelector(target);
            return !!t && (t.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
                   && !document.activeElement.closest('.md-header, .md-tabs, .md-sidebar');
        }""", target)
    finally:
        context.close()
    assert inside
