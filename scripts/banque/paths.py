"""Where things are. The package is installed in editable mode from the repository,
so the schema data sits two levels above this file."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SCHEMA = PROJECT / "schema"
VOCABULARIES = SCHEMA / "vocabulaires"
TERRITORIES = SCHEMA / "territoires.json"
TEMPLATES = Path(__file__).resolve().parent / "site" / "templates"
THEME = Path(__file__).resolve().parent / "site" / "theme"
FRANCE_MAP = SCHEMA / "carte-france.json"  # derived by committee/map_geometry.py, read by the build
