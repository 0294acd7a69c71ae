"""The committee's space (/admin/) in Chromium, from a real build: it loads its
vendored script and fonts from the site and asks nothing of another origin
before sign-in (every request the page makes is recorded), shows French in a
browser set to English, and reads the generated configuration without error."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.navigateur import LOCAL_HOST

pytestmark = pytest.mark.browser

SIGN_IN = "Se connecter avec un jeton d’accès"
CONFIG_ERROR = "La configuration du CMS comporte"
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.blockedURI || ''));
"""
# What the CMS tries on its own and the page's policy refuses, so that nothing
# leaves the browser: its update check (unpkg.com), GitHub's status page, and
# its default logo read from a data: address. Nothing else may be refused.
REFUSED = {"unpkg.com", "www.githubstatus.com", "data"}


class Space:
    """/admin/ opened in a fresh context, every request recorded; other origins get nothing."""

    def __init__(self, browser, server, config: str | None = None):
        self.context = browser.new_context(locale="en-US")  # the browser's language is not French
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.requests: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", lambda route: self._route(route, config))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(server.url("admin/"))

    def _route(self, route, config: str | None) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname != LOCAL_HOST:
            route.abort()
        elif config is not None and urlsplit(url).path.endswith("/admin/config.yml"):
            route.fulfill(status=200, content_type="application/yaml", body=config)
        else:
            route.continue_()

    def foreign(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != LOCAL_HOST]

    def refused(self) -> set[str]:
        blocked = self.page.evaluate("window.__violations")
        return {"data" if u.startswith("data") else urlsplit(u).hostname for u in blocked}


def test_the_space_loads_in_french_from_the_site_only(browser, real_site, real_server):
    space = Space(browser, real_server)
    try:
        page = space.page
        page.get_by_role("button", name=SIGN_IN).wait_for(timeout=20000)
        page.wait_for_load_state("networkidle")
        assert space.foreign() == [], space.foreign()
        paths = [urlsplit(u).path for u in space.requests]
        for wanted in ("admin/sveltia-cms.js", "admin/config.yml", "assets/javascripts/espace-comite.js",
                       "admin/polices/material-symbols-outlined-latin-wght-normal.woff2"):
            assert any(p.endswith(wanted) for p in paths), wanted
        text = page.inner_text("body")
        assert "Espace du comité" in text and CONFIG_ERROR not in text and "Sign in" not in text
        assert page.evaluate("document.fonts.check('24px \"Material Symbols Outlined\"')")
        assert space.errors == []
        assert space.refused() <= REFUSED, space.refused()
        assert all("Content Security Policy" in m or "Failed to load resource" not in m for m in space.console), space.console
    finally:
        space.context.close()


def test_a_broken_configuration_shows_the_error_the_first_test_looks_for(browser, real_site, real_server):
    """The check above can fail: a widget the CMS does not know is reported, in French."""
    config = (real_site.site / "admin" / "config.yml").read_text(encoding="utf-8")
    broken = config.replace("backend:\n  name: github", "backend:\n  name: inconnu", 1)
    assert broken != config
    space = Space(browser, real_server, broken)
    try:
        space.page.get_by_text(CONFIG_ERROR).wait_for(timeout=20000)
        assert space.page.get_by_role("button", name=SIGN_IN).count() == 0
    finally:
        space.context.close()
