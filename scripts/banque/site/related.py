"""Related experiences: for each sheet, up to four published sheets that share
a partnership model, a territory, themes or tools, each with the reason why.

Score of a pair (`score`):
- 3 per shared partnership model;
- territory: 4 if they share a département, else 2 if they share a région,
  else 1 if both are national (or both international);
- 2 per shared theme, 2 per shared tool.
A sheet needs at least MIN_SCORE points to be suggested; the best come first,
ties in slug order, so two builds suggest the same sheets in the same order.

Comparing every pair in Python takes about half a minute at 5,000 sheets.
`related` instead adds up, for one sheet, its score against all the others at
once: one bit per sheet in Python integers, the score kept as a binary number
spread over several integers (bit-sliced counters), so each shared feature
costs a few big-integer operations however large the bank.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from banque.sheets.bank import Sheet
from banque.sheets.links import slugs
from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary

LIMIT = 4
MIN_SCORE = 2
MODEL, THEME, TOOL = 3, 2, 2
REGION, DEPARTEMENT, SCOPE = 2, 2, 1  # a shared département also shares its région: 2 + 2


@dataclass(frozen=True)
class Suggestion:
    slug: str
    score: int
    raisons: tuple[str, ...]

    @property
    def pourquoi(self) -> str:
        return ", ".join(self.raisons)


def _features(sheet: Sheet) -> list[tuple[tuple[str, str], int]]:
    """(feature, weight) pairs whose weights add up to the pair score (see module doc)."""
    m = sheet.model
    feats = [(("modele", u.modele), MODEL) for u in m.modeles]
    feats += [(("theme", t), THEME) for t in m.themes]
    feats += [(("outil", o), TOOL) for o in slugs(m.outils)]
    return list(dict.fromkeys(feats))  # a value listed twice is shared once


def _territory(sheet: Sheet) -> list[tuple[str, str]]:
    """(level id, code) of the sheet's régions and départements, or ("portee", scope)."""
    if sheet.regions:
        level = policy().level
        return [(level.region, r) for r in sheet.regions] + [(level.departement, d) for d in sheet.departements]
    return [("portee", sheet.scope)]


def score(a: Sheet, b: Sheet) -> int:
    """The pair score, written plainly: the reference `related` must agree with."""
    ma, mb = a.model, b.model
    total = MODEL * len({u.modele for u in ma.modeles} & {u.modele for u in mb.modeles})
    total += THEME * len(set(ma.themes) & set(mb.themes))
    total += TOOL * len(set(slugs(ma.outils)) & set(slugs(mb.outils)))
    if set(a.departements) & set(b.departements):
        total += REGION + DEPARTEMENT
    elif set(a.regions) & set(b.regions):
        total += REGION
    elif not a.regions and not b.regions and a.scope == b.scope:
        total += SCOPE
    return total


def _add(planes: list[int], mask: int, weight: int) -> None:
    """Add `weight` to the counter of every sheet whose bit is set in `mask`.

    planes[k] holds bit k of every sheet's counter: a ripple-carry addition.
    """
    k = 0
    while weight:
        if weight & 1:
            carry, j = mask, k
            while carry:
                while j >= len(planes):  # a first weight with low zero bits (no model) starts high
                    planes.append(0)
                planes[j], carry = planes[j] ^ carry, planes[j] & carry
                j += 1
        weight >>= 1
        k += 1


def _equal(planes: list[int], value: int, among: int) -> int:
    """The sheets of `among` whose counter equals `value`."""
    if value >> len(planes):
        return 0
    for k, plane in enumerate(planes):
        among &= plane if value >> k & 1 else ~plane
    return among


def _ranked(sheets: list[Sheet], candidates: int, limit: int) -> list[list[tuple[int, int]]]:
    """For each sheet, its best (index, score) among `candidates`, at most `limit`."""
    masks: dict[tuple[str, str], int] = defaultdict(int)
    level = policy().level
    for i, s in enumerate(sheets):
        for feat, _ in _features(s):
            masks[feat] |= 1 << i
        for feat in _territory(s):
            masks[feat] |= 1 << i
    result = []
    for i, s in enumerate(sheets):
        planes: list[int] = []
        total = 0
        for feat, weight in _features(s):
            _add(planes, masks[feat], weight)
            total += weight
        region = departement = scope = 0
        for kind, code in _territory(s):
            if kind == level.region:
                region |= masks[(kind, code)]
            elif kind == level.departement:
                departement |= masks[(kind, code)]
            else:
                scope |= masks[(kind, code)]
        _add(planes, region, REGION)
        _add(planes, departement, DEPARTEMENT)
        _add(planes, scope, SCOPE)
        total += REGION + DEPARTEMENT + SCOPE
        others = candidates & ~(1 << i)
        best: list[tuple[int, int]] = []
        for value in range(total, MIN_SCORE - 1, -1):
            same = _equal(planes, value, others)
            while same and len(best) < limit:  # lowest index first: slug order
                low = same & -same
                best.append((low.bit_length() - 1, value))
                same ^= low
            if len(best) == limit:
                break
        result.append(best)
    return result


def _names(label: str, plural: str, names: list[str], sep: str) -> str:
    return f"{label if len(names) == 1 else plural}{sep}{', '.join(names)}"


def reasons(a: Sheet, b: Sheet, tool_titles: dict[str, str] | None = None) -> tuple[str, ...]:
    """Why `b` is suggested on `a`'s page, in a few French words."""
    ref = territories()
    tool_titles = tool_titles or {}
    out = []
    depts = sorted(set(a.departements) & set(b.departements))
    regions = sorted(set(a.regions) & set(b.regions))
    if depts:
        out.append(_names("même département", "mêmes départements",
                          [ref.departements[d]["nom"] for d in depts], " (") + ")")
    elif regions:
        out.append(_names("même région", "mêmes régions", [ref.regions[r]["nom"] for r in regions], " (") + ")")
    elif not a.regions and not b.regions and a.scope == b.scope:
        out.append(f"même portée ({policy().scopes[a.scope]})")
    models = [u.modele for u in a.model.modeles if u.modele in {v.modele for v in b.model.modeles}]
    if models:
        out.append(_names("même modèle", "mêmes modèles", [vocabulary("modeles").label(m) for m in models], " : "))
    themes = [t for t in a.model.themes if t in b.model.themes]
    if themes:
        out.append(_names("même thème", "mêmes thèmes", [vocabulary("themes").label(t) for t in themes], " : "))
    tools = [o for o in slugs(a.model.outils) if o in slugs(b.model.outils)]
    if tools:
        out.append(_names("même outil", "mêmes outils", [tool_titles.get(o, o) for o in tools], " : "))
    return tuple(out)


def related(experiences: Iterable[Sheet], tool_titles: dict[str, str] | None = None,
            limit: int = LIMIT) -> dict[str, list[Suggestion]]:
    """slug → its suggestions (published sheets only), best first, ties in slug order."""
    sheets = sorted(experiences, key=lambda s: s.slug)
    published = 0
    for i, s in enumerate(sheets):
        if s.published:
            published |= 1 << i
    ranked = _ranked(sheets, published, limit)
    return {
        s.slug: [Suggestion(sheets[j].slug, value, reasons(s, sheets[j], tool_titles)) for j, value in best]
        for s, best in zip(sheets, ranked, strict=True)
    }
