"""Writing a sheet file: the inverse of sheets/load.py.

Values go through PyYAML's safe dumper, never string concatenation, so a
title typed by an editor or a correspondent can never become YAML structure.
A new sheet is checked in the context of the bank before it exists, then
written without ever replacing a file.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from banque.sheets.check import validate
from banque.sheets.collect import display_path
from banque.sheets.load import SCHEMA_FILES, load
from banque.sheets.models import KINDS
from banque.sheets.problem import Problem

FOLD_WIDTH = 88  # where the front matter's long values go on to the next line
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with lists indented under their key (the house style)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def represent_list(self, data):
        # Lists of codes or ids on one line, as editors write them: codes: ['93066']
        flat = all(isinstance(item, (str, int)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat or None)

    def represent_str(self, data):
        # A line break is written as an escape between double quotes: the value
        # stays on its line, and no break (U+0085 included) is folded into a space.
        style = '"' if any(c in data for c in _BREAKS) else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_BREAKS = "\n\r\x85\u2028\u2029"
_Dumper.add_representer(list, _Dumper.represent_list)
_Dumper.add_representer(str, _Dumper.represent_str)


def schema_line(kind: str) -> str:
    """The comment that tells editors' tools which JSON schema checks the sheet."""
    return f"# yaml-language-server: $schema=../../schema/{SCHEMA_FILES[kind]}"


def fields_yaml(kind: str, data: dict) -> str:
    """The front matter of `data` as YAML, fields in the schema's order."""
    ordered = {name: data[name] for name in KINDS[kind].model_fields if name in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})  # unknown fields: the schema reports them
    return yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=FOLD_WIDTH, default_flow_style=False)


def scalar(value: Any) -> str:
    """One value as YAML text on one line, after « key: », quoted whenever a reader could misread it."""
    if value is None:
        return ""
    if isinstance(value, str) and _DATE.match(value):
        return value  # the strict reader keeps dates as text; the house style leaves them bare
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=float("inf"),
                     default_flow_style=isinstance(value, (list, dict)))
    return text.removesuffix("\n").removesuffix("\n...").strip()


def compose(kind: str, front: str, sections: list[tuple[str, str]]) -> str:
    """A sheet's text: front matter (YAML lines, each ending with a line break), then
    its sections as (title, Markdown); an untitled section is written as it is."""
    text = f"---\n{schema_line(kind)}\n{front}---\n"
    if not sections:
        return text
    parts = [f"## {title}\n\n{markdown}" if title else markdown for title, markdown in sections]
    return text + "\n" + "\n\n".join(parts) + "\n"


def used_slugs(content: Path, kind: str) -> set[str]:
    """Slugs taken in one kind: file names and `slug:` values (they may differ in a broken sheet)."""
    found: set[str] = set()
    for path in sorted((content / kind).glob("*.md")):
        found.add(path.stem)
        raw, _ = load(path)
        if raw is not None and isinstance(raw.data.get("slug"), str):
            found.add(raw.data["slug"])
    return found


def check_text(kind: str, slug: str, text: str, content: Path | None, shown: Path) -> list[Problem]:
    """Validate a sheet before it exists, in the context of the bank.

    The text is written to a scratch folder named like the real one (the
    loader infers the kind from it); problems are reported under `shown`.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / kind / f"{slug}.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        _, problems = validate([path], content if content and content.exists() else None)
    return [replace(p, path=display_path(shown)) for p in problems]


def write_new(path: Path, text: str) -> None:
    """Create the sheet file; FileExistsError if one is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)


def replace_field(text: str, key: str, value: Any, after: str | None = None) -> str:
    """The sheet's text with one top-level field of its front matter written anew, every other
    byte as it was. A missing field is added after the field `after` (or at the end of the
    front matter). The value is written by the safe dumper, in the house style."""
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip("\r\n") == "---"), None)
    if not lines or lines[0].rstrip("\r\n") != "---" or end is None:
        raise ValueError("front matter not found")
    block = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=FOLD_WIDTH,
                      default_flow_style=False)
    block = "\n".join(_bare_dates(line) for line in block.split("\n"))
    start, stop = _field_lines(lines, end, key)
    if start is None:
        anchor = _field_lines(lines, end, after)[1] if after else None
        start = stop = anchor if anchor is not None else end
    return "".join(lines[:start]) + block + "".join(lines[stop:])


def _field_lines(lines: list[str], end: int, key: str | None) -> tuple[int | None, int | None]:
    """The [start, stop) lines of a top-level field: its key, then its indented or listed lines."""
    for i in range(1, end):
        if key and lines[i].startswith(f"{key}:"):
            stop = i + 1
            while stop < end and (lines[stop][:1] in (" ", "\t", "-") or not lines[stop].strip()):
                stop += 1
            return i, stop
    return None, None


_QUOTED_DATE = re.compile(r"^(\s*[\w-]+: )'(\d{4}-\d{2}(?:-\d{2})?)'$")


def _bare_dates(line: str) -> str:
    """« date: '2026-03-03' » → « date: 2026-03-03 »: the strict reader keeps dates as text,
    and the house style leaves them bare."""
    return _QUOTED_DATE.sub(r"\1\2", line)
