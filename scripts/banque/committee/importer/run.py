"""One proposal imported: read, checked in the context of the bank, then written or rejected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from banque.committee.importer.answers import from_form
from banque.committee.importer.clean import clean_short
from banque.committee.importer.draft import KIND, Draft, Rejected, top_field
from banque.committee.importer.emailed import from_sheet
from banque.sheets.check import display_path
from banque.sheets.policy import policy
from banque.sheets.problem import ERROR, Problem
from banque.sheets.text import sheet_slug
from banque.sheets.writer import check_text, used_slugs, write_new

MAX_BYTES = 200_000
UNTITLED = "proposition-sans-titre"


@dataclass
class Imported:
    path: Path
    notes: list[str]


def _is_missing(problem: Problem) -> bool:
    """A required field the proposal left empty."""
    return problem.code == "champ-manquant"


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise Rejected([f"proposition trop volumineuse ({len(raw) // 1000} ko, au plus {MAX_BYTES // 1000} ko)"])
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise Rejected(["le texte n'est pas en UTF-8"]) from None
    if not text.strip():
        raise Rejected(["proposition vide"])
    return text


def _report(draft: Draft, problems: list[Problem]) -> None:
    """The validator's errors, named as the correspondent knows the fields."""
    for p in problems:
        if p.severity != ERROR or top_field(p.field) in draft.failed:
            continue
        missing = _is_missing(p) and bool(draft.labels)
        message = "réponse manquante" if missing else p.message
        hint = "" if missing else p.hint
        draft.errors.append(f"{draft.label(p.field)} : {message}" + (f" ({hint})" if hint else ""))


def import_text(raw: bytes, content: Path, correspondent: str | None = None) -> Imported:
    """Write the sheet for one proposal, or raise Rejected (nothing written)."""
    text = _decode(raw)
    draft = Draft()
    if text.lstrip().startswith("---"):  # a filled sheet sent by e-mail
        from_sheet(text.lstrip(), draft)
    else:  # the body of an issue opened with the form
        from_form(text, draft)
    if correspondent and clean_short(correspondent):
        draft.data["correspondant"] = clean_short(correspondent)
    if not draft.data.get("correspondant"):
        draft.error("correspondant", draft.label("correspondant"), "réponse manquante (ou passez --correspondant NOM)")
    draft.data["statut"] = policy().status.in_review
    given = draft.data.get("slug") if isinstance(draft.data.get("slug"), str) else draft.data.get("titre")
    slug = sheet_slug(given) if isinstance(given, str) else ""
    draft.data["slug"] = slug or UNTITLED  # only so the rest can be checked
    path = content / KIND / f"{draft.data['slug']}.md"
    if slug and (path.exists() or slug in used_slugs(content, KIND)):
        draft.error("slug", draft.label("titre"), f"une fiche porte déjà l'identifiant « {slug} » ({display_path(path)}) : "
                    "changez le titre, ou demandez au comité de compléter la fiche existante")
    sheet = draft.text()
    _report(draft, check_text(KIND, draft.data["slug"], sheet, content, path))
    if draft.errors:
        raise Rejected(list(dict.fromkeys(draft.errors)), draft.notes)
    write_new(path, sheet)
    return Imported(path, draft.notes)
