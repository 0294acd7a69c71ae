"""The dashboard rendered once: the preview's page, the Markdown report and its
plain text say the same thing, from one template (committee/dashboard_report.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from banque.committee import dashboard
from banque.committee.dashboard_report import PAGE, PreviewPage, as_text, render
from banque.sheets.check import validate

TODAY = dt.date(2026, 1, 15)


def board(project: Path) -> dashboard.Dashboard:
    return dashboard.gather(project / "content", TODAY, added_on=lambda path: dt.date(2025, 12, 16))


def sections(markdown: str) -> str:
    """From the first section on: the page's header and the report's differ on purpose."""
    return markdown[markdown.index("\n## "):]


def test_page_and_report_say_the_same_thing(project: Path):
    shown = board(project)
    page, report = render(shown, page=True), render(shown, page=False)
    assert page.startswith("---\n") and "{ #en-relecture }" in page and "](experiences/" in page
    assert "{ #" not in report and "](" not in report and not report.startswith("---")
    # Without the page's links, anchors and runs of blank lines, the same text, line for line.
    unlinked = re.sub(r" \{ #[a-z-]+ \}", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", page))
    unlinked = re.sub(r"\n{3,}", "\n\n", unlinked)
    assert as_text(sections(unlinked)) == as_text(sections(report))


def test_text_is_the_report_without_its_markup(project: Path):
    shown = board(project)
    entry = shown.in_review[0].sheet
    odd = dashboard.Entry(entry.slug, entry.kind, "Titre *étoilé* [entre] `crochets` @alice - (tiret)", entry.status, entry.path)
    shown.referents_to_identify = [odd]
    report = render(shown, page=False)
    assert r"Titre \*étoilé\* \[entre\] \`crochets\` \@alice - (tiret)" in report  # text, not markup or a mention
    text = as_text(report)
    assert "  - Titre *étoilé* [entre] `crochets` @alice - (tiret) (cooperation-emploi-vallee) — en relecture" in text
    assert "Fiches en relecture (1) :" in text and "| Fiche |" not in text and "**" not in text
    assert "  - Une coopération pour l'emploi dans la vallée (cooperation-emploi-vallee) — Bruno Petit — " \
           "16 décembre 2025 (30 jours)" in text


def test_empty_sections_say_so(project: Path):
    shown = dashboard.Dashboard(TODAY, 0, 0)
    text = as_text(render(shown, page=False))
    assert text.count("Aucune.") == 8 and "0 expérience et 0 outil" in text


def test_preview_page_asks_git_once_per_file(project: Path):
    content = project / "content"
    bank, problems = validate([content], content)
    asked = []
    provider = PreviewPage(content, added_on=lambda path: asked.append(path) or dt.date(2025, 12, 16))
    first = provider(bank, problems)
    assert list(first) == [PAGE] and "16 décembre 2025" in first[PAGE]
    provider(bank, problems)
    assert len(asked) == len(set(asked)) == 1  # one sheet in review, looked up once
