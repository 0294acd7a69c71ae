"""A published sheet may not still hold the new-sheet template's « À compléter »."""

from __future__ import annotations

from banque.sheets.load import RawSheet
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, problem

SHOWN = 8  # line numbers listed in the message; more are « … »


def unfinished_lines(raw: RawSheet) -> list[int]:
    """The lines that still hold the placeholder, YAML comments of the front matter left aside
    (the template explains itself there)."""
    marker = policy().unfinished
    found = []
    for number, text in enumerate(raw.source_text.split("\n"), 1):
        if marker in text and not (number < raw.body_line and text.lstrip().startswith("#")):
            found.append(number)
    return found


def unfinished_problems(raw: RawSheet) -> list[Problem]:
    if raw.data.get("statut") != policy().status.published:
        return []
    lines = unfinished_lines(raw)
    if not lines:
        return []
    shown = ", ".join(map(str, lines[:SHOWN])) + ("…" if len(lines) > SHOWN else "")
    return [problem("publiee-a-completer", raw.display, lines[0], "statut", texte=policy().unfinished, lignes=shown,
                    brouillon=policy().status.draft)]
