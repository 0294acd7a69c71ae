"""The committee's space (/admin/) in Chromium, from a real build: it loads its
vendored script and fonts from the site and asks nothing of another origin
before sign-in (every request the page makes is recorded), shows French in a
browser set to English, and reads the generated configuration without error."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest

from tests.conftest import banque
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


# -- an entry created through the form, with the CMS's in-memory test backend ----------

READ_SAVED_FILES = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else out[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return out;
}"""


class Form:
    """The CMS's entry form, driven by the key paths of its fields."""

    def __init__(self, page):
        self.page = page

    def field(self, path: str):
        # Fields further down are drawn when scrolled to; the preview pane has the same key paths.
        box = self.page.locator(f'[data-mode="edit"] section.field[data-key-path="{path}"]')
        for _ in range(40):
            if box.count():
                break
            self.page.locator('[data-mode="edit"] section.field').last.scroll_into_view_if_needed()
            self.page.mouse.wheel(0, 400)
            self.page.wait_for_timeout(100)
        box.first.scroll_into_view_if_needed()
        return box.first

    def fill(self, path: str, value: str) -> None:
        self.field(path).locator("input, textarea").first.fill(value)

    def add(self, path: str) -> None:
        self.field(path).get_by_role("button", name=re.compile("^Ajouter")).first.click()

    def pick(self, path: str, label: str) -> None:
        box = self.field(path)
        radios = box.get_by_role("radio", name=label)
        if radios.count():
            radios.first.click()
            return
        box.get_by_role("combobox").first.click()
        self.page.get_by_role("option", name=label).first.click()


def test_an_entry_created_through_the_form_passes_banque_valider(browser, real_site, real_server, tmp_path):
    config = (real_site.site / "admin" / "config.yml").read_text(encoding="utf-8")
    # The same configuration on the CMS's test backend (an in-browser repository), which
    # has no editorial workflow: the fields, widgets and writing are those of the site.
    local = re.sub(r"backend:\n(?:  .*\n)+", "backend:\n  name: test-repo\n", config)
    local = local.replace("publish_mode: editorial_workflow", "publish_mode: simple")
    assert local.count("test-repo") == 1 and "publish_mode: simple" in local
    space = Space(browser, real_server, local)
    try:
        page = space.page
        page.get_by_role("button", name="Travailler avec un dépôt de test").click()
        page.wait_for_url(re.compile("#/collections/"))
        page.goto(page.url.split("#")[0] + "#/collections/experiences/new")
        form = Form(page)
        body = form.field("body").locator("textarea").first
        sections = [line[3:] for line in body.input_value().splitlines() if line.startswith("## ")]
        assert sections == ["Contexte", "Le partenariat", "Actions menées", "Résultats", "Enseignements"]
        form.fill("slug", "essai-formulaire")
        form.fill("titre", "Essai : une fiche saisie dans le formulaire")
        form.fill("resume", "Une fiche d'essai saisie dans le formulaire de l'espace du comité, pour voir ce que le CMS écrit.")
        form.pick("nature", "Partenariat bilatéral")
        form.add("modeles")
        form.pick("modeles.0.modele", "Mécénat")
        form.fill("modeles.0.justification", "Une justification : assez longue.")
        form.add("territoires")
        form.pick("territoires.0.niveau", "Région")
        form.add("territoires.0.codes")
        form.fill("territoires.0.codes.0", "44")
        form.pick("themes", "Sport")
        form.add("acteurs")
        form.fill("acteurs.0.nom", "Association Exemple")
        form.pick("acteurs.0.type", "Association")
        form.pick("acteurs.0.role", "Porteur")
        form.fill("periode.debut", "2024")
        form.fill("situation", "2026-11")
        form.add("sources")
        form.fill("sources.0.titre", "Note interne")
        form.fill("referent.nom", "Camille Exemple")
        form.fill("referent.fonction", "chargée de mission")
        form.fill("referent.organisation", "Association Exemple")
        body = form.field("body").locator("textarea").first
        body.fill("\n\n".join(f"## {title}\n\nUn paragraphe d'essai pour la section « {title} », assez long pour compter."
                              for title in sections))
        page.get_by_role("button", name="Enregistrer").first.click()
        saved: dict = {}
        for _ in range(50):
            # The CMS writes a temporary file, then renames it: wait for the sheet itself.
            saved = {k: v for k, v in page.evaluate(READ_SAVED_FILES).items() if k.endswith(".md")}
            if saved:
                break
            page.wait_for_timeout(200)
        assert space.foreign() == [] and space.errors == []
    finally:
        space.context.close()
    [(path, text)] = saved.items()
    assert path.endswith("content/experiences/essai-formulaire.md")
    assert text.startswith("---\nslug: essai-formulaire\n") and "# yaml-language-server" not in text
    content = tmp_path / "content"
    shutil.copytree(real_site.content, content)
    (content / "experiences" / "essai-formulaire.md").write_text(text, encoding="utf-8")
    result = banque("valider", "--contenu", str(content), str(content / "experiences" / "essai-formulaire.md"))
    assert result.returncode == 0, text + "\n" + result.stdout + result.stderr
