"""`banque construire` on the real content: what it publishes, and how it fails.

No browser here: these tests read the built files. The real content/ is built
once per session (see tests/navigateur.py); tests that break a build work on a
copy of that build, so the shared one stays intact.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from banque.paths import SCHEMA
from banque.site import typography
from tests.navigateur import CONTENT, BuiltSite, build_site, content_with_fixtures, load_bank, run_build, tree_hashes

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> BuiltSite:
    """The real content built a second time, same SOURCE_DATE_EPOCH, elsewhere."""
    return build_site(CONTENT, tmp_path_factory.mktemp("encore"))


@pytest.fixture
def content_copy(tmp_path) -> Path:
    return shutil.copytree(CONTENT, tmp_path / "content")


# -- a successful build ------------------------------------------------------------

def test_build_passes_mkdocs_strict_with_the_repository_settings(real_site):
    # banque construire runs mkdocs with strict=True and mkdocs.yml's
    # validation settings: a single warning (broken link, missing anchor) fails it.
    validation = real_site.settings["validation"]
    assert {validation[k] for k in ("unrecognized_links", "anchors", "not_found")} == {"warn"}
    assert "Site construit dans" in real_site.log
    assert (real_site.site / "index.html").is_file()
    assert (real_site.site / "pagefind" / "pagefind-ui.js").is_file()
    assert not list(real_site.build.glob(".site-*")), "dossier temporaire de construction laissé en place"


def test_only_published_sheets_are_published(real_site):
    everything = load_bank(CONTENT)
    published = {s.slug for s in everything.experiences if s.published}
    built = {p.name for p in (real_site.site / "experiences").iterdir() if (p / "index.html").is_file()}
    assert built == published
    tools = {s.slug for s in everything.outils if s.published}
    built_tools = {p.name for p in (real_site.site / "outils").iterdir() if (p / "index.html").is_file()}
    assert built_tools == tools
    for sheet in everything.experiences + everything.outils:
        if not sheet.published:
            assert not (real_site.site / sheet.kind / sheet.slug).exists(), sheet.slug


def test_draft_is_absent_from_public_site_but_shown_in_committee_preview(fixture_site, tmp_path):
    draft = "essai-brouillon"
    assert not (fixture_site.site / "experiences" / draft).exists()
    assert draft not in (fixture_site.site / "donnees" / "experiences.json").read_text(encoding="utf-8")
    public_home = (fixture_site.site / "index.html").read_text(encoding="utf-8")
    assert "Aperçu du comité" not in public_home

    preview = build_site(fixture_site.content, tmp_path / "apercu", preview=True)
    page = (preview.site / "experiences" / draft / "index.html").read_text(encoding="utf-8")
    assert 'class="bandeau-apercu"' in page
    # The pages carry French typography (site/typography.py).
    assert typography.text("Aperçu du comité : ce site montre aussi les brouillons") in page
    assert typography.text("Aperçu du comité : fiche non publiée (statut « brouillon »)") in page
    assert "Aperçu du comité" in (preview.site / "index.html").read_text(encoding="utf-8")


def test_exports_hold_exactly_the_published_sheets(real_site):
    data = real_site.site / "donnees"
    experiences = {s.slug for s in real_site.bank.experiences}
    tools = {s.slug for s in real_site.bank.outils}
    for name in ("experiences.json", "experiences.csv", "outils.json", "experience.schema.json", "outil.schema.json"):
        assert (data / name).is_file(), name

    records = json.loads((data / "experiences.json").read_text(encoding="utf-8"))
    assert sorted(r["slug"] for r in records) == sorted(experiences)
    assert {r["statut"] for r in records} == {"publiee"}
    laveo = next(r for r in records if r["slug"] == "laveo-structures-insertion")
    # A 2015 speaker, cited from the published report: no agreement, so no referent.
    assert laveo["referent"] is None and [p["nom"] for p in laveo["personnes_citees"]] == ["Laurent Cenne"]
    assert laveo["personnes_citees"][0]["date_fonction"] == "2015-01" and "courriel" not in laveo["personnes_citees"][0]

    rows = list(csv.DictReader(io.StringIO((data / "experiences.csv").read_text(encoding="utf-8"))))
    assert sorted(r["slug"] for r in rows) == sorted(experiences)
    site_url = real_site.settings["site_url"]
    assert {r["url"] for r in rows} == {f"{site_url}experiences/{slug}/" for slug in experiences}

    tool_records = json.loads((data / "outils.json").read_text(encoding="utf-8"))
    assert sorted(r["slug"] for r in tool_records) == sorted(tools)

    for name in ("experience.schema.json", "outil.schema.json"):
        assert json.loads((data / name).read_text(encoding="utf-8")) == json.loads((SCHEMA / name).read_text(encoding="utf-8"))

    feed = ET.parse(real_site.site / "flux.xml").getroot()
    links = {e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")}
    expected = {f"{site_url}experiences/{s}/" for s in experiences} | {f"{site_url}outils/{s}/" for s in tools}
    if len(expected) <= 50:  # the feed keeps the 50 newest
        assert links == expected
    else:
        assert len(links) == 50 and links <= expected


def test_two_builds_are_byte_identical(real_site, second_build):
    """Same content, same SOURCE_DATE_EPOCH: every file of the site (search index
    included) and of the generated docs is the same, byte for byte."""
    first, second = tree_hashes(real_site.site), tree_hashes(second_build.site)
    assert sorted(first) == sorted(second), "les deux constructions n'ont pas les mêmes fichiers"
    differ = sorted(p for p in first if first[p] != second[p])
    assert not differ, f"fichiers différents d'une construction à l'autre : {differ}"
    assert len(first) > 100 and any(p.startswith("pagefind/fragment/") for p in first)
    assert tree_hashes(real_site.docs) == tree_hashes(second_build.docs)


# -- nothing from a third-party host ----------------------------------------------------

class _Resources(HTMLParser):
    """Resource URLs (loaded by the browser) and link URLs of one HTML page."""

    LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon", "prefetch"}

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link":
            rels = set((a.get("rel") or "").lower().split())
            (self.loaded if rels & self.LOADED_LINKS else self.links).append(a.get("href") or "")
        elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "track", "input") and a.get("src"):
            self.loaded.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.loaded.append(a["data"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for name in ("srcset", "imagesrcset"):
            if a.get(name):
                self.loaded.extend(part.split()[0] for part in a[name].split(","))


def _content_hosts(site: BuiltSite) -> set[str]:
    """Hosts that content or settings legitimately link to."""
    urls = [site.settings["site_url"], site.settings["repo_url"], site.banque["edition_url"], site.banque["licence_url"],
            # The accessibility statement's recourse (RGAA): the Défenseur des droits' online form.
            "https://formulaire.defenseurdesdroits.fr/"]
    for sheet in site.bank.experiences + site.bank.outils:
        urls += [s.url for s in sheet.model.sources if s.url]
        urls.append(getattr(sheet.model, "url", None) or "")
        for _, text in sheet.sections:
            urls += re.findall(r"https?://[^\s)>\]\"']+", text)
    return {urlsplit(u).hostname for u in urls if u}


def test_pages_load_nothing_from_another_host(real_site):
    allowed_links = _content_hosts(real_site)
    problems = []
    for path in sorted(real_site.site.rglob("*.html")):
        parser = _Resources()
        parser.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(real_site.site)
        for url in parser.loaded:
            parts = urlsplit(url)
            if parts.scheme not in ("", "data") or url.startswith("//"):
                problems.append(f"{rel} charge {url}")
        for url in parser.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.hostname not in allowed_links:
                problems.append(f"{rel} pointe vers {url}, qui ne vient pas du contenu")
    assert not problems, "\n".join(problems)


def test_no_file_mentions_google_fonts_and_css_loads_only_local_files(real_site):
    for path in sorted(real_site.site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".css", ".js", ".json", ".xml", ".map"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
    for path in sorted(real_site.site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"""url\(\s*['"]?([^'")]+)""", text) + re.findall(r"""@import\s+['"]([^'"]+)""", text):
            assert urlsplit(target).scheme in ("", "data") and not target.startswith("//"), f"{path.name} : {target}"


# -- failures leave the previous site in place -----------------------------------------------

def test_invalid_sheet_fails_with_french_report_and_keeps_previous_site(previous_build, content_copy):
    before = tree_hashes(previous_build)
    sheet = content_copy / "experiences" / "fiche-invalide.md"
    laveo = (CONTENT / "experiences" / "laveo-structures-insertion.md").read_text(encoding="utf-8")
    sheet.write_text(laveo.replace("slug: laveo-structures-insertion", "slug: fiche-invalide")
                     .replace("nature: partenariat_multilateral", "nature: partenariat_imaginaire"), encoding="utf-8")
    result = run_build(content_copy, previous_build)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "fiche-invalide.md" in out and "nature" in out
    assert "Rien n'a été publié" in out
    assert "Le site n'a pas été reconstruit : le site précédent reste en place." in out
    assert tree_hashes(previous_build) == before


def test_mkdocs_failure_names_the_step_and_keeps_previous_site(previous_build, content_copy):
    site_before = tree_hashes(previous_build / "site")
    sheet = content_copy / "experiences" / "laveo-structures-insertion.md"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("## Résultats\n\n", "## Résultats\n\nVoir [x](../nulle-part.md).\n\n", 1), encoding="utf-8")
    assert "nulle-part.md" in sheet.read_text(encoding="utf-8")
    result = run_build(content_copy, previous_build)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Échec à l'étape « mkdocs build --strict »" in out
    assert "Le site précédent reste en place." in out
    assert tree_hashes(previous_build / "site") == site_before
    assert not list(previous_build.glob(".site-*"))


