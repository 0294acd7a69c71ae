"""Export the sheet format: the JSON Schema of both kinds (editor completion),
its French documentation, and the snapshot of the published major version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from banque.paths import SCHEMA
from banque.sheets import schema_doc
from banque.sheets.load import SCHEMA_FILES
from banque.sheets.models import KINDS
from banque.sheets.problem import Problem, problem
from banque.sheets.schema_version import breaking_changes, major, version

TITLES = {"experiences": "Fiche expérience", "outils": "Fiche outil"}
DOCUMENTATION = "documentation.md"
EXAMPLES = "exemples"


def render(kind: str) -> str:
    schema = KINDS[kind].model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILES[kind],
        **schema,
        "title": TITLES[kind],
        # An annotation (validators ignore it): the version of the sheet format.
        "version": version(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def targets(directory: Path = SCHEMA) -> dict[Path, str]:
    files = {directory / SCHEMA_FILES[kind]: render(kind) for kind in KINDS}
    files[directory / DOCUMENTATION] = schema_doc.render()
    return files


def write(directory: Path = SCHEMA) -> list[Path]:
    written = []
    for path, text in targets(directory).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale(directory: Path = SCHEMA) -> list[Path]:
    return [p for p, text in targets(directory).items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def snapshot(directory: Path = SCHEMA, replace: bool = False) -> list[Path]:
    """Keep the published major's JSON Schemas and examples in versions/<major>/.

    Written when missing (a new major); rewritten only on request (`replace`):
    a published snapshot is what old sheets are checked against."""
    folder = directory / "versions" / str(major())
    if folder.exists() and not replace:
        return []
    if folder.exists():
        shutil.rmtree(folder)
    (folder / EXAMPLES).mkdir(parents=True)
    written = []
    for kind in KINDS:
        path = folder / SCHEMA_FILES[kind]
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    for example in sorted((directory / EXAMPLES).glob("*.json")):
        shutil.copyfile(example, folder / EXAMPLES / example.name)
        written.append(folder / EXAMPLES / example.name)
    return written


def breaks(directory: Path = SCHEMA) -> list[Problem]:
    """What old sheets of the current major would fail under today's models."""
    folder = directory / "versions" / str(major())
    found: list[Problem] = []
    for kind in KINDS:
        old = folder / SCHEMA_FILES[kind]
        if old.exists():
            new = json.loads(render(kind))
            found += breaking_changes(json.loads(old.read_text(encoding="utf-8")), new, str(old))
    if found:
        published = json.loads((folder / SCHEMA_FILES["experiences"]).read_text(encoding="utf-8")).get("version", version())
        found.append(problem("schema-rupture-sans-version-majeure", str(directory / "schemas.yml"), 0, "version",
                             version=published, nombre=len(found), prochaine=f"{major() + 1}.0.0"))
    return found
