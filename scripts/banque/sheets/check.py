"""Stage 2: check sheets against the schema, the body format and each other.

Everything is gathered before anything is rendered: `validate` loads and
checks every file, collects every problem, and only returns a bank whose
sheets all passed.
"""

from __future__ import annotations

import difflib
import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pydantic import ValidationError

from banque.sheets import body
from banque.sheets.bank import Bank, Sheet
from banque.sheets.body_lines import line_problems
from banque.sheets.characters import CONTROL_IN_BODY, describe
from banque.sheets.collect import Resolver, collect_resolved, display_path
from banque.sheets.load import RawSheet, parse, read
from banque.sheets.messages import translate
from banque.sheets.models import KINDS, Experience, Tool
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, field_name, problem, reading_order, suggestion
from banque.sheets.territory import Place, territories
from banque.sheets.unfinished import unfinished_problems
from banque.sheets.vocabulary import sections as required_sections

_TAG_SEGMENTS = {"personne", "a_identifier"}


def _clean_loc(loc: tuple) -> tuple:
    # Drop the tags pydantic adds for unions; keep keys and list indices.
    return tuple(p for p in loc if p not in _TAG_SEGMENTS)


def check_model(raw: RawSheet) -> tuple[Experience | Tool | None, list[Problem]]:
    model_cls = KINDS[raw.kind]
    try:
        # KINDS maps each kind to one of these two models.
        return cast(Experience | Tool, model_cls.model_validate(raw.data)), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = _clean_loc(err["loc"])
            if err["type"] == "regle":
                loc = loc + tuple(err["ctx"]["champ"].split("."))
            name = field_name(loc)
            code, params = translate(err, name, model_cls, loc)
            problems.append(problem(code, raw.display, raw.line_of(loc), name, **params))
        return None, problems


def check_body(raw: RawSheet) -> tuple[list[tuple[str, str]], list[Problem]]:
    expected = [title for title, _ in required_sections()[raw.kind]]
    problems: list[Problem] = []
    lines = list(body.lines(raw.body, raw.body_line))
    bad = CONTROL_IN_BODY.search(raw.body)
    if bad:  # NUL, U+FFFE…: what XML and the exports cannot carry; the first one is enough
        problems.append(problem("caractere-interdit-corps", raw.display, raw.body_line + raw.body.count("\n", 0, bad.start()),
                                "corps", caractere=describe(bad.group())))
    problems += [problem("titre-souligne", raw.display, u.number, "corps") for u in body.setext_underlines(lines)]
    for line in lines:
        if line.level == 1:
            problems.append(problem("titre-niveau-1", raw.display, line.number, "corps"))
        elif line.level != body.SECTION_LEVEL and not line.code:
            problems += [problem(code, raw.display, line.number, "corps") for code in line_problems(line.text)]
    limit = policy().body_depth_max
    depth, depth_line = body.deepest(lines, limit)
    if depth_line:
        problems.append(problem("corps-trop-imbrique", raw.display, depth_line, "corps", niveaux=depth, maximum=limit))
    preamble, found = body.split(lines)
    if preamble.strip():
        problems.append(problem("texte-avant-section", raw.display, raw.body_line, "corps", section=expected[0]))
    titles = [title for title, _, _ in found]
    for title, lineno, _ in found:
        if title not in expected:
            problems.append(problem("section-inconnue", raw.display, lineno, f"corps.{title}", sections=", ".join(expected)))
        elif titles.count(title) > 1 and lineno != next(n for t, n, _ in found if t == title):
            problems.append(problem("section-en-double", raw.display, lineno, f"corps.{title}"))
    last_line = raw.body_line + raw.body.count("\n")
    for title in expected:
        if title not in titles:
            problems.append(problem("section-manquante", raw.display, last_line, f"corps.{title}", section=title))
    for title, lineno, text in found:
        if title in expected and not text.strip():
            problems.append(problem("section-vide", raw.display, lineno, f"corps.{title}"))
    present = [t for t in titles if t in expected]
    if present != sorted(present, key=expected.index):
        problems.append(problem("sections-desordre", raw.display, found[0][1], "corps", sections=", ".join(expected)))
    body_sections = [(title, text) for title, _, text in found if title in expected]
    return body_sections, problems


def check_territories(raw: RawSheet) -> tuple[list[Place], list[Problem]]:
    """Resolve territory codes from the raw data, so unknown codes are reported
    even when another field of the sheet fails the schema."""
    places: list[Place] = []
    problems: list[Problem] = []
    ref = territories()
    rules = policy()
    entries = raw.data.get("territoires")
    for i, terr in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(terr, dict):
            continue
        level = terr.get("niveau")
        codes = terr.get("codes") or []
        if level == rules.level.national or (level == rules.level.international and not codes):
            places.append(Place(level, "", rules.scopes[level]))
            continue
        for j, code in enumerate(codes if isinstance(codes, list) else []):
            if not isinstance(code, (str, int)) or isinstance(code, bool) or not isinstance(level, str):
                continue  # the schema reports the type
            place = ref.resolve(level, str(code))
            if place is None:
                loc = ("territoires", i, "codes", j)
                problems.append(problem("territoire-code-inconnu", raw.display, raw.line_of(loc), field_name(loc),
                                        code=code, niveau=level, conseil=ref.suggest(level, str(code))))
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
            problems.append(problem("outil-introuvable", raw.display, raw.line_of(loc), field_name(loc),
                                    slug=slug, suggestion=suggestion(close)))
    return problems


