"""The built site, in Chromium: what a reader sees, searches, prints.

The site is built from the real content/ (and, for referent modes and search,
from content/ plus the fictional sheets of tests/site/fixtures). Expected
values come from the validated bank, so a rewritten sheet does not break the
tests; a few stable facts (Lavéo) are asserted as they are.
"""

from __future__ import annotations

import gzip
import html as html_lib
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from banque.sheets.dating import situation_fr, span
from banque.sheets.links import slugs
from banque.sheets.models import Referent
from banque.sheets.templating import date_fr
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary
from banque.site import admin, typography
from banque.site.pages.territories import region_slug
from tests.navigateur import Watcher, fold, load_queries, open_page, page_path, pagefind_search

pytestmark = pytest.mark.browser

LAVEO = "laveo-structures-insertion"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# The fictional masked referent of tests/site/fixtures/experiences/essai-referent-masque.md.
MASKED_SLUG = "essai-referent-masque"
MASKED_WORDS = ["Zéphyrine", "Zephyrine", "Quillebrac", "trésorière bénévole"]
PUBLIC_SLUG = "essai-referent-public"


def norm(text: str) -> str:
    return " ".join(text.split())


# -- 1. home page ------------------------------------------------------------------

def test_home_page_shows_title_counts_and_featured_sheets(page, real_site, real_server):
    bank = real_site.bank
    page.goto(real_server.url())
    assert page.locator("h1").inner_text() == "Banque d'expériences des alliances en territoires"
    assert page.title().startswith("Accueil")

    counts = [norm(t) for t in page.locator(".chiffres li").all_inner_texts()]
    n_exp, n_tools = len(bank.experiences), len(bank.outils)
    n_regions = len({r for s in bank.experiences for r in s.regions})
    assert counts[0] == f"{n_exp} expérience{'s' if n_exp > 1 else ''} publiée{'s' if n_exp > 1 else ''}"
    assert counts[1].startswith(f"{n_regions} région")
    assert counts[2].startswith(f"{n_tools} outil")

    featured = [s for s in bank.experiences if s.model.mise_en_avant]
    assert featured, "aucune fiche publiée n'est mise en avant"
    cards = page.locator("h2#a-la-une + .grille-fiches .carte-fiche")
    titles = cards.locator(".carte-titre a").all_inner_texts()
    assert sorted(titles) == sorted(typography.text(s.model.titre) for s in featured)
    assert LAVEO in {s.slug for s in featured}
    # Each card links to its sheet and shows its summary.
    for sheet in featured:
        card = cards.filter(has=page.locator(f'a[href="experiences/{sheet.slug}/"]'))
        assert card.count() == 1
        assert norm(sheet.model.resume) in norm(card.inner_text())


# -- 2. région, model and experience pages -----------------------------------------

@pytest.mark.parametrize("region_name", ["Auvergne-Rhône-Alpes", "Grand Est"])
def test_region_page_lists_departements_and_experiences(page, real_site, real_server, region_name):
    ref = territories()
    code = next(c for c, r in ref.regions.items() if r["nom"] == region_name)
    sheets = [s for s in real_site.bank.experiences if code in s.regions]
    assert sheets, f"aucune fiche publiée en {region_name}"
    page.goto(real_server.url(f"territoires/{region_slug(code)}/"))
    assert page.locator("h1").inner_text() == region_name

    headings = page.locator("h3[id^=dep-]").all_inner_texts()
    depts = ref.departements_of_region(code)
    used = {d for s in sheets for d in s.departements}
    assert headings == [f"{ref.departements[d]['nom']} ({d})" for d in depts if d in used]
    # The départements without experience are named once, in one sentence, each with its anchor.
    empty = [d for d in depts if d not in used]
    assert page.get_by_text("Aucune expérience publiée dans ce département").count() == 0
    sentence = page.locator(".departements-sans-experience")
    assert sentence.count() == (1 if empty else 0)
    if empty:
        names = sentence.locator("span[id^=dep-]").all_inner_texts()
        assert names == [f"{ref.departements[d]['nom']} ({d})" for d in empty]
        assert sentence.get_by_role("link").all_inner_texts() == ["Proposer une expérience dans l'un de ces départements"]

    links = {page_path(h) for h in page.locator("article .carte-titre a").evaluate_all(
        "els => els.map(e => e.href)")}
    assert {f"experiences/{s.slug}" for s in sheets} <= links
    count = len(sheets)
    assert page.get_by_text(f"{count} expérience{'s' if count > 1 else ''} dans cette région").count() == 1
    # A sheet with a département sits under that département's heading.
    for sheet in sheets:
        for dept in (d for d in sheet.departements if ref.departements[d]["region"] == code):
            block = page.locator(f"xpath=//h3[@id='dep-{dept}']/following-sibling::*[1]")
            assert block.locator(f'a[href$="experiences/{sheet.slug}/"]').count() == 1, (sheet.slug, dept)


