"""`banque verifier-liens` against a local web server, never the internet.

The server on 127.0.0.1 answers like the web does: pages that exist, pages
gone (404), a server that refuses HEAD, a redirection, a server error, a
server too slow to answer. Every request it receives is counted, so the
bounds (one address asked once, --max, HEAD then GET) are checked too.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from banque.committee import link_check
from banque.sheets.check import validate
from tests.navigateur import LOCAL_HOST, ROOT

SLOW = 3.0  # seconds the slow page takes; the checks wait at most DELAY
DELAY = 0.5


class _Handler(http.server.BaseHTTPRequestHandler):
    counts: Counter = Counter()

    def _answer(self, body: bool) -> None:
        type(self).counts[(self.command, self.path)] += 1
        path = self.path
        if path == "/lent":
            time.sleep(SLOW)
        if path == "/sans-head" and self.command == "HEAD":
            status = 405
        elif path in ("/page", "/sans-head", "/lent", "/autre"):
            status = 200
        elif path == "/demenage":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif path == "/panne":
            status = 500
        else:
            status = 404
        payload = b"<html><body>ok</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_HEAD(self):  # http.server's naming
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def log_message(self, format, *args):  # the base class's signature: quiet
        pass


@pytest.fixture
def web():
    handler = type("Handler", (_Handler,), {"counts": Counter()})
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}", handler.counts
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # A proxy configured on the machine must not see the local requests.
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


SHEET = (ROOT / "tests" / "site" / "hostile" / "scenarios" / "experiences" / "essai-referent-a-masquer.md").read_text(encoding="utf-8")
TOOL = (ROOT / "tests" / "sheets" / "exemples" / "contexte" / "outils" / "outil-existant.md").read_text(encoding="utf-8")


def _bank(folder: Path, base: str) -> Path:
    """Two experiences and one tool citing the local server's pages."""
    content = folder / "content"
    (content / "experiences").mkdir(parents=True)
    (content / "outils").mkdir()
    first = (SHEET.replace("essai-referent-a-masquer", "fiche-sources")
             .replace("  - titre: Fiche fictive écrite pour les tests\n",
                      f"  - titre: Une page qui existe\n    url: {base}/page\n"
                      f"  - titre: Une page disparue\n    url: {base}/disparue\n"
                      f"  - titre: Un serveur trop lent\n    url: {base}/lent\n"))
    (content / "experiences" / "fiche-sources.md").write_text(first, encoding="utf-8")
    second = (SHEET.replace("essai-referent-a-masquer", "fiche-corps")
              .replace("  - titre: Fiche fictive écrite pour les tests\n",
                       f"  - titre: La même page que l'autre fiche\n    url: {base}/page\n")
              .replace("chaque semaine.", f"chaque semaine ([compte rendu]({base}/sans-head)), "
                                          f"voir aussi <{base}/demenage>."))
    (content / "experiences" / "fiche-corps.md").write_text(second, encoding="utf-8")
    tool = (TOOL.replace("slug: outil-existant", "slug: outil-local").replace("type: guide", f"type: guide\nurl: {base}/panne")
            .replace("# yaml-language-server: $schema=../../../../schema/", "# yaml-language-server: $schema=../../schema/"))
    (content / "outils" / "outil-local.md").write_text(tool, encoding="utf-8")
    _, problems = validate([content], content)
    assert problems == [], "\n".join(map(str, problems))
    return content


def test_addresses_are_found_in_sources_urls_and_bodies(tmp_path):
    base = "http://127.0.0.1:9"
    bank, _ = validate([_bank(tmp_path, base)], tmp_path / "content")
    found = {(link.sheet.rsplit("/", 1)[-1], link.field, link.url) for link in link_check.bank_links(bank)}
    assert found == {
        ("fiche-sources.md", "sources[0].url", f"{base}/page"),
        ("fiche-sources.md", "sources[1].url", f"{base}/disparue"),
        ("fiche-sources.md", "sources[2].url", f"{base}/lent"),
        ("fiche-corps.md", "sources[0].url", f"{base}/page"),
        ("fiche-corps.md", "corps (Actions menées)", f"{base}/sans-head"),
        ("fiche-corps.md", "corps (Actions menées)", f"{base}/demenage"),
        ("outil-local.md", "url", f"{base}/panne"),
    }


