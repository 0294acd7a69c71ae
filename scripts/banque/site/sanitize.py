"""Sanitise rendered sheet HTML with nh3 (ammonia): an allowlist that matches
the Markdown extensions we enable. Scripts, iframes, styles, event handlers and
javascript:/data: links are dropped whatever their letter case.

Two attributes are narrowed further (tests/site/hostile/ shows each case):
an `id` may not take the theme's own ids ("__config" and the like, all
starting with "__"), which the theme's script looks up and would read from
the sheet instead; an image may only come from the site itself, since the
site loads nothing from a third-party host (a backslash counts as a slash,
as browsers read it: « /\\attaquant.example » is another site).

Classes are narrowed to CLASSES: those our templates put on a sheet's page
and those of the admonitions. The validator refuses any class in a body
(sheets/body_lines.py); here, a class that would still come through can only
be one of these, never one of Material's other components (md-banner…) or
of the preview's banner."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

TAGS = {
    "a", "abbr", "article", "aside", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    "details", "summary",
}
# aria-level: a card title is role="heading" aria-level="N" (templates/_cartes.md.j2),
# and a heading role without its level is invalid ARIA.
_COMMON = {"class", "id", "title", "hidden", "role", "aria-label", "aria-labelledby", "aria-hidden", "aria-level"}
ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href"},
    "img": _COMMON | {"src", "alt", "width", "height"},
    "td": _COMMON | {"align"},
    "th": _COMMON | {"align"},
    # Our own templates mark the region Pagefind indexes. No Pagefind filters:
    # Pagefind 1.5 writes them in random order, which breaks reproducible builds.
    # A sheet's kind (« genre:Expérience ») is Pagefind metadata, narrowed to that
    # one key. The summary block's labels, some of its values (dates, addresses)
    # and table headers are shown but not indexed: no « Type Réseau Porté par »
    # or « Acteur Type Rôle » in the search page's excerpts.
    "article": _COMMON | {"data-pagefind-body", "data-pagefind-meta"},
    "dt": _COMMON | {"data-pagefind-ignore"},
    "dd": _COMMON | {"data-pagefind-ignore"},
    "thead": _COMMON | {"data-pagefind-ignore"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# The classes of a sheet's page: our templates' (experience.md.j2, outil.md.j2,
# _cartes.md.j2; test_sanitize.py reads them) and the admonitions'.
TEMPLATE_CLASSES = {
    "carte-fiche", "carte-meta", "carte-referent", "carte-titre", "fiche", "fiche-outil", "fiche-actions",
    "fiche-chapo", "fiche-resume", "fiches-proches", "grille-fiches", "proche-pourquoi", "md-button",
    "md-button--primary", "referent-consentement", "referent-contact", "referent-nom", "personne-citee", "referent-a-confirmer",
}
ADMONITION_CLASSES = {
    "admonition", "admonition-title", "note", "abstract", "info", "tip", "success", "question", "warning",
    "failure", "danger", "bug", "example", "quote",
}
CLASSES = TEMPLATE_CLASSES | ADMONITION_CLASSES
# The only Pagefind metadata a sheet's page may set: its kind, shown by the search page.
_KIND_META = re.compile(r"genre:[^,:\\]+")
_IGNORED_IN_URL = str.maketrans({"\\": "/", "\t": None, "\n": None, "\r": None})


def _elsewhere(url: str) -> bool:
    """Whether a browser would load `url` from another site (or a scheme of its own)."""
    read = url.strip("\x00\x20\t\n\r\f").translate(_IGNORED_IN_URL)
    return bool(urlsplit(read).scheme) or read.startswith("//")


def _narrow(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith("__"):
        return None
    if element == "img" and attribute == "src" and _elsewhere(value):
        return None
    if attribute == "data-pagefind-meta" and not _KIND_META.fullmatch(value):
        return None
    if attribute == "class":
        kept = [c for c in value.split() if c in CLASSES]
        return " ".join(kept) if kept else None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_narrow,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def unindexed_headers(html: str) -> str:
    """A sheet's table headers are labels (« Acteur Type Rôle »): shown, not
    indexed, so that search excerpts come from the text."""
    return html.replace("<thead>", '<thead data-pagefind-ignore="">')
