"""The exported JSON Schema: what `banque schema` writes, and how `--verifier`
knows it is stale."""

from __future__ import annotations

import json
from pathlib import Path

from banque.paths import SCHEMA
from banque.sheets import schema_export
from banque.sheets.load import SCHEMA_FILES
from banque.sheets.models import KINDS
from banque.sheets.schema_version import major, version
from banque.sheets.vocabulary import vocabulary


def test_render_is_the_model_schema_with_its_identity():
    for kind, model in KINDS.items():
        schema = json.loads(schema_export.render(kind))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == SCHEMA_FILES[kind]
        assert schema["title"] == schema_export.TITLES[kind]
        assert schema["properties"] == model.model_json_schema()["properties"]
        assert list(schema)[:2] == ["$schema", "$id"]


def test_render_lists_the_vocabulary_terms_in_readable_unicode():
    text = schema_export.render("experiences")
    schema = json.loads(text)
    assert schema["properties"]["nature"]["enum"] == list(vocabulary("natures").ids)
    assert "expérience" in text and "\\u00e9" not in text
    assert text.endswith("}\n")


def test_write_creates_both_files_then_nothing(tmp_path: Path):
    written = schema_export.write(tmp_path)
    assert sorted(p.name for p in written) == sorted([*SCHEMA_FILES.values(), schema_export.DOCUMENTATION])
    assert (tmp_path / SCHEMA_FILES["outils"]).read_text(encoding="utf-8") == schema_export.render("outils")
    assert schema_export.write(tmp_path) == []
    assert schema_export.stale(tmp_path) == []


def test_stale_names_missing_and_changed_files(tmp_path: Path):
    assert sorted(p.name for p in schema_export.stale(tmp_path)) == sorted([*SCHEMA_FILES.values(), schema_export.DOCUMENTATION])
    schema_export.write(tmp_path)
    edited = tmp_path / SCHEMA_FILES["experiences"]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Fiche expérience", "Ancienne fiche"), encoding="utf-8")
    assert schema_export.stale(tmp_path) == [edited]
    assert schema_export.write(tmp_path) == [edited]
    assert schema_export.stale(tmp_path) == []


def test_committed_schema_is_the_export_of_the_models():
    assert schema_export.stale(SCHEMA) == []


def test_render_carries_the_format_version():
    for kind in KINDS:
        assert json.loads(schema_export.render(kind))["version"] == version()


def test_snapshot_keeps_the_published_major_unless_asked(tmp_path: Path):
    (tmp_path / "exemples").mkdir()
    (tmp_path / "exemples" / "outil.json").write_text("{}", encoding="utf-8")
    written = schema_export.snapshot(tmp_path)
    folder = tmp_path / "versions" / str(major())
    assert sorted(p.relative_to(folder).as_posix() for p in written) == sorted([*SCHEMA_FILES.values(), "exemples/outil.json"])
    kept = folder / SCHEMA_FILES["outils"]
    kept.write_text("published", encoding="utf-8")
    assert schema_export.snapshot(tmp_path) == [] and kept.read_text(encoding="utf-8") == "published"
    assert kept in schema_export.snapshot(tmp_path, replace=True)
    assert kept.read_text(encoding="utf-8") == schema_export.render("outils")
