"""Safe text for generated Markdown.

Every value printed by a template goes through `escape`, like HTML
autoescaping: a title such as `[x](javascript:…)` stays text. Only values
wrapped in `Raw` (sheet bodies, which are Markdown by design and sanitised
after rendering, and URLs built by us) are printed as they are.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# Python-Markdown's escapable characters (plus "|", added by the tables extension).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


class Raw(str):
    """A string that is already valid Markdown and must not be escaped."""


def escape(value: object) -> str:
    if isinstance(value, Raw):
        return value
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return _SPECIAL.sub(r"\\\1", text)


def attr(value: object) -> Raw:
    """For values inside raw HTML in the generated Markdown (passed through verbatim)."""
    return Raw(html.escape("" if value is None else str(value), quote=True))


# HTML's special characters, and Markdown's punctuation as character references:
# the same text whether Markdown reads it (inline HTML in a paragraph) or not (an HTML block).
_AS_TEXT = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~:"} | {
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"}


def text_in_html(value: object) -> Raw:
    """A value printed as text inside an HTML element of the generated Markdown
    (`<span>{{ v|texte }}</span>`): neither HTML nor Markdown, wherever the element is."""
    return Raw(" ".join(("" if value is None else str(value)).split()).translate(_AS_TEXT))


def url(value: str) -> Raw:
    """A URL safe inside a Markdown link target: spaces and parentheses encoded."""
    return Raw(quote(value, safe=":/?#[]@!$&'*+,;=%~-._"))
