"""Open data and the feed (site/exports.py): the JSON records, the CSV and its
formula guard, the Atom feed. That a built site exports exactly its published
sheets is checked in test_site_construction.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest

from banque.sheets.bank import Bank
from banque.sheets.dating import Period
from banque.sheets.policy import policy
from banque.sheets.problem import fragment
from banque.sheets.schema_version import version
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary
from banque.site import exports, typography
from tests.site.small_bank import edited, sheet

ATOM = "{http://www.w3.org/2005/Atom}"
MASKED = "essai-referent-masque"


def test_an_experience_record_holds_its_fields_as_data(site_bank):
    s = sheet(site_bank, "atelier-partage-quartiers")
    record = exports.experience_record(s)
    assert json.loads(json.dumps(record)) == record  # plain JSON values: dates as ISO text
    assert record["slug"] == s.slug and record["nature"] == s.model.nature
    assert record["modeles"] == [{"modele": u.modele, "justification": u.justification} for u in s.model.modeles]
    assert record["territoires"] == [{"niveau": p.niveau, "code": p.code, "nom": p.libelle} for p in s.places]
    assert record["regions"] == [{"code": r, "nom": territories().regions[r]["nom"]} for r in s.regions]
    assert record["departements"] == s.departements
    assert record["derniere_relecture"] == s.model.relecture.date.isoformat()
    assert record["date_publication"] == s.model.date_publication.isoformat()
    assert record["periode"] == {"debut": {"annee": 2016, "precision": "exacte", "texte": "2016"}, "fin": None}
    assert record["situation"] == s.model.situation == "2015-01"


@pytest.mark.parametrize(("debut", "fin", "expected", "cells"), [
    ("vers 2014", None, {"debut": {"annee": 2014, "precision": "approximative", "texte": "vers 2014"}, "fin": None},
     ("vers 2014", "approximative", "", "")),
    ("inconnu", 2015, {"debut": {"annee": None, "precision": "inconnue", "texte": "inconnu"},
                       "fin": {"annee": 2015, "precision": "exacte", "texte": "2015"}},
     ("inconnu", "inconnue", "2015", "exacte")),
])
def test_approximate_and_unknown_years_stay_machine_readable(site_bank, site_cfg, debut, fin, expected, cells):
    s = edited(sheet(site_bank, "fiche-exemplaire"), periode=Period(debut=debut, fin=fin))
    assert exports.experience_record(s)["periode"] == expected
    row = next(csv.DictReader(io.StringIO(exports.experiences_csv(Bank([s]), site_cfg.site_url))))
    assert (row["debut"], row["debut_precision"], row["fin"], row["fin_precision"]) == cells
    assert row["situation"] == "2015-01"


def test_links_to_tools_are_exported_with_their_nature(site_bank):
    record = exports.experience_record(sheet(site_bank, "fiche-exemplaire"))
    assert record["outils"] == [{"outil": "reseau-des-pionniers", "lien": policy().link.uses,
                                 "passage": "Bilan annuel, partie 3 : « le groupement échange avec le réseau des pionniers »"}]
    bare = exports.experience_record(sheet(site_bank, "cooperation-emploi-vallee"))
    assert bare["outils"] == [{"outil": "reseau-des-pionniers", "lien": None, "passage": None}]


def test_no_review_and_no_publication_date_are_null(site_bank):
    record = exports.experience_record(sheet(site_bank, "cooperation-emploi-vallee"))
    assert record["derniere_relecture"] is None and record["date_publication"] is None


@pytest.mark.parametrize(("slug", "expected"), [
    # A referent reached through the committee: named, no address.
    ("atelier-partage-quartiers", {"nom": "Dominique Exemple", "fonction": "Présidente",
                                   "organisation": "Association de test", "contact": policy().contact.via_committee}),
    # A public referent: the functional address too.
    ("essai-referent-public", {"nom": "Camille Exemple", "fonction": "coordinatrice", "organisation": "Groupement d'essai",
                               "contact": policy().contact.public, "courriel": "contact@example.org"}),
    (MASKED, None),  # nothing about a masked referent leaves the repository
    ("cooperation-emploi-vallee", None),  # no referent named yet
])
def test_the_referent_is_exported_as_the_site_shows_it(site_bank, site_cfg, slug: str, expected: dict | None):
    assert exports.experience_record(sheet(site_bank, slug), site_cfg.today)["referent"] == expected


def test_an_expired_agreement_is_exported_as_a_referent_to_confirm(site_bank):
    record = exports.experience_record(sheet(site_bank, "atelier-partage-quartiers"), dt.date(2022, 3, 10))
    assert record["referent"] is None and record["referent_situation"] == fragment("referent-accord-expire")


def test_a_tool_record_holds_its_fields_as_data(site_bank):
    s = sheet(site_bank, "guide-des-alliances")
    record = exports.tool_record(s)
    assert json.loads(json.dumps(record)) == record
    assert record["type"] == s.model.type and record["publics"] == list(s.model.publics)
    assert record["territoires"] == [{"niveau": p.niveau, "code": p.code, "nom": p.libelle} for p in s.places]
    assert record["derniere_relecture"] == s.model.relecture.date.isoformat()


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"https://attaquant.example\")", "'=HYPERLINK(\"https://attaquant.example\")"),
    ("+33 1 00 00 00 00", "'+33 1 00 00 00 00"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcaché", "'\tcaché"),
    ("\rcaché", "'\rcaché"),
    ("a = b", "a = b"),
    ("2016", "2016"),
    ("", ""),
])
def test_a_csv_cell_never_starts_a_formula(value: str, expected: str):
    assert exports._csv_cell(value) == expected


def test_the_csv_has_a_row_per_experience_with_its_columns(site_bank, site_cfg):
    rows = list(csv.reader(io.StringIO(exports.experiences_csv(site_bank, site_cfg.site_url, site_cfg.today))))
    assert rows[0] == exports.CSV_COLUMNS
    by_slug = {r[0]: dict(zip(exports.CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert list(by_slug) == [s.slug for s in site_bank.experiences]
    atelier = by_slug["atelier-partage-quartiers"]
    assert atelier["regions"] == "Grand Est" and atelier["departements"] == "67"
    assert atelier["themes"] == "; ".join(sheet(site_bank, "atelier-partage-quartiers").model.themes)
    assert atelier["acteurs"].startswith("Association de test (association, porteur); ")
    assert (atelier["debut"], atelier["debut_precision"], atelier["fin"]) == ("2016", "exacte", "")
    assert atelier["referent"] == "Dominique Exemple, Présidente, Association de test"
    assert atelier["url"] == f"{site_cfg.site_url}experiences/atelier-partage-quartiers/"
    assert by_slug[MASKED]["referent"] == "" and by_slug["cooperation-emploi-vallee"]["referent"] == ""
    assert atelier["referent_situation"] == fragment("referent-accord", date="2019-03-10")
    assert by_slug[MASKED]["referent_situation"] == fragment("referent-masque")
    assert by_slug["cooperation-emploi-vallee"]["referent_situation"] == fragment("referent-a-confirmer")


def test_a_title_written_as_a_formula_stays_text_in_the_csv(site_bank, site_cfg):
    s = edited(sheet(site_bank, "fiche-exemplaire"), titre='=HYPERLINK("https://attaquant.example","ok")')
    rows = list(csv.DictReader(io.StringIO(exports.experiences_csv(Bank([s]), site_cfg.site_url))))
    assert rows[0]["titre"] == "'" + s.model.titre


def test_a_masked_referent_appears_in_no_export(site_bank, site_cfg):
    masked = sheet(site_bank, MASKED).model.referent
    assert masked.contact == policy().contact.masked
    files = exports.render(site_bank, site_cfg)
    for name, text in files.items():
        for secret in (masked.nom, masked.fonction, masked.organisation):
            assert secret not in text, name


def test_the_feed_lists_newest_sheets_first_with_their_summary(site_bank, site_cfg):
    feed = ET.fromstring(exports.atom(site_bank, site_cfg.site_url, "Titre", site_cfg.today))
    assert feed.findtext(f"{ATOM}title") == "Titre" and feed.findtext(f"{ATOM}id") == site_cfg.site_url
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(site_bank.experiences) + len(site_bank.outils)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and feed.findtext(f"{ATOM}updated") == updated[0]
    by_id = {e.findtext(f"{ATOM}id"): e for e in entries}
    tool = sheet(site_bank, "guide-des-alliances")
    entry = by_id[f"{site_cfg.site_url}outils/guide-des-alliances/"]
    assert entry.findtext(f"{ATOM}summary") == typography.text(
        f"{vocabulary('types_outils').label(tool.model.type)} — {tool.model.organisation} (Situation décrite : janvier 2015.)")
    exp = sheet(site_bank, "fiche-exemplaire")
    entry = by_id[f"{site_cfg.site_url}experiences/fiche-exemplaire/"]
    named = f"Référent : Camille Exemple, Déléguée générale — Groupement d'entreprises de test ({fragment('referent-accord', date='2025-09-01')})."
    assert entry.findtext(f"{ATOM}summary") == typography.text(f"{exp.model.resume} {named} (Situation décrite : janvier 2015.)")
    assert entry.findtext(f"{ATOM}published") == f"{exp.model.date_publication.isoformat()}T00:00:00Z"


def test_the_feed_escapes_text_and_keeps_the_fifty_newest(site_bank, site_cfg):
    base = sheet(site_bank, "cooperation-emploi-vallee")  # no review date: dated by its publication
    sheets = [edited(base, slug=f"fiche-{i:02d}", titre=f"Fiche {i} <b>& co</b>", date_publication=dt.date(2020, 1, 1) + dt.timedelta(days=i))
              for i in range(60)]
    text = exports.atom(Bank(sheets), site_cfg.site_url, "A & <B>")
    feed = ET.fromstring(text)  # well-formed whatever the titles hold
    assert "<b>" not in text and feed.findtext(f"{ATOM}title") == "A & <B>"
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [f"Fiche {i} <b>& co</b>" for i in range(59, 9, -1)]


def test_a_sheet_without_review_or_publication_is_dated_by_its_situation(site_bank, site_cfg):
    s = edited(sheet(site_bank, "cooperation-emploi-vallee"), situation="2019-05-20", periode=Period(debut="inconnu"))
    entry = ET.fromstring(exports.atom(Bank([s]), site_cfg.site_url, "Titre")).find(f"{ATOM}entry")
    assert entry is not None and entry.findtext(f"{ATOM}updated") == "2019-05-20T00:00:00Z"
    assert entry.findtext(f"{ATOM}summary").endswith("(Situation décrite\u00a0: 20 mai 2019.)")


def test_an_empty_bank_still_makes_a_valid_feed(site_cfg):
    feed = ET.fromstring(exports.atom(Bank(), site_cfg.site_url, "Titre"))
    assert feed.findall(f"{ATOM}entry") == [] and feed.findtext(f"{ATOM}updated")


def test_the_data_files_hold_the_records(site_bank, site_cfg):
    files = exports.render(site_bank, site_cfg)
    assert set(files) == {"donnees/experiences.json", "donnees/outils.json", "donnees/experiences.csv", "flux.xml",
                          "donnees/outils.csv", "donnees/experience.schema.json", "donnees/outil.schema.json"}
    assert json.loads(files["donnees/experiences.json"]) == [exports.experience_record(s, site_cfg.today) for s in site_bank.experiences]
    assert json.loads(files["donnees/outils.json"]) == [exports.tool_record(s) for s in site_bank.outils]
    assert files["donnees/experiences.csv"] == exports.experiences_csv(site_bank, site_cfg.site_url, site_cfg.today)
    assert files["donnees/outils.csv"] == exports.tools_csv(site_bank, site_cfg.site_url)
    assert "é" in files["donnees/experiences.json"]  # French text as written, not \u escapes


def test_the_feed_gets_french_typography_and_the_open_data_keeps_the_text_as_written(site_bank, site_cfg):
    written = {"titre": "Une alliance ? « Oui » : 6 000 repas...", "resume": "Pourquoi ? Parce que ; enfin !"}
    s = edited(sheet(site_bank, "fiche-exemplaire"), **written)
    files = exports.render(Bank([s]), site_cfg)
    entry = ET.fromstring(files["flux.xml"]).find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "Une alliance\u202f? «\u202fOui\u202f»\u00a0: 6\u202f000 repas…"
    summary = entry.findtext(f"{ATOM}summary")
    assert summary.startswith("Pourquoi\u202f? Parce que\u202f; enfin\u202f! Référent\u00a0: ")
    assert summary.endswith("(Situation décrite\u00a0: janvier 2015.)")
    record = json.loads(files["donnees/experiences.json"])[0]
    assert (record["titre"], record["resume"]) == (written["titre"], written["resume"])
    row = next(csv.DictReader(io.StringIO(files["donnees/experiences.csv"])))
    assert (row["titre"], row["resume"]) == (written["titre"], written["resume"])


def test_the_tools_csv_has_one_row_per_tool_with_its_ids_and_page(site_bank, site_cfg):
    rows = list(csv.DictReader(io.StringIO(exports.tools_csv(site_bank, site_cfg.site_url))))
    assert [r["slug"] for r in rows] == [s.slug for s in site_bank.outils]
    tool = sheet(site_bank, "guide-des-alliances")
    row = next(r for r in rows if r["slug"] == tool.slug)
    assert list(row) == exports.TOOL_CSV_COLUMNS
    assert row["type"] == tool.model.type and row["themes"] == "; ".join(tool.model.themes)
    assert row["publics"] == "; ".join(tool.model.publics) and row["adresse"] == (tool.model.url or "")
    assert row["url"] == f"{site_cfg.site_url}outils/{tool.slug}/"


def test_every_export_carries_the_version_of_the_sheet_format(site_bank, site_cfg):
    files = exports.render(site_bank, site_cfg)
    for name in ("donnees/experiences.json", "donnees/outils.json"):
        assert {r["version_schema"] for r in json.loads(files[name])} == {version()}
    feed = ET.fromstring(files["flux.xml"])
    assert feed.findtext("{https://schema.org/}schemaVersion") == version()
    for name in ("donnees/experience.schema.json", "donnees/outil.schema.json"):
        assert json.loads(files[name])["version"] == version()
