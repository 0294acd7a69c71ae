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
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from banque.sheets.problem import Problem, field_name, fragment, problem
from banque.sheets.yaml_problems import clean_key, invisible_space, parser_problem

Path = tuple[str | int, ...]

# YAML 1.2 core schema, narrowed: no octal/hex, no leading zeros (codes such as
# "01000" or "01" must stay text), lowercase-only booleans as in JSON.
_BOOL = {"true": True, "false": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$")


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)


# libyaml's parser is several times faster than the pure-Python one.
_Parser = getattr(getattr(yaml, "_yaml", None), "CParser", None) or yaml.SafeLoader

# A problem found while reading YAML has no file yet (the caller adds it);
# its line is the file's, 1-based.
FIELD = "yaml"
# Sheets nest three or four levels; far deeper nesting is an attack on the
# reader (600 nested « {a: » exhaust Python's recursion).
MAX_DEPTH = 64


class _Refusal(Exception):
    """A document the builder stops reading: too deep, or a number too long to convert."""

    def __init__(self, refused: Problem) -> None:
        super().__init__(refused.code)
        self.problem = refused


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted or block scalar: always text
        return value
    if not value or value in _NULLS:
        return None
    if value in _BOOL:
        return _BOOL[value]
    # Cheap first-character test: most values are words, not numbers.
    if value[0] in _NUMBER_START:
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


