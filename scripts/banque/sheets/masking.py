"""A masked person's name left in a sheet's text.

A referent who refused, or asked not to be named, is left out of every output
by sheets/people.py; but the sheet's own text (title, summary, body, actors…)
is published as written. So a sheet that masks a person and still names them
elsewhere is refused until the committee rewrites those lines: the name can
then reach no page, search index, feed or export.
"""

from __future__ import annotations

import unicodedata

from banque.sheets.load import RawSheet
from banque.sheets.people import Referent
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, problem

_OWN_BLOCKS = ("referent", "personnes_citees")  # where the name may stay: outputs filter it there


def _folded(text: str) -> str:
    """Case and accents ignored: « CENNE », « Cenne » and « Cénne » are one name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_forms(name: str) -> list[str]:
    """The full name and its last word (the surname), folded; short words are left out."""
    words = name.split()
    forms = [name] + ([words[-1]] if len(words) > 1 and len(words[-1]) >= 4 else [])
    return [_folded(f) for f in forms]


def _own_block_lines(raw: RawSheet) -> set[int]:
    """Lines of the referent and cited persons' blocks (1-based), where the name is expected."""
    lines = raw.source_text.split("\n")
    skip: set[int] = set()
    for key in _OWN_BLOCKS:
        start = raw.lines.get((key,))
        if start is None:
            continue
        skip.add(start)
        n = start  # the block goes on while lines are indented or list items under it
        while n < len(lines) and (lines[n].startswith((" ", "\t", "-")) or not lines[n].strip()) and lines[n] != "---":
            n += 1
            skip.add(n)
    return skip


def masked_name_left(raw: RawSheet, model: object) -> list[Problem]:
    """An error for each line, outside the referent's own blocks, that names a masked referent."""
    ref = getattr(model, "referent", None)
    if not isinstance(ref, Referent) or ref.contact != policy().contact.masked:
        return []
    forms = name_forms(ref.nom)
    skip = _own_block_lines(raw)
    found = []
    for number, line in enumerate(raw.source_text.split("\n"), start=1):
        if number not in skip and any(f in _folded(line) for f in forms):
            found.append(problem("referent-masque-nomme", raw.display, number, "referent.nom", nom=ref.nom))
    return found
