"""schema.org JSON-LD of the sheet pages (site/structured_data.py): checked
against a local copy of the schema.org context and vocabulary with pyld (no
network, tests/site/schemaorg_check.py), against what each sheet says, and
never naming a person."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from banque.sheets.models import Referent
from banque.sheets.policy import policy
from banque.sheets.schema_version import version
from banque.sheets.vocabulary import vocabulary
from banque.site import structured_data
from banque.site.build import mkdocs_settings
from banque.site.settings import SiteConfig
from tests.navigateur import ROOT
from tests.site import schemaorg_check
from tests.site.small_bank import CFG, edited, sheet, small_bank


class _JsonLd(HTMLParser):
    """The text of each <script type="application/ld+json">, and whether it sits in <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, bool]] = []
        self._in: bool | None = None
        self._head = False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._head = True
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = self._head
            self.found.append(("", self._head))

    def handle_endtag(self, tag):
        if tag == "head":
            self._head = False
        if tag == "script":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            text, head = self.found[-1]
            self.found[-1] = (text + data, head)


def page_jsonld(html: str) -> list[tuple[str, bool]]:
    parser = _JsonLd()
    parser.feed(html)
    return parser.found


def agrees_with_the_sheet(data: dict, s, cfg: SiteConfig) -> None:
    m = s.model
    assert data["@type"] == "WebPage" and data["name"] == m.titre
    assert data["url"] == f"{cfg.site_url}{s.kind}/{s.slug}/"
    assert data["license"] == cfg.licence_url and data["schemaVersion"] == version()
    entity = data["mainEntity"]
    assert entity["keywords"] == [vocabulary("themes").label(t) for t in m.themes]
    areas = entity["areaServed"] if s.kind == "experiences" else entity["spatialCoverage"]
    assert [a["identifier"]["value"] for a in areas if a["@type"] == "AdministrativeArea"] == \
        [p.code for p in s.places if p.code and p.departements + p.regions]
    if s.kind == "experiences":
        assert entity["@type"] == "Project" and entity["description"] == m.resume
        exact = structured_data.exact_year
        assert entity.get("foundingDate") == (str(m.periode.debut) if exact(m.periode.debut) else None)
        assert entity.get("dissolutionDate") == (str(m.periode.fin) if exact(m.periode.fin) else None)
        assert [(r["member"]["name"], r["roleName"]) for r in entity["member"]] == \
            [(a.nom, vocabulary("roles").label(a.role)) for a in m.acteurs]
        if isinstance(m.referent, Referent):  # whatever its contact mode: no person in structured data
            assert m.referent.nom not in json.dumps(data, ensure_ascii=False)
    else:
        assert entity["@type"] == "CreativeWork" and entity["publisher"]["name"] == m.organisation
    assert "Person" not in json.dumps(data)


def test_an_experience_is_a_project_with_its_organisations_areas_period_and_themes():
    s = sheet(small_bank(), "fiche-exemplaire")
    data = structured_data.experience(s, CFG)
    agrees_with_the_sheet(data, s, CFG)
    area = data["mainEntity"]["areaServed"][0]
    assert area == {"@type": "AdministrativeArea", "name": "Nord",
                    "identifier": {"@type": "PropertyValue", "propertyID": "INSEE-COG-departement", "value": "59"}}
    assert data["dateModified"] == s.model.relecture.date.isoformat()
    assert schemaorg_check.problems(data) == []


@pytest.mark.parametrize("slug", ["essai-referent-public", "atelier-partage-quartiers", "essai-referent-masque"])
def test_no_referent_is_ever_named(slug: str):
    s = sheet(small_bank(), slug)
    text = json.dumps(structured_data.experience(s, CFG), ensure_ascii=False)
    assert isinstance(s.model.referent, Referent) and s.model.referent.nom not in text
    assert s.model.referent.fonction not in text


def test_a_national_tool_covers_france_and_every_sheet_passes_the_vocabulary():
    bank = small_bank()
    tool = sheet(bank, "guide-des-alliances")
    data = structured_data.tool(tool, CFG)
    agrees_with_the_sheet(data, tool, CFG)
    for s in bank.experiences:
        assert schemaorg_check.problems(structured_data.experience(s, CFG)) == [], s.slug
    for s in bank.outils:
        assert schemaorg_check.problems(structured_data.tool(s, CFG)) == [], s.slug


def test_the_check_refuses_unknown_terms_wrong_domains_and_ranges():
    data = structured_data.experience(sheet(small_bank(), "fiche-exemplaire"), CFG)
    data["mainEntity"]["couleur"] = "bleu"  # not a schema.org term
    data["mainEntity"]["genre"] = "roman"  # a CreativeWork property on a Project
    data["mainEntity"]["foundingDate"] = "l'an dernier"  # not a date
    data["isPartOf"] = {"@type": "Organisation"}  # misspelt type
    found = schemaorg_check.problems(data)
    assert "unknown property http://schema.org/couleur" in found
    assert "genre not on ['Project']" in found
    assert any(p.startswith("foundingDate: literal") for p in found)
    assert "unknown type Organisation" in found


def test_only_an_exact_year_is_a_date():
    assert structured_data.exact_year(2008) and structured_data.exact_year("2014")
    assert not any(structured_data.exact_year(v) for v in ("vers 2014", "inconnu", None, "20140"))


def test_script_text_cannot_close_the_element_and_reads_back_the_same():
    s = edited(sheet(small_bank(), "fiche-exemplaire"), titre="</script><script>alert(1)</script> <!-- & »")
    data = structured_data.experience(s, CFG)
    text = structured_data.script_text(data)
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == data
    assert "é" in structured_data.script_text({"a": "é"})  # French stays readable


def test_every_built_sheet_page_carries_its_json_ld_in_the_head(fixture_site):
    cfg = SiteConfig.from_mkdocs(mkdocs_settings(ROOT))
    sheets = [*fixture_site.bank.experiences, *fixture_site.bank.outils]
    masked = policy().contact.masked
    assert any(isinstance(s.model.referent, Referent) and s.model.referent.contact == masked for s in sheets)
    for s in sheets:
        html = (fixture_site.site / s.kind / s.slug / "index.html").read_text(encoding="utf-8")
        blocks = page_jsonld(html)
        assert len(blocks) == 1 and blocks[0][1], s.slug  # one block, in <head>
        data = json.loads(blocks[0][0])
        agrees_with_the_sheet(data, s, cfg)
        assert data.get("dateModified") == (s.model.relecture.date.isoformat() if s.model.relecture else None)
        assert schemaorg_check.problems(data) == [], s.slug
    # Other pages carry none.
    assert page_jsonld((fixture_site.site / "index.html").read_text(encoding="utf-8")) == []
