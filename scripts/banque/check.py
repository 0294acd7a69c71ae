"""Stage 2: check sheets against the schema, the body format and each other.

Everything is gathered before anything is rendered: `validate` loads and
checks every file, collects every problem, and only returns a bank whose
sheets all passed.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError

from .bank import Bank, Sheet
from .load import RawSheet, load
from .messages import translate
from .models import KINDS
from .problem import Problem
from .territory import Place, territories
from .vocabulary import sections as required_sections

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
_TAG_SEGMENTS = {"personne", "a_identifier"}


def _clean_loc(loc: tuple) -> tuple:
    # Drop the tags pydantic adds for unions; keep keys and list indices.
    return tuple(p for p in loc if p not in _TAG_SEGMENTS)


def field_name(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "fiche"


def check_model(raw: RawSheet) -> tuple[object | None, list[Problem]]:
    model_cls = KINDS[raw.kind]
    try:
        return model_cls.model_validate(raw.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = _clean_loc(err["loc"])
            if err["type"] == "regle":
                loc = loc + tuple(err["ctx"]["champ"].split("."))
            name = field_name(loc)
            message, hint = translate(err, name, model_cls, loc)
            problems.append(Problem(raw.display, raw.line_of(loc), name, message, hint))
        return None, problems


def check_body(raw: RawSheet) -> tuple[list[tuple[str, str]], list[Problem]]:
    expected = [title for title, _ in required_sections()[raw.kind]]
    found: list[tuple[str, int, list[str]]] = []
    problems: list[Problem] = []
    preamble: list[str] = []
    in_fence = False
    for offset, line in enumerate(raw.body.split("\n")):
        lineno = raw.body_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading and len(heading.group(1)) == 1:
            problems.append(Problem(raw.display, lineno, "corps", "titre de niveau 1 (« # ») interdit dans le corps",
                                    "Le titre de la fiche vient du champ « titre » ; utilisez « ## » pour les sections."))
            continue
        if heading and len(heading.group(1)) == 2:
            found.append((heading.group(2), lineno, []))
            continue
        if not in_fence and _IMAGE_NO_ALT.search(line):
            problems.append(Problem(raw.display, lineno, "corps", "image sans texte alternatif",
                                    "Décrivez l'image entre les crochets : ![Photo de l'équipe devant le local](…)."))
        (found[-1][2] if found else preamble).append(line)
    if any(line.strip() for line in preamble):
        problems.append(Problem(raw.display, raw.body_line, "corps", "texte avant la première section",
                                f"Placez ce texte sous « ## {expected[0]} »."))
    titles = [title for title, _, _ in found]
    for title, lineno, _ in found:
        if title not in expected:
            problems.append(Problem(raw.display, lineno, f"corps.{title}", "section inconnue",
                                    f"Les sections d'une fiche sont, dans l'ordre : {', '.join(expected)}."))
        elif titles.count(title) > 1 and lineno != next(n for t, n, _ in found if t == title):
            problems.append(Problem(raw.display, lineno, f"corps.{title}", "section en double", "Fusionnez les deux sections."))
    last_line = raw.body_line + raw.body.count("\n")
    for title in expected:
        if title not in titles:
            problems.append(Problem(raw.display, last_line, f"corps.{title}", "section obligatoire manquante",
                                    f"Ajoutez un titre « ## {title} » suivi d'au moins un paragraphe."))
    for title, lineno, lines in found:
        if title in expected and not any(line.strip() for line in lines):
            problems.append(Problem(raw.display, lineno, f"corps.{title}", "section vide",
                                    "Écrivez au moins un paragraphe sous ce titre."))
    present = [t for t in titles if t in expected]
    if present != sorted(present, key=expected.index):
        problems.append(Problem(raw.display, found[0][1], "corps", "sections dans le désordre",
                                f"Remettez-les dans l'ordre : {', '.join(expected)}."))
    body_sections = [(title, "\n".join(lines).strip("\n")) for title, _, lines in found if title in expected]
    return body_sections, problems


def check_territories(raw: RawSheet) -> tuple[list[Place], list[Problem]]:
    """Resolve territory codes from the raw data, so unknown codes are reported
    even when another field of the sheet fails the schema."""
    places: list[Place] = []
    problems: list[Problem] = []
    ref = territories()
    entries = raw.data.get("territoires")
    for i, terr in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(terr, dict):
            continue
        level = terr.get("niveau")
        codes = terr.get("codes") or []
        if level == "national":
            places.append(Place("national", "", "France entière"))
            continue
        if level == "international" and not codes:
            places.append(Place("international", "", "International"))
            continue
        for j, code in enumerate(codes if isinstance(codes, list) else []):
            if not isinstance(code, (str, int)) or isinstance(code, bool) or not isinstance(level, str):
                continue  # the schema reports the type
            place = ref.resolve(level, str(code))
            if place is None:
                loc = ("territoires", i, "codes", j)
                problems.append(Problem(raw.display, raw.line_of(loc), field_name(loc),
                                        f"code « {code} » inconnu pour le niveau « {level} »",
                                        ref.suggest(level, str(code))))
            else:
                places.append(place)
    return places, problems


def check_tool_references(raw: RawSheet, tool_slugs: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    refs = raw.data.get("outils") if raw.kind == "experiences" else None
    for i, slug in enumerate(refs if isinstance(refs, list) else []):
        if isinstance(slug, str) and slug not in tool_slugs:
            loc = ("outils", i)
            close = difflib.get_close_matches(slug, sorted(tool_slugs), n=1, cutoff=0.6)
            hint = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
            problems.append(Problem(raw.display, raw.line_of(loc), field_name(loc),
                                    f"outil « {slug} » introuvable dans content/outils/",
                                    hint + "Créez la fiche outil (banque nouvelle-fiche --outil) ou corrigez l'identifiant."))
    return problems


def check_slugs(sheets: list[Sheet], targets: set[Path]) -> list[Problem]:
    """Slugs are unique within a kind and match their file names."""
    problems: list[Problem] = []
    by_slug: dict[tuple[str, str], list[Sheet]] = defaultdict(list)
    for s in sheets:
        by_slug[(s.kind, s.slug)].append(s)
        if s.path.stem != s.slug:
            problems.append(Problem(s.raw.display, s.raw.line_of(("slug",)), "slug",
                                    f"le nom du fichier « {s.path.name} » ne correspond pas au slug « {s.slug} »",
                                    f"Renommez le fichier en « {s.slug}.md », ou corrigez le slug."))
    for (kind, slug), group in by_slug.items():
        if len(group) > 1:
            others = ", ".join(g.raw.display for g in group)
            for s in group:
                problems.append(Problem(s.raw.display, s.raw.line_of(("slug",)), "slug",
                                        f"slug « {slug} » déjà utilisé ({others})",
                                        "Chaque fiche a un slug unique : changez celui-ci et renommez le fichier."))
    displays = {s.raw.display for s in sheets if s.path.resolve() in targets}
    return [p for p in problems if p.path in displays]


def collect(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*.md")) if p.parent.name in KINDS)
        else:
            files.append(path)
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def validate(paths: list[Path], context: Path | None = None) -> tuple[Bank, list[Problem]]:
    """Check `paths` (files or folders) in the context of the bank in `context`.

    Problems are reported for `paths` only; the context supplies the other
    sheets that references and slugs are checked against.
    """
    targets = collect(paths)
    target_set = {p.resolve() for p in targets}
    files = targets + [p for p in collect([context] if context else []) if p.resolve() not in target_set]
    problems: list[Problem] = []
    sheets: list[Sheet] = []
    loaded: list[tuple[Path, RawSheet | None, list[Problem]]] = []
    for path in files:
        raw, load_problems = load(path, display_path(path))
        loaded.append((path, raw, load_problems))
    # Every tool file counts, valid or not: a broken tool sheet is reported
    # once, not again in each experience that cites it.
    tool_slugs = {str(raw.data.get("slug") or path.stem) for path, raw, _ in loaded if raw and raw.kind == "outils"}
    for path, raw, sheet_problems in loaded:
        if raw is not None:
            model, model_problems = check_model(raw)
            body, body_problems = check_body(raw)
            places, terr_problems = check_territories(raw)
            sheet_problems += model_problems + body_problems + terr_problems
            sheet_problems += check_tool_references(raw, tool_slugs)
            if model is not None:
                sheets.append(Sheet(raw, model, body, places))
        if path.resolve() in target_set:
            problems += sheet_problems
    problems += check_slugs(sheets, target_set)
    bank = Bank(
        sorted((s for s in sheets if s.kind == "experiences" and s.path.resolve() in target_set), key=lambda s: s.slug),
        sorted((s for s in sheets if s.kind == "outils" and s.path.resolve() in target_set), key=lambda s: s.slug),
    )
    return bank, sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))
