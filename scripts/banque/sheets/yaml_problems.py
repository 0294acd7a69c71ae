"""French problems for what the YAML parser refuses, and for keys with invisible spaces.

libyaml speaks English (« did not find expected '-' indicator »): its message is
matched against the table in yaml_erreurs.yml and never shown. Where the parser's
words would mislead a person, the line itself is read: a value in « » or “ ”
that holds a colon, a character no value may start with.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from banque.sheets.problem import Problem, problem

FIELD = "yaml"
TABLE = Path(__file__).with_name("yaml_erreurs.yml")


@cache
def _table() -> dict[str, Any]:
    data = yaml.load(TABLE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {
        "motifs": [(row["motif"], row["code"]) for row in data["motifs"]],
        "guillemets": tuple(data["guillemets_typographiques"]),
        "espaces": dict(data["espaces_invisibles"]),
    }


def _value_part(line: str) -> str:
    """What follows the first « : » of a line, or a list item's dash."""
    head, sep, rest = line.partition(":")
    text = rest if sep else head
    return text.strip().removeprefix("- ").strip()


def parser_problem(exc: yaml.YAMLError, text: str, first: int) -> Problem:
    """The French problem for a YAML error; `first` is the file line of the text's first line."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    index = mark.line if mark else 0
    line = index + first
    detail = getattr(exc, "problem", "") or str(exc)
    source = text.split("\n")
    here = source[index] if index < len(source) else ""
    # libyaml does not name the tab in its message: look at the line itself.
    if "\t" in detail or "\t" in here:
        return problem("yaml-tabulation", line=line, field=FIELD)
    code = next((code for motif, code in _table()["motifs"] if motif in detail), "yaml-illisible")
    if code == "yaml-deux-points" and _value_part(here).startswith(_table()["guillemets"]):
        return problem("yaml-guillemets-typographiques", line=line, field=FIELD,
                       guillemet=_value_part(here)[0])
    if code == "yaml-caractere-initial":
        column = mark.column if mark else 0
        shown = here[column:column + 1] or "?"
        return problem(code, line=line, field=FIELD, caractere=shown)
    if code == "yaml-caractere-controle":
        return problem(code, line=line, field=FIELD)
    return problem(code, line=line, field=FIELD)


def invisible_space(key: str) -> str | None:
    """The French name of an invisible space in a key (« espace insécable »), if there is one."""
    for char in key:
        name = _table()["espaces"].get(char)
        if name:
            return name
    return None


def clean_key(key: str) -> str:
    """The key as the person meant it: without the invisible spaces around or inside it."""
    spaces = _table()["espaces"]
    return "".join(c for c in key if c not in spaces).strip()