def check_slugs(sheets: list[Sheet], displays: set[str]) -> list[Problem]:
    """Slugs are unique within a kind and match their file names; problems of
    the sheets shown as `displays` only."""
    problems: list[Problem] = []
    by_slug: dict[tuple[str, str], list[Sheet]] = defaultdict(list)
    for s in sheets:
        by_slug[(s.kind, s.slug)].append(s)
        if s.path.stem != s.slug:
            problems.append(problem("slug-nom-de-fichier", s.raw.display, s.raw.line_of(("slug",)), "slug",
                                    fichier=s.path.name, slug=s.slug))
    for (_, slug), group in by_slug.items():
        if len(group) > 1:
            others = ", ".join(g.raw.display for g in group)
            for s in group:
                problems.append(problem("slug-en-double", s.raw.display, s.raw.line_of(("slug",)), "slug",
                                        slug=slug, fiches=others))
    return [p for p in problems if p.path in displays]


@contextmanager
def _gc_paused():
    """Validation keeps every sheet alive and makes no reference cycles worth
    collecting: the cyclic collector would rescan the growing bank over and
    over (a third of the time at 5,000 sheets)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class _FileCheck:
    """What one file gives on its own: everything but the checks across files."""

    raw: RawSheet | None
    problems: tuple[Problem, ...]
    sheet: Sheet | None


def _check_file(path: Path, display: str, data: bytes | None, read_problems: list[Problem]) -> _FileCheck:
    if data is None:
        return _FileCheck(None, tuple(read_problems), None)
    raw, problems = parse(path, display, data)
    if raw is None:
        return _FileCheck(None, tuple(problems), None)
    model, model_problems = check_model(raw)
    body, body_problems = check_body(raw)
    places, terr_problems = check_territories(raw)
    sheet = Sheet(raw, model, body, places) if model is not None else None
    found = problems + model_problems + body_problems + terr_problems + unfinished_problems(raw)
    return _FileCheck(raw, tuple(found), sheet)


class ValidationCache:
    """Per-file results of `validate`, reused while a file's bytes (and the way
    its path is shown) stay the same: the live preview re-checks only the sheets
    that changed, then redoes the cheap checks across files."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[bytes, str, _FileCheck]] = {}
        self._fresh: list[_FileCheck] = []
        self.rechecked: list[_FileCheck] = []  # the files the last validate() had to check again

    def check(self, path: Path, key: Path, display: str) -> _FileCheck:
        data, read_problems = read(path, display)
        hit = self._files.get(key)
        if data is not None and hit is not None and hit[0] == data and hit[1] == display:
            return hit[2]
        checked = _check_file(path, display, data, read_problems)
        self._fresh.append(checked)
        if data is None:
            self._files.pop(key, None)
        else:
            self._files[key] = (data, display, checked)
        return checked

    def end_round(self, keys: set[Path]) -> None:
        """Forget files that are gone; remember which files this round checked again."""
        for key in set(self._files) - keys:
            del self._files[key]
        self.rechecked, self._fresh = self._fresh, []


def validate(paths: list[Path], context: Path | None = None,
             cache: ValidationCache | None = None) -> tuple[Bank, list[Problem]]:
    """Check `paths` (files or folders) in the context of the bank in `context`.

    Problems are reported for `paths` only; the context supplies the other
    sheets that references and slugs are checked against. With a `cache`,
    files whose bytes did not change since the last call are not checked again.
    """
    with _gc_paused():
        return _validate(paths, context, cache)


def _validate(paths: list[Path], context: Path | None, cache: ValidationCache | None) -> tuple[Bank, list[Problem]]:
    resolve = Resolver()
    targets = collect_resolved(paths, resolve)
    target_set = {key for _, key in targets}
    files = targets + [(p, key) for p, key in collect_resolved([context] if context else [], resolve) if key not in target_set]
    cwd = Path.cwd().resolve()
    loaded: list[tuple[Path, bool, _FileCheck]] = []
    for path, key in files:
        display = display_path(path, key, cwd)
        if cache is None:
            checked = _check_file(path, display, *read(path, display))
        else:
            checked = cache.check(path, key, display)
        loaded.append((path, key in target_set, checked))
    if cache is not None:
        cache.end_round({key for _, key in files})
    # Every tool file counts, valid or not: a broken tool sheet is reported
    # once, not again in each experience that cites it.
    tool_slugs = {str(c.raw.data.get("slug") or path.stem) for path, _, c in loaded if c.raw and c.raw.kind == "outils"}
    problems: list[Problem] = []
    sheets: list[Sheet] = []
    target_sheets: list[Sheet] = []
    for _, is_target, checked in loaded:
        if checked.sheet is not None:
            sheets.append(checked.sheet)
            if is_target:
                target_sheets.append(checked.sheet)
        if is_target:
            problems += checked.problems
            if checked.raw is not None:
                problems += check_tool_references(checked.raw, tool_slugs)
    problems += check_slugs(sheets, {s.raw.display for s in target_sheets})
    bank = Bank(
        sorted((s for s in target_sheets if s.kind == "experiences"), key=lambda s: s.slug),
        sorted((s for s in target_sheets if s.kind == "outils"), key=lambda s: s.slug),
    )
    return bank, sorted(set(problems), key=reading_order)
