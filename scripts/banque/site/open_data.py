"""What data portals read: donnees/catalogue.jsonld and donnees/datapackage.json.

The catalogue is DCAT-AP in JSON-LD, as data.gouv.fr harvests it: one
dcat:Catalog, its datasets (the experiences, the tools, the feed of new
sheets, the sheet format) and their distributions, each with its licence,
publisher, contact point (the committee's address from mkdocs.yml), update
date (the build date, SiteConfig.today) and spatial coverage (France and the régions the sheets
cover).

The Data Package (Frictionless) describes the two CSV files with a Table
Schema: types, the vocabularies as enumerations (a list cell holds ids joined
by « ; », checked by a pattern), and the slug as primary key. Both carry the
version of the sheet format.
"""

from __future__ import annotations

import json
import re
from typing import Any

from banque.sheets.bank import Bank
from banque.sheets.schema_version import version
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary
from banque.site import exports
from banque.site.settings import SiteConfig

CATALOGUE = "donnees/catalogue.jsonld"
DATAPACKAGE = "donnees/datapackage.json"
TITLE = "Banque d'expériences des alliances en territoires"
PUBLISHER = "Comité de rédaction de la banque d'expériences"
LIST_SEPARATOR = "; "
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "locn": "http://www.w3.org/ns/locn#",
}
EU = "http://publications.europa.eu/resource/authority/"
MEDIA = "https://www.iana.org/assignments/media-types/"
# (file, title, media type, EU file type) of each dataset's distributions.
DATASETS = {
    "experiences": ("Expériences des alliances en territoires",
                    "Les expériences publiées de partenariats entre associations, entreprises, collectivités et acteurs publics.",
                    [("experiences.json", "Expériences (JSON)", "application/json", "JSON"),
                     ("experiences.csv", "Expériences (CSV)", "text/csv", "CSV")]),
    "outils": ("Répertoire des outils des alliances en territoires",
               "Les outils (guides, réseaux, bases de données, méthodes) cités par les expériences.",
               [("outils.json", "Outils (JSON)", "application/json", "JSON"),
                ("outils.csv", "Outils (CSV)", "text/csv", "CSV")]),
    "flux": ("Nouvelles fiches de la banque", "Le flux Atom des dernières fiches publiées ou relues.",
             [("../flux.xml", "Flux Atom", "application/atom+xml", "ATOM")]),
    "format": ("Format des fiches de la banque",
               "Les schémas JSON des fiches et le paquet de données (Frictionless) qui décrit les fichiers CSV.",
               [("experience.schema.json", "Schéma JSON des fiches expérience", "application/schema+json", "JSON"),
                ("outil.schema.json", "Schéma JSON des fiches outil", "application/schema+json", "JSON"),
                ("datapackage.json", "Paquet de données (Frictionless)", "application/json", "JSON")]),
}


def _url(cfg: SiteConfig, name: str) -> str:
    return f"{cfg.site_url}flux.xml" if name == "../flux.xml" else f"{cfg.site_url}donnees/{name}"


def _date(cfg: SiteConfig) -> dict:
    return {"@value": cfg.today.isoformat(), "@type": "xsd:date"}


def _spatial(bank: Bank) -> list[dict]:
    regions = sorted({r for s in bank.experiences for r in s.regions})
    names = territories().regions
    return [{"@id": f"{EU}country/FRA"}, *({"@type": "dct:Location", "dct:identifier": code,
                                           "locn:geographicName": names[code]["nom"]} for code in regions)]


