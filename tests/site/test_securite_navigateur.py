"""Hostile content in Chromium: nothing runs, nothing opens, the policy holds.

Every payload of tests/site/hostile/ sets `window.__pwned` (or opens a dialog) if it
runs. The site built from the hostile sheets that are published (sanitised)
is visited page by page, searched, clicked and hovered: no dialog opens,
`window.__pwned` stays undefined, and the browser reports no violation of the
Content-Security-Policy (there is nothing left for it to block). A page into
which the payloads are written back after the build (as if the sanitiser had
missed them) shows the policy blocking each of them on its own.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from tests.navigateur import LOCAL_HOST, Server, pagefind_search
from tests.site.hostile.corpus import cases_with, page_of

pytestmark = pytest.mark.browser

# Records policy violations from the very start of each document.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
# Images the hostile sheets point to on purpose, so that an onerror would fire.
MISSING_IMAGES = ("introuvable.png", "absent.png")


class Visit:
    """A page that records dialogs, policy violations and console errors."""

    def __init__(self, browser):
        self.context = browser.new_context(locale="fr-FR")
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: dict[str, str] = {}
        self.missing: list[str] = []  # URLs answered with an HTTP error
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(f"{self.page.url} : {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url} : {e}"))
        self.page.on("request", self._request)
        self.page.on("requestfailed", lambda r: self.failed.__setitem__(r.url, r.failure or ""))
        self.page.on("response", lambda r: self.missing.append(r.url) if r.status >= 400 else None)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{self.page.url} : {dialog.type} {dialog.message}")
        dialog.dismiss()

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.hostname != LOCAL_HOST:
            self.foreign.append(request.url)

    def go(self, url: str) -> None:
        response = self.page.goto(url, wait_until="networkidle")
        assert response and response.ok, url

    def pwned(self):
        return self.page.evaluate("window.__pwned")

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations || []")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    v = Visit(browser)
    yield v
    v.close()


def _poke(page) -> None:
    """What a reader does that an event handler would react to: hover everything,
    click the links that stay on the page (those left without an address, anchors)."""
    for element in page.locator("article a, article p, article img, article details, article summary").all():
        if element.is_visible():
            element.hover(timeout=2_000)
    for link in page.locator("article a").all():
        href = link.get_attribute("href")
        if link.is_visible() and (href is None or href.startswith("#")):
            link.click(timeout=2_000)
    for summary in page.locator("article summary").all():
        summary.click(timeout=2_000)


def test_hostile_pages_run_nothing(visit, hostile_site):
    published = cases_with("publiee")
    with Server(hostile_site.site) as server:
        for sheet in published:
            rel = page_of(hostile_site.site, sheet).parent.relative_to(hostile_site.site).as_posix() + "/"
            visit.go(server.url(rel))
            _poke(visit.page)
            assert visit.pwned() is None, f"{rel} : un script de la fiche s'est exécuté"
            assert visit.violations() == [], f"{rel} : {visit.violations()}"
        for rel in ("", "experiences/", "outils/", "404.html"):
            visit.go(server.url(rel))
            assert visit.pwned() is None and visit.violations() == [], rel
        # The search shows excerpts of the hostile sheets: still text, never markup.
        for query in ("zygomorphe", "epicerie", "paragraphe"):
            assert pagefind_search(visit.page, server, query), query
            assert visit.pwned() is None and visit.violations() == [], query
    assert not visit.dialogs, visit.dialogs
    assert not visit.foreign, f"requêtes hors de 127.0.0.1 : {visit.foreign}"
    # The only errors: the images the sheets point to on purpose, which do not exist.
    assert visit.missing and {url.rsplit("/", 1)[-1] for url in visit.missing} <= set(MISSING_IMAGES), visit.missing
    unexpected = [e for e in visit.errors if "Failed to load resource: the server responded with a status of 404" not in e]
    assert not unexpected, "\n".join(unexpected)


def test_policy_blocks_payloads_the_sanitiser_would_have_missed(visit, hostile_site, tmp_path):
    """The second line of defence alone: payloads written into a built page after the build."""
    site = shutil.copytree(hostile_site.site, tmp_path / "site")
    sheet = cases_with("publiee")[0]
    page = page_of(site, sheet)
    payloads = (
        '<script>window.__pwned="script"</script>'
        '<img src="introuvable.png" alt="x" onerror="window.__pwned=\'onerror\'">'
        '<a id="piege" href="javascript:window.__pwned=\'lien\'">piège</a>'
        '<script src="https://attaquant.example/x.js"></script>'
        '<iframe src="https://attaquant.example/"></iframe>'
        '<object data="https://attaquant.example/x.swf"></object>'
        '<img src="https://traceur.example/p.gif" alt="pixel">'
        '<p style="display:none" id="masque">masqué ?</p>'
    )
    html = page.read_text(encoding="utf-8")
    assert '<article class="fiche"' in html
    page.write_text(html.replace('<article class="fiche"', payloads + '<article class="fiche"', 1), encoding="utf-8")
    with Server(site) as server:
        rel = page.parent.relative_to(site).as_posix() + "/"
        visit.go(server.url(rel))
        visit.page.click("#piege", no_wait_after=True)
        visit.page.wait_for_timeout(300)
        # A script added at run time is blocked too.
        visit.page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__pwned = "dynamique"'; document.body.appendChild(s); }""")
        visit.page.wait_for_timeout(300)
        assert visit.pwned() is None
        blocked = " | ".join(visit.violations())
        assert visit.page.locator("#masque").is_visible(), "l'attribut style a été appliqué"
    assert not visit.dialogs
    for directive in ("script-src-elem", "script-src-attr", "frame-src", "object-src", "img-src", "style-src-attr"):
        assert directive in blocked, f"{directive} n'a rien bloqué : {blocked}"
    assert "attaquant.example" in blocked and "traceur.example" in blocked
    # Chromium announces the third-party requests, then the policy stops them before they leave.
    assert visit.foreign, "les charges utiles n'ont rien tenté : le test ne prouve rien"
    assert {url: visit.failed.get(url) for url in visit.foreign} == {url: "csp" for url in visit.foreign}


PAGE_KINDS = ["", "experiences/laveo-structures-insertion/", "outils/", "territoires/", "modeles/", "themes/",
              "acteurs/", "donnees/", "a-propos/", "a-propos/accessibilite/", "recherche/", "404.html"]


def test_real_site_pages_respect_their_policy(visit, real_site, real_server):
    """Home, a sheet, every kind of listing, the search (with a query run) and the 404 page:
    the policy is in place and the browser reports no violation."""
    tool = next(p.parent.relative_to(real_site.site).as_posix() for p in sorted((real_site.site / "outils").glob("*/index.html")))
    region = next(p.parent.relative_to(real_site.site).as_posix() for p in sorted((real_site.site / "territoires").glob("*/index.html")))
    for rel in PAGE_KINDS + [tool + "/", region + "/"]:
        visit.go(real_server.url(rel))
        policy = visit.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy, rel
        assert visit.violations() == [], f"{rel} : {visit.violations()}"
    results = pagefind_search(visit.page, real_server, "insertion")
    assert results
    visit.page.wait_for_load_state("networkidle")
    assert visit.violations() == [], visit.violations()
    visit.page.locator(".pagefind-ui__result-link").first.click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.violations() == [], visit.violations()
    # Material's own scripts ran (the policy allows them): its JavaScript marks <html>.
    assert "js" in (visit.page.locator("html").get_attribute("class") or "").split()
    assert not visit.errors, "\n".join(visit.errors)
    assert not visit.dialogs and not visit.foreign
