"""One proposal imported: read, checked in the context of the bank, then written or rejected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from banque.committee.importer.answers import from_form
from banque.committee.importer.clean import clean_short
from banque.committee.importer.draft import KIND, Draft, top_field
from banque.committee.importer.emailed import from_sheet
from banque.sheets.collect import display_path
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, ProblemsError, errors, problem
from banque.sheets.text import sheet_slug
from banque.sheets.writer import check_text, used_slugs, write_new

MAX_BYTES = 200_000
UNTITLED = "proposition-sans-titre"


@dataclass
class Imported:
    path: Path
    notes: list[Problem]  # warnings: what was changed or left out on the way


def _is_missing(p: Problem) -> bool:
    """A required field the proposal left empty."""
    return p.code == "champ-manquant"


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ProblemsError([problem("proposition-trop-volumineuse", taille=len(raw) // 1000, maximum=MAX_BYTES // 1000)])
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise ProblemsError([problem("proposition-non-utf8")]) from None
    if not text.strip():
        raise ProblemsError([problem("proposition-vide")])
    return text


def _report(draft: Draft, problems: list[Problem]) -> None:
    """The validator's errors, named as the correspondent knows the fields."""
    for p in errors(problems):
        if top_field(p.field) in draft.failed:
            continue
        label = draft.label(p.field)
        if _is_missing(p) and draft.labels:  # an answer left empty in the form
            draft.errors.append(problem("reponse-manquante", field=label))
        else:
            draft.errors.append(replace(p, path="", line=0, field=label))


def _once(found: list[Problem]) -> list[Problem]:
    """Each error once, as the correspondent reads it: four actors missing a name are one line."""
    seen: dict[tuple[str, str, str], Problem] = {}
    for p in found:
        seen.setdefault((p.field, p.message, p.hint), p)
    return list(seen.values())


def import_text(raw: bytes, content: Path, correspondent: str | None = None, today: dt.date | None = None) -> Imported:
    """Write the sheet for one proposal, or raise ProblemsError (nothing written):
    its errors, then the notes made on the way."""
    text = _decode(raw)
    draft = Draft()
    if text.lstrip().startswith("---"):  # a filled sheet sent by e-mail
        from_sheet(text.lstrip(), draft)
    else:  # the body of an issue opened with the form
        from_form(text, draft)
    if correspondent and clean_short(correspondent):
        draft.data["correspondant"] = clean_short(correspondent)
    if not draft.data.get("correspondant"):
        draft.error("correspondant", draft.label("correspondant"), "proposition-correspondant-manquant")
    draft.data["statut"] = policy().status.in_review
    # A proposal describes its experience as it is on the day it is imported, unless the sent sheet dates it.
    draft.data.setdefault("situation", f"{today or dt.date.today():%Y-%m}")
    given = draft.data.get("slug") if isinstance(draft.data.get("slug"), str) else draft.data.get("titre")
    slug = sheet_slug(given) if isinstance(given, str) else ""
    draft.data["slug"] = slug or UNTITLED  # only so the rest can be checked
    path = content / KIND / f"{draft.data['slug']}.md"
    if slug and (path.exists() or slug in used_slugs(content, KIND)):
        draft.error("slug", draft.label("titre"), "proposition-slug-pris", slug=slug, fichier=display_path(path))
    sheet = draft.text()
    _report(draft, check_text(KIND, draft.data["slug"], sheet, content, path))
    if draft.errors:
        raise ProblemsError(_once(draft.errors) + draft.notes)
    write_new(path, sheet)
    return Imported(path, draft.notes)
