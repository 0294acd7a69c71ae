"""The four consent states through a real build: agreement recorded, cited from a
source, agreement expired, refusal. Each says the right words on its page, in the
search index, the feed and the open data; a refusing person is in no file at all.

The bank is the real content plus four fictional sheets (tests/site/fixtures/consentement),
built on 27 November 2026: the agreement of 2022 has expired by then, the one of 2026 has not.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from banque.sheets.problem import fragment
from tests.conftest import ROOT
from tests.navigateur import CONTENT, fold, run_build
from tests.site.site_files import site_texts

FIXTURES = ROOT / "tests" / "site" / "fixtures" / "consentement" / "experiences"
BUILT_ON = "1795780800"  # 2026-11-27 12:00 UTC
ATOM = "{http://www.w3.org/2005/Atom}"
AGREED, CITED, EXPIRED, REFUSED = (f"essai-consentement-{s}" for s in ("accord", "cite", "expire", "refus"))
REFUSING = "Philémon Zastrouille"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("consentement")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    for sheet in FIXTURES.glob("*.md"):
        shutil.copy2(sheet, content / "experiences" / sheet.name)
    result = run_build(content, folder / "build", epoch=BUILT_ON)
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / "log.txt").write_text(result.stdout, encoding="utf-8")
    return folder


def page_text(site: Path, slug: str) -> str:
    """The words of a page's referent card, tags removed, spaces made plain."""
    page = (site / "build" / "site" / "experiences" / slug / "index.html").read_text(encoding="utf-8")
    card = page[page.index('class="carte-referent"'):]
    card = card[:card.index("</div>")]
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", card)).replace("\u00a0", " ").replace("\u202f", " ").split())
    return re.sub(r" (?=[,.])", "", words)  # « **Nom**, » reads « Nom, » once the tags are gone


def records(site: Path) -> dict[str, dict]:
    data = json.loads((site / "build" / "site" / "donnees" / "experiences.json").read_text(encoding="utf-8"))
    return {r["slug"]: r for r in data}


def csv_rows(site: Path) -> dict[str, dict]:
    text = (site / "build" / "site" / "donnees" / "experiences.csv").read_text(encoding="utf-8")
    return {r["slug"]: r for r in csv.DictReader(io.StringIO(text))}


def feed(site: Path) -> dict[str, str]:
    root = ET.fromstring((site / "build" / "site" / "flux.xml").read_text(encoding="utf-8"))
    return {e.findtext(f"{ATOM}id").rstrip("/").rsplit("/", 1)[1]: " ".join(
        (e.findtext(f"{ATOM}summary") or "").replace("\u00a0", " ").replace("\u202f", " ").split())
        for e in root.findall(f"{ATOM}entry")}


def search_words(site: Path, slug: str) -> str:
    """The words Pagefind indexed for a page (its fragment). The referent's card is not indexed
    today: whatever the search shows comes from the sheet's text, never a consent claim."""
    for _rel, text in site_texts(site / "build" / "site" / "pagefind" / "fragment"):
        if f"/experiences/{slug}/" in text:
            return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    raise AssertionError(f"aucun fragment Pagefind pour {slug}")


def test_an_agreement_recorded_names_the_referent_everywhere(site: Path):
    card = page_text(site, AGREED)
    assert "Anatole Brisevent, animateur — Atelier d'essai" in card
    assert "Le référent a accepté d'être cité ici (nom et contact par le comité) : réponse du 1er juin 2026" in card
    assert "Contacter le référent" in card and "à confirmer" not in card
    record = records(site)[AGREED]
    assert record["referent"]["nom"] == "Anatole Brisevent"
    assert record["referent_situation"] == fragment("referent-accord", date="2026-06-01")
    assert csv_rows(site)[AGREED]["referent"] == "Anatole Brisevent, animateur, Atelier d'essai"
    assert "Référent : Anatole Brisevent, animateur — Atelier d'essai (accord du référent enregistré le 2026-06-01)." in feed(site)[AGREED]
    assert "a accepté" not in search_words(site, CITED)  # the index says nothing the page does not


