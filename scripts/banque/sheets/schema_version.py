"""The published version of the sheet format, and what breaks old sheets.

The format follows schema.data.gouv.fr's conventions for JSON Schema
repositories: schema/schemas.yml (title, description, the schemas and their
examples, and here the version), schema/CHANGELOG.md, an example of each kind
in schema/exemples/, a French documentation generated from the models
(schema_doc.py). The version is semantic: a change that old sheets would fail
(a field removed or newly required, a value removed from a list, a tighter
limit) needs a new major version.

Each published major keeps, in schema/versions/<major>/, the JSON Schema and
the examples it was published with. `breaking_changes` compares that snapshot
with the models' schema today; `banque schema --verifier` and the tests refuse
a break within the same major.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from banque.paths import SCHEMA
from banque.sheets.problem import Problem, problem
from banque.sheets.yaml_strict import load_data_file

METADATA = SCHEMA / "schemas.yml"
VERSIONS = SCHEMA / "versions"
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# Limits that a larger (min…) or smaller (max…) value makes stricter.
_LOWER = ("minLength", "minItems", "minimum", "exclusiveMinimum")
_UPPER = ("maxLength", "maxItems", "maximum", "exclusiveMaximum")


@cache
def metadata() -> dict[str, Any]:
    data = load_data_file(METADATA.read_text(encoding="utf-8"), str(METADATA))
    if not isinstance(data, dict) or not _SEMVER.match(str(data.get("version", ""))):
        raise ValueError(f"{METADATA}: « version » must be a semantic version (1.0.0)")
    return data


def version() -> str:
    """The version of the sheet format, e.g. "1.0.0"."""
    return str(metadata()["version"])


def major(text: str | None = None) -> int:
    return int((text or version()).split(".")[0])


def snapshot_dir(number: int | None = None):
    """Where the schema of a published major is kept (schema/versions/1/)."""
    return VERSIONS / str(major() if number is None else number)


# -- what breaks old sheets ---------------------------------------------------------

def _resolve(node: dict, root: dict) -> dict:
    """`node`, or the definition its local "$ref" points to."""
    for _ in range(20):  # a chain of references, never a loop
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            break
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def _branches(node: dict) -> list[dict]:
    return node.get("anyOf") or node.get("oneOf") or [node]


def _key(node: dict, root: dict) -> str:
    """What a union branch is, to pair old and new branches: its type or its model."""
    if "$ref" in node:
        return str(node["$ref"]).rsplit("/", 1)[-1]
    resolved = _resolve(node, root)
    return str(resolved.get("type") or resolved.get("const") or resolved.get("title") or "")


class _Compare:
    def __init__(self, old_root: dict, new_root: dict, path: str):
        self.old_root, self.new_root, self.path = old_root, new_root, path
        self.found: list[Problem] = []
        self._seen: set[tuple[int, int]] = set()

    def flag(self, code: str, field: str, **params: Any) -> None:
        self.found.append(problem(code, self.path, 0, field or "(fiche)", **params))

    def node(self, old: dict, new: dict, field: str) -> None:
        if (id(old), id(new)) in self._seen:
            return
        self._seen.add((id(old), id(new)))
        old_b, new_b = _branches(old), _branches(new)
        if len(old_b) > 1 or len(new_b) > 1:
            pairs = {_key(b, self.new_root): b for b in new_b}
            for branch in old_b:
                match = pairs.get(_key(branch, self.old_root))
                if match is None:
                    self.flag("schema-forme-retiree", field, forme=_key(branch, self.old_root))
                else:
                    self.node(branch, match, field)
            return
        self.single(_resolve(old, self.old_root), _resolve(new, self.new_root), field)

    def single(self, old: dict, new: dict, field: str) -> None:
        old_types, new_types = _types(old), _types(new)
        for lost in sorted(old_types - new_types):
            if new_types:
                self.flag("schema-forme-retiree", field, forme=lost)
        if "enum" in old and "enum" in new:
            for value in old["enum"]:
                if value not in new["enum"]:
                    self.flag("schema-valeur-retiree", field, valeur=value)
        if "const" in old and new.get("const", old["const"]) != old["const"]:
            self.flag("schema-valeur-retiree", field, valeur=old["const"])
        for name in _LOWER + _UPPER:
            before, after = old.get(name), new.get(name)
            tighter = after is not None and (before is None or (after > before if name in _LOWER else after < before))
            if tighter:
                self.flag("schema-limite-resserree", field, limite=name, avant=before if before is not None else "—", apres=after)
        if new.get("pattern") and new.get("pattern") != old.get("pattern"):
            self.flag("schema-limite-resserree", field, limite="pattern", avant=old.get("pattern") or "—", apres=new["pattern"])
        for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
            self.flag("schema-champ-exige", _join(field, name), champ=_join(field, name))
        new_props = new.get("properties", {})
        for name, sub in old.get("properties", {}).items():
            if name not in new_props:
                if new.get("additionalProperties", True) is False:
                    self.flag("schema-champ-retire", _join(field, name), champ=_join(field, name))
            else:
                self.node(sub, new_props[name], _join(field, name))
        if isinstance(old.get("items"), dict) and isinstance(new.get("items"), dict):
            self.node(old["items"], new["items"], field)


def _types(node: dict) -> set[str]:
    value = node.get("type")
    return set(value) if isinstance(value, list) else {value} if value else set()


def _join(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name


def breaking_changes(old: dict, new: dict, path: str = "") -> list[Problem]:
    """What a sheet valid under JSON Schema `old` could fail under `new`."""
    compare = _Compare(old, new, path)
    compare.node(old, new, "")
    return compare.found
