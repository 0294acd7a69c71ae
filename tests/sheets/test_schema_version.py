"""The version of the sheet format (sheets/schema_version.py): semantic, in the
changelog, and guarded: a change to the models that old sheets would fail
needs a new major version."""

from __future__ import annotations

import copy
import json
import re

import jsonschema
import pytest

from banque.paths import SCHEMA
from banque.sheets import schema_export, schema_version
from banque.sheets.load import SCHEMA_FILES
from banque.sheets.models import KINDS

SNAPSHOT = schema_version.snapshot_dir()


def current(kind: str) -> dict:
    return json.loads(schema_export.render(kind))


def codes(old: dict, new: dict) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in schema_version.breaking_changes(old, new)]


def test_the_version_is_semantic_and_described_in_the_changelog():
    assert re.fullmatch(r"\d+\.\d+\.\d+", schema_version.version())
    assert schema_version.major() == int(schema_version.version().split(".")[0])
    changelog = (SCHEMA / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {schema_version.version()} — " in changelog


def test_the_metadata_follows_schema_data_gouv_fr_and_names_existing_files():
    meta = schema_version.metadata()
    assert meta["title"] and meta["description"] and meta["homepage"].startswith("https://")
    paths = [s["path"] for s in meta["schemas"]]
    assert sorted(paths) == sorted(SCHEMA_FILES.values())
    for entry in meta["schemas"]:
        assert (SCHEMA / entry["path"]).is_file() and entry["examples"]
        for example in entry["examples"]:
            assert (SCHEMA / example["path"]).is_file()


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_example_is_a_valid_sheet_for_the_models_and_the_json_schema(kind: str):
    name = SCHEMA_FILES[kind].replace(".schema", "")
    for folder in (SCHEMA / "exemples", SNAPSHOT / "exemples"):
        example = json.loads((folder / name).read_text(encoding="utf-8"))
        KINDS[kind].model_validate(example)
        jsonschema.validate(example, current(kind))


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_models_do_not_break_the_sheets_of_the_published_major(kind: str):
    """The guard: fails when a change needs a new major version (see CHANGELOG.md)."""
    old = json.loads((SNAPSHOT / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    assert old["version"].split(".")[0] == str(schema_version.major())
    assert schema_version.breaking_changes(old, current(kind)) == []


def test_breaks_are_found_field_by_field():
    old = current("experiences")
    new = copy.deepcopy(old)
    del new["properties"]["correspondant"]  # a field removed: sheets that write it are refused
    new["required"].append("mise_en_avant")  # a field newly required
    new["properties"]["nature"]["enum"].pop()  # a value removed
    new["$defs"]["Actor"]["properties"]["nom"]["maxLength"] = 20  # a tighter limit, in a group
    new["properties"]["referent"]["oneOf"].pop()  # « à identifier » no longer accepted
    assert codes(old, new) == [
        ("schema-champ-exige", "mise_en_avant"),
        ("schema-valeur-retiree", "nature"),
        ("schema-limite-resserree", "acteurs.nom"),
        ("schema-forme-retiree", "referent"),
        ("schema-champ-retire", "correspondant"),
    ]


def test_additions_and_looser_limits_break_nothing():
    old = current("outils")
    new = copy.deepcopy(old)
    new["properties"]["nouveau"] = {"type": "string"}  # an optional field added
    new["properties"]["type"]["enum"].append("autre")  # a value added
    new["properties"]["titre"]["maxLength"] = 500  # a looser limit
    assert codes(old, new) == []
    assert codes(new, old)  # …and going back is a break


def test_breaks_name_the_next_major_version(tmp_path):
    folder = tmp_path / "versions" / str(schema_version.major())
    folder.mkdir(parents=True)
    for kind in KINDS:
        old = current(kind)
        old["properties"]["ancien_champ"] = {"type": "string"}
        (folder / SCHEMA_FILES[kind]).write_text(json.dumps(old), encoding="utf-8")
    found = schema_export.breaks(tmp_path)
    assert [p.code for p in found] == ["schema-champ-retire", "schema-champ-retire", "schema-rupture-sans-version-majeure"]
    assert f"{schema_version.major() + 1}.0.0" in found[-1].hint