_NULLS = frozenset(("~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("-+0123456789")


class _Builder:
    """Builds values straight from libyaml's events, in one pass.

    Composing a node graph and walking it again costs twice as much. Anchors,
    aliases and explicit tags are noted on the way; when there is any, the
    values built are thrown away, so an alias is never expanded. Inside a value
    that is dropped (a duplicate key's), refusals are still noted but lines and
    other issues are not, as a reader would only see the first value.
    """

    __slots__ = ("get", "first", "lines", "issues", "refused", "anchors", "aliases", "depth")

    def __init__(self, get, first: int, lines: dict | None):
        self.get = get
        self.first = first
        self.lines = lines
        self.issues: list[Problem] = []  # duplicate and complex keys
        self.refused: list[Problem] = []  # explicit tags
        self.anchors: list[tuple[int, str]] = []
        self.aliases: list[tuple[int, str]] = []
        self.depth = 0

    def _note(self, event: Any) -> None:
        # Called only for events that carry an anchor or a tag.
        line = event.start_mark.line + self.first
        if event.anchor:
            self.anchors.append((line, event.anchor))
        tag = event.tag
        if tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.refused.append(problem("yaml-etiquette", line=line, field=FIELD, etiquette=shown))

    def value(self, event: Any, path: Path, keep: bool) -> Any:
        cls = type(event)
        if cls is ScalarEvent:
            if event.anchor or event.tag:
                self._note(event)
            if keep and self.lines is not None:
                self.lines[path] = event.start_mark.line + self.first
            try:
                return _scalar(event.value, event.style)
            except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
                raise _Refusal(problem("yaml-nombre-trop-long", line=event.start_mark.line + self.first,
                                       field=FIELD, chiffres=len(event.value))) from None
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _Refusal(problem("yaml-trop-imbrique", line=event.start_mark.line + self.first,
                                       field=FIELD, maximum=MAX_DEPTH))
            found = self._mapping(event, path, keep) if cls is MappingStartEvent else self._sequence(event, path, keep)
            self.depth -= 1
            return found
        if cls is AliasEvent:
            self.aliases.append((event.start_mark.line + self.first, event.anchor))
            return None
        raise yaml.YAMLError(f"unexpected YAML event {event!r}")  # pragma: no cover - parser emits only these

    def _sequence(self, event: Any, path: Path, keep: bool) -> list[Any]:
        if event.anchor or event.tag:
            self._note(event)
        if keep and self.lines is not None:
            self.lines[path] = event.start_mark.line + self.first
        items: list[Any] = []
        get = self.get
        i = 0
        while True:
            item = get()
            if type(item) is SequenceEndEvent:
                return items
            items.append(self.value(item, path + (i,), keep))
            i += 1

    def _mapping(self, event: Any, path: Path, keep: bool) -> dict[str, Any]:
        if event.anchor or event.tag:
            self._note(event)
        first = self.first
        lines = self.lines if keep else None
        if lines is not None:
            lines[path] = event.start_mark.line + first
        get = self.get
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        while True:
            key_event = get()
            cls = type(key_event)
            if cls is MappingEndEvent:
                return result
            if cls is not ScalarEvent:
                self.value(key_event, path, False)
                if keep and cls is not AliasEvent:
                    self.issues.append(problem("yaml-cle-complexe", line=key_event.start_mark.line + first, field=FIELD))
                self.value(get(), path, False)
                continue
            if key_event.anchor or key_event.tag:
                self._note(key_event)
            key = key_event.value
            line = key_event.start_mark.line + first
            if keep and (space := invisible_space(key)):
                # « titre : » typed with a no-break space: say so, then read the key meant.
                key = clean_key(key)
                self.issues.append(problem("yaml-espace-dans-cle", line=line, field=field_name(path + (key,)) if path else key or FIELD,
                                           cle=key, espace=space))
            if key in first_line:
                if keep:
                    self._duplicate(path, key, first_line[key], line)
                self.value(get(), path, False)
                continue
            first_line[key] = line
            child = path + (key,)
            result[key] = self.value(get(), child, keep)
            if lines is not None:
                lines[child] = line

    def _duplicate(self, path: Path, key: str, before: int, line: int) -> None:
        dotted = field_name(path + (key,)) if path else key
        if path and isinstance(path[-1], int):
            # A key twice in one list item: most often the « - » of a new item was
            # forgotten. Said once per item (its other keys repeat too).
            if not any(i.code == "yaml-tiret-oublie" and i.field.startswith(field_name(path) + ".") for i in self.issues):
                parent = path[-2] if len(path) > 1 else FIELD
                self.issues.append(problem("yaml-tiret-oublie", line=line, field=dotted, cle=key,
                                           liste=str(parent), premiere=before, seconde=line))
            return
        self.issues.append(problem("yaml-cle-en-double", line=line, field=dotted or FIELD,
                                   cle=key, premiere=before, seconde=line))

    def refusals(self) -> list[Problem]:
        """Anchors, aliases and tags: only the first of each kind is reported, with a count."""
        issues = list(self.refused)
        for found, code in ((self.anchors, "yaml-ancre"), (self.aliases, "yaml-alias")):
            if found:
                line, name = found[0]
                more = fragment("et-autres", nombre=len(found) - 1) if len(found) > 1 else ""
                issues.append(problem(code, line=line, field=FIELD, nom=name, autres=more))
        return sorted(issues, key=lambda i: i.line)


def _build(text: str, first: int, lines: bool) -> tuple[Any, _Builder]:
    """Read the single document of `text`; raise yaml.YAMLError as libyaml's composer would."""
    parser = _Parser(text)
    try:
        get = parser.get_event
        doc = YamlDocument(data={})
        builder = _Builder(get, first, doc.lines if lines else None)
        get()  # stream start
        event = get()
        if type(event) is StreamEndEvent:
            return doc, builder
        doc.data = builder.value(get(), (), True)  # the event after the document start
        get()  # document end
        event = get()
        if type(event) is not StreamEndEvent:
            # libyaml's composer refuses a second document, but only after
            # anchors and tags in the whole stream have been refused.
            second = event.start_mark
            while type(event) is not StreamEndEvent:
                if type(event) is AliasEvent:
                    builder.value(event, (), False)
                elif getattr(event, "anchor", None) or getattr(event, "tag", None):
                    builder._note(event)
                event = get()
            if not builder.refusals():
                raise ComposerError("expected a single document in the stream", None,
                                    "but found another document", second)
        return doc, builder
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def parse(text: str, first: int = 1, lines: bool = True) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document strictly; `first` is the file line of the text's first line.

    With `lines=False`, the document's line map is left empty (faster, lighter):
    issues still carry their lines. Issues are problems without a file (`path`
    is ""), in the field "yaml" or the duplicate key's dotted path.

    Returns (document, issues). The document is None when the YAML cannot be
    read at all; duplicate keys are issues but the document is still returned
    (keeping the first value) so the schema can report its own problems too.
    """
    try:
        doc, builder = _build(text, first, lines)
    except yaml.YAMLError as exc:
        return None, [parser_problem(exc, text, first)]
    except _Refusal as refusal:
        return None, [refusal.problem]
    refused = builder.refusals()
    if refused:
        return None, refused
    return doc, builder.issues


def load_data_file(text: str, name: str) -> Any:
    """Parse one of the project's own YAML data files; raise on any issue."""
    doc, issues = parse(text)
    if doc is None or issues:
        detail = "; ".join(f"ligne {i.line}: {i.message}" for i in issues)
        raise ValueError(f"{name}: {detail}")
    return doc.data
