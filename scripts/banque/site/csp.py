"""The Content-Security-Policy of every page, as a <meta> in its <head>.

The policy lets the browser run only the site's own script files and the
theme's own inline scripts, each allowed by its sha256 hash. If hostile HTML
ever slipped past the sanitiser, the browser would still refuse to run it.

Which inline scripts are the theme's is not guessed from the built page (a
hostile script would then be allowed too): they are read from the theme's
templates (mkdocs-material's partials/javascripts/ and our theme folder). A
template's `{{ … }}` placeholders (a base URL) may only expand to URL-path
characters, never to quotes or code.

The policy is injected by the mkdocs hooks (on_post_page, on_post_template),
which see each page's final HTML; html_scan checks the result after the build.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

THEME = Path(__file__).resolve().parent / "theme"

# What a placeholder of a theme script may expand to: a relative or absolute
# base URL ("../..", "/banque-experiences/"), never a quote or a bracket.
_PLACEHOLDER_VALUE = r"[A-Za-z0-9._~/:-]*"
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.S)
# Script types a browser runs; anything else (application/json) is a data block.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}

# Pagefind compiles its WebAssembly search engine ('wasm-unsafe-eval') and
# Material draws its icons with data: SVG masks (img-src data:). No inline
# style is needed: neither the theme nor Pagefind's interface writes style
# attributes into the markup.
DIRECTIVES = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("frame-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
]

# The committee's space (/admin/, admin.py) runs Sveltia CMS, a single-page
# application: its own script and the site's (no inline script: the French
# strings are a JSON data block), the styles Svelte writes into the page
# ('unsafe-inline' for styles only), the GitHub API it reads and writes the
# repository with, and the images it shows: the member's avatar and the
# repository's files it reads as blobs.
ADMIN_DIRECTIVES = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'"]),
    ("style-src", ["'self'", "'unsafe-inline'"]),
    ("img-src", ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"]),
    ("font-src", ["'self'", "data:"]),
    ("connect-src", ["'self'", "https://api.github.com"]),
    ("worker-src", ["'self'", "blob:"]),
    ("object-src", ["'none'"]),
    ("frame-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
]


def admin_policy() -> str:
    """The policy of the committee's space: no inline script at all."""
    return "; ".join(" ".join([name, *sources]) for name, sources in ADMIN_DIRECTIVES)


@functools.cache
def theme_template_dirs() -> tuple[Path, ...]:
    import material

    return (THEME, Path(material.__file__).resolve().parent / "templates")


@functools.cache
def _theme_patterns(dirs: tuple[Path, ...]) -> tuple[re.Pattern, ...]:
    patterns = set()
    for folder in dirs:
        # Material's inline scripts all live in partials/javascripts/; ours
        # could be anywhere in our theme folder. Material's redirect.html is
        # left out on purpose: its placeholder is a navigation target.
        files = folder.rglob("*.html") if folder == THEME else (folder / "partials" / "javascripts").glob("*.html")
        for template in sorted(files):
            for body in _TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                if "{%" in body:
                    continue  # no script with logic inside: it could not be pinned down
                parts = _PLACEHOLDER.split(body)
                patterns.add(_PLACEHOLDER_VALUE.join(re.escape(p) for p in parts))
    return tuple(re.compile(p, re.S) for p in sorted(patterns))


def is_theme_script(text: str) -> bool:
    """True if `text` is one of the theme's inline scripts, placeholders filled."""
    return any(p.fullmatch(text) for p in _theme_patterns(theme_template_dirs()))


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def runs(attrs: dict[str, str | None]) -> bool:
    """Whether a browser executes a <script> with these attributes."""
    return (attrs.get("type") or "").strip().lower() in _JS_TYPES


_SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline <script> a browser would run, exactly as written.

    A regular expression, not an HTML parser: this runs on every page of
    every build. html_scan re-reads each built page with a real parser and
    fails the build if its policy does not match what it finds.
    """
    scripts = []
    for match in _SCRIPT_ELEMENT.finditer(html):
        attrs = {m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
                 for m in _ATTRIBUTE.finditer(match.group(1))}
        if "src" not in attrs and runs(attrs):
            scripts.append(match.group(2))
    return scripts


def policy(html: str) -> str:
    """The policy for one page: the theme's inline scripts on it are allowed by hash."""
    return policy_for(inline_scripts(html))


def policy_for(scripts: list[str]) -> str:
    """The policy for a page whose inline scripts are `scripts`."""
    hashes = sorted({script_hash(s) for s in scripts if is_theme_script(s)})
    parts = []
    for name, sources in DIRECTIVES:
        parts.append(" ".join([name, *sources, *(hashes if name == "script-src" else [])]))
    return "; ".join(parts)


META = '<meta http-equiv="Content-Security-Policy" content="{}">'
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)


def add_policy(html: str) -> str:
    """`html` with the policy meta right after <meta charset>, before any script."""
    head = _HEAD.search(html)
    if head is None:
        return html  # not a page (a fragment or a feed): nothing to protect
    meta = META.format(policy(html))
    charset = _CHARSET.search(html, head.end())
    at = charset.end() if charset else head.end()
    return html[:at] + "\n    " + meta + html[at:]
