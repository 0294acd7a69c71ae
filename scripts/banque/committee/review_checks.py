"""The editorial points `banque relire` raises for the committee: warnings, never errors.

They are read from the raw front matter, not the validated model, so the
committee sees them even while the sheet still has errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from banque.committee.dates import as_date, months_between, years_before
from banque.committee.typography_checks import check_typography
from banque.sheets import body
from banque.sheets.load import RawSheet, load
from banque.sheets.models import TO_IDENTIFY
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, fragment, problem
from banque.sheets.text import fold
from banque.sheets.unfinished import SHOWN, unfinished_lines
from banque.sheets.vocabulary import vocabulary

# The limits and the acronyms known to every reader are policy() (schema/regles.yml).
# Fields whose prose a reader sees; names (acteurs, sources) are proper nouns, not jargon.
PROSE_FIELDS = ("titre", "resume", "modeles", "indicateurs")

_ACRONYM = re.compile(r"(?<![\w-])([A-ZÀÂÇÉÈÊËÎÏÔÛÙÜ]{2,6})(?![\w-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")


@dataclass(frozen=True)
class ToolRef:
    slug: str
    title: str
    themes: tuple[str, ...]


# -- reading the raw sheet -----------------------------------------------------


def _get(data: Any, *path: str) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _list(data: dict[str, Any], key: str) -> list[Any]:
    """The list under `key`, or an empty one: the schema reports any other value."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _warn(raw: RawSheet, code: str, line: int, name: str, **params: Any) -> Problem:
    """A point for the committee: its code is a warning in messages.yml."""
    return problem(code, raw.display, line, name, **params)


def _lines_of(raw: RawSheet, fields: tuple[str, ...]) -> list[tuple[int, str]]:
    """(file line, text) of the front-matter lines under `fields`, then of the body."""
    text = raw.source_text.split("\n")
    starts = sorted((line, path[0]) for path, line in raw.lines.items() if len(path) == 1)
    front_end = raw.body_line - 1  # the closing "---"
    chosen: list[tuple[int, str]] = []
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else front_end
        if key in fields:
            chosen += [(n, text[n - 1]) for n in range(start, end) if not text[n - 1].lstrip().startswith("#")]
    chosen += [(n, text[n - 1]) for n in range(raw.body_line, len(text) + 1)]
    return chosen


# -- the checks ------------------------------------------------------------------


def check_summary(raw: RawSheet) -> list[Problem]:
    resume = raw.data.get("resume")
    if not isinstance(resume, str):
        return []
    size = len(" ".join(resume.split()))
    line = raw.line_of(("resume",))
    low, high = policy().summary_min, policy().summary_max
    if size > high:
        return [_warn(raw, "resume-trop-long", line, "resume", taille=size, maximum=high)]
    if size < low:
        return [_warn(raw, "resume-trop-court", line, "resume", taille=size, minimum=low)]
    return []


def check_sections(raw: RawSheet) -> list[Problem]:
    problems = []
    least = policy().section_min
    for title, line, text in body.sections(raw.body, raw.body_line):
        size = len(" ".join(text.split()))
        if 0 < size < least:  # an empty section is already a blocking error
            problems.append(_warn(raw, "section-courte", line, f"corps.{title}", titre=title, taille=size, minimum=least))
    return problems


