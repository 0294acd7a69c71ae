"""schema.org structured data (JSON-LD) of each experience and tool page.

The page is a WebPage under the content licence, carrying the version of the
sheet format (schemaVersion); its main entity is the experience, a Project
whose members are its organisations in their roles (OrganizationRole), whose
areaServed are administrative areas with their INSEE codes, whose period is
its founding and dissolution years and whose themes are keywords. A tool is a
CreativeWork. No person is named: a referent never appears in structured data.

The JSON goes into a <script type="application/ld+json"> of the page's head
(theme/main.html): a data block, which the browser never runs and the
Content-Security-Policy need not allow. `script_text` escapes « < », « > » and
« & » as JSON \\u escapes, so no text of a sheet can close the element.
"""

from __future__ import annotations

import json

from banque.sheets.bank import Sheet
from banque.sheets.models import Experience, Tool
from banque.sheets.policy import policy
from banque.sheets.schema_version import version
from banque.sheets.territory import Place
from banque.sheets.vocabulary import vocabulary
from banque.site.settings import SiteConfig

CONTEXT = "https://schema.org"
SITE_NAME = "Banque d'expériences des alliances en territoires"
INSEE = "INSEE-COG"  # the propertyID of an INSEE code (Code officiel géographique)
ISO_COUNTRY = "ISO-3166-1-alpha-2"
FRANCE = "FR"
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def page_url(sheet: Sheet, cfg: SiteConfig) -> str:
    return f"{cfg.site_url}{sheet.kind}/{sheet.slug}/"


def area(place: Place) -> dict:
    """A territory of a sheet as an AdministrativeArea (a Country at national or international scope)."""
    level = policy().level
    if place.niveau == level.national:
        return {"@type": "Country", "name": "France", "identifier": _identifier(ISO_COUNTRY, FRANCE)}
    if place.niveau == level.international:
        if not place.code:
            return {"@type": "Place", "name": place.nom}
        return {"@type": "Country", "name": place.nom, "identifier": _identifier(ISO_COUNTRY, place.code)}
    return {"@type": "AdministrativeArea", "name": place.libelle, "identifier": _identifier(f"{INSEE}-{place.niveau}", place.code)}


def _identifier(kind: str, value: str) -> dict:
    return {"@type": "PropertyValue", "propertyID": kind, "value": value}


def _page(sheet: Sheet, cfg: SiteConfig, entity: dict) -> dict:
    m = sheet.model
    data = {
        "@context": CONTEXT,
        "@type": "WebPage",
        "@id": page_url(sheet, cfg),
        "url": page_url(sheet, cfg),
        "name": m.titre,
        "inLanguage": "fr",
        "license": cfg.licence_url,
        "schemaVersion": version(),
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": cfg.site_url},
        "mainEntity": entity,
    }
    if m.relecture:
        data["dateModified"] = m.relecture.date.isoformat()
    if m.date_publication:
        data["datePublished"] = m.date_publication.isoformat()
    return data


def experience(sheet: Sheet[Experience], cfg: SiteConfig) -> dict:
    m = sheet.model
    types, roles, themes = vocabulary("types_acteurs"), vocabulary("roles"), vocabulary("themes")
    project = {
        "@type": "Project",
        "@id": page_url(sheet, cfg) + "#experience",
        "name": m.titre,
        "description": m.resume,
        "keywords": [themes.label(t) for t in m.themes],
        "areaServed": [area(p) for p in sheet.places],
        "member": [{
            "@type": "OrganizationRole",
            "roleName": roles.label(a.role),
            "member": {"@type": "Organization", "name": a.nom, "description": types.label(a.type)},
        } for a in m.acteurs],
    }
    for prop, value in (("foundingDate", m.periode.debut), ("dissolutionDate", m.periode.fin)):
        if exact_year(value):
            project[prop] = str(value)
    return _page(sheet, cfg, project)


def exact_year(value: object) -> bool:
    """Whether a start or end year is exact (2008), not approximate (« vers 2014 ») or unknown:
    only an exact year is a schema.org Date."""
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) == 4)


def tool(sheet: Sheet[Tool], cfg: SiteConfig) -> dict:
    m = sheet.model
    work = {
        "@type": "CreativeWork",
        "@id": page_url(sheet, cfg) + "#outil",
        "name": m.titre,
        "genre": vocabulary("types_outils").label(m.type),
        "publisher": {"@type": "Organization", "name": m.organisation},
        "audience": [{"@type": "Audience", "audienceType": vocabulary("types_acteurs").label(p)} for p in m.publics],
        "keywords": [vocabulary("themes").label(t) for t in m.themes],
        "spatialCoverage": [area(p) for p in sheet.places],
    }
    if m.url:
        work["url"] = m.url
    return _page(sheet, cfg, work)


def script_text(data: dict) -> str:
    """The JSON for a <script type="application/ld+json">, with nothing that could end the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
