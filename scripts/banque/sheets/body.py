"""The body of a sheet: lines, fenced code, headings and `##` sections.

One reading of the Markdown body for the validator (sheets/check.py), the
committee's review and the importer, so that they agree on what a section is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

# "#" to "######" then a space or the end of the line; closing "#"s are not part of the title.
HEADING = re.compile(r"^(#{1,6})(?!#)(?:\s+(.*?))?\s*#*\s*$")
# A line that opens or closes a fenced code block (the block ends at the next one).
FENCE = re.compile(r"^\s*(```|~~~)")
# Under a line of text, "===" makes it a <h1> and "---" a <h2> (setext headings):
# a second page title, or a section this reading would not see.
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
SECTION_LEVEL = 2
# A list item ("- ", "* ", "+ ", "1. ", "1) ") or a quote, after its indentation.
_NESTING = re.compile(r"^([ \t]*)(?:([-*+]|\d{1,9}[.)])(?:[ \t]|$)|(>))")
_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
# An HTML block whose content Python-Markdown parses again (md_in_html), and closing tags.
_MARKDOWN_OPEN = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\bmarkdown\s*=", re.I)
_CLOSE = re.compile(r"</([a-zA-Z][\w-]*)\s*>")
TAB = 4  # Python-Markdown's indentation step


def heading(line: str) -> tuple[int, str | None] | None:
    """(level, title) of a heading line; the title is None for a bare "##"."""
    match = HEADING.match(line)
    return (len(match.group(1)), match.group(2)) if match else None


class Line(NamedTuple):
    number: int  # line in the file
    text: str
    fence: bool  # opens or closes a fenced block
    code: bool  # inside a fenced block, or opening one (the line after a closing fence is text)
    level: int  # heading level, 0 if the line is no heading (a bare "##" is text)
    title: str  # the heading's title


# Builds a Line or a Section without NamedTuple's Python-level __new__: validation reads every line of every sheet.
_new = tuple.__new__


def lines(body: str, first: int = 1) -> Iterator[Line]:
    """Each line of `body`, the first one being line `first` of the file."""
    code = False
    for number, text in enumerate(body.split("\n"), first):
        # Cheap tests first: most lines hold no fence and start with no "#".
        fence = ("`" in text or "~" in text) and FENCE.match(text) is not None
        if fence:
            code = not code
        found = heading(text) if not code and text.startswith("#") else None
        if found and found[1] is not None:
            yield _new(Line, (number, text, fence, code, found[0], found[1]))
        else:
            yield _new(Line, (number, text, fence, code, 0, ""))


def deepest(body_lines: Iterable[Line], limit: int) -> tuple[int, int]:
    """(deepest nesting, first line nested deeper than `limit`, or 0) of lists,
    quotes and Markdown-parsed HTML blocks.

    Python-Markdown reads each level with one more recursive call: a few
    hundred levels exhaust Python's stack while the site is built. The count is
    an estimate from the text (a list level per 4 spaces of indentation), on
    the safe side: what it sees is at least what the renderer will nest."""
    best, where = 0, 0
    opened: list[str] = []  # HTML blocks with a markdown attribute, still open
    for line in body_lines:
        if line.code:
            continue
        text = line.text
        depth = 0
        match = _NESTING.match(text)
        if match:
            indent = len(match.group(1).expandtabs(TAB))
            quotes = _QUOTES.match(text)
            depth = indent // TAB + (1 if match.group(2) else 0) + (quotes.group(1).count(">") if quotes else 0)
        if "<" in text:
            for tag in _MARKDOWN_OPEN.findall(text):
                opened.append(tag.lower())
            for tag in _CLOSE.findall(text):
                if tag.lower() in opened:
                    del opened[len(opened) - 1 - opened[::-1].index(tag.lower()):]
        depth += len(opened)
        best = max(best, depth)
        if depth > limit and not where:
            where = line.number
    return best, where


def setext_underlines(body_lines: list[Line]) -> Iterator[Line]:
    """Each "===" or "---" line that underlines the text line above it into a heading."""
    for above, line in zip(body_lines, body_lines[1:], strict=False):
        if (not line.code and not above.code and not above.level and above.text.strip()
                and ("=" in line.text or "-" in line.text) and SETEXT_UNDERLINE.match(line.text)):
            yield line


class Section(NamedTuple):
    title: str
    line: int  # line of its heading in the file
    text: str  # without the empty lines around it


def split(body_lines: Iterable[Line]) -> tuple[str, list[Section]]:
    """(text before the first section, the `##` sections in order).

    Level-1 headings belong to no text: the title of a sheet is a field, and
    the validator reports them. Deeper headings are part of their section."""
    preamble: list[str] = []
    found: list[tuple[str, int, list[str]]] = []
    for line in body_lines:
        if line.level == SECTION_LEVEL:
            found.append((line.title, line.number, []))
        elif line.level != 1:
            (found[-1][2] if found else preamble).append(line.text)
    return "\n".join(preamble), [_new(Section, (title, number, "\n".join(text).strip("\n"))) for title, number, text in found]


def sections(body: str, first: int = 1) -> list[Section]:
    """The `##` sections of `body`, whose first line is line `first` of the file."""
    return split(lines(body, first))[1]
