"""Check JSON-LD against schema.org without the network: pyld expands it with a
local copy of the context (schemaorg/contexte.jsonld), then every type and
property must be in the committed part of the vocabulary
(schemaorg/vocabulaire.json), each property on a type of its domain, each
value of its range. A Role (OrganizationRole) may stand for the value of any
property: it then holds that same property, as schema.org's role pattern says."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from pyld import jsonld

HERE = Path(__file__).resolve().parent / "schemaorg"
SCHEMA = "http://schema.org/"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@cache
def vocabulary() -> dict:
    return json.loads((HERE / "vocabulaire.json").read_text(encoding="utf-8"))


def _loader(url: str, options=None) -> dict:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        document = json.loads((HERE / "contexte.jsonld").read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise jsonld.JsonLdError(f"no network in the tests: {url}", "jsonld.LoadDocumentError", code="loading document failed")


def expand(data: dict) -> list[dict]:
    return jsonld.expand(data, {"documentLoader": _loader})


def ancestors(name: str) -> set[str]:
    classes = vocabulary()["classes"]
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in classes and current not in found:
            found.add(current)
            todo += classes[current]
    return found


def _local(iri: str) -> str:
    return iri[len(SCHEMA):] if iri.startswith(SCHEMA) else iri


def _literal_fits(value: object, ranges: set[str]) -> bool:
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, (int, float)):
        return "Number" in ranges
    text = str(value)
    return bool(ranges & {"Text", "URL"}) or (bool(ranges & {"Date", "DateTime"}) and bool(DATE.match(text)))


def problems(data: dict) -> list[str]:
    """Everything in `data` that the vocabulary does not allow, one line each."""
    found: list[str] = []
    for node in expand(data):
        _node(node, "", found)
    return found


def _node(node: dict, role_of: str, found: list[str]) -> set[str]:
    types = [_local(t) for t in node.get("@type", [])]
    if not types:
        found.append(f"node without @type: {node}")
    kinds: set[str] = set()
    for t in types:
        if t not in vocabulary()["classes"]:
            found.append(f"unknown type {t}")
        kinds |= ancestors(t)
    properties = vocabulary()["properties"]
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = _local(key)
        spec = properties.get(name)
        if spec is None:
            found.append(f"unknown property {key}")
            continue
        wrapped = "Role" in kinds and name == role_of and not set(spec["domain"]) & kinds
        if not wrapped and not set(spec["domain"]) & kinds:
            found.append(f"{name} not on {types}")
        for value in values:
            _value(name, value, set(spec["range"]), found)
    return kinds


def _value(name: str, value: dict, ranges: set[str], found: list[str]) -> None:
    if "@value" in value:
        if not _literal_fits(value["@value"], ranges):
            found.append(f"{name}: literal {value['@value']!r} is not {sorted(ranges)}")
    elif set(value) == {"@id"}:
        if "URL" not in ranges:
            found.append(f"{name}: a link, not {sorted(ranges)}")
    else:
        kinds = _node(value, name, found)
        if "Role" not in kinds and not ranges & kinds:
            found.append(f"{name}: {sorted(kinds)} is not {sorted(ranges)}")
