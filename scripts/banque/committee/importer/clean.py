"""Untrusted text made plain: no markup, no control characters, no section headings."""

from __future__ import annotations

import html
import re
import unicodedata

from banque.sheets import body

_DANGEROUS = re.compile(r"<(script|style|iframe|object|embed|template)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
# A tag needs its ">": an unclosed "<" is left for escaping, so "a<b" keeps its text.
# "<https://…>" is a Markdown autolink, kept (its brackets are escaped later).
# Whatever is not recognised as a tag is escaped afterwards, so leniency here is safe.
# A tag name ends with a space, "/" or ">": "a<b, 3 > 2" stays text.
_TAG = re.compile(r"<!--.*?-->|</?(?!https?://)[A-Za-z][A-Za-z0-9-]*(?:[\s/][^>\n]*)?>", re.DOTALL)
# Links that run code when clicked; the site's sanitiser should catch them too, but a
# sheet in the repository must not carry them either.
_SCRIPT_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE | re.MULTILINE)
_QUOTE = re.compile(r"^(\s{0,3}(?:>\s?)*)(.*)$")
_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def _strip_markup(text: str) -> str:
    # Entities first: "&lt;script&gt;" is a tag once a browser decodes it.
    text = html.unescape(text)
    return _TAG.sub("", _DANGEROUS.sub("", text))


def _drop_controls(text: str, keep_newlines: bool) -> str:
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif category != "Cf":  # bidi overrides and zero-width characters hide text from reviewers
            out.append(ch)
    return "".join(out)


def clean_short(text: str) -> str:
    """One line of plain text: what the schema accepts for titles and names."""
    text = _drop_controls(_strip_markup(text), keep_newlines=False)
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def _big_heading(line: str) -> bool:
    """A heading of a sheet's level or above, as any Markdown reader sees one:
    up to three spaces before it, and a bare "##" counts."""
    stripped = line.lstrip()
    found = body.heading(stripped)
    return len(line) - len(stripped) <= 3 and found is not None and found[0] <= body.SECTION_LEVEL


def clean_markdown(text: str, demote: bool = True) -> str:
    """Markdown without HTML: headings stay below the sheet's sections, fences are closed."""
    text = _SCRIPT_LINK.sub(r"\1#", _drop_controls(_strip_markup(text), keep_newlines=True))
    lines: list[str] = []
    in_fence = False
    for line in body.lines(text):
        in_fence = line.code
        quote, rest = _QUOTE.match(line.text.rstrip()).groups()  # type: ignore[union-attr]  # (.*)$ always matches
        out = quote + rest.replace("<", "&lt;").replace(">", "&gt;")  # "> " opening a quotation is Markdown, not HTML
        if line.fence:
            pass
        elif not in_fence and demote and _big_heading(out):
            out = "### " + out.lstrip().lstrip("#").strip()
        elif not in_fence and _UNDERLINE.match(out) and lines and lines[-1].strip():
            lines.append("")  # "Texte\n===" would be a heading; after a blank line it is not
        lines.append(out)
    if in_fence:
        lines.append("```")
    return "\n".join(lines).strip()
