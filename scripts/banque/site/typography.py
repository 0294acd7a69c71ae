"""French typography set by the build, in the text a reader sees.

The rules (Lexique des règles typographiques en usage à l'Imprimerie nationale):
- a narrow no-break space (U+202F, « espace fine insécable ») before ; ! ?,
  after « and before »;
- a no-break space (U+00A0, « espace insécable ») before : and between a
  number and its unit sign (6 000 €, 20 %);
- a narrow no-break space between the groups of three digits of a number
  (6 000, 12 500 000): the thin space the Lexique asks for, which cannot break;
- « … » for « ... ».

Only a space that is already there changes: the pass never adds a space where
the writer put none, so « 10:30 », « https://… » or « index.php?id=1 » stay as
they are. Web and e-mail addresses written as text are left whole.

`html(page)` applies the rules to the text nodes of a page only: never inside
code, pre, kbd, samp, script, style or textarea, never in an attribute or a
comment. Everything else is given back byte for byte (same tags, same
attributes, same character references). `text(s)` applies them to plain text
(the Atom feed).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

NBSP = "\u00a0"
NNBSP = "\u202f"

# Text inside these elements is code or not text at all: never touched.
SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "math", "svg"})

# Addresses written as text: kept whole.
_ADDRESS = re.compile(r"(?:https?://|ftp://|mailto:|www\.)[^\s<>«»\"]*[^\s<>«»\"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Any run of spaces, ordinary or not, that the rules replace (not a line break inside pre: pre is skipped).
_SPACES = r"[ \t\r\n\u00a0\u202f\u2009]+"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_SPACES}(?=[;!?])"), NNBSP),
    (re.compile(rf"{_SPACES}(?=:)"), NBSP),
    (re.compile(rf"(?<=«){_SPACES}"), NNBSP),
    (re.compile(rf"{_SPACES}(?=»)"), NNBSP),
    (re.compile(r"(?<![\d.,])(\d{1,3})(?: (?=\d{3}(?!\d)))"), r"\1" + NNBSP),
    (re.compile(r"(?<=\d) (?=(?:€|%|‰)(?!\w))"), NBSP),
    (re.compile(r"(?<!\.)\.\.\.(?!\.)"), "…"),
)
_ENTITIES = (("&laquo;", "«"), ("&raquo;", "»"), ("&#171;", "«"), ("&#187;", "»"))


def _apply(chunk: str) -> str:
    for pattern, replacement in _RULES:
        chunk = pattern.sub(replacement, chunk)
    return chunk


def _numbers(chunk: str) -> str:
    # "12 500 000": each group found in turn (the pattern consumes one space a time).
    previous = None
    while previous != chunk:
        previous, chunk = chunk, _RULES[4][0].sub(_RULES[4][1], chunk)
    return chunk


def text(value: str) -> str:
    """`value` (plain text, no markup) with French typography; addresses left whole."""
    out, last = [], 0
    for match in _ADDRESS.finditer(value):
        out += [_numbers(_apply(value[last:match.start()])), match.group(0)]
        last = match.end()
    out.append(_numbers(_apply(value[last:])))
    return "".join(out)


def _raw_text(raw: str) -> str:
    """`text` on a text node as written in HTML: « and » may come as references."""
    if "&" not in raw:
        return text(raw)
    plain = raw
    for reference, char in _ENTITIES:
        plain = plain.replace(reference, char)
    done = text(plain)
    return raw if done == plain else done


class _TextNodes(HTMLParser):
    """Where each run of text of a page starts and ends (offsets in the page),
    and whether it lies inside an element that must not be touched."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self.events: list[tuple[int, bool, bool]] = []  # (offset, is text, inside a skipped element)
        self.skip = 0

    def _here(self, is_text: bool) -> None:
        line, column = self.getpos()
        self.events.append((self.line_starts[line - 1] + column, is_text, self.skip > 0))

    def handle_starttag(self, tag, attrs):
        self._here(False)
        if tag in SKIPPED:
            self.skip += 1

    def handle_endtag(self, tag):
        self._here(False)
        if tag in SKIPPED and self.skip:
            self.skip -= 1

    def handle_startendtag(self, tag, attrs):
        self._here(False)

    def handle_data(self, data):
        self._here(True)

    def handle_entityref(self, name):
        self._here(True)

    def handle_charref(self, name):
        self._here(True)

    def handle_comment(self, data):
        self._here(False)

    def handle_decl(self, decl):
        self._here(False)

    def handle_pi(self, data):
        self._here(False)

    def unknown_decl(self, data):
        self._here(False)

    def runs(self) -> list[tuple[int, int]]:
        """(start, end) of each run of text outside skipped elements."""
        self.feed(self.page)
        self.close()
        spans: list[tuple[int, int]] = []
        bounds = [offset for offset, _, _ in self.events] + [len(self.page)]
        start = None
        for i, (offset, is_text, skipped) in enumerate(self.events):
            if is_text and not skipped:
                start = offset if start is None else start
                if not (i + 1 < len(self.events) and self.events[i + 1][1] and not self.events[i + 1][2]):
                    spans.append((start, bounds[i + 1]))
                    start = None
        return spans


def html(page: str) -> str:
    """The page with French typography in its text nodes, the rest unchanged."""
    out, last = [], 0
    for start, end in _TextNodes(page).runs():
        if start < last:
            continue  # the parser gave an offset twice: leave it as it was
        out += [page[last:start], _raw_text(page[start:end])]
        last = end
    out.append(page[last:])
    return "".join(out)
