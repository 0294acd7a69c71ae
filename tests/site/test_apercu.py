"""The committee's preview and the public site, built from the same content.

content/ plus a draft, an experience in review and a tool in review is built
twice: the public build must differ from the preview build exactly by those
three sheets (pages, search index, data, feed, site map, explorer data, counts
on the home page), plus the committee's dashboard, which only the preview has.
No file of the public site may mention an unpublished sheet.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from banque.site import explorer, typography
from tests.navigateur import CONTENT, FIXTURE_SHEETS, BuiltSite, build_site, load_bank

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DRAFT = "essai-brouillon"
IN_REVIEW = "essai-proposition-en-relecture"
TOOL_IN_REVIEW = "essai-outil-en-relecture"
CORRESPONDENT = "Camille Correspondante"
# Words found only in the unpublished sheets: none may leak into the public site.
SECRET_WORDS = ("Ornithorynque", "Zygomatique", "brouillon que le public ne voit pas")

EXPERIENCE_IN_REVIEW = f"""---
# yaml-language-server: $schema=../../schema/experience.schema.json
slug: {IN_REVIEW}
titre: "Essai : l'Ornithorynque solidaire, une proposition en relecture"
resume: >-
  Fiche fictive proposée par une correspondante : elle attend la relecture du
  comité et ne doit apparaître que dans son aperçu, jamais sur le site public.
nature: partenariat_bilateral
modeles:
  - modele: innovation_societale
    justification: Une association et une entreprise inventent ensemble un service nouveau.
territoires:
  - niveau: commune
    codes: ["29019"]
themes: [sport]
acteurs:
  - nom: Association Zygomatique
    type: association
    role: porteur
periode:
  debut: 2025
sources:
  - titre: Fiche fictive écrite pour les tests de l'aperçu
referent:
  nom: Référent Zygomatique
  fonction: président
  organisation: Association Zygomatique
situation: "2015-01"
statut: en_relecture
correspondant: {CORRESPONDENT}
---

## Contexte

L'Ornithorynque solidaire est une expérience fictive.

## Le partenariat

Une association et une entreprise.

## Actions menées

Des actions fictives.

## Résultats

Aucun résultat réel.

## Enseignements

Rien à retenir : c'est un essai.
"""

TOOL_IN_REVIEW_TEXT = f"""---
# yaml-language-server: $schema=../../schema/outil.schema.json
slug: {TOOL_IN_REVIEW}
titre: Essai, l'outil Zygomatique en relecture
type: guide
organisation: Association Zygomatique
territoires:
  - niveau: national
publics: [association]
themes: [sport]
sources:
  - titre: Fiche fictive écrite pour les tests de l'aperçu
situation: "2015-01"
statut: en_relecture
correspondant: {CORRESPONDENT}
---

## Présentation

Un outil fictif, l'Ornithorynque des guides.

## Utilité pour les alliances

Aucune : c'est un essai.
"""

FIXTURE_PAGES = {f"experiences/{DRAFT}", f"experiences/{IN_REVIEW}", f"outils/{TOOL_IN_REVIEW}"}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = shutil.copytree(CONTENT, tmp_path_factory.mktemp("apercu") / "content")
    shutil.copy2(FIXTURE_SHEETS / "experiences" / f"{DRAFT}.md", folder / "experiences")
    (folder / "experiences" / f"{IN_REVIEW}.md").write_text(EXPERIENCE_IN_REVIEW, encoding="utf-8")
    (folder / "outils" / f"{TOOL_IN_REVIEW}.md").write_text(TOOL_IN_REVIEW_TEXT, encoding="utf-8")
    statuses = {s.slug: s.model.statut for s in load_bank(folder).experiences + load_bank(folder).outils}
    assert (statuses[DRAFT], statuses[IN_REVIEW], statuses[TOOL_IN_REVIEW]) == ("brouillon", "en_relecture", "en_relecture")
    return folder


@pytest.fixture(scope="module")
def unpublished(content) -> dict[str, set[str]]:
    """Slugs of the sheets only the preview shows, by kind: the fixtures and content/'s own drafts."""
    bank = load_bank(content)
    found = {kind: {s.slug for s in getattr(bank, kind) if s.model.statut in ("brouillon", "en_relecture")}
             for kind in ("experiences", "outils")}
    assert FIXTURE_PAGES <= {f"{kind}/{slug}" for kind, slugs in found.items() for slug in slugs}
    return found


def pages(unpublished: dict[str, set[str]]) -> set[str]:
    return {f"{kind}/{slug}" for kind, slugs in unpublished.items() for slug in slugs}