def catalogue(bank: Bank, cfg: SiteConfig) -> dict:
    """The DCAT-AP catalogue of the published data."""
    publisher = {"@id": f"{cfg.site_url}#comite", "@type": "foaf:Organization", "foaf:name": PUBLISHER,
                 "foaf:mbox": {"@id": f"mailto:{cfg.comite_courriel}"}}
    contact = {"@type": "vcard:Organization", "vcard:fn": PUBLISHER, "vcard:hasEmail": {"@id": f"mailto:{cfg.comite_courriel}"}}
    licence = {"@id": cfg.licence_url, "@type": "dct:LicenseDocument", "dct:title": cfg.licence}
    keywords = [vocabulary("themes").label(t) for t in dict.fromkeys(t for s in bank.experiences for t in s.model.themes)]
    datasets = []
    for key, (title, description, files) in DATASETS.items():
        datasets.append({
            "@id": f"{cfg.site_url}donnees/#{key}", "@type": "dcat:Dataset",
            "dct:identifier": f"{cfg.site_url}donnees/#{key}",
            "dct:title": {"@value": title, "@language": "fr"},
            "dct:description": {"@value": description, "@language": "fr"},
            "dct:publisher": {"@id": publisher["@id"]}, "dcat:contactPoint": contact,
            "dct:license": {"@id": cfg.licence_url}, "dct:modified": _date(cfg),
            "dct:spatial": _spatial(bank), "dcat:keyword": keywords, "dct:language": {"@id": f"{EU}language/FRA"},
            "dcat:landingPage": {"@id": f"{cfg.site_url}donnees/"}, "owl:versionInfo": version(),
            "dcat:distribution": [{
                "@id": _url(cfg, name), "@type": "dcat:Distribution",
                "dct:title": {"@value": label, "@language": "fr"},
                "dcat:accessURL": {"@id": _url(cfg, name)}, "dcat:downloadURL": {"@id": _url(cfg, name)},
                "dcat:mediaType": {"@id": MEDIA + media}, "dct:format": {"@id": f"{EU}file-type/{kind}"},
                "dct:license": {"@id": cfg.licence_url}, "dct:modified": _date(cfg),
                **({"dct:conformsTo": {"@id": _url(cfg, schema)}} if (schema := _conforms(name)) else {}),
            } for name, label, media, kind in files],
        })
    return {
        "@context": CONTEXT, "@id": f"{cfg.site_url}{CATALOGUE}", "@type": "dcat:Catalog",
        "dct:title": {"@value": TITLE, "@language": "fr"},
        "dct:description": {"@value": "Les données ouvertes de la banque d'expériences : fiches, outils, flux et format.",
                            "@language": "fr"},
        "dct:publisher": publisher, "dct:license": licence, "dct:modified": _date(cfg),
        "dct:language": {"@id": f"{EU}language/FRA"}, "foaf:homepage": {"@id": cfg.site_url},
        "dct:spatial": _spatial(bank), "dcat:dataset": datasets,
    }


def _conforms(name: str) -> str:
    """The schema a distribution follows, if any."""
    return {"experiences.json": "experience.schema.json", "outils.json": "outil.schema.json",
            "experiences.csv": "datapackage.json", "outils.csv": "datapackage.json"}.get(name, "")


def _one_of(vocab: str) -> str:
    """A pattern: ids of a vocabulary joined by the list separator (or nothing)."""
    ids = "|".join(re.escape(i) for i in vocabulary(vocab).ids)
    return f"^((?:{ids})(?:{re.escape(LIST_SEPARATOR)}(?:{ids}))*)?$"


def _field(name: str, description: str, kind: str = "string", **constraints) -> dict:
    field: dict[str, Any] = {"name": name, "description": description, "type": kind}
    if kind == "string" and name == "url":
        field["format"] = "uri"
    if constraints:
        field["constraints"] = constraints
    return field