def test_a_person_cited_from_a_source_is_presented_as_such(site: Path):
    sentence = ("Présentée par Capucine Ollivrac, présidente de l'Atelier d'essai (en janvier 2015), "
                "lors de la rencontre du 8 janvier 2015 — compte rendu publié")
    card = page_text(site, CITED)
    assert sentence in card
    assert "Le référent de cette expérience reste à confirmer : aucun accord n'est enregistré pour la personne citée." in card
    assert "Le contact passe par le comité de rédaction." in card and "a accepté" not in card
    record = records(site)[CITED]
    assert record["referent"] is None and [p["mention"] for p in record["personnes_citees"]] == [sentence]
    assert record["personnes_citees"][0]["date_fonction"] == "2015-01"
    assert record["referent_situation"] == fragment("referent-a-confirmer-cite")
    row = csv_rows(site)[CITED]
    assert (row["referent"], row["personnes_citees"]) == ("", sentence)
    assert sentence + "." in feed(site)[CITED] and "Référent :" not in feed(site)[CITED]
    assert "a accepté" not in search_words(site, CITED)


def test_an_expired_agreement_no_longer_names_the_referent(site: Path):
    card = page_text(site, EXPIRED)
    assert "Eudoxie" not in card and "a accepté" not in card
    assert "Le référent de cette expérience reste à confirmer : aucun accord n'est enregistré." in card
    record = records(site)[EXPIRED]
    assert record["referent"] is None and record["referent_situation"] == fragment("referent-accord-expire")
    assert csv_rows(site)[EXPIRED]["referent"] == ""
    assert "Eudoxie" not in feed(site)[EXPIRED] and "Accord du référent à renouveler" in feed(site)[EXPIRED]
    assert "Eudoxie" not in search_words(site, EXPIRED)


def test_the_build_prints_which_sheets_lost_their_referent(site: Path):
    log = (site / "log.txt").read_text(encoding="utf-8")
    flagged = [line for line in log.splitlines() if line.startswith("Attention") and "accord du référent" in line]
    assert len(flagged) == 1 and f"{EXPIRED}.md:" in flagged[0] and "2022-01-10" in flagged[0]
    assert "expiré le 2025-01-10" in flagged[0]


def test_a_refusal_leaves_the_person_in_no_file_of_the_site(site: Path):
    card = page_text(site, REFUSED)
    assert "Capucine Ollivrac" in card  # the other cited person is still presented
    assert "reste à confirmer" in card and "a accepté" not in card
    words = [REFUSING, "Zastrouille", fold("Philémon Zastrouille")]
    leaks = {rel for rel, text in site_texts(site / "build")  # the pages, search index, feed, exports, sitemap; docs too
             if any(w in text or w in fold(text) for w in words)}
    assert not leaks, f"personne ayant refusé encore présente : {sorted(leaks)}"
    checked = {rel for rel, _ in site_texts(site / "build" / "site")}
    for must in ("donnees/experiences.json", "donnees/experiences.csv", "flux.xml", "sitemap.xml",
                 f"experiences/{REFUSED}/index.html"):
        assert must in checked
    assert records(site)[REFUSED]["referent_situation"] == fragment("referent-a-confirmer-cite")


def test_no_page_says_someone_accepted_without_a_recorded_agreement(site: Path):
    pages = site / "build" / "site" / "experiences"
    saying = sorted(p.parent.name for p in pages.glob("*/index.html")
                    if re.search(r"a\s+accepté", html.unescape(p.read_text(encoding="utf-8"))))
    assert saying == [AGREED]


def test_the_real_sheets_present_their_2015_speakers_with_a_dated_role(site: Path):
    card = page_text(site, "laveo-structures-insertion")
    assert ("Présentée par Laurent Cenne, co-gérant de Lavéo (en janvier 2015), lors de la rencontre du "
            "8 janvier 2015 — compte rendu publié") in card
    assert "reste à confirmer" in card
    strasbourg = [slug for slug, r in records(site).items()
                  if any(p["nom"] == "Jeanne Barseghian" for p in r["personnes_citees"])]
    assert len(strasbourg) == 5
    for slug in strasbourg:
        assert "Jeanne Barseghian, conseillère communautaire" in page_text(site, slug)
        assert "(en janvier 2015)" in page_text(site, slug) and records(site)[slug]["referent"] is None
    federation = [slug for slug, r in records(site).items()
                  if any("Fédération nationale des caisses d'épargne" in p["mention"] for p in r["personnes_citees"])]
    assert len(federation) == 3 and all(records(site)[s]["referent"] is None for s in federation)
