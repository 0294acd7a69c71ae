"""Open data and the newsletter feed: experiences and outils in JSON and CSV, schemas, Atom.

Exports carry only what the site shows, decided by sheets/people.py on the build
date: a referent whose agreement expired, who refused or asked not to be named is
left out, and no referent field exists that the pages do not publish. The open data keeps the
text as written; the feed, read like the pages, gets French typography.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from xml.sax.saxutils import escape as xml_escape

from banque.paths import SCHEMA
from banque.sheets.bank import Bank, Sheet
from banque.sheets.dating import dating, situation_day, situation_fr
from banque.sheets.links import links
from banque.sheets.models import Experience, Tool
from banque.sheets.people import Shown, cited_sentence, people_shown, situation
from banque.sheets.policy import policy
from banque.sheets.schema_version import version
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary
from banque.site.typography import text as typeset


def _referent(shown: Shown) -> dict | None:
    ref = shown.referent  # None when expired, refused, masked or never agreed (sheets/people.py)
    if ref is None:
        return None
    data: dict[str, str | None] = {"nom": ref.nom, "fonction": ref.fonction, "organisation": ref.organisation,
                                   "contact": shown.contact}
    if shown.contact == policy().contact.public:
        data["courriel"] = ref.courriel
    return data


def _year(value: int | str | None) -> dict | None:
    """A start or end year, machine-readable: the year (None if unknown), its precision, the text as written."""
    if value is None:
        return None
    found = dating(value)
    return {"annee": found.year, "precision": found.precision, "texte": found.text}


def _cited(shown: Shown) -> list[dict]:
    return [{**p.model_dump(), "mention": cited_sentence(p)} for p in shown.cited]


def people_words(shown: Shown) -> str:
    """The referent in one French sentence or two, for the feed: the words of the page."""
    ref = shown.referent
    named = f"Référent : {ref.nom}, {ref.fonction} — {ref.organisation} ({situation(shown)})." if ref else ""
    return " ".join([named, *(f"{cited_sentence(p)}." for p in shown.cited),
                     "" if ref else f"{situation(shown)[:1].upper()}{situation(shown)[1:]}."]).strip()


def experience_record(sheet: Sheet, today: dt.date | None = None) -> dict:
    """`today`: the build date, on which consent expiry is read (the clock's by default)."""
    m = sheet.model
    ref = territories()
    shown = people_shown(m, today or dt.date.today())
    return {
        "slug": sheet.slug,
        "titre": m.titre,
        "resume": m.resume,
        "nature": m.nature,
        "modeles": [{"modele": u.modele, "justification": u.justification} for u in m.modeles],
        "territoires": [{"niveau": p.niveau, "code": p.code, "nom": p.libelle} for p in sheet.places],
        "departements": sheet.departements,
        "regions": [{"code": r, "nom": ref.regions[r]["nom"]} for r in sheet.regions],
        "themes": list(m.themes),
        "acteurs": [a.model_dump() for a in m.acteurs],
        "periode": {"debut": _year(m.periode.debut), "fin": _year(m.periode.fin)},
        "situation": m.situation,
        "indicateurs": [i.model_dump() for i in m.indicateurs],
        "outils": [{"outil": x.outil, "lien": x.lien, "passage": x.passage} for x in links(m.outils)],
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in m.sources],
        "referent": _referent(shown),
        "referent_situation": situation(shown),
        "personnes_citees": _cited(shown),
        "derniere_relecture": m.relecture.date.isoformat() if m.relecture else None,
        "date_publication": m.date_publication.isoformat() if m.date_publication else None,
        "statut": m.statut,
        "version_schema": version(),
    }


def tool_record(sheet: Sheet) -> dict:
    m = sheet.model
    return {
        "slug": sheet.slug,
        "titre": m.titre,
        "type": m.type,
        "organisation": m.organisation,
        "url": m.url,
        "territoires": [{"niveau": p.niveau, "code": p.code, "nom": p.libelle} for p in sheet.places],
        "publics": list(m.publics),
        "themes": list(m.themes),
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in m.sources],
        "situation": m.situation,
        "derniere_relecture": m.relecture.date.isoformat() if m.relecture else None,
        "statut": m.statut,
        "version_schema": version(),
    }


CSV_COLUMNS = ["slug", "titre", "resume", "nature", "modeles", "regions", "departements", "themes",
               "acteurs", "debut", "debut_precision", "fin", "fin_precision", "situation", "referent",
               "referent_situation", "personnes_citees", "derniere_relecture", "url"]


def _csv_cell(value: str) -> str:
    # Spreadsheets run cells starting with = + - @ as formulas: neutralise them.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _year_cells(year: dict | None) -> tuple[str, str]:
    """« 2008 », « vers 2014 », « inconnu » as written, then the precision; two blanks without a year."""
    return (year["texte"], year["precision"]) if year else ("", "")


