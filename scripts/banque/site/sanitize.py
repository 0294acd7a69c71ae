"""Sanitise rendered sheet HTML with nh3 (ammonia): an allowlist that matches
the Markdown extensions we enable. Scripts, iframes, styles, event handlers and
javascript:/data: links are dropped whatever their letter case.

Two attributes are narrowed further (tests/site/hostile/ shows each case):
an `id` may not take the theme's own ids ("__config" and the like, all
starting with "__"), which the theme's script looks up and would read from
the sheet instead; an image may only come from the site itself, since the
site loads nothing from a third-party host."""

from __future__ import annotations

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
    "article": _COMMON | {"data-pagefind-body"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _narrow(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith("__"):
        return None
    if element == "img" and attribute == "src" and (urlsplit(value.strip()).scheme or value.strip().startswith("//")):
        return None
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