def test_mkdocs_failure_says_in_french_which_link_is_broken(previous_build, content_copy):
    sheet = content_copy / "experiences" / "laveo-structures-insertion.md"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("## Résultats\n\n", "## Résultats\n\nVoir [x](../nulle-part.md).\n\n", 1), encoding="utf-8")
    result = run_build(content_copy, previous_build)
    assert result.returncode != 0
    assert ("la page « experiences/laveo-structures-insertion.md » contient un lien « ../nulle-part.md » "
            "vers une page qui n'existe pas") in result.stdout + result.stderr


def test_noop_rebuild_rewrites_no_markdown_file(previous_build):
    docs = previous_build / "docs"
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    result = run_build(CONTENT, previous_build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Pages générées : \d+ fichiers \(0 réécrits, 0 supprimés\)\.", result.stdout), result.stdout
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == mtimes


def test_fixture_sheets_only_add_to_the_real_content(tmp_path):
    """The fixture site is the real content plus the fictional sheets, nothing removed."""
    folder = content_with_fixtures(tmp_path / "content")
    real = {p.relative_to(CONTENT) for p in CONTENT.rglob("*.md")}
    combined = {p.relative_to(folder) for p in folder.rglob("*.md")}
    assert real < combined
    assert all(p.name.startswith("essai-") for p in combined - real)
