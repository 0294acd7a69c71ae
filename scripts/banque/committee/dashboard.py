"""The committee's dashboard as plain data: no rendering here.

`gather` returns dataclasses of strings, numbers and dates, so the command can
print them and a site page can later render the same values.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from banque.committee.dates import months_between
from banque.sheets.bank import Bank, Sheet
from banque.sheets.check import validate
from banque.sheets.models import TO_IDENTIFY, Experience, Referent, Tool
from banque.sheets.people import EXPIRED, people_shown
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, errors
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary

AnySheet = Sheet[Experience] | Sheet[Tool]


@dataclass(frozen=True)
class Entry:
    slug: str
    kind: str  # "experiences" or "outils"
    title: str
    status: str
    path: str


@dataclass(frozen=True)
class InReview:
    sheet: Entry
    correspondent: str | None
    since: dt.date | None  # first commit of the file; None when git does not know it
    days: int | None


@dataclass(frozen=True)
class Dated:
    sheet: Entry
    date: dt.date
    age_months: int


@dataclass(frozen=True)
class ToCollect:
    sheet: Entry
    names: tuple[str, ...]  # whom to ask: the persons cited from a source, or the proposed referent


@dataclass(frozen=True)
class Gap:
    code: str  # a région code or a model id
    name: str
    in_progress: tuple[str, ...]  # slugs of unpublished sheets that would fill it


@dataclass(frozen=True)
class Correspondent:
    name: str | None
    sheets: tuple[Entry, ...]


@dataclass
class Dashboard:
    today: dt.date
    experiences: int
    tools: int
    invalid: list[str] = field(default_factory=list)
    in_review: list[InReview] = field(default_factory=list)
    stale_reviews: list[Dated] = field(default_factory=list)
    old_consents: list[Dated] = field(default_factory=list)  # agreements to renew: no longer shown
    consents_to_collect: list[ToCollect] = field(default_factory=list)
    referents_to_identify: list[Entry] = field(default_factory=list)
    uncovered_regions: list[Gap] = field(default_factory=list)
    unused_models: list[Gap] = field(default_factory=list)
    by_correspondent: list[Correspondent] = field(default_factory=list)


def first_commit_date(path: Path) -> dt.date | None:
    """When the file entered the repository: the closest thing to a submission
    date, which the schema deliberately does not have. Read-only git."""
    try:
        result = subprocess.run(
            ["git", "log", "--follow", "--diff-filter=A", "--format=%ad", "--date=short", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    dates = result.stdout.split() if result.returncode == 0 else []
    try:
        return dt.date.fromisoformat(dates[-1]) if dates else None
    except ValueError:
        return None


def entry(sheet: AnySheet) -> Entry:
    return Entry(sheet.slug, sheet.kind, sheet.model.titre, sheet.model.statut, sheet.raw.display)


def _active(sheet: AnySheet) -> bool:
    return sheet.model.statut != policy().status.archived


def stale_reviews(sheets: Sequence[AnySheet], today: dt.date) -> list[Dated]:
    found = []
    for s in sheets:
        review = s.model.relecture
        if s.published and review and months_between(review.date, today) > policy().review_months:
            found.append(Dated(entry(s), review.date, months_between(review.date, today)))
    return sorted(found, key=lambda d: (d.date, d.sheet.slug))


def old_consents(experiences: list[Sheet[Experience]], today: dt.date) -> list[Dated]:
    """Agreements the build no longer shows (sheets/people.py): to renew."""
    found = []
    for s in experiences:
        referent = s.model.referent
        if (_active(s) and isinstance(referent, Referent) and referent.consentement
                and people_shown(s.model, today).state == EXPIRED):
            given = referent.consentement.date
            found.append(Dated(entry(s), given, months_between(given, today)))
    return sorted(found, key=lambda d: (d.date, d.sheet.slug))


def consents_to_collect(experiences: list[Sheet[Experience]]) -> list[ToCollect]:
    """Sheets that name people without any recorded answer: persons cited from a source,
    or a proposed referent. The committee asks them (« banque consentement demande »)."""
    found = []
    for s in experiences:
        referent = s.model.referent
        proposed = (referent.nom,) if isinstance(referent, Referent) and referent.consentement is None else ()
        if _active(s) and (proposed or (referent == TO_IDENTIFY and s.model.personnes_citees)):
            names = tuple(dict.fromkeys([*proposed, *(p.nom for p in s.model.personnes_citees)]))
            found.append(ToCollect(entry(s), names))
    return sorted(found, key=lambda c: c.sheet.slug)


def coverage(experiences: list[Sheet[Experience]]) -> tuple[list[Gap], list[Gap]]:
    """Régions and models with no published experience, with the unpublished
    sheets (drafts, in review) that would fill each gap."""
    published = [s for s in experiences if s.published]
    pending = [s for s in experiences if not s.published and _active(s)]
    names = territories().regions
    covered = {r for s in published for r in s.regions}
    regions = [Gap(code, names[code]["nom"], tuple(s.slug for s in pending if code in s.regions))
               for code in policy().regions if code not in covered]
    used = {m.modele for s in published for m in s.model.modeles}
    models = [Gap(t.id, t.libelle, tuple(s.slug for s in pending if t.id in {m.modele for m in s.model.modeles}))
              for t in vocabulary("modeles").terms if t.id not in used]
    return regions, models


def by_correspondent(sheets: Sequence[AnySheet]) -> list[Correspondent]:
    groups: dict[str | None, list[Entry]] = {}
    for s in sheets:
        groups.setdefault(s.model.correspondant, []).append(entry(s))
    order = sorted(groups, key=lambda name: (name is None, (name or "").casefold()))
    return [Correspondent(name, tuple(sorted(groups[name], key=lambda e: (e.kind, e.slug)))) for name in order]


def gather(content: Path, today: dt.date, added_on: Callable[[Path], dt.date | None] = first_commit_date,
           checked: tuple[Bank, list[Problem]] | None = None) -> Dashboard:
    """`checked`: what validate([content], content) returned, when the caller already has it."""
    bank, problems = checked if checked is not None else validate([content], content)
    experiences = bank.experiences
    every: list[AnySheet] = [*experiences, *bank.outils]
    board = Dashboard(today, len(experiences), len(bank.outils))
    board.invalid = sorted({p.path for p in errors(problems)})
    for s in every:
        if s.model.statut == policy().status.in_review:
            since = added_on(s.path)
            board.in_review.append(InReview(entry(s), s.model.correspondant, since, (today - since).days if since else None))
    board.stale_reviews = stale_reviews(every, today)
    board.old_consents = old_consents(experiences, today)
    board.consents_to_collect = consents_to_collect(experiences)
    board.referents_to_identify = [entry(s) for s in experiences
                                   if _active(s) and s.model.referent == TO_IDENTIFY and not s.model.personnes_citees]
    board.uncovered_regions, board.unused_models = coverage(experiences)
    board.by_correspondent = by_correspondent(every)
    return board
