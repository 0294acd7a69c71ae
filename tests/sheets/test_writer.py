"""sheets/writer.py: what the writer writes, the strict loader reads back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from banque.sheets import body, writer, yaml_strict
from banque.sheets.load import load

# Values a correspondent or an editor may type, that naive YAML would misread.
HOSTILE = ['a "quoted" value', "back\\slash", "deux-points : et # dièse", "clé: valeur", "- tiret", "[liste]",
           "{objet}", "yes", "NO", "Non", "on", "01000", "2A", "1:30", "2015-02-30", "null", "~", "",
           "&ancre *alias !!tag", "ligne\nsuivante", "fin de ligne\n", "\nen tête", "tab\there",
           "\u2028séparateur\u2029", "\x85", "émoji 🚲", "'apostrophe'", "%pourcent", "@arobase", "`code`",
           "--- fin de l'en-tête", "...", "  espaces  ", "# commentaire", "« guillemets » ; et : tout"]


def _read_back(tmp_path: Path, kind: str, text: str):
    path = tmp_path / kind / "essai.md"
    writer.write_new(path, text)
    raw, problems = load(path)
    assert raw is not None, problems
    assert [p for p in problems if p.field == "yaml"] == []
    return raw


@pytest.mark.parametrize("value", HOSTILE)
def test_front_matter_round_trips_hostile_values(tmp_path: Path, value: str):
    data = {"titre": value, "slug": "essai", "acteurs": [{"nom": value, "type": "association"}],
            "territoires": [{"niveau": "commune", "codes": ["01000", value]}], "champ_inconnu": value}
    raw = _read_back(tmp_path, "experiences", writer.compose("experiences", writer.fields_yaml("experiences", data), []))
    assert raw.data == data


def test_front_matter_follows_the_schema_order_then_unknown_fields():
    text = writer.fields_yaml("experiences", {"zz": 1, "statut": "brouillon", "titre": "T", "slug": "s"})
    assert [line.split(":")[0] for line in text.splitlines()] == ["slug", "titre", "statut", "zz"]


def test_lists_of_codes_stay_on_one_line_and_lists_of_objects_are_indented():
    text = writer.fields_yaml("experiences", {"territoires": [{"niveau": "commune", "codes": ["93066", "01000"]}]})
    assert text == "territoires:\n  - niveau: commune\n    codes: ['93066', '01000']\n"


@pytest.mark.parametrize("value", [*HOSTILE, 2015, 0, 1.5, True, None, [], ["01000", "NO", "a, b"], "2024-03-15"])
@pytest.mark.parametrize("indent", ["", "    "])
def test_scalar_stays_on_its_line_and_reads_back(value, indent: str):
    written = writer.scalar(value)
    assert "\n" not in written
    doc, issues = yaml_strict.parse(f"a:\n  b:\n{indent}  c: {written}\n{indent}  d: 1\n" if indent
                                    else f"c: {written}\nd: 1\n")
    assert issues == []
    found = doc.data["a"]["b"] if indent else doc.data
    assert found == {"c": value, "d": 1}


def test_scalar_leaves_dates_bare_and_quotes_lookalikes():
    assert writer.scalar("2024-03-15") == "2024-03-15"
    assert writer.scalar("NO") == "'NO'" and writer.scalar("01000") == "'01000'"
    assert writer.scalar(["a", "b"]) == "[a, b]" and writer.scalar([]) == "[]"


def test_body_sections_round_trip(tmp_path: Path):
    sections = [("Le problème", "Un paragraphe.\n\n### Détail\n\n- un\n- deux"), ("L'action", "Texte : « cité ».")]
    text = writer.compose("outils", writer.fields_yaml("outils", {"slug": "essai"}), sections)
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/outil.schema.json\nslug: essai\n---\n\n")
    raw = _read_back(tmp_path, "outils", text)
    assert [(s.title, s.text) for s in body.sections(raw.body)] == sections


def test_untitled_section_is_written_as_it_is():
    text = writer.compose("experiences", "slug: essai\n", [("", "## Déjà titré\n\ntexte")])
    assert text.endswith("---\n\n## Déjà titré\n\ntexte\n")


def test_write_new_never_replaces_a_file(tmp_path: Path):
    path = tmp_path / "experiences" / "essai.md"
    writer.write_new(path, "premier")
    with pytest.raises(FileExistsError):
        writer.write_new(path, "second")
    assert path.read_text(encoding="utf-8") == "premier"


def test_replace_field_rewrites_one_field_and_keeps_every_other_byte():
    from banque.sheets.writer import replace_field

    text = "---\n# schema\nslug: x\nreferent: à identifier\npersonnes_citees:\n  - nom: A\nstatut: publiee\n---\n\nCorps: y\n"
    new = replace_field(text, "referent", {"nom": "Camille : Exemple", "consentement": {"date": "2026-03-03"}})
    assert new == ("---\n# schema\nslug: x\nreferent:\n  nom: 'Camille : Exemple'\n  consentement:\n"
                   "    date: 2026-03-03\npersonnes_citees:\n  - nom: A\nstatut: publiee\n---\n\nCorps: y\n")
    assert replace_field(new, "referent", "à identifier") == text  # and back, byte for byte
    added = replace_field(text, "mise_en_avant", True, after="slug")
    assert added == text.replace("slug: x\n", "slug: x\nmise_en_avant: true\n")
    with pytest.raises(ValueError):
        replace_field("slug: x\n", "referent", "à identifier")
