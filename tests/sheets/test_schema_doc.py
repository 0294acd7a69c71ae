"""The French documentation of the sheet format (sheets/schema_doc.py),
generated from the models: every field, with its description."""

from __future__ import annotations

from pydantic import BaseModel

from banque.sheets import schema_doc
from banque.sheets.models import KINDS, submodel
from banque.sheets.schema_version import version


def models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = list(KINDS.values())
    while todo:
        model = todo.pop()
        if model not in found:
            found.append(model)
            todo += [m for f in model.model_fields.values() if (m := submodel(f.annotation)) is not None]
    return found


def test_the_title_gives_the_version():
    assert schema_doc.render().startswith(f"# Format des fiches, version {version()}\n")


def test_every_field_of_every_model_is_documented_with_its_description():
    text = schema_doc.render()
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    for model in models():
        for name, field in model.model_fields.items():
            row = next((r for r in rows if r.startswith(f"| `{name}` |") and " ".join((field.description or "").split()) in r), None)
            assert row is not None, f"{model.__name__}.{name}"
            assert ("| oui |" in row) == field.is_required()


def test_groups_are_linked_from_the_fields_that_hold_them():
    text = schema_doc.render()
    assert "groupe [Période](#groupe-period)" in text and '<a id="groupe-period"></a>\n\n### Période\n' in text
    assert "liste de groupe [Acteur](#groupe-actor)" in text
    # A vocabulary field lists its values once, in its description; limits are in French.
    assert "au plus 5 élément(s)" in text
    assert schema_doc._limits({"type": "array", "items": {"minLength": 3}}) == "chacun au moins 3 caractères"