def check_referent(raw: RawSheet, today: dt.date) -> list[Problem]:
    referent = raw.data.get("referent")
    line = raw.line_of(("referent",))
    if referent == TO_IDENTIFY:
        return [_warn(raw, "referent-a-identifier", line, "referent")]
    if not isinstance(referent, dict):
        return []
    consent = referent.get("consentement")
    if consent is None:
        if raw.data.get("statut") == policy().status.published:
            return []  # already a blocking error
        return [_warn(raw, "referent-sans-consentement", line, "referent.consentement")]
    given = as_date(_get(consent, "date"))
    years = policy().consent_years
    if given and given < years_before(today, years):
        return [_warn(raw, "consentement-ancien", raw.line_of(("referent", "consentement", "date")), "referent.consentement.date",
                      date=given.isoformat(), ans=months_between(given, today) // 12, limite=years)]
    return []


def check_indicators(raw: RawSheet) -> list[Problem]:
    if raw.kind != "experiences" or raw.data.get("indicateurs"):
        return []
    line = raw.lines.get(("indicateurs",), 0)
    return [_warn(raw, "sans-indicateur", line, "indicateurs")]


def check_review_date(raw: RawSheet, today: dt.date) -> list[Problem]:
    last = as_date(_get(raw.data, "relecture", "date"))
    months = policy().review_months
    if last is None or months_between(last, today) <= months:
        return []
    return [_warn(raw, "relecture-ancienne", raw.line_of(("relecture", "date")), "relecture.date",
                  date=last.isoformat(), mois=months_between(last, today), limite=months)]


def check_tools(raw: RawSheet, tools: list[ToolRef]) -> list[Problem]:
    if raw.kind != "experiences":
        return []
    items = _list(raw.data, "outils")
    cited = [i.get("outil") if isinstance(i, dict) else i for i in items]
    lines = _lines_of(raw, ("titre", "resume"))
    problems = [_warn(raw, "lien-sans-nature", raw.line_of(("outils", n)), f"outils[{n}]",
                      slug=item, natures=", ".join(vocabulary("liens_outils").ids))
                for n, item in enumerate(items) if isinstance(item, str)]
    for tool in tools:
        names = {n for n in (fold(tool.title), fold(tool.slug.replace("-", " "))) if len(n) >= 4}
        if tool.slug in cited or not names:
            continue
        hit = next((n for n, text in lines if any(f" {name} " in f" {fold(text)} " for name in names)), None)
        if hit is not None:
            problems.append(_warn(raw, "outil-non-reference", hit, "outils", titre=tool.title, slug=tool.slug))
    themes = _list(raw.data, "themes")
    if not cited and not any(p.code == "outil-non-reference" for p in problems):
        close = [t for t in tools if set(t.themes) & set(themes)]
        if close:
            listed = ", ".join(fragment("outil-cite", titre=t.title, slug=t.slug) for t in close)
            problems.append(_warn(raw, "aucun-outil", raw.lines.get(("outils",), raw.line_of(("themes",))), "outils",
                                  outils=listed))
    return problems


def _proper_names(raw: RawSheet) -> set[str]:
    """Capitalised words the sheet itself gives as names (IBM, Le RAMEAU): organisations, not jargon."""
    names = [_get(a, "nom") for a in _list(raw.data, "acteurs") if isinstance(a, dict)]
    names += [_get(s, "auteur") for s in _list(raw.data, "sources") if isinstance(s, dict)]
    names.append(_get(raw.data, "referent", "organisation"))
    return {m.group(1) for n in names if isinstance(n, str) for m in _ACRONYM.finditer(n)}


def check_acronyms(raw: RawSheet) -> list[Problem]:
    text = raw.source_text
    skip = policy().known_acronyms | _proper_names(raw)
    first_seen: dict[str, int] = {}  # in reading order: front matter, then body
    for line, content in _lines_of(raw, PROSE_FIELDS):
        for match in _ACRONYM.finditer(content):
            token = match.group(1)
            if token not in skip and not _ROMAN.match(token):
                first_seen.setdefault(token, line)
    problems = []
    for token, line in first_seen.items():
        spelled = re.search(rf"\(\s*{token}\s*\)", text) or re.search(rf"(?<![\w-]){token}\s*\([^)]{{5,}}\)", text)
        if not spelled:
            problems.append(_warn(raw, "sigle-non-developpe", line, "jargon", sigle=token))
    return problems


def check_placeholders(raw: RawSheet) -> list[Problem]:
    if raw.data.get("statut") == policy().status.published:
        return []  # an error already (sheets/unfinished.py)
    lines = unfinished_lines(raw)
    if not lines:
        return []
    shown = ", ".join(map(str, lines[:SHOWN])) + ("…" if len(lines) > SHOWN else "")
    return [_warn(raw, "texte-provisoire", lines[0], "fiche", texte=policy().unfinished, lignes=shown)]


def editorial_warnings(raw: RawSheet, tools: list[ToolRef], today: dt.date) -> list[Problem]:
    found = (check_summary(raw) + check_sections(raw) + check_indicators(raw) + check_referent(raw, today)
             + check_review_date(raw, today) + check_tools(raw, tools) + check_acronyms(raw) + check_placeholders(raw)
             + check_typography(raw))
    return sorted(found, key=lambda p: (p.line or 10**9, p.field, p.message))


def tool_index(content: Path | None) -> list[ToolRef]:
    tools = []
    for path in sorted((content / "outils").glob("*.md")) if content else []:
        raw, _ = load(path)
        if raw is None:
            continue
        slug, title = raw.data.get("slug") or path.stem, raw.data.get("titre")
        themes = _list(raw.data, "themes")
        if isinstance(slug, str) and isinstance(title, str):
            tools.append(ToolRef(slug, title, tuple(str(t) for t in themes)))
    return tools