def test_each_address_gets_its_answer(web):
    base, counts = web
    started = time.perf_counter()
    answers = link_check.check_all([f"{base}/{p}" for p in ("page", "disparue", "sans-head", "demenage", "panne", "lent")],
                                   timeout=DELAY, workers=6)
    elapsed = time.perf_counter() - started
    assert {u.rsplit("/", 1)[-1]: (a.ok, a.detail) for u, a in answers.items()} == {
        "page": (True, "HTTP 200"),
        "disparue": (False, "page introuvable (HTTP 404)"),
        "sans-head": (True, "HTTP 200"),
        "demenage": (True, "HTTP 200"),
        "panne": (False, "erreur (HTTP 500)"),
        "lent": (False, "pas de réponse en 0.5 s"),
    }
    assert elapsed < SLOW, f"{elapsed:.1f} s : le délai n'a pas été respecté"
    # HEAD first; GET only where HEAD was refused or failed.
    # /page: asked directly, and again at the end of /demenage's redirection, HEAD both times.
    assert counts[("HEAD", "/page")] == 2 and counts[("GET", "/page")] == 0
    assert counts[("HEAD", "/demenage")] == 1 and counts[("GET", "/demenage")] == 0
    assert counts[("HEAD", "/sans-head")] == 1 and counts[("GET", "/sans-head")] == 1
    assert counts[("GET", "/disparue")] == 1


def test_unreachable_server_is_reported():
    # Port 9 (discard) on 127.0.0.1: nothing listens there in a test environment.
    answer = link_check.check_url("http://127.0.0.1:9/x", timeout=DELAY)
    assert not answer.ok and answer.detail == "serveur injoignable (connexion refusée)"


def test_an_unknown_domain_is_said_in_french():
    # « .invalid » never resolves (RFC 2606): the system's English reason is not shown.
    answer = link_check.check_url("http://adresse.invalid/", timeout=DELAY)
    assert not answer.ok and answer.detail == "serveur injoignable (nom de domaine introuvable)"


def _verifier_liens(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy")}
    env.update({"no_proxy": "*", "PYTHONIOENCODING": "utf-8"})
    return subprocess.run([sys.executable, "-m", "banque.cli", "verifier-liens", *args],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)


def test_command_reports_per_sheet_in_french_and_fails_on_broken_links(web, tmp_path):
    base, counts = web
    content = _bank(tmp_path, base)
    result = _verifier_liens("--contenu", str(content), "--delai", str(DELAY), "--paralleles", "3")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "6 adresses externes dans 3 fiches ; 6 vérifiées, 3 à la fois, 0.5 s au plus pour chacune." in out
    assert "✗ " in out and f"    sources[1].url : {base}/disparue — page introuvable (HTTP 404)" in out
    assert f"    sources[2].url : {base}/lent — pas de réponse en 0.5 s" in out
    assert f"    url : {base}/panne — erreur (HTTP 500)" in out
    assert "fiche-corps.md : 3 adresses qui répondent" in out
    assert "✗ 3 adresses cassées sur 6 vérifiées." in out
    # /page, cited by two sheets, is asked once (plus once at the end of /demenage's redirection).
    assert counts[("HEAD", "/page")] == 2
    # Only the local server was asked.
    assert sum(counts.values()) <= 2 * 6


def test_command_stops_at_max_and_succeeds_when_all_answer(web, tmp_path):
    base, counts = web
    content = _bank(tmp_path, base)
    # Sorted, the first two addresses are /demenage and /disparue: keep the good ones only.
    for sheet in (content / "experiences").glob("*.md"):
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("/disparue", "/autre").replace("/lent", "/page"),
                         encoding="utf-8")
    tool = content / "outils" / "outil-local.md"
    tool.write_text(tool.read_text(encoding="utf-8").replace("/panne", "/page"), encoding="utf-8")
    result = _verifier_liens("--contenu", str(content), "--delai", str(DELAY), "--max", "2")
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "4 adresses externes dans 3 fiches ; 2 vérifiées" in out
    assert "✓ 2 adresses vérifiées, toutes répondent." in out
    assert "2 adresses non vérifiées : relancez avec un --max plus grand." in out
    # /autre and /demenage (which leads to /page), HEAD only, nothing more.
    assert counts == {("HEAD", "/autre"): 1, ("HEAD", "/demenage"): 1, ("HEAD", "/page"): 1}


def test_command_rejects_nonsense_bounds():
    result = _verifier_liens("--paralleles", "0")
    assert result.returncode == 2
    assert "nombre positif attendu" in result.stderr
