"""`banque recueil`, read top to bottom: validate, select, lay out, print, write.

The booklet shows what the public site shows (published sheets only) at the
date of the situation: the last commit's, as for the site's build date
(build_date.py), so that two booklets of one commit say the same.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from banque.sheets.check import validate
from banque.sheets.problem import ProblemsError, errors, problem
from banque.sheets.templating import date_fr
from banque.site import publishing
from banque.site.booklet import content, pdf
from banque.site.booklet.selection import Selection, select
from banque.site.build import mkdocs_settings
from banque.site.build_date import source_date_epoch
from banque.site.settings import SiteConfig


def situation_date(root: Path) -> dt.date:
    return dt.datetime.fromtimestamp(int(source_date_epoch(root)), dt.UTC).date()


def booklet(root: Path, folder: Path, selection: Selection) -> tuple[str, content.Booklet]:
    """The booklet's HTML and what it holds. ProblemsError when the bank is
    invalid or the selection empty."""
    bank, problems = validate([folder], folder)
    if errors(problems):
        raise ProblemsError(errors(problems))
    bank = bank.visible()
    experiences = select(bank, selection)
    filters = selection.describe()
    if not experiences:
        raise ProblemsError([problem("recueil-selection-vide", selection=" ; ".join(filters) or "toute la banque")])
    day = situation_date(root)
    held = content.Booklet(experiences, content.tools_for(bank, experiences, selection.everything), filters,
                           date_fr(day), day.isoformat())
    cfg = SiteConfig.from_mkdocs(mkdocs_settings(root))
    return content.document(held, bank, cfg), held


def write(data: bytes, target: Path) -> None:
    """Write the PDF whole or not at all (a temporary file renamed); a French problem on failure."""
    target = target.absolute()
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".recueil-", suffix=".pdf", dir=target.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        temporary.chmod(0o644)
        temporary.replace(target)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise ProblemsError([problem("recueil-ecriture", raison=publishing.reason(exc), fichier=str(target))]) from None


def make(root: Path, folder: Path, selection: Selection, target: Path) -> tuple[content.Booklet, pdf.Rendered]:
    html, held = booklet(root, folder, selection)
    rendered = pdf.render(html)
    write(rendered.pdf, target)
    return held, rendered