@pytest.fixture(scope="module")
def public(content, tmp_path_factory) -> BuiltSite:
    return build_site(content, tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def preview(content, tmp_path_factory) -> BuiltSite:
    return build_site(content, tmp_path_factory.mktemp("comite"), preview=True)


def pages_of(site: BuiltSite) -> set[str]:
    return {p.parent.relative_to(site.site).as_posix() for p in site.site.rglob("index.html")} - {"."}


def json_slugs(site: BuiltSite, name: str) -> set[str]:
    return {r["slug"] for r in json.loads((site.site / "donnees" / name).read_text(encoding="utf-8"))}


def feed_links(site: BuiltSite) -> set[str]:
    root = ET.parse(site.site / "flux.xml").getroot()
    return {e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")}


def sitemap(site: BuiltSite) -> set[str]:
    root = ET.parse(site.site / "sitemap.xml").getroot()
    return {u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")}


def search_index(site: BuiltSite) -> set[str]:
    """The pages Pagefind indexed, from its fragments (gzip, after a signature)."""
    urls = set()
    for fragment in (site.site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"].strip("/"))
    return urls


def home_counts(site: BuiltSite) -> dict[str, int]:
    html = site.html("")
    block = re.search(r'<div class="chiffres">(.*?)</div>', html, re.S).group(1)
    return {label.split()[0]: int(n) for n, label in re.findall(r"<strong>(\d+)</strong>\s*([^<]+)</li>", block)}


def site_texts(site: BuiltSite):
    """(path, text) of every file of the site, search fragments decompressed."""
    for path in sorted(site.site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".gz"):
            data = gzip.decompress(data)
        yield path.relative_to(site.site).as_posix(), data.decode("utf-8", errors="replace")


def test_builds_differ_exactly_by_the_unpublished_sheets(public, preview, unpublished):
    experiences, tools = unpublished["experiences"], unpublished["outils"]
    assert pages_of(preview) - pages_of(public) == pages(unpublished) | {"tableau-de-bord"}
    assert pages_of(public) - pages_of(preview) == set()

    assert json_slugs(preview, "experiences.json") - json_slugs(public, "experiences.json") == experiences
    assert json_slugs(public, "experiences.json") <= json_slugs(preview, "experiences.json")
    assert json_slugs(preview, "outils.json") - json_slugs(public, "outils.json") == tools
    assert json_slugs(public, "outils.json") <= json_slugs(preview, "outils.json")
    rows = [{r["slug"] for r in csv.DictReader(io.StringIO(
        (site.site / "donnees" / "experiences.csv").read_text(encoding="utf-8")))} for site in (public, preview)]
    assert rows[1] - rows[0] == experiences and rows[0] <= rows[1]

    base = public.settings["site_url"]
    unpublished_urls = {f"{base}{page}/" for page in pages(unpublished)}
    assert sitemap(preview) - sitemap(public) == unpublished_urls | {f"{base}tableau-de-bord/"}
    assert sitemap(public) <= sitemap(preview)
    assert len(feed_links(preview)) <= 50, "le flux garde les 50 fiches les plus récentes : test à adapter"
    assert feed_links(preview) - feed_links(public) == unpublished_urls
    assert feed_links(public) <= feed_links(preview)

    # Search: only sheet pages are indexed (data-pagefind-body); the dashboard is not one.
    assert search_index(preview) - search_index(public) == pages(unpublished)
    assert search_index(public) <= search_index(preview)

    explored = [{row[0] for row in json.loads((site.site / explorer.INDEX).read_text(encoding="utf-8"))["fiches"]}
                for site in (public, preview)]
    assert explored[1] - explored[0] == experiences and explored[0] <= explored[1]

    published = load_bank(public.content).visible(False)
    shown, committee = home_counts(public), home_counts(preview)
    assert shown["expériences"] == len(published.experiences)
    assert committee["expériences"] == len(published.experiences) + len(experiences)
    assert shown["outils"] == len(published.outils)
    assert committee["outils"] == len(published.outils) + len(tools)


def test_no_public_file_mentions_an_unpublished_sheet(public, preview, unpublished):
    slugs = tuple(sorted(unpublished["experiences"] | unpublished["outils"]))
    secrets = slugs + (CORRESPONDENT,) + SECRET_WORDS
    leaks = [(rel, word) for rel, text in site_texts(public) for word in secrets if word in text]
    assert not leaks, f"fiches non publiées visibles sur le site public : {leaks[:10]}"
    # The same words are there in the preview: the check above can see them.
    found = {word for _, text in site_texts(preview) for word in secrets if word in text}
    assert found == set(secrets)


def test_preview_marks_every_page_and_each_unpublished_sheet(public, preview):
    for site, shown in ((public, False), (preview, True)):
        home = site.html("")
        assert ('class="bandeau-apercu"' in home) is shown
        assert ("tableau-de-bord/" in home) is shown
    draft = preview.html(f"experiences/{DRAFT}")
    assert typography.text("Aperçu du comité : fiche non publiée (statut « brouillon »)") in draft
    review = preview.html(f"experiences/{IN_REVIEW}")
    assert typography.text("Aperçu du comité : fiche non publiée (statut « en_relecture »)") in review
    tool = preview.html(f"outils/{TOOL_IN_REVIEW}")
    assert typography.text("Aperçu du comité : fiche non publiée") in tool and "en_relecture" in tool
    published = preview.html("experiences/laveo-structures-insertion")
    assert "fiche non publiée" not in published


def test_dashboard_page_lists_the_committee_work(preview, public):
    assert not (public.site / "tableau-de-bord").exists() and not (public.docs / "tableau-de-bord.md").exists()
    html = preview.html("tableau-de-bord")
    section = html[html.index('id="en-relecture"'):html.index('id="relectures"')]
    # Both sheets in review, with who proposed them; a copy outside git has no date.
    assert f'href="../experiences/{IN_REVIEW}/"' in section and f'href="../outils/{TOOL_IN_REVIEW}/"' in section
    assert section.count(CORRESPONDENT) == 2 and "date inconnue" in section
    referents = html[html.index('id="referents"'):html.index('id="regions"')]
    assert f"experiences/{DRAFT}/" in referents
    regions = html[html.index('id="regions"'):html.index('id="modeles"')]
    assert typography.text("Bretagne (53) — en préparation : " + IN_REVIEW) in regions
    people = html[html.index('id="correspondants"'):]
    assert f"<strong>{CORRESPONDENT}</strong> (2)" in people
    assert "Consentements de plus de 3 ans" in html and "Relectures de plus de 24 mois" in html
