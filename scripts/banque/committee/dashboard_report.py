"""The committee's dashboard rendered once, in Markdown, from one template:

- the page of the committee's preview site (`PreviewPage`, given to the site
  build as its extra pages);
- the report of `banque tableau-de-bord --format markdown`;
- the same report read as plain text, for the terminal (`as_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from banque.committee.dashboard import Dashboard, first_commit_date, gather
from banque.sheets.bank import Bank
from banque.sheets.markdown_text import Raw, escape
from banque.sheets.problem import Problem
from banque.sheets.report import md_escape
from banque.sheets.templating import environment
from banque.sheets.vocabulary import vocabulary

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE = "tableau-de-bord.md"  # its path in the preview's docs folder


def _report_escape(value: object) -> str:
    """The review report's lighter escaping: text stays text, and a name pasted
    on a forge mentions no one."""
    if isinstance(value, Raw):
        return value
    return "" if value is None else md_escape(" ".join(str(value).split()))


def render(board: Dashboard, page: bool) -> str:
    """The preview's page (`page`: front matter, anchors, links to the sheets) or the report."""
    env = environment(TEMPLATES, escape if page else _report_escape)
    statuses = {t.id: t.libelle.lower() for t in vocabulary("statuts").terms}
    text = env.get_template("tableau_de_bord.md.j2").render(board=board, page=page, here=PAGE, statuts=statuses)
    return text if page else re.sub(r"\n{3,}", "\n\n", text)  # the page keeps its bytes


# -- plain text ----------------------------------------------------------------------------

_INLINE = re.compile(r"\\(.)|\*\*|[*`]")  # an escaped character, or emphasis and code marks
_CELL = re.compile(r"\\.|\||[^\\|]+")


def _plain(markdown: str) -> str:
    return _INLINE.sub(lambda m: m.group(1) or "", markdown)


def _cells(row: str) -> list[str]:
    cells, current = [], ""
    for token in _CELL.findall(row.strip()[1:-1]):
        if token == "|":
            cells.append(current)
            current = ""
        else:
            current += token
    return [_plain(c).strip() for c in [*cells, current]]


def _text_line(line: str) -> str:
    if line.startswith("|"):
        return "  - " + " — ".join(_cells(line))
    for markup, text, end in (("## ", "", " :"), ("# ", "", ""), ("- ", "  - ", ""), ("    - ", "      - ", "")):
        if line.startswith(markup):
            return text + _plain(line[len(markup):]) + end
    return _plain(line)


def as_text(markdown: str) -> str:
    """The report without its Markdown: headings end with a colon, table rows become list items."""
    lines, row = [], 0
    for line in markdown.splitlines():
        row = row + 1 if line.startswith("|") else 0
        if row not in (1, 2):  # a table's header and separator: the heading says what the rows are
            lines.append(_text_line(line))
    return "\n".join(lines)


# -- the preview's page ------------------------------------------------------------------------


class PreviewPage:
    """The dashboard as an extra page of the committee's preview (site.render.ExtraPages)."""

    def __init__(self, content: Path, added_on: Callable[[Path], dt.date | None] = first_commit_date):
        self.content = content
        self._added_on = added_on
        self._dates: dict[Path, dt.date | None] = {}

    def _date(self, path: Path) -> dt.date | None:
        # One git process per file for this object's life: the live preview rebuilds often.
        if path not in self._dates:
            self._dates[path] = self._added_on(path)
        return self._dates[path]

    def __call__(self, bank: Bank, problems: list[Problem]) -> dict[str, str]:
        board = gather(self.content, dt.date.today(), self._date, checked=(bank, problems))
        return {PAGE: render(board, page=True)}
