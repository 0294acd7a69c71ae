"""`banque nouvelle-fiche`: an empty sheet that explains itself.

Comments are generated from the pydantic Field descriptions, so the template
never drifts from the schema. Values go through the sheet writer's safe dumper
(sheets/writer.py): a title typed by an editor can never become YAML structure.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from banque.sheets.collect import display_path
from banque.sheets.models import KINDS, TO_IDENTIFY, submodel
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError, errors, fragment, problem
from banque.sheets.text import sheet_slug
from banque.sheets.vocabulary import sections, vocabulary
from banque.sheets.writer import check_text, compose, scalar, used_slugs, write_new

TODO = policy().unfinished
WIDTH = 100

def _is_list(field: FieldInfo) -> bool:
    return get_origin(field.annotation) is list


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH - len(indent), initial_indent=indent + "# ", subsequent_indent=indent + "# ",
                         break_long_words=False, break_on_hyphens=False)


def _describe(field: FieldInfo) -> str:
    need = "obligatoire" if field.is_required() else "facultatif"
    return f"{field.description} ({need})"


def example(model: type[BaseModel]) -> dict:
    """A complete example of `model` from the Field examples: every sub-field shown,
    optional plain values left empty (an example address would be wrong for most)."""
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        nested = submodel(field.annotation)
        if nested is not None:
            values[name] = [example(nested)] if _is_list(field) else example(nested)
        elif field.is_required():
            values[name] = field.examples[0] if field.examples else None
        else:
            values[name] = field.get_default(call_default_factory=True)
    return values


def render_fields(model: type[BaseModel], values: dict, indent: str = "", extra: dict | None = None) -> list[str]:
    """Every field of `model`, each under its description; `extra` adds comment lines after a field."""
    lines: list[str] = []
    for name, field in model.model_fields.items():
        value = values[name] if name in values else field.get_default(call_default_factory=True)
        lines += _comment(_describe(field), indent)
        lines += _entry(name, value, field, indent)
        lines += [f"{indent}# {line}" for line in (extra or {}).get(name, [])]
    return lines


def _entry(name: str, value: Any, field: FieldInfo, indent: str) -> list[str]:
    nested = submodel(field.annotation)
    if nested is not None and isinstance(value, dict):
        return [f"{indent}{name}:"] + render_fields(nested, value, indent + "  ")
    if nested is not None and isinstance(value, list) and value:
        lines = [f"{indent}{name}:"]
        for item in value:
            item_lines = render_fields(nested, item, indent + "    ")
            first = next(i for i, line in enumerate(item_lines) if not line.lstrip().startswith("#"))
            # Comments above the first key sit with the dash, not deeper than it.
            lines += [indent + "  " + line[len(indent) + 4:] for line in item_lines[:first]]
            lines.append(indent + "  - " + item_lines[first][len(indent) + 4:])
            lines += item_lines[first + 1:]
        return lines
    lines = [f"{indent}{name}: {scalar(value)}".rstrip()]
    if nested is not None:
        # No value yet (none, empty list, "à identifier"): show the structure as
        # a commented model the editor uncomments when the information arrives.
        sample = example(nested)
        block = _entry(name, [sample] if _is_list(field) else sample, field, "")
        # Model lines start with « # » and nothing else: removing it gives the
        # right indentation (a space left behind would break the YAML).
        lines.append(f"{indent}# {fragment('modele-a-decommenter')}")
        lines += [f"{indent}#{line}" for line in block]
    return lines


# -- the template --------------------------------------------------------------


def _first(name: str) -> str:
    return vocabulary(name).ids[0]


def draft_values(kind: str, slug: str, title: str, today: dt.date) -> dict:
    """Placeholders that validate as a draft; the comments list the real choices."""
    rules = policy()
    source = [{"titre": f"{TODO} — titre du document d'où viennent les faits"}]
    national = [{"niveau": rules.level.national, "codes": []}]
    if kind == "outils":
        return {
            "slug": slug, "titre": title, "type": _first("types_outils"), "organisation": TODO,
            "territoires": national, "publics": [_first("types_acteurs")], "themes": [_first("themes")],
            "sources": source, "situation": f"{today:%Y-%m}", "statut": rules.status.draft,
        }
    return {
        "slug": slug,
        "titre": title,
        "resume": f"{TODO} — deux ou trois phrases qui présentent l'expérience et se lisent seules "
                  f"({rules.summary_min} à {rules.summary_max} caractères).",
        "nature": _first("natures"),
        "modeles": [{"modele": _first("modeles"), "justification": f"{TODO} — pourquoi ce modèle s'applique."}],
        "territoires": national,
        "themes": [_first("themes")],
        "acteurs": [{"nom": TODO, "type": _first("types_acteurs"), "role": _first("roles")}],
        "periode": {"debut": today.year},
        "sources": source,
        "referent": TO_IDENTIFY,
        "situation": f"{today:%Y-%m}",
        "statut": rules.status.draft,
    }


def render(kind: str, slug: str, title: str, today: dt.date, tools: list[str] | None = None) -> str:
    values = draft_values(kind, slug, title, today)
    extra = {}
    if kind == "experiences":
        listed = ", ".join(tools) if tools else "aucun pour l'instant"
        extra["outils"] = [f"Outils du répertoire : {listed}."]
    front = "".join(line + "\n" for line in render_fields(KINDS[kind], values, extra=extra))
    body = [(heading, f"{TODO} : {help_text[0].lower()}{help_text[1:]}") for heading, help_text in sections()[kind]]
    return compose(kind, front, body)


def create(title: str, kind: str, content: Path, today: dt.date) -> Path:
    """Write the new sheet and return its path, or raise ProblemsError (nothing written):
    its first problem says why, the others are the validation errors it stands for."""
    title = " ".join(title.split())
    slug = sheet_slug(title)
    if len(slug) < 3:
        raise ProblemsError([problem("nouvelle-fiche-titre-inutilisable", titre=title)])
    path = content / kind / f"{slug}.md"
    if path.exists():
        raise ProblemsError([problem("nouvelle-fiche-existe", fichier=display_path(path))])
    if slug in used_slugs(content, kind):
        raise ProblemsError([problem("nouvelle-fiche-slug-pris", slug=slug)])
    tools = sorted(used_slugs(content, "outils")) if kind == "experiences" else None
    text = render(kind, slug, title, today, tools)
    found = errors(check_text(kind, slug, text, content, path))
    if found:
        raise ProblemsError([problem("nouvelle-fiche-invalide"), *found])
    write_new(path, text)
    return path
