"""Export the JSON Schema of both kinds to schema/*.schema.json (editor completion)."""

from __future__ import annotations

import json
from pathlib import Path

from banque.paths import SCHEMA
from banque.sheets.load import SCHEMA_FILES
from banque.sheets.models import KINDS

TITLES = {"experiences": "Fiche expérience", "outils": "Fiche outil"}


def render(kind: str) -> str:
    schema = KINDS[kind].model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILES[kind],
        **schema,
        "title": TITLES[kind],
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def targets(directory: Path = SCHEMA) -> dict[Path, str]:
    return {directory / SCHEMA_FILES[kind]: render(kind) for kind in KINDS}


def write(directory: Path = SCHEMA) -> list[Path]:
    written = []
    for path, text in targets(directory).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale(directory: Path = SCHEMA) -> list[Path]:
    return [p for p, text in targets(directory).items() if not p.exists() or p.read_text(encoding="utf-8") != text]
