"""Step « analyse du HTML »: read every page of the new site before it replaces
the old one, and refuse anything that could run code in a reader's browser.

The sanitiser (sanitize.py) and the Content-Security-Policy (csp.py) already
stop hostile HTML; this scan checks their result on the pages actually built,
whatever produced them (a sheet, a template, the theme, a new mkdocs version).
A page fails the build when it has:

- a <script> file that is not one of the site's own .js files;
- an inline script inside the page's content (<article>, where sheets go), or
  one whose sha256 the page's own policy does not list;
- an event attribute (onclick, onerror…), whatever its letter case;
- a javascript:, vbscript: or data: address in a link, source or form target;
- an image or other resource loaded from another site (« //hôte », « /\\hôte »:
  browsers read a backslash as a slash);
- an <iframe>, <frame>, <object>, <embed> or <applet>;
- no Content-Security-Policy, or another one than EXPECTED: the policy meta is
  parsed, and its directives compared with this module's own table.

The scan judges on its own: nothing here comes from csp.py, which writes the
policy (the hashes are computed here, the expected policy is written here), so
a mistake there is not repeated here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from banque.sheets.problem import Problem, fragment, problem, reading_order
from banque.sheets.report import as_list, count

FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet"}
FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data")
# One string, not a set of literals: the HTML attribute "cite" is also a term id of
# schema/vocabulaires/liens_outils.yml, which code may not write (tests/sheets/test_policy.py).
URL_ATTRIBUTES = set(
    "href src action formaction data poster background cite "
    "longdesc lowsrc dynsrc ping manifest codebase xlink:href srcset".split()
)
# Attributes whose address the browser loads by itself (no click).
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc"}
# The policy every page must carry, directive by directive. script-src may add
# only the sha256 hashes of the page's own inline scripts.
EXPECTED = {
    "default-src": {"'self'"},
    "script-src": {"'self'", "'wasm-unsafe-eval'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "worker-src": {"'self'"},
    "object-src": {"'none'"},
    "frame-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
}
# The committee's space (/admin/) runs Sveltia CMS: its policy adds what the CMS
# needs (Svelte's styles, the GitHub API, avatars, blobs) and allows no inline script.
ADMIN_PAGE = "admin/index.html"
EXPECTED_ADMIN = {
    **EXPECTED,
    "script-src": {"'self'"},
    "style-src": {"'self'", "'unsafe-inline'"},
    "img-src": {"'self'", "data:", "blob:", "https://avatars.githubusercontent.com"},
    "font-src": {"'self'", "data:"},
    "connect-src": {"'self'", "https://api.github.com"},
    "worker-src": {"'self'", "blob:"},
}
# Script types that are data blocks; a browser runs every other <script>
# (the scan counts unknown types as running: stricter than any browser).
DATA_TYPES = {"application/json", "application/ld+json"}
# Browsers ignore these in a URL's scheme ("java\tscript:"), and leading spaces
# or control characters before it.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")


def scheme(url: str) -> str:
    """The scheme a browser would see in `url` (lowercase), or ""."""
    cleaned = _IGNORED_IN_URL.sub("", _LEADING.sub("", url))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def other_site(url: str) -> bool:
    """Whether a browser loads `url` from another host: a scheme-relative « //hôte »,
    written with backslashes too, or an http(s) address."""
    read = _IGNORED_IN_URL.sub("", _LEADING.sub("", url)).replace("\\", "/")
    return read.startswith("//") or scheme(read) in ("http", "https")


def sha256_source(text: str) -> str:
    """The CSP source that allows an inline script: 'sha256-…' of its UTF-8 text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def directives(policy: str) -> list[tuple[str, list[str]]]:
    """A policy's directives in order, (name, sources): « ; » between directives, names in any case."""
    return [(words[0].lower(), words[1:]) for words in (part.split() for part in policy.split(";")) if words]


def policy_problem(policy: str, scripts: list[str], expected: dict[str, set[str]] = EXPECTED) -> str | None:
    """What is wrong with a page's policy, given its inline scripts (French), or None."""
    found = directives(policy)
    names = [name for name, _ in found]
    if sorted(names) != sorted(expected):
        odd = sorted((set(names) ^ set(expected)) | {n for n in names if names.count(n) > 1})
        return "directives " + ", ".join(f"« {n} »" for n in odd)
    hashes = {sha256_source(s) for s in scripts}
    for name, sources in found:
        extra = set(sources) - expected[name] - (hashes if name == "script-src" else set())
        missing = expected[name] - set(sources)
        if extra or missing or len(sources) != len(set(sources)):
            return f"« {name} » : " + " ".join(sorted(extra | missing) or sources)
    return None


def _show(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag] + [name if value is None else f'{name}="{value}"' for name, value in attrs]
    text = "<" + " ".join(parts) + ">"
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text if len(text) <= 100 else text[:97] + "…>"


