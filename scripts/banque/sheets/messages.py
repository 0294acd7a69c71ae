"""pydantic's English errors, rewritten in French through the table in messages.yml.

The table's `pydantic` section maps each pydantic error type (and, for some,
the field's name) to a problem code; the code's message names the parameters
it needs, computed here from the error. Unknown types get a generic code that
still names the field.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from banque.sheets.models import submodel
from banque.sheets.problem import fragment, suggestion, table

ANY = "*"


@dataclass
class _Error:
    err: Mapping[str, Any]  # one of ValidationError.errors()
    field: str  # dotted, as shown
    model: type[BaseModel]
    loc: tuple

    @property
    def name(self) -> str:
        """The field's own name: `outils` for `outils[2]`, `fin` for `periode.fin`."""
        return self.field.rsplit(".", 1)[-1].split("[")[0]

    @property
    def ctx(self) -> Mapping[str, Any]:
        return self.err.get("ctx", {})

    @cached_property
    def allowed(self) -> list[str]:
        """For an unknown key: the field names allowed beside it."""
        return _fields_of(self.model, self.loc[:-1])

    @cached_property
    def options(self) -> list[str]:
        """For a value outside a list of choices: the choices."""
        expected = self.ctx.get("expected", "")
        return [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]

    def closest(self, value: str, choices: list[str]) -> str:
        return suggestion(difflib.get_close_matches(value, choices, n=1, cutoff=0.6))


def _value(e: _Error) -> str:
    value = e.err.get("input")
    if isinstance(value, list):
        return fragment("valeur-liste")
    if isinstance(value, dict):
        return fragment("valeur-groupe")
    return fragment("valeur-citee", valeur=value)


def _detail(e: _Error) -> str:
    message = e.err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return message


def _suggestion(e: _Error) -> str:
    if e.err["type"] == "extra_forbidden":
        return e.closest(str(e.loc[-1]), e.allowed)
    return e.closest(str(e.err.get("input")), e.options)


# Every parameter a pydantic message may name, computed only when it does.
PARAMETERS: dict[str, Callable[[_Error], Any]] = {
    "valeur": _value,
    "nom": lambda e: e.field.rsplit(".", 1)[-1],
    "detail": _detail,
    "type": lambda e: e.err["type"],
    "suggestion": _suggestion,
    "champs": lambda e: ", ".join(e.allowed),
    "options": lambda e: ", ".join(e.options),
    "longueur_min": lambda e: e.ctx["min_length"],
    "longueur_max": lambda e: e.ctx["max_length"],
    "taille": lambda e: len(str(e.err.get("input", ""))),
    "min": lambda e: e.ctx["ge"],
    "max": lambda e: e.ctx["le"],
}


def _fields_of(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at `loc` (the parent of an unknown key)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        annotation = current.model_fields[part].annotation
        current = submodel(annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def code_of(kind: str, name: str) -> str:
    """The problem code for a pydantic error type, on the field called `name`."""
    codes = table().pydantic
    entry = codes.get(kind, codes[ANY])
    if isinstance(entry, dict):
        return entry.get(name, entry[ANY])
    return entry


def translate(err: Mapping[str, Any], field: str, model: type[BaseModel], loc: tuple) -> tuple[str, dict[str, Any]]:
    """The problem code for one pydantic error, and the parameters of its message."""
    e = _Error(err, field, model, loc)
    code = code_of(err["type"], e.name)
    if code == "champ-inconnu" and not e.allowed:
        code = "champ-inconnu-a-retirer"  # no list of fields to offer
    return code, {name: PARAMETERS[name](e) for name in table().problems[code].parameters}