def experiences_csv(bank: Bank, site_url: str, today: dt.date | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in bank.experiences:
        r = experience_record(s, today)
        ref = r["referent"]
        writer.writerow([_csv_cell(str(v)) for v in [
            r["slug"], r["titre"], r["resume"], r["nature"],
            "; ".join(m["modele"] for m in r["modeles"]),
            "; ".join(x["nom"] for x in r["regions"]),
            "; ".join(r["departements"]),
            "; ".join(r["themes"]),
            "; ".join(f"{a['nom']} ({a['type']}, {a['role']})" for a in r["acteurs"]),
            *_year_cells(r["periode"]["debut"]), *_year_cells(r["periode"]["fin"]), r["situation"],
            f"{ref['nom']}, {ref['fonction']}, {ref['organisation']}" if ref else "",
            r["referent_situation"],
            " ; ".join(p["mention"] for p in r["personnes_citees"]),
            r["derniere_relecture"] or "",
            f"{site_url}experiences/{s.slug}/",
        ]])
    return out.getvalue()


TOOL_CSV_COLUMNS = ["slug", "titre", "type", "organisation", "adresse", "portee", "publics", "themes",
                    "derniere_relecture", "url"]


def tools_csv(bank: Bank, site_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TOOL_CSV_COLUMNS)
    for s in bank.outils:
        m = s.model
        writer.writerow([_csv_cell(str(v)) for v in [
            s.slug, m.titre, m.type, m.organisation, m.url or "",
            "; ".join(p.libelle for p in s.places),
            "; ".join(m.publics), "; ".join(m.themes),
            m.relecture.date.isoformat() if m.relecture else "",
            f"{site_url}outils/{s.slug}/",
        ]])
    return out.getvalue()


def _updated(sheet: Sheet) -> dt.date:
    m = sheet.model
    return (m.relecture.date if m.relecture else None) or m.date_publication or situation_day(m.situation)


def atom(bank: Bank, site_url: str, title: str, today: dt.date | None = None) -> str:
    """The bank's newsletter: newest reviewed sheets first."""
    both: list[Sheet[Experience] | Sheet[Tool]] = [*bank.experiences, *bank.outils]
    sheets = sorted(both, key=lambda s: (_updated(s), s.slug), reverse=True)[:50]
    updated = max((_updated(s) for s in sheets), default=dt.date(2015, 1, 8))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        # schema:schemaVersion: the version of the sheet format, as in every export.
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:schema="https://schema.org/" xml:lang="fr">',
        f"  <title>{xml_escape(typeset(title))}</title>",
        f'  <link href="{xml_escape(site_url)}"/>',
        f'  <link rel="self" href="{xml_escape(site_url)}flux.xml"/>',
        f"  <id>{xml_escape(site_url)}</id>",
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>",
        f"  <schema:schemaVersion>{version()}</schema:schemaVersion>",
    ]
    for s in sheets:
        m = s.model
        kind = "experiences" if s.kind == "experiences" else "outils"
        link = f"{site_url}{kind}/{s.slug}/"
        summary = (f"{m.resume} {people_words(people_shown(m, today or dt.date.today()))}" if isinstance(m, Experience)
                   else f"{vocabulary('types_outils').label(m.type)} — {m.organisation}")
        summary += f" (Situation décrite : {situation_fr(m.situation)}.)"
        published = m.date_publication or _updated(s)
        lines += [
            "  <entry>",
            f"    <title>{xml_escape(typeset(m.titre))}</title>",
            f'    <link href="{xml_escape(link)}"/>',
            f"    <id>{xml_escape(link)}</id>",
            f"    <published>{published.isoformat()}T00:00:00Z</published>",
            f"    <updated>{_updated(s).isoformat()}T00:00:00Z</updated>",
            f"    <summary>{xml_escape(typeset(summary))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def render(bank: Bank, cfg) -> dict[str, str]:
    files = {
        "donnees/experiences.json": json.dumps([experience_record(s, cfg.today) for s in bank.experiences],
                                              ensure_ascii=False, indent=1) + "\n",
        "donnees/outils.json": json.dumps([tool_record(s) for s in bank.outils], ensure_ascii=False, indent=1) + "\n",
        "donnees/experiences.csv": experiences_csv(bank, cfg.site_url, cfg.today),
        "donnees/outils.csv": tools_csv(bank, cfg.site_url),
        "flux.xml": atom(bank, cfg.site_url, "Banque d'expériences des alliances en territoires", cfg.today),
    }
    for name in ("experience.schema.json", "outil.schema.json"):
        files[f"donnees/{name}"] = (SCHEMA / name).read_text(encoding="utf-8")
    return files
