"""The body of the committee's « Tableau de bord du comité » issue, kept up to date
by a scheduled workflow (.github/workflows/tableau-de-bord.yml): the dashboard,
then the addresses that no longer answer. The committee reads it on GitHub,
without a terminal; it mentions no one and links nowhere a sheet did not cite.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from banque.committee import dashboard, dashboard_report, link_check
from banque.sheets.markdown_text import Raw
from banque.sheets.report import md_inert
from banque.sheets.templating import environment

TEMPLATES = Path(__file__).resolve().parent / "templates"
# GitHub's limit for an issue body is 65,536 characters; the rest is in the workflow's log.
LIMIT = 60_000
_MENTION = re.compile(r"@(?=\w)")


def _inert(value: object) -> str:
    if isinstance(value, Raw):
        return value
    return "" if value is None else md_inert(str(value))


def render(content: Path, today: dt.date, timeout: float, limit: int, workers: int, run_url: str = "") -> str:
    board = dashboard_report.render(dashboard.gather(content, today), page=False)
    found = link_check.survey(content, timeout, limit, workers)
    broken = [(link, found.answers[link.url].detail) for link in found.links
              if link.url in found.answers and not found.answers[link.url].ok]
    env = environment(TEMPLATES, _inert)
    body = env.get_template("ticket_tableau_de_bord.md.j2").render(
        today=today, board=board.strip(), survey=found, broken=broken, run_url=run_url)
    # The dashboard's own Markdown is already escaped; no mention may survive anywhere.
    body = _MENTION.sub("@&#8203;", body)
    if len(body) > LIMIT:
        cut = body.rfind("\n", 0, LIMIT)
        body = body[:cut] + "\n\n" + env.get_template("ticket_tronque.md.j2").render(run_url=run_url)
    return body
