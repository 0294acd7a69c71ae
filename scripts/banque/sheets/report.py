"""The one reporter: problems as text (terminal), JSON (machines) or Markdown
(pull-request comments), and the French plural every summary line needs."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from banque.sheets.characters import CONTROL, INVISIBLE
from banque.sheets.problem import ERROR, Problem, errors

# A review's two groups, errors then warnings: heading, and what to say when empty.
_GROUPS = (("Erreurs bloquantes", "Aucune."), ("Avertissements éditoriaux", "Aucun."))


def plural(n: int, one: str, many: str | None = None) -> str:
    """The word for `n` things, in French: singular for 0 and 1."""
    return one if n <= 1 else (many if many is not None else one + "s")


def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {plural(n, one, many)}"


# -- one problem -------------------------------------------------------------------


def _shown(found: re.Match) -> str:
    char = found.group()
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def inert(text: str) -> str:
    """`text` as echoed to a terminal or a comment: every control or invisible character
    (an escape sequence, a bidi override, a NUL) written as `\\x1b`, `\\u202e`, never sent raw."""
    return INVISIBLE.sub(_shown, CONTROL.sub(_shown, text))


def where(p: Problem) -> str:
    if not p.line:
        return inert(p.path)
    return inert(f"{p.path}:{p.line}" if p.path else f"ligne {p.line}")


def text_lines(problems: Iterable[Problem], indent: str = "") -> list[str]:
    """`fichier:ligne: champ: message`, then `→ conseil` under it."""
    lines = []
    for p in problems:
        lines.append(indent + inert(": ".join(part for part in (where(p), p.field, p.message) if part)))
        if p.hint:
            lines.append(f"{indent}    → {inert(p.hint)}")
    return lines


def spoken(p: Problem, place: bool = True) -> str:
    """`fichier, ligne N : champ : message`, or `champ : message` under its file's name."""
    head = [f"{p.path}, ligne {p.line}"] if place else []
    return inert(" : ".join(part for part in head + [p.field, p.message] if part))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|@!~])")


def md_escape(text: str) -> str:
    """Text from a sheet, shown in a pull-request comment as text, never as markup or a mention."""
    return _MD_SPECIAL.sub(r"\\\1", inert(text))


# What GitHub turns into a live mention or link even in escaped text: « @name », « www. »,
# « scheme:// ». A zero-width space (as an entity, kept as written) breaks each one.
_LIVE = re.compile(r"@(?=\w)|www(?=\.)|:(?=//)", re.IGNORECASE)


def md_inert(text: str) -> str:
    """Untrusted text, one line, shown in a public comment as text: no markup, no HTML,
    no mention, no link, and no line of its own that could close a code fence."""
    line = " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text).split())
    return _LIVE.sub(lambda m: m.group() + "&#8203;", md_escape(line.replace("&", "&amp;")))


def markdown_lines(problems: Iterable[Problem]) -> list[str]:
    lines = []
    for p in problems:
        lines.append(f"- `{where(p)}` **{md_escape(p.field)}** : {md_escape(p.message)}")
        if p.hint:
            lines.append(f"  → {md_escape(p.hint)}")
    return lines


# -- a list of problems --------------------------------------------------------------


def as_text(problems: list[Problem], checked: int) -> str:
    """`banque valider`: every problem, then the verdict."""
    found = errors(problems)
    if not found:
        return f"✓ {count(checked, 'fiche')} {plural(checked, 'vérifiée')}, aucun problème."
    files = len({p.path for p in found})
    return "\n".join(text_lines(problems) + [
        "",
        f"✗ {count(len(found), 'erreur')} dans {count(files, 'fiche')} "
        f"(sur {checked} {plural(checked, 'vérifiée')}). Rien n'a été publié.",
    ])


def as_json(problems: list[Problem], checked: int) -> str:
    return json.dumps(
        {"fiches_verifiees": checked, "problemes": [p.as_dict() for p in problems]},
        ensure_ascii=False,
        indent=2,
    )


def _grouped(problems: list[Problem]) -> list[tuple[str, list[Problem], str]]:
    chosen = errors(problems), [p for p in problems if p.severity != ERROR]
    return [(heading, items, none) for (heading, none), items in zip(_GROUPS, chosen, strict=True)]


def as_grouped_text(problems: list[Problem]) -> str:
    """Blocking errors, then warnings, each under its heading (`banque relire`)."""
    blocks = []
    for heading, items, none in _grouped(problems):
        lines = [f"{heading} ({len(items)}) :"] + text_lines(items, "  ") if items else [f"{heading} : {none.lower()}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def as_markdown(problems: list[Problem]) -> str:
    """Blocking errors, then warnings, as sections of a pull-request comment."""
    blocks = []
    for heading, items, none in _grouped(problems):
        blocks.append("\n".join([f"### {heading} ({len(items)})", ""] + (markdown_lines(items) or [none])))
    return "\n\n".join(blocks)


def as_list(problems: list[Problem], title: str, advice: str = "", limit: int = 50) -> str:
    """A title, the first `limit` problems as a bulleted list, then what to do."""
    lines = [title] + [f"  - {spoken(p)}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  … et {count(len(problems) - limit, 'autre')}.")
    if advice:
        lines.append(f"  {advice}")
    return "\n".join(lines)
