"""A strict YAML reader: YAML 1.2 core scalars, no anchors, no tags, no duplicate keys.

PyYAML implements YAML 1.1, where `NO` is false, `01000` is 512 and `1:30`
is 90. Editors type codes and words, so we resolve only a small, safe set of
plain scalars ourselves and keep everything else as text. Dates stay text too:
the schema validates them and gives a French error, instead of YAML silently
turning `2015-02-30` into a crash or `2015-1-8` into a string.

Every value is returned with a map from its path to its line, so a schema
error can point at the line an editor must change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

# YAML 1.2 core schema, narrowed: no octal/hex, no leading zeros (codes such as
# "01000" or "01" must stay text), lowercase-only booleans as in JSON.
_NULL = re.compile(r"^(?:~|null|Null|NULL)?$")
_BOOL = {"true": True, "false": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$")


@dataclass
class YamlIssue:
    """A problem found while reading YAML; `line` is 1-based within the YAML text."""

    line: int
    message: str
    hint: str
    field: str = ""


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)


# libyaml's parser is several times faster; we only use it to scan and compose.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scan_events(text: str, first: int) -> list[YamlIssue]:
    """Refuse anchors, aliases and explicit tags before anything is composed.

    Checking events first means an alias bomb is rejected before any
    expansion. Only the first anchor and the first alias are reported, with a
    count, so a bomb does not flood the report.
    """
    issues: list[YamlIssue] = []
    anchors: list[tuple[int, str]] = []
    aliases: list[tuple[int, str]] = []
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + first
        if isinstance(event, AliasEvent):
            aliases.append((line, event.anchor))
            continue
        anchor = getattr(event, "anchor", None)
        if anchor:
            anchors.append((line, anchor))
        tag = getattr(event, "tag", None)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            issues.append(
                YamlIssue(
                    line,
                    f"étiquette YAML « {shown} » interdite",
                    "Retirez l'étiquette (!!…) ; mettez la valeur entre guillemets si c'est du texte.",
                )
            )
    for found, sign, what, hint in (
        (anchors, "&", "ancre", "Retirez les ancres (&…) : chaque fiche écrit ses valeurs en toutes lettres."),
        (aliases, "*", "alias", "Recopiez la valeur au lieu d'utiliser une ancre (&) et un alias (*)."),
    ):
        if found:
            line, name = found[0]
            more = f" (et {len(found) - 1} autre(s))" if len(found) > 1 else ""
            issues.append(YamlIssue(line, f"{what} YAML « {sign}{name} » interdit(e){more}", hint))
    return sorted(issues, key=lambda i: i.line)


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _key_text(node: Any) -> str:
    return node.value if isinstance(node, ScalarNode) else "?"


def _construct(node: Any, path: Path, doc: YamlDocument, issues: list[YamlIssue], first: int) -> Any:
    doc.lines[path] = node.start_mark.line + first
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_construct(item, path + (i,), doc, issues, first) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                issues.append(
                    YamlIssue(
                        key_node.start_mark.line + first,
                        "clé complexe interdite",
                        "Une clé est un simple mot suivi de « : ».",
                    )
                )
                continue
            key = _key_text(key_node)
            line = key_node.start_mark.line + first
            dotted = ".".join(str(p) for p in path + (key,))
            if key in first_line:
                issues.append(
                    YamlIssue(
                        line,
                        f"clé « {key} » en double (lignes {first_line[key]} et {line})",
                        "Gardez une seule de ces deux lignes : YAML ne garderait que la dernière, en silence.",
                        dotted,
                    )
                )
                continue
            first_line[key] = line
            result[key] = _construct(value_node, path + (key,), doc, issues, first)
            doc.lines[path + (key,)] = line
        return result
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - composer emits only these


def _yaml_error(exc: yaml.YAMLError, text: str, first: int) -> YamlIssue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    index = mark.line if mark else 0
    line = index + first
    problem = getattr(exc, "problem", "") or str(exc)
    source_lines = text.split("\n")
    # libyaml does not name the tab in its message: look at the line itself.
    if "\t" in problem or (index < len(source_lines) and "\t" in source_lines[index]):
        return YamlIssue(
            line,
            "tabulation interdite dans l'indentation YAML",
            "Remplacez les tabulations par des espaces (deux espaces par niveau).",
        )
    if "mapping values are not allowed" in problem:
        return YamlIssue(
            line,
            "deux-points « : » inattendu",
            "Mettez la valeur entre guillemets si elle contient « : », ou vérifiez l'indentation.",
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return YamlIssue(
            line,
            "structure YAML incorrecte (indentation ou deux-points manquant)",
            "Vérifiez l'indentation de cette ligne et de la précédente, et le « : » après chaque clé.",
        )
    if "found unexpected end of stream" in problem or "found unknown escape" in problem:
        return YamlIssue(
            line,
            "guillemets non refermés ou échappement invalide",
            "Refermez les guillemets ouverts sur cette ligne.",
        )
    return YamlIssue(
        line,
        f"YAML illisible ({problem})",
        "Vérifiez l'indentation, les deux-points et les guillemets de cette ligne.",
    )


def parse(text: str, first: int = 1) -> tuple[YamlDocument | None, list[YamlIssue]]:
    """Parse one YAML document strictly; `first` is the file line of the text's first line.

    Returns (document, issues). The document is None when the YAML cannot be
    read at all; duplicate keys are issues but the document is still returned
    (keeping the first value) so the schema can report its own problems too.
    """
    try:
        issues = _scan_events(text, first)
        if issues:
            return None, issues
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        return None, [_yaml_error(exc, text, first)]
    doc = YamlDocument(data=None)
    if node is None:
        doc.data = {}
        return doc, []
    construct_issues: list[YamlIssue] = []
    doc.data = _construct(node, (), doc, construct_issues, first)
    return doc, construct_issues


def load_data_file(text: str, name: str) -> Any:
    """Parse one of the project's own YAML data files; raise on any issue."""
    doc, issues = parse(text)
    if doc is None or issues:
        detail = "; ".join(f"ligne {i.line}: {i.message}" for i in issues)
        raise ValueError(f"{name}: {detail}")
    return doc.data
