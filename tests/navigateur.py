"""Shared helpers for the site tests: build the real site, serve it, drive Chromium.

Not a conftest: test modules import what they use, fixtures included
(`from .navigateur import real_site, ...`), so pytest registers them there.

Every build goes through the real `banque construire` command, in a pytest
temporary folder, from the real `content/` as it is at test time. Each site is
built once per session (once per worker with pytest-xdist): the build is cached
here, since each importing module gets its own copy of a fixture.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from banque.sheets.bank import Bank
from banque.sheets.check import validate
from banque.site.build import mkdocs_settings

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
# Fictional sheets added to a copy of content/ (public and masked referents, a draft).
FIXTURE_SHEETS = ROOT / "tests" / "site" / "fixtures"
SEARCH_QUERIES = ROOT / "tests" / "site" / "recherche" / "requetes.yml"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Fixed build time: two builds of the same content must be byte-identical.
EPOCH = "1420675200"
LOCAL_HOST = "127.0.0.1"
# Where the site is published (site_url's path): the test server serves it there too.
SITE_PREFIX = (urlsplit(mkdocs_settings(ROOT).get("site_url", "/")).path.rstrip("/") + "/")


# -- building ------------------------------------------------------------------

def run_build(content: Path, build: Path, *, preview: bool = False, epoch: str = EPOCH,
              cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`banque construire` as a contributor runs it, from the repository root."""
    args = [sys.executable, "-m", "banque.cli", "construire", "--contenu", str(content), "--sortie", str(build)]
    if preview:
        args.append("--apercu")
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)


def load_bank(content: Path) -> Bank:
    """The validated bank of `content` (all statuses); fails the test if invalid."""
    bank, problems = validate([content], content)
    errors = [p for p in problems if p.severity == "erreur"]
    if errors:
        pytest.fail("Le contenu ne passe pas la validation :\n" + "\n".join(map(str, errors)))
    return bank


@dataclass
class BuiltSite:
    content: Path
    build: Path
    log: str
    preview: bool = False
    bank: Bank = field(init=False)  # the sheets the build shows

    def __post_init__(self) -> None:
        self.bank = load_bank(self.content).visible(self.preview)

    @property
    def site(self) -> Path:
        return self.build / "site"

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @functools.cached_property
    def settings(self) -> dict:
        return mkdocs_settings(ROOT)

    @property
    def banque(self) -> dict:
        return self.settings["extra"]["banque"]

    def html(self, rel: str) -> str:
        """The HTML of the page at `rel` (e.g. "experiences/x/")."""
        return (self.site / rel / "index.html").read_text(encoding="utf-8")

    def experience(self, slug: str):
        return next(s for s in self.bank.experiences if s.slug == slug)


def build_site(content: Path, build: Path, *, preview: bool = False) -> BuiltSite:
    result = run_build(content, build, preview=preview)
    if result.returncode != 0:
        pytest.fail(f"« banque construire » a échoué ({result.returncode}) :\n{result.stdout}\n{result.stderr}")
    return BuiltSite(content, build, result.stdout, preview)


def content_with_fixtures(dest: Path) -> Path:
    """A copy of content/ plus the fictional sheets of tests/site/fixtures."""
    shutil.copytree(CONTENT, dest)
    for kind in ("experiences", "outils"):
        for sheet in sorted((FIXTURE_SHEETS / kind).glob("*.md")) if (FIXTURE_SHEETS / kind).is_dir() else []:
            shutil.copy2(sheet, dest / kind / sheet.name)
    return dest


# -- text helpers ----------------------------------------------------------------

def fold(text: str) -> str:
    """Lowercase without accents, apostrophes kept: how readers type queries."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def page_path(href: str) -> str:
    """'/banque-experiences/experiences/x/#y' or a full URL → 'experiences/x'."""
    path = urlsplit(href).path
    if path.startswith(SITE_PREFIX):
        path = path[len(SITE_PREFIX):]
    return path.strip("/")


# -- serving -------------------------------------------------------------------

class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its published path (site_url's), like the forge does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".hors-du-site")  # outside the published path: 404
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):
        pass


class Server:
    """http.server on 127.0.0.1, a free port, in a background thread.

    The site is served under the path of mkdocs.yml's site_url (e.g.
    /banque-experiences/), so absolute links that forget it show up as 404s.
    """

    def __init__(self, directory: Path, prefix: str | None = None):
        prefix = SITE_PREFIX if prefix is None else prefix
        handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
        handler = functools.partial(handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://{LOCAL_HOST}:{self.httpd.server_port}"
        self.base = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, rel: str = "") -> str:
        return self.base + rel.lstrip("/")


# -- browser -------------------------------------------------------------------

def require_chromium() -> None:
    """Chromium is mandatory in CI; elsewhere its absence skips the browser tests."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) alors que CI=true : installez le paquet « chromium ».")
    pytest.skip(f"Chromium n'est pas installé ({CHROMIUM}) : tests dans le navigateur ignorés hors CI.")


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watcher:
    """Records, for every page it watches, requests and JavaScript errors."""

    requests: list[tuple[str, str]] = field(default_factory=list)  # (page URL, request URL)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (page URL, message)
    visited: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("request", lambda r: self.requests.append((page.url, r.url)))
        page.on("console", lambda m: self.errors.append((page.url, f"console : {m.text}")) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append((page.url, f"exception : {e}")))
        page.on("framenavigated", lambda f: self.visited.append(f.url) if f == page.main_frame else None)

    def foreign_requests(self) -> list[tuple[str, str]]:
        """Requests to anything but the local server (data: and blob: URLs are local)."""
        bad = []
        for origin, url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.scheme not in ("http", "https") or parts.hostname != LOCAL_HOST:
                bad.append((origin, url))
        return bad

    def assert_clean(self) -> None:
        foreign = self.foreign_requests()
        assert not foreign, "Requêtes hors de 127.0.0.1 :\n" + "\n".join(f"{o} → {u}" for o, u in foreign)
        assert not self.errors, "Erreurs JavaScript :\n" + "\n".join(f"{o} : {m}" for o, m in self.errors)