def test_laveo_is_in_isere_and_auvergne_rhone_alpes(page, real_server):
    page.goto(real_server.url("territoires/auvergne-rhone-alpes/"))
    isere = page.locator("xpath=//h3[@id='dep-38']/following-sibling::*[1]")
    assert isere.get_by_role("link", name=re.compile("^Lavéo")).count() == 1


def test_model_page_shows_definition_and_experiences(page, real_site, real_server):
    laveo = real_site.experience(LAVEO)
    model_id = laveo.model.modeles[0].modele
    term = vocabulary("modeles").by_id[model_id]
    sheets = [s for s in real_site.bank.experiences if model_id in {u.modele for u in s.model.modeles}]
    page.goto(real_server.url(f"modeles/{model_id.replace('_', '-')}/"))  # readable: hyphens
    assert page.locator("h1").inner_text() == term.libelle
    text = norm(page.locator("article.md-content__inner").inner_text())
    assert norm(term.definition) in text
    assert page.locator("h2", has_text="Les expériences").inner_text() == f"Les expériences ({len(sheets)})"
    titles = page.locator(".carte-titre a").all_inner_texts()
    assert sorted(titles) == sorted(s.model.titre for s in sheets)


SHEET_STRUCTURE = """() => {
  const text = e => e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;
  const summary = {};
  let current = null;
  for (const el of document.querySelectorAll('.fiche-resume dl > *')) {
    if (el.tagName === 'DT') { current = text(el); summary[current] = []; }
    else if (current) summary[current].push(text(el));
  }
  // Elements between the h2 with this id and the next h2.
  const after = id => {
    const h = document.getElementById(id);
    const out = [];
    for (let el = h && h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) out.push(el);
    return out;
  };
  // Material wraps tables in scrolling divs at run time.
  const actorsTable = after('les-acteurs')
    .flatMap(e => e.matches('table') ? [e] : [...e.querySelectorAll('table')])
    .flatMap(t => [...t.querySelectorAll('tbody tr')])
    .map(tr => [...tr.querySelectorAll('td')].map(text));
  const article = document.querySelector('article.fiche');
  const sections = [...article.querySelectorAll('h2')].map(text);
  const links = els => els.flatMap(e => [...e.querySelectorAll('a')]).map(a => ({text: text(a), href: a.getAttribute('href')}));
  return {
    h1: text(article.querySelector('h1')),
    chapo: text(article.querySelector('.fiche-chapo')),
    summary, actorsTable, sections,
    // Tools come under one heading per link nature: « Outils utilisés », « Outils cités par la source »…
    tools: [...document.querySelectorAll('h2[id^="outils-"]')].flatMap(h => links(after(h.id))),
    sources: after('sources').map(text).join(' '),
    edit: [...document.querySelectorAll('a')].filter(a => text(a) === 'Proposer une correction').map(a => a.href),
  };
}"""


