"""A problem found by any tool: loader, validator, review, link check, HTML scan.

Problems are values: every stage collects them and one reporter (report.py)
prints them all at once, as text, JSON or Markdown. A problem is made from its stable `code` by
`problem()`, which takes the French message and hint from the table in
messages.yml: code tests by code, people read the message.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MESSAGES = Path(__file__).with_name("messages.yml")


class Severity(StrEnum):
    ERROR = "erreur"  # blocks publication
    WARNING = "avertissement"  # for the committee to weigh


ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True)
class Problem:
    code: str  # stable kebab-case id, a key of messages.yml
    path: str  # the file, as shown to the user ("" when the problem has no file)
    line: int  # 1-based; 0 when unknown
    field: str  # where in the file: a dotted field, "corps.Titre", an HTML element…
    message: str  # French
    hint: str = ""  # French: what to do
    severity: Severity = ERROR

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message,
                "hint": self.hint, "severity": str(self.severity), "code": self.code}


def reading_order(p: Problem) -> tuple[str, int, str, str]:
    """The order problems are listed in: by file, line, field, then message."""
    return (p.path, p.line, p.field, p.message)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


class ProblemsError(Exception):
    """Raised when work must stop; carries the problems, for report.py to render.

    Its text is their messages, one a line: a build step's failure is one problem
    whose message says it all."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Template:
    message: str
    hint: str
    severity: Severity

    @property
    def parameters(self) -> frozenset[str]:
        return parameters(self.message) | parameters(self.hint)


@dataclass(frozen=True)
class Table:
    problems: dict[str, Template]
    fragments: dict[str, str]  # bits of French text the code puts into parameters
    pydantic: dict[str, str | dict[str, str]]  # pydantic error type -> code (or field name -> code)


def parameters(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@cache
def table() -> Table:
    # PyYAML's safe loader, not yaml_strict: the strict reader reports its own
    # problems from this table (tests/test_problem.py reads it strictly too).
    data = yaml.load(MESSAGES.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    problems = {}
    for code, entry in data["problemes"].items():
        severity = Severity(entry.get("gravite", ERROR))
        problems[code] = Template(_text(entry["message"], code), _text(entry.get("conseil", ""), code), severity)
    fragments = {name: _text(text, name) for name, text in data["fragments"].items()}
    return Table(problems, fragments, data["pydantic"])


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"messages.yml: {name}: texte attendu, trouvé {value!r}")
    return value


def _format(template: str, params: dict[str, Any]) -> str:
    # Always formatted, so « {{ » in a text without parameters shows as « { ».
    return template.format(**params)


def _check(name: str, expected: frozenset[str], params: dict[str, Any]) -> None:
    if set(params) != expected:
        raise TypeError(f"{name}: parameters {sorted(params)} given, {sorted(expected)} expected (messages.yml)")


def problem(code: str, /, path: str = "", line: int = 0, field: str = "", **params: Any) -> Problem:
    """The problem `code` at this place, its message and hint filled with `params`."""
    template = table().problems[code]
    _check(code, template.parameters, params)
    return Problem(code, path, line, field, _format(template.message, params), _format(template.hint, params),
                   template.severity)


def fragment(name: str, /, **params: Any) -> str:
    """A piece of French text from the table, for a parameter of a message."""
    text = table().fragments[name]
    _check(name, parameters(text), params)
    return _format(text, params)


def suggestion(close: list[str]) -> str:
    """« Vouliez-vous dire « x » ? », or nothing: the start of a hint."""
    return fragment("vouliez-vous-dire", proposition=close[0]) if close else ""


def field_name(loc: tuple) -> str:
    """A field's path as messages show it: « acteurs[1].nom »."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "fiche"
