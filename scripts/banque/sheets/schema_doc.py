"""The field-by-field French documentation of the sheet format
(schema/documentation.md), generated from the models' JSON Schema: each field's
type, whether it is required, its description (the pydantic Field
descriptions), its limits and an example."""

from __future__ import annotations

import json
from typing import Any

from banque.sheets.models import KINDS
from banque.sheets.schema_version import metadata, version

NBSP = "\u00a0"
TITLES = {"experiences": "Fiche expérience", "outils": "Fiche outil"}
# The French name of each group of fields (a sub-model of models.py).
GROUPS = {
    "ModelUse": "Modèle de partenariat", "TerritoryRef": "Territoire", "Actor": "Acteur", "Period": "Période",
    "Indicator": "Indicateur", "Source": "Source", "Consent": "Consentement", "Referent": "Référent",
    "Review": "Relecture",
}
_TYPES = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": f"booléen (`true`{NBSP}/ `false`)",
          "null": "vide (`null`)", "object": "groupe de champs"}
_LIMITS = {
    "minLength": "au moins {} caractères", "maxLength": "au plus {} caractères",
    "minItems": "au moins {} élément(s)", "maxItems": "au plus {} élément(s)",
    "minimum": "au moins {}", "maximum": "au plus {}",
}


def _anchor(name: str) -> str:
    return "groupe-" + name.lower()


def _kind(node: dict[str, Any]) -> str:
    """A field's type, in French."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"groupe [{GROUPS.get(name, name)}](#{_anchor(name)})"
    for union in ("anyOf", "oneOf"):
        if union in node:
            return f" ou{NBSP}".join(_kind(b) for b in node[union] if b.get("type") != "null")
    if "const" in node:
        return f"«{NBSP}{node['const']}{NBSP}»"
    if node.get("type") == "array":
        items = node.get("items", {})
        return "liste de valeurs de la liste" if "enum" in items else f"liste de {_kind(items)}"
    if node.get("format") == "date":
        return "date (AAAA-MM-JJ)"
    if "enum" in node:
        return "une valeur de la liste"
    return _TYPES.get(str(node.get("type")), "valeur")


def _limits(node: dict[str, Any]) -> str:
    found = [text.format(node[key]) for key, text in _LIMITS.items() if key in node]
    for union in ("anyOf", "oneOf"):
        for branch in node.get(union, []):
            found += [text.format(branch[key]) for key, text in _LIMITS.items() if key in branch]
    items = node.get("items", {}) if node.get("type") == "array" else {}
    found += ["chacun " + text.format(items[key]) for key, text in _LIMITS.items() if key in items]
    values = node.get("enum") or items.get("enum") or []
    # Vocabulary fields already list their values, with labels, in their description.
    if values and not all(f"`{v}`" in node.get("description", "") for v in values):
        found.append("valeurs" + NBSP + ": " + ", ".join(f"`{v}`" for v in values))
    return (NBSP + "; ").join(found)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    lines = ["| Champ | Type | Obligatoire | Description | Limites | Exemple |", "| --- | --- | --- | --- | --- | --- |"]
    for name, node in schema.get("properties", {}).items():
        example = node.get("examples", [None])[0] if node.get("examples") else None
        shown = f"`{json.dumps(example, ensure_ascii=False)}`" if example is not None else ""
        lines.append("| " + " | ".join([
            f"`{name}`", _kind(node), "oui" if name in required else "non", _cell(node.get("description", "")),
            _cell(_limits(node)), _cell(shown),
        ]) + " |")
    return lines


def render() -> str:
    """The documentation of every kind of sheet and of their groups of fields."""
    meta = metadata()
    out = [
        f"# Format des fiches, version {version()}",
        "",
        "<!-- Fichier généré par « banque schema » à partir des modèles (scripts/banque/sheets/models.py) : ne pas modifier à la main. -->",
        "",
        " ".join(str(meta["description"]).split()),
        "",
        "Une fiche est un fichier Markdown dont l'en-tête YAML suit ce format. Les schémas JSON "
        "(`experience.schema.json`, `outil.schema.json`) en sont la version lisible par les machines, "
        "les exemples valides sont dans `exemples/` et l'historique des versions dans `CHANGELOG.md`.",
        "",
    ]
    groups: dict[str, dict[str, Any]] = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        groups.update(schema.get("$defs", {}))
        out += [f"## {TITLES[kind]}", "", *_table(schema), ""]
    out += ["## Groupes de champs", ""]
    for name in sorted(groups, key=lambda n: GROUPS.get(n, n)):
        # An HTML anchor: read on the forge as well as by Markdown tools.
        out += [f'<a id="{_anchor(name)}"></a>', "", f"### {GROUPS.get(name, name)}", "", *_table(groups[name]), ""]
    return "\n".join(out).rstrip() + "\n"
