"""What data portals read (site/open_data.py): the DCAT-AP catalogue, read as
JSON-LD with pyld, and the Frictionless Data Package, validated with the
`frictionless` library against the CSV files of a real build."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
from pathlib import Path

from frictionless import validate
from pyld import jsonld

from banque.sheets.schema_version import version
from banque.sheets.vocabulary import vocabulary
from banque.site import exports, open_data
from banque.site.build import mkdocs_settings
from banque.site.settings import SiteConfig
from tests.navigateur import ROOT
from tests.site.small_bank import CFG, small_bank

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
DATED = dataclasses.replace(CFG, build_day=dt.date(2026, 11, 27))


def nodes_of(expanded: list[dict], kind: str) -> list[dict]:
    """Every node of a type, wherever it is nested."""
    found = []
    todo = list(expanded)
    while todo:
        node = todo.pop(0)
        if kind in node.get("@type", []):
            found.append(node)
        todo += [v for key, values in node.items() if not key.startswith("@") for v in values if isinstance(v, dict)]
    return found


def one(node: dict, prop: str):
    values = node[prop]
    return values[0].get("@value", values[0].get("@id", values[0]))


def test_the_catalogue_is_dcat_with_licence_publisher_contact_date_and_coverage():
    bank = small_bank().visible()
    expanded = jsonld.expand(open_data.catalogue(bank, DATED))  # its context is inline: no network
    [catalog] = nodes_of(expanded, DCAT + "Catalog")
    assert one(catalog, DCT + "title") and one(catalog, DCT + "description")
    assert one(catalog, DCT + "modified") == "2026-11-27" and one(catalog, DCT + "license") == CFG.licence_url
    datasets = nodes_of(expanded, DCAT + "Dataset")
    assert len(datasets) == len(open_data.DATASETS)
    regions = {r for s in bank.experiences for r in s.regions}
    for dataset in datasets:
        contact = dataset[DCAT + "contactPoint"][0]
        assert one(contact, VCARD + "hasEmail") == f"mailto:{CFG.comite_courriel}"
        assert one(dataset, DCT + "license") == CFG.licence_url and one(dataset, DCT + "modified") == "2026-11-27"
        spatial = dataset[DCT + "spatial"]
        assert spatial[0]["@id"].endswith("/country/FRA")
        assert {one(p, DCT + "identifier") for p in spatial[1:]} == regions
        assert one(dataset, DCT + "publisher").endswith("#comite")
        assert one(dataset, "http://www.w3.org/2002/07/owl#versionInfo") == version()
    distributions = nodes_of(expanded, DCAT + "Distribution")
    for d in distributions:
        assert one(d, DCAT + "accessURL") == one(d, DCAT + "downloadURL") == d["@id"]
        assert one(d, DCT + "license") == CFG.licence_url and one(d, DCAT + "mediaType").startswith("https://www.iana.org/")
    published = {f"{CFG.site_url}{name}" for name in exports.render(bank, CFG)} | {
        f"{CFG.site_url}{name}" for name in open_data.render(bank, CFG) if name != open_data.CATALOGUE}
    assert {d["@id"] for d in distributions} == published  # every published file, and only those


def test_the_package_describes_both_csv_files_with_types_enums_and_keys():
    package = open_data.datapackage(DATED)
    assert package["version"] == version() and package["created"] == "2026-11-27T00:00:00Z"
    assert package["contributors"][0]["email"] == CFG.comite_courriel
    experiences, tools = package["resources"]
    assert [f["name"] for f in experiences["schema"]["fields"]] == exports.CSV_COLUMNS
    assert [f["name"] for f in tools["schema"]["fields"]] == exports.TOOL_CSV_COLUMNS
    assert experiences["schema"]["primaryKey"] == tools["schema"]["primaryKey"] == ["slug"]
    assert all(f["description"] for r in (experiences, tools) for f in r["schema"]["fields"])  # every column described
    fields = {f["name"]: f for f in experiences["schema"]["fields"]}
    assert fields["nature"]["constraints"]["enum"] == list(vocabulary("natures").ids)
    # A year is a number, unless the file says how precise it is (approximate years are written as text).
    assert fields["debut"]["type"] == ("string" if "debut_precision" in fields else "integer")
    assert fields["derniere_relecture"]["type"] == "date"
    tool_fields = {f["name"]: f for f in tools["schema"]["fields"]}
    assert tool_fields["type"]["constraints"]["enum"] == list(vocabulary("types_outils").ids)


def copy_data(site: Path, tmp_path: Path) -> Path:
    target = tmp_path / "donnees"
    shutil.copytree(site / "donnees", target)
    return target


def edit_csv(path: Path, slug: str, column: str, value: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["slug"] == slug:
            row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_frictionless_validates_the_built_package_and_catches_a_broken_file(fixture_site, tmp_path):
    data = fixture_site.site / "donnees"
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [t.stats["rows"] for t in report.tasks] == [len(fixture_site.bank.experiences), len(fixture_site.bank.outils)]
    broken = copy_data(fixture_site.site, tmp_path)
    first = fixture_site.bank.experiences[0].slug
    edit_csv(broken / "experiences.csv", first, "themes", "emploi-insertion; pas-un-theme")
    edit_csv(broken / "experiences.csv", fixture_site.bank.experiences[1].slug, "slug", first)  # a duplicate key
    edit_csv(broken / "outils.csv", fixture_site.bank.outils[0].slug, "type", "autre")
    report = validate(str(broken / "datapackage.json"))
    errors = {tuple(e) for e in report.flatten(["fieldName", "type"])}
    assert ("themes", "constraint-error") in errors and ("type", "constraint-error") in errors
    assert any(kind in ("primary-key", "unique-error") for _, kind in errors)


def test_the_built_catalogue_dates_the_build_and_points_at_files_of_the_site(fixture_site):
    cfg = SiteConfig.from_mkdocs(mkdocs_settings(ROOT))
    catalogue = json.loads((fixture_site.site / open_data.CATALOGUE).read_text(encoding="utf-8"))
    assert catalogue["dct:modified"]["@value"] == "2015-01-08"  # the fixed build date of the tests
    for dataset in catalogue["dcat:dataset"]:
        assert dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"] == f"mailto:{cfg.comite_courriel}"
        for distribution in dataset["dcat:distribution"]:
            path = distribution["@id"].removeprefix(cfg.site_url)
            assert (fixture_site.site / path).is_file(), path
    package = json.loads((fixture_site.site / open_data.DATAPACKAGE).read_text(encoding="utf-8"))
    assert package["created"] == "2015-01-08T00:00:00Z" and package["version"] == version()