def test_every_experience_sheet_shows_its_summary_body_tools_and_sources(page, real_site, real_server):
    bank = real_site.bank
    edition = real_site.banque["edition_url"]
    labels = {name: vocabulary(name) for name in ("modeles", "themes", "types_acteurs", "roles")}
    problems = []
    for sheet in bank.experiences:
        m = sheet.model
        page.goto(real_server.url(f"experiences/{sheet.slug}/"))
        got = page.evaluate(SHEET_STRUCTURE)
        s = got["summary"]

        def check(ok: bool, what: str, slug: str = sheet.slug) -> None:
            if not ok:
                problems.append(f"{slug} : {what}")

        check(got["h1"] == m.titre, f"titre {got['h1']!r}")
        check(got["chapo"] == norm(m.resume), "résumé")
        territory = " ".join(s.get("Territoire", []))
        for place in sheet.places:
            check(place.libelle in territory, f"lieu {place.libelle!r} absent du bloc Territoire")
        for r in sheet.regions:
            check(territories().regions[r]["nom"] in territory, f"région {r} absente")
        models = s.get("Modèles de partenariat", [])
        check(len(models) == (len(m.modeles) or 1), "nombre de modèles")
        if not m.modeles:
            check(models[0].startswith("Aucun : les sources ne nomment pas de modèle"), f"sans modèle {models}")
        for use, shown in zip(m.modeles, models, strict=False):  # lengths checked just above
            check(shown == f"{labels['modeles'].label(use.modele)} : {norm(use.justification)}",
                  f"modèle et justification {shown!r}")
        check(s.get("Thèmes") == [", ".join(labels["themes"].label(t) for t in m.themes)], "thèmes")
        check(s.get("Période") == [span(m.periode.debut, m.periode.fin)], f"période {s.get('Période')}")
        check(s.get("Situation décrite") == [situation_fr(m.situation)], f"situation {s.get('Situation décrite')}")
        check(s.get("Dernière relecture par le comité") == [date_fr(m.relecture.date)], "dernière relecture")
        expected_actors = [[a.nom, labels["types_acteurs"].label(a.type), labels["roles"].label(a.role)] for a in m.acteurs]
        check(got["actorsTable"] == expected_actors, f"acteurs {got['actorsTable']}")
        body = [title for title, _ in sheet.sections]
        check(got["sections"][1:1 + len(body)] == body, f"sections {got['sections']}")
        tools = {page_path(t["href"].replace("../../", "/")): t["text"] for t in got["tools"]}
        for slug in slugs(m.outils):
            tool = next((t for t in bank.outils if t.slug == slug), None)
            if tool:
                check(tools.get(f"outils/{slug}") == tool.model.titre, f"outil {slug} : {tools}")
        for source in m.sources:
            check(norm(source.titre) in got["sources"], f"source {source.titre!r}")
        check(got["edit"] == [f"{edition}content/experiences/{sheet.path.name}"], f"lien de correction {got['edit']}")
    assert not problems, "\n".join(problems)


def test_laveo_sheet_known_facts(page, real_site, real_server):
    page.goto(real_server.url(f"experiences/{LAVEO}/"))
    assert page.locator("article.fiche h1").inner_text().startswith("Lavéo")
    summary = page.locator(".fiche-resume")
    assert summary.get_by_role("link", name="Auvergne-Rhône-Alpes").count() == 1
    assert "Grenoble" in summary.inner_text()
    assert "depuis 2008" in summary.inner_text()
    actors = page.locator("xpath=//h2[@id='les-acteurs']/following::table[1]")
    assert actors.locator("tr", has_text="Lavéo").first.locator("td").all_inner_texts() == ["Lavéo", "Entreprise", "Porteur"]
    for title in ("Contexte", "Le partenariat", "Actions menées", "Résultats", "Enseignements"):
        assert page.locator("article.fiche h2", has_text=title).count() == 1
    card = page.locator(".carte-referent")
    assert "Laurent Cenne" in card.inner_text()
    edit = page.get_by_role("link", name="Proposer une correction")
    assert edit.get_attribute("href") == (real_site.banque["edition_url"] + "content/experiences/laveo-structures-insertion.md")


# -- 3. referent card, per contact mode ----------------------------------------------

def _referent_card(page):
    card = page.locator(".carte-referent")
    assert card.count() == 1
    return card


def test_a_cited_speaker_is_presented_as_such_and_contact_goes_through_the_committee(page, real_site, real_server):
    """No real person of the bank has a recorded agreement: each published experience
    presents its 2015 speakers as cited from the report, never as a referent who accepted,
    and its only contact is the committee's address."""
    committee = real_site.banque["comite_courriel"]
    assert real_site.experience(LAVEO).model.referent == "à identifier"
    for sheet in real_site.bank.experiences:
        if isinstance(sheet.model.referent, Referent) or not sheet.model.personnes_citees:
            continue  # the fictional sheets of the fixtures
        page.goto(real_server.url(f"experiences/{sheet.slug}/"))
        card = _referent_card(page)
        text = card.inner_text()
        for person in sheet.model.personnes_citees:
            assert f"Présentée par {person.nom}" in text.replace("\u00a0", " ")
        assert "reste à confirmer" in text and "accepté" not in text
        link = card.get_by_role("link", name="Écrire au comité de rédaction")
        href = link.get_attribute("href")
        assert href.startswith(f"mailto:{committee}?subject="), href
        assert sheet.model.titre in unquote(parse_qs(urlsplit(href).query)["subject"][0])
        mailtos = card.locator('a[href^="mailto:"]').evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert [urlsplit(m).path for m in mailtos] == [committee]
        assert not EMAIL.findall(text)


