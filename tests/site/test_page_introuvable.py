"""The 404 page wherever the site is served (issues 12 and 16).

Hosts serve 404.html at any missing address, at any depth. Its links are
absolute (site_url's path); served under another base (at the root of a local
server, as the README suggests, or a copy under another path), theme/404.html
finds the site's root and points its styles, scripts and links there.
"""

from __future__ import annotations

import http.server
import threading
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.navigateur import LOCAL_HOST

pytestmark = pytest.mark.browser


class _Host(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix`, and 404.html (status 404) at any missing address, as the forge does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".hors-du-site")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def _serve(site: Path, prefix: str):
    handler = partial(type("Host", (_Host,), {"prefix": prefix}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{LOCAL_HOST}:{httpd.server_port}{prefix}"


LOOK = """() => {
  const logo = document.querySelector('.md-header .md-logo');
  return {
    styled: getComputedStyle(document.querySelector('.md-header')).position === 'sticky',
    logo: Math.round(logo.getBoundingClientRect().width),
    home: document.querySelector('main a[href]').href,
    skip: document.querySelector('a.md-skip').getAttribute('href'),
  };
}"""


@pytest.mark.parametrize("prefix", ["/", "/autre/base/", "/banque-experiences/"])
@pytest.mark.parametrize("missing", ["404.html", "une/adresse/profonde/absente/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_404_page_keeps_its_style_logo_and_links_at_any_base(browser, real_site, prefix, missing, width):
    httpd, base = _serve(real_site.site, prefix)
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        response = page.goto(base + missing)
        assert response.status == (200 if missing == "404.html" else 404)
        # The page's policy forbids eval, which wait_for_function needs: poll instead.
        for _ in range(50):
            look = page.evaluate(LOOK)
            if look["styled"]:
                break
            page.wait_for_timeout(200)
        assert look["styled"] and look["logo"] < 80, look  # (Material hides the header's logo on a phone)
        assert look["skip"] == "#page-introuvable"
        assert look["home"] == base, look  # « Revenir à l'accueil » leads to this copy's home
        assert page.goto(look["home"]).status == 200
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