class _PageScan(HTMLParser):
    def __init__(self, page: Path, site: Path, base_path: str):
        super().__init__(convert_charrefs=True)
        self.page, self.site, self.base_path = page, site, base_path
        self.rel = page.relative_to(site).as_posix()
        self.findings: list[Problem] = []  # path: relative to the site; field: the element
        self.policies: list[tuple[str, bool]] = []  # (content, inside <head>)
        self.scripts: list[str] = []  # inline scripts a browser runs, as written
        self.in_head = False
        self.in_content = 0  # depth of <article>: where a sheet's body goes
        self._script: tuple[int, str, list[str]] | None = None  # (line, shown, chunks)
        self._inline: list[tuple[int, str, str, bool]] = []  # (line, shown, text, in content)

    def flag(self, code: str, element: str, line: int | None = None, **params: str) -> None:
        self.findings.append(problem(code, self.rel, line or self.getpos()[0], element, **params))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        shown = lambda: _show(tag, attrs)  # noqa: E731 - built only for a finding
        if tag == "head":
            self.in_head = True
        if tag == "article":
            self.in_content += 1
        if tag in FORBIDDEN_TAGS:
            self.flag("html-element-interdit", shown(), balise=tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.flag("html-attribut-evenement", shown(), attribut=name)
            elif name in URL_ATTRIBUTES and value and ":" in value:
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    if scheme(url) in FORBIDDEN_SCHEMES:
                        self.flag("html-adresse-interdite", shown(), schema=scheme(url), attribut=name)
            if name in RESOURCE_ATTRIBUTES and value:
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                if any(other_site(u) for u in urls):
                    self.flag("html-ressource-autre-site", shown(), attribut=name)
        if tag == "meta":
            equiv = (a.get("http-equiv") or "").lower()
            if equiv == "refresh":
                target = re.sub(r"^\s*\d*\s*;?\s*url\s*=\s*", "", a.get("content") or "", flags=re.I).strip("'\" ")
                if scheme(target) in FORBIDDEN_SCHEMES:
                    self.flag("html-redirection-interdite", shown(), schema=scheme(target))
            elif equiv == "content-security-policy":
                self.policies.append((a.get("content") or "", self.in_head))
        if tag == "script":
            if "src" in a:
                code = self._script_file(a.get("src") or "")
                if code:
                    self.flag(code, shown())
            elif (a.get("type") or "").strip().lower() not in DATA_TYPES:
                self._script = (self.getpos()[0], shown(), [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "article" and self.in_content:
            self.in_content -= 1
        if tag == "script" and self._script is not None:
            line, shown, chunks = self._script
            self._script = None
            text = "".join(chunks)
            self.scripts.append(text)
            self._inline.append((line, shown, text, self.in_content > 0))

    def judge_inline_scripts(self) -> None:
        """Each inline script: never in the content, and allowed by the page's own policy."""
        policy = dict(directives(self.policies[0][0])) if len(self.policies) == 1 else {}
        allowed = set(policy.get("script-src", []))
        for line, shown, text, in_content in self._inline:
            if in_content or sha256_source(text) not in allowed:
                excerpt = " ".join(text.split())[:60]
                self.flag("html-script-integre-inconnu", shown, line, extrait=excerpt)

    def handle_data(self, data):
        if self._script is not None:
            self._script[2].append(data)

    def _script_file(self, src: str) -> str | None:
        """None if `src` is one of the site's own .js files, else the code of why not."""
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc:
            return "html-script-externe"
        path = unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return "html-script-hors-site"
            target = PurePosixPath(path[len(self.base_path):])
        else:
            target = PurePosixPath(self.rel).parent / path
        resolved = (self.site / target).resolve()
        if not resolved.is_relative_to(self.site.resolve()) or not resolved.is_file() or resolved.suffix != ".js":
            return "html-script-inconnu"
        return None


def scan_page(page: Path, site: Path, base_path: str = "/") -> list[Problem]:
    html = page.read_text(encoding="utf-8")
    scan = _PageScan(page, site, base_path)
    scan.feed(html)
    scan.close()
    scan.judge_inline_scripts()
    findings = scan.findings
    rel = scan.rel
    if not scan.policies:
        findings.append(problem("html-csp-absente", rel, 1, "<head>"))
    elif len(scan.policies) > 1 or not scan.policies[0][1]:
        findings.append(problem("html-csp-en-double", rel, 1, "<head>"))
    else:
        expected = EXPECTED_ADMIN if rel == ADMIN_PAGE else EXPECTED
        wrong = policy_problem(scan.policies[0][0], scan.scripts, expected)
        if wrong:
            findings.append(problem("html-csp-differente", rel, 1, "<head>", ecart=wrong))
    return findings


def scan_site(site: Path, base_path: str = "/") -> list[Problem]:
    """Every finding in every HTML page of `site`. `base_path` is site_url's path,
    which absolute links (those of the 404 page) start with."""
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    findings: list[Problem] = []
    for page in sorted(site.rglob("*.html")):
        findings += scan_page(page, site, base_path)
    return sorted(findings, key=reading_order)


def report(findings: list[Problem], limit: int = 50) -> str:
    """What the build says when the scan finds anything."""
    title = f"{count(len(findings), 'élément')} dangereux dans les pages produites :"
    return as_list(findings, title, fragment("conseil-pages"), limit)