def test_referent_public_shows_the_functional_address(page, fixture_site, fixture_server):
    sheet = fixture_site.experience(PUBLIC_SLUG)
    page.goto(fixture_server.url(f"experiences/{PUBLIC_SLUG}/"))
    card = _referent_card(page)
    assert "Camille Exemple" in card.inner_text()
    link = card.get_by_role("link", name="contact@example.org")
    assert link.get_attribute("href") == "mailto:contact@example.org"
    assert sheet.model.referent.courriel == "contact@example.org"
    assert card.get_by_role("link", name="Contacter le référent").count() == 0


def _site_texts(site: Path):
    """(path, text) of every file of the built site; Pagefind's files decompressed."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        yield path, text + "\n" + html_lib.unescape(text)


def test_referent_masked_appears_nowhere(page, fixture_site, fixture_server):
    committee = fixture_site.banque["comite_courriel"]
    sheet = fixture_site.experience(MASKED_SLUG)
    assert sheet.model.referent.contact == "masque" and sheet.model.referent.nom == "Zéphyrine Quillebrac"
    page.goto(fixture_server.url(f"experiences/{MASKED_SLUG}/"))
    card = _referent_card(page)
    assert "ne pas être nommé" in card.inner_text()
    assert card.get_by_role("link", name="Écrire au comité de rédaction").get_attribute("href").startswith(f"mailto:{committee}?subject=")
    content = page.content()
    for word in MASKED_WORDS:
        assert word not in content

    # Nowhere in the built site: pages, exports, feed, sitemap, search index.
    leaks = []
    checked = set()
    for path, text in _site_texts(fixture_site.site):
        checked.add(path.relative_to(fixture_site.site).as_posix())
        folded = fold(text)
        for word in MASKED_WORDS:
            if word in text or fold(word) in folded:
                leaks.append(f"{path.relative_to(fixture_site.site)} : {word}")
    assert not leaks, "Référent masqué publié :\n" + "\n".join(leaks)
    for must in ("donnees/experiences.json", "donnees/experiences.csv", "flux.xml", "sitemap.xml",
                 f"experiences/{MASKED_SLUG}/index.html"):
        assert must in checked
    assert any(p.startswith("pagefind/fragment/") for p in checked)
    # The masked sheet itself is published and searchable.
    assert f"experiences/{MASKED_SLUG}" in pagefind_search(page, fixture_server, "epicerie solidaire")


# -- 4. search ---------------------------------------------------------------------

def indexed_texts(site: Path) -> dict[str, str]:
    """What Pagefind indexes on each sheet (data-pagefind-body), folded."""
    texts = {}
    for path in sorted(site.rglob("index.html")):
        found = re.search(r'<article class="fiche[^"]*" data-pagefind-body[^>]*>(.*?)</article>',
                          path.read_text(encoding="utf-8"), re.S)
        if found:
            text = html_lib.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))
            texts[path.parent.relative_to(site).as_posix()] = fold(text)
    return texts


def containing(texts: dict[str, str], word: str) -> set[str]:
    """Pages whose indexed text has `word`, alone or after an elided article."""
    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(fold(word)) + r"(?![a-z0-9])")
    return {page for page, text in texts.items() if pattern.search(text)}


@pytest.mark.parametrize("query, known", [
    ("education", {"experiences/coordinactions-diagnostic-fragilites"}),
    ("partenariat", {"experiences/labo-regional-des-partenariats", f"experiences/{LAVEO}"}),
    ("egalite", {"experiences/charte-entreprises-et-quartiers"}),
    ("rhone-alpes", {f"experiences/{LAVEO}"}),
    ("strasbourg", {"experiences/strasbourg-conseil-ess", "experiences/ibm-banque-alimentaire-strasbourg"}),
    # No real sheet says « employeur(s) » yet: the fixture sheet of the query set
    # covers it; once a real one does, it is checked here too.
    ("employeur", set()),
])
def test_search_on_the_real_site_finds_every_sheet_with_the_word(page, real_site, real_server, query, known):
    """Typed without accents, a word finds every sheet whose text has it (or its
    plural), accented or after an elided article."""
    texts = indexed_texts(real_site.site)
    expected = containing(texts, query)
    if "-" not in query and " " not in query:
        expected |= containing(texts, query + "s")
    assert known <= expected, f"le contenu a changé : {known - expected} ne contient plus « {query} »"
    found = pagefind_search(page, real_server, query)
    missing = expected - set(found)
    assert not missing, f"« {query} » ne trouve pas {sorted(missing)} (trouvé : {found})"


QUERIES = load_queries()


@pytest.mark.parametrize("entry", QUERIES, ids=[f"{q['cas']}:{q['requete']}" for q in QUERIES])
def test_pagefind_finds_expected_sheets_for_query_set(page, fixture_server, entry):
    """Acceptance: every query of tests/site/recherche/requetes.yml finds its sheets with Pagefind."""
    found = pagefind_search(page, fixture_server, entry["requete"])
    first = found[:entry["premiers"]] if "premiers" in entry else found
    missing = [e for e in entry["attendues"] if e not in first]
    where = f"parmi les {entry['premiers']} premiers" if "premiers" in entry else ""
    assert not missing, f"« {entry['requete']} » ({entry['cas']}) ne trouve pas {missing} {where} ; trouvé : {found}"


def test_query_set_expectations_exist(fixture_site):
    """Every expected page of the query set is a page of the site (no typo in requetes.yml)."""
    pages = {p.parent.relative_to(fixture_site.site).as_posix() for p in fixture_site.site.rglob("index.html")}
    wrong = sorted({e for q in QUERIES for e in q["attendues"]} - pages)
    assert not wrong, f"pages attendues inexistantes : {wrong}"
    assert {q["cas"] for q in QUERIES} == {"sans-accents", "pluriel-singulier", "elision", "lieu", "langage-naturel"}
    assert len([q for q in QUERIES if q["cas"] == "langage-naturel" and q["premiers"] == 3]) >= 10


# -- 5 and 6. nothing leaves 127.0.0.1, no JavaScript error, on every page -------------------

def test_every_page_loads_only_local_resources_without_errors(browser, real_site, real_server):
    watcher = Watcher()
    context, p = open_page(browser, watcher)
    # Old addresses are redirect pages (site/redirects.py, tested in test_redirects.py):
    # their refresh would race the next navigation.
    pages = sorted(path.parent.relative_to(real_site.site).as_posix()
                   for path in real_site.site.rglob("index.html")
                   if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8"))
    # The committee space runs a third-party application under its own policy, whose
    # refusals test_admin_navigateur.py checks one by one: not a page of the public site.
    pages = ["" if rel == "." else rel + "/" for rel in pages if rel.split("/")[0] != admin.FOLDER]
    # One page of each kind waits for the network to settle (late fetches, workers).
    kinds = {}
    for rel in pages:
        kinds.setdefault(rel.split("/")[0], rel)
    try:
        for rel in pages:
            response = p.goto(real_server.url(rel), wait_until="networkidle" if rel in kinds.values() else "load")
            assert response and response.ok, rel
        p.goto(real_server.url("404.html"), wait_until="networkidle")
        pagefind_search(p, real_server, "insertion")
        p.wait_for_load_state("networkidle")
        p.locator(".pagefind-ui__result-link").first.click()
        p.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert len(watcher.requests) > len(pages)
    assert any("/pagefind/" in url for _, url in watcher.requests)
    watcher.assert_clean()


# -- 7. printing ------------------------------------------------------------------------

def test_experience_sheet_prints_on_one_or_two_a4_pages(page, real_site, real_server, tmp_path):
    page.goto(real_server.url(f"experiences/{LAVEO}/"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-footer", ".fiche-actions"):
        elements = page.locator(selector)
        for i in range(elements.count()):
            assert not elements.nth(i).is_visible(), f"{selector} visible à l'impression"
    assert page.locator("article.fiche h1").is_visible()
    assert page.locator(".carte-referent").is_visible()
    pdf = page.pdf(format="A4")
    (tmp_path / "fiche.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"la fiche s'imprime sur {pages} pages A4"


def test_search_box_has_a_visible_label(page, real_server):
    """The Pagefind input is named by a visible French label, not only by its placeholder."""
    page.goto(real_server.url("recherche/"))
    box = page.get_by_label("Mots à rechercher")
    box.wait_for(state="visible", timeout=10_000)
    assert box.evaluate("e => e.classList.contains('pagefind-ui__search-input')")
    assert page.locator("label.recherche-libelle").is_visible()