def _experience_fields() -> list[dict]:
    # With a precision column, a year may be approximate (« vers 2014 »): the cell is the text as written.
    year = "string" if "debut_precision" in exports.CSV_COLUMNS else "integer"
    known = [
        _field("slug", "Identifiant de la fiche", required=True, unique=True),
        _field("titre", "Titre de l'expérience", required=True),
        _field("resume", "Résumé", required=True),
        _field("nature", "Nature (vocabulaire natures)", required=True, enum=list(vocabulary("natures").ids)),
        _field("modeles", "Modèles de partenariat, séparés par « ; »", pattern=_one_of("modeles")),
        _field("regions", "Régions, séparées par « ; »"),
        _field("departements", "Codes INSEE des départements, séparés par « ; »"),
        _field("themes", "Thèmes, séparés par « ; »", required=True, pattern=_one_of("themes")),
        _field("acteurs", "Acteurs : nom (type, rôle), séparés par « ; »"),
        _field("debut", "Année de début", year),
        _field("debut_precision", "Précision de l'année de début (exacte ou approximative)"),
        _field("fin", "Année de fin (vide si en cours)", year),
        _field("fin_precision", "Précision de l'année de fin"),
        _field("situation", "Date de la situation décrite (AAAA-MM ou AAAA-MM-JJ)"),
        _field("referent", "Référent : nom, fonction, structure (vide s'il n'est pas publié)"),
        _field("referent_situation", "Ce que la fiche dit du référent quand il n'est pas nommé"),
        _field("personnes_citees", "Personnes citées avec leur accord, séparées par « ; »"),
        _field("derniere_relecture", "Date de la dernière relecture par le comité", "date"),
        _field("url", "Adresse de la fiche sur le site", required=True),
    ]
    return _columns(known, exports.CSV_COLUMNS)


def _tool_fields() -> list[dict]:
    known = [
        _field("slug", "Identifiant de la fiche", required=True, unique=True),
        _field("titre", "Nom de l'outil", required=True),
        _field("type", "Type d'outil", required=True, enum=list(vocabulary("types_outils").ids)),
        _field("organisation", "Structure qui porte l'outil", required=True),
        {**_field("adresse", "Adresse de l'outil en ligne"), "format": "uri"},
        _field("portee", "Portée territoriale, séparée par « ; »"),
        _field("publics", "Publics, séparés par « ; »", required=True, pattern=_one_of("types_acteurs")),
        _field("themes", "Thèmes, séparés par « ; »", required=True, pattern=_one_of("themes")),
        _field("derniere_relecture", "Date de la dernière relecture par le comité", "date"),
        _field("url", "Adresse de la fiche sur le site", required=True),
    ]
    return _columns(known, exports.TOOL_CSV_COLUMNS)


def _columns(known: list[dict], columns: list[str]) -> list[dict]:
    """The fields of a CSV file, in its column order: a column not described
    above is text (tests/site/test_open_data.py asks each to be described)."""
    by_name = {f["name"]: f for f in known}
    return [by_name.get(name) or _field(name, "") for name in columns]


def datapackage(cfg: SiteConfig) -> dict:
    """The Frictionless Data Package of the two CSV files."""
    def resource(name: str, title: str, fields: list[dict]) -> dict:
        return {"name": name, "title": title, "path": f"{name}.csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]}}

    return {
        "profile": "tabular-data-package",
        "name": "banque-experiences-alliances-territoires",
        "title": TITLE,
        "description": "Les expériences et les outils publiés par la banque, en CSV.",
        "version": version(),
        "homepage": cfg.site_url,
        "created": f"{cfg.today.isoformat()}T00:00:00Z",
        "licenses": [{"name": cfg.licence.replace(" ", "-"), "path": cfg.licence_url, "title": cfg.licence}],
        "contributors": [{"title": PUBLISHER, "email": cfg.comite_courriel, "role": "publisher"}],
        "resources": [resource("experiences", "Expériences", _experience_fields()),
                      resource("outils", "Outils", _tool_fields())],
    }


def render(bank: Bank, cfg: SiteConfig) -> dict[str, str]:
    return {
        CATALOGUE: json.dumps(catalogue(bank, cfg), ensure_ascii=False, indent=1) + "\n",
        DATAPACKAGE: json.dumps(datapackage(cfg), ensure_ascii=False, indent=1) + "\n",
    }
