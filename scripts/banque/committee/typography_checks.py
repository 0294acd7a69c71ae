"""The typographic slips `banque relire` points out: those the build cannot set
itself (site/typography.py puts the no-break spaces, not the accents or the
case of a word).

- an unaccented capital (« Economie », « Etat »);
- a capital on a common noun or adjective of an institution's name
  (« Commissariat Général », « Fédération Nationale »);
- a doubtful form (« nous-même » for several persons).

The word lists are data: `typographie` in schema/regles.yml. Addresses, slugs and
file names are not read: their spelling is not typography.
"""

from __future__ import annotations

import re

from banque.sheets.load import RawSheet
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, problem

# Front-matter keys whose value is an identifier, not text.
IDENTIFIERS = ("slug", "url", "courriel", "fichier", "outils", "themes", "modele", "territoires", "code")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The word before, elided (« d'») or followed by spaces (one line break at most).
_PREVIOUS = re.compile(r"(?<![\w-])[^\W\d_][\w-]*(?:['’]|[ \t]*\n?[ \t]+|[ \t]*\n[ \t]*)$")
_KEY = re.compile(r"^\s*(?:-\s+)?([\w-]+):")


def _readable(raw: RawSheet) -> str:
    """The sheet's text with comments, identifiers and addresses blanked out
    (same length, same lines: offsets still give line numbers)."""
    lines = raw.source_text.split("\n")
    front_end = raw.body_line - 1
    for i, line in enumerate(lines):
        key = _KEY.match(line)
        if line.lstrip().startswith("#") and i < front_end or (i < front_end and key and key.group(1) in IDENTIFIERS):
            lines[i] = " " * len(line)
    text = "\n".join(lines)
    return _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)


def _field(raw: RawSheet, line: int) -> str:
    """The top-level front-matter key a line belongs to, or « corps »."""
    if line >= raw.body_line:
        return "corps"
    starts = sorted((n, path[0]) for path, n in raw.lines.items() if len(path) == 1 and n <= line)
    return starts[-1][1] if starts else "fiche"


def _at(raw: RawSheet, text: str, offset: int) -> tuple[str, int, str]:
    line = text.count("\n", 0, offset) + 1
    return raw.display, line, _field(raw, line)


def check_typography(raw: RawSheet) -> list[Problem]:
    rules = policy()
    text = _readable(raw)
    found: list[Problem] = []
    if rules.unaccented:
        words = "|".join(map(re.escape, sorted(rules.unaccented, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![\w-])({words})(?![\w-])", text):
            found.append(problem("capitale-sans-accent", *_at(raw, text, m.start()), mot=m.group(1),
                                 juste=rules.unaccented[m.group(1)]))
    if rules.institution_lowercase:
        words = "|".join(map(re.escape, sorted(rules.institution_lowercase, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![\w-])({words})(?![\w-])", text):
            # Only after another word (not at a sentence's start), possibly across a line break.
            before = _PREVIOUS.search(text, max(0, m.start() - 60), m.start())
            if before is None:
                continue
            word = before.group(0).strip()
            joined = word if word.endswith(("'", "’")) else word + " "
            found.append(problem("majuscule-nom-commun", *_at(raw, text, m.start()), groupe=joined + m.group(1),
                                 mot=m.group(1), juste=joined + m.group(1).lower()))
    for wrong, right in rules.wrong_forms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(wrong)}(?![\w-])", text):
            found.append(problem("tournure-fautive", *_at(raw, text, m.start()), forme=wrong, juste=right))
    return found