def open_page(browser, watcher: Watcher, **context_options):
    """A fresh context (empty cache and storage) and page, watched."""
    context = browser.new_context(locale="fr-FR", **context_options)
    page = context.new_page()
    watcher.watch(page)
    return context, page


# -- search ----------------------------------------------------------------------

# A result's own link (sub-results of its sections have links too, nested deeper).
RESULT_LINK = ".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link"
_RESULTS_READY = """([selector, wanted]) => {
  const items = document.querySelectorAll('.pagefind-ui__results > li.pagefind-ui__result');
  return items.length >= wanted && [...items].every(li => li.querySelector(selector));
}"""


# The search page's message: « 3 résultats pour « … ». », « Pas de résultat… », or
# « Aucune fiche ne contient tous ces mots ; voici les plus proches : 4 résultats… ».
SEARCH_MESSAGE = re.compile(r"^(?:Aucune fiche ne contient tous ces mots\W+voici les plus proches\W+)?"
                            r"(?:(\d+) résultats? pour|Pas de résultat)")


def pagefind_search(page, server: Server, query: str, *, timeout: float = 10_000) -> list[str]:
    """Type `query` in Pagefind's box on /recherche/; every result page, in order.

    The page shows results ten at a time and loads each one's title
    separately: click « Plus de résultats » until all are shown and titled.
    """
    page.goto(server.url("recherche/"))
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for(state="visible", timeout=timeout)
    box.fill(query)
    page.wait_for_function(
        """(pattern) => new RegExp(pattern).test(
               (document.querySelector('.pagefind-ui__message') || {}).textContent || '')""",
        arg=SEARCH_MESSAGE.pattern, timeout=timeout,
    )
    message = page.locator(".pagefind-ui__message").inner_text()
    counted = SEARCH_MESSAGE.search(message)
    expected = int(counted.group(1) or 0) if counted else 0
    items = page.locator(".pagefind-ui__results > li.pagefind-ui__result")
    more = page.locator("button.pagefind-ui__button")
    page.wait_for_function(_RESULTS_READY, arg=[RESULT_LINK, min(expected, 1)], timeout=timeout)
    while items.count() < expected and more.count():
        shown = items.count()
        more.first.click()
        page.wait_for_function(_RESULTS_READY, arg=[RESULT_LINK, shown + 1], timeout=timeout)
    page.wait_for_function(_RESULTS_READY, arg=[RESULT_LINK, expected], timeout=timeout)
    hrefs = [page_path(h) for h in page.locator(RESULT_LINK).evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert len(hrefs) == expected, f"{query!r} : {message!r} mais {len(hrefs)} résultats affichés"
    return hrefs


def load_queries(path: Path = SEARCH_QUERIES) -> list[dict]:
    """The search query set: [{requete, attendues: ['experiences/slug', …], cas, note}]."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for entry in data["requetes"]:
        expected = [e if "/" in e else f"experiences/{e}" for e in entry["attendues"]]
        queries.append({**entry, "attendues": expected})
    return queries


# -- fixtures ------------------------------------------------------------------

# Builds shared by every test module of the session: a fixture imported into
# two modules is two fixtures for pytest, so the build itself is cached here.
_BUILDS: dict[str, BuiltSite] = {}


def _shared_build(name: str, tmp_path_factory, make) -> BuiltSite:
    if name not in _BUILDS:
        _BUILDS[name] = make(tmp_path_factory.mktemp(name))
    return _BUILDS[name]


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_build(real_site, tmp_path) -> Path:
    """A copy of the real build (docs and site, mtimes kept) that a test may try to replace."""
    build = tmp_path / "build"
    shutil.copytree(real_site.build, build, copy_function=shutil.copy2)
    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The real content/, built once per session (per xdist worker)."""
    return _shared_build("site-reel", tmp_path_factory, lambda folder: build_site(CONTENT, folder))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuiltSite:
    """content/ plus the fictional sheets of tests/site/fixtures, built once."""
    return _shared_build("site-essai", tmp_path_factory, lambda folder: build_site(
        content_with_fixtures(folder / "content"), folder / "build"))


@pytest.fixture(scope="session")
def real_server(real_site):
    with Server(real_site.site) as server:
        yield server


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    with Server(fixture_site.site) as server:
        yield server


# One Chromium per process, shared like the builds: every module that imports
# `browser` gets its own session fixture, and Playwright's sync API cannot run
# twice at once in one process ("Sync API inside the asyncio loop").
_CHROMIUM: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    if not _CHROMIUM["users"]:
        _CHROMIUM["context"] = chromium()
        _CHROMIUM["browser"] = _CHROMIUM["context"].__enter__()
    _CHROMIUM["users"] += 1
    try:
        yield _CHROMIUM["browser"]
    finally:
        _CHROMIUM["users"] -= 1
        if not _CHROMIUM["users"]:
            _CHROMIUM.pop("browser")
            _CHROMIUM.pop("context").__exit__(None, None, None)


@pytest.fixture
def watcher() -> Watcher:
    return Watcher()


@pytest.fixture
def page(browser, watcher):
    """A watched page: the test fails on any request off 127.0.0.1 or JavaScript error."""
    context, p = open_page(browser, watcher)
    yield p
    context.close()
    watcher.assert_clean()
