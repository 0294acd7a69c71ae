"""The search page (assets/javascripts/recherche.js, recherche-mots.js) in
Chromium, on real builds: what each result says, what its excerpt shows, the
« Effacer » button, stop words, and the closest pages when every word together
finds nothing. The query set (tests/site/recherche/requetes.yml) is judged in
test_site_navigateur.py."""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re

import pytest

from banque.sheets.policy import policy
from banque.sheets.text import fold
from tests.conftest import ROOT
from tests.navigateur import RESULT_LINK, page_path, pagefind_search

pytestmark = pytest.mark.browser

WORDS = "assets/javascripts/recherche-mots.js"
RUN = """async ([url, name, cases]) => {
  const module = await import(url);
  return cases.map(c => module[name](...c));
}"""
NEAR = "Aucune fiche ne contient tous ces mots ; voici les plus proches"


def run(page, server, name, cases):
    page.goto(server.url(""))
    return page.evaluate(RUN, [server.url(WORDS), name, cases])


def results(page) -> list[dict]:
    """Every result shown: its kind, title, excerpt and sections."""
    return page.locator(".pagefind-ui__results > li.pagefind-ui__result").evaluate_all("""items => items.map(li => ({
      genre: (li.querySelector('.recherche-genre') || {}).textContent || '',
      href: li.querySelector('.pagefind-ui__result-title a').getAttribute('href'),
      title: li.querySelector('.pagefind-ui__result-title').textContent,
      excerpt: (li.querySelector('.pagefind-ui__result-inner > .pagefind-ui__result-excerpt') || {}).textContent || '',
      sections: [...li.querySelectorAll('.recherche-sections > li')].map(s => [
        s.querySelector('a').textContent, s.querySelector('.pagefind-ui__result-excerpt').textContent]),
    }))""")


def indexed(site) -> dict[str, str]:
    """Each indexed page's text, as Pagefind keeps it (its fragments)."""
    pages = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[page_path(data["url"])] = data
    return pages


# -- what Pagefind indexes -------------------------------------------------------------------------

def label_pairs(html: str) -> list[str]:
    """« Porté par RTES », « Acteur Type Rôle »: each label of the page's summary
    block and tables followed by the text after it, as an index would join them."""
    body = html_lib.unescape(re.sub(r"<[^>]+>", " ", html.split('<div class="fiche-resume"', 1)[1]))
    words = " ".join(body.split())
    labels = [html_lib.unescape(x) for x in re.findall(r"<dt[^>]*>\s*<strong>(.*?)</strong>", html)]
    pairs = []
    for label in labels:
        after = words.split(label + " ", 1)
        if len(after) == 2:
            pairs.append(label + " " + after[1].split()[0])
    return pairs + ["Acteur Type Rôle"]


def test_summary_labels_are_shown_but_not_indexed(real_site):
    pages = indexed(real_site.site)
    assert any(p.startswith("outils/") for p in pages) and any(p.startswith("experiences/") for p in pages)
    for path, data in pages.items():
        content = " ".join(data["content"].split())
        pairs = label_pairs(real_site.html(path))
        assert len(pairs) >= 5, (path, pairs)
        found = [pair for pair in pairs if pair in content]
        assert not found, f"{path} : l'index contient les libellés {found}"
        assert data["meta"]["genre"] == ("Outil" if path.startswith("outils/") else "Expérience"), path
    # The labels are still on the page.
    html = real_site.html("outils/rtes")
    assert re.search(r'<dt data-pagefind-ignore="">\s*<strong>Porté par</strong>', html)
    # What must stay searchable stays: title, summary, territory and places.
    laveo = pages["experiences/laveo-structures-insertion"]["content"]
    sheet = real_site.experience("laveo-structures-insertion")
    for text in (sheet.model.titre, sheet.model.resume.split(".")[0], "Auvergne-Rhône-Alpes"):
        assert " ".join(text.split()) in laveo, text


# -- each result -----------------------------------------------------------------------------------

def test_results_say_their_kind_and_do_not_repeat_their_title(page, real_server):
    found = pagefind_search(page, real_server, "partenariats")
    shown = results(page)
    assert {p.split("/")[0] for p in found} == {"experiences", "outils"}
    for result in shown:
        kind = "Outil" if page_path(result["href"]).startswith("outils/") else "Expérience"
        assert result["genre"] == kind, result
        title = fold(result["title"])
        assert not fold(result["excerpt"]).startswith(title), result
        assert all(fold(name) != title and not fold(text).lstrip(" -").startswith(fold(name))
                   for name, text in result["sections"]), result
        for label in ("Type Réseau Porté par", "Acteur Type Rôle", "Porté par"):
            assert label not in result["excerpt"] + " ".join(t for _, t in result["sections"]), result


def test_clear_button_says_effacer_and_clears(page, real_server):
    page.goto(real_server.url("recherche/"))
    clear = page.locator(".pagefind-ui__search-clear")
    assert clear.inner_text() == "Effacer" and not clear.is_visible()  # nothing to clear, no Tab stop
    pagefind_search(page, real_server, "strasbourg")
    assert page.get_by_role("button", name="Effacer").is_visible() and page.locator(RESULT_LINK).count()
    clear.click()
    assert page.locator(".pagefind-ui__search-input").input_value() == ""
    assert page.locator(RESULT_LINK).count() == 0 and not clear.is_visible()
    assert page.evaluate("document.activeElement.id") == "recherche-saisie"
    assert "q=" not in page.url


def test_a_shared_address_runs_its_query(page, real_server):
    found = pagefind_search(page, real_server, "strasbourg")
    assert "q=strasbourg" in page.url
    page.goto(real_server.url("recherche/?q=strasbourg"))
    page.wait_for_function("n => document.querySelectorAll('" + RESULT_LINK + "').length >= n", arg=min(len(found), 10))
    assert page.locator(".pagefind-ui__search-input").input_value() == "strasbourg"


# -- stop words and the closest pages --------------------------------------------------------------

def test_stop_words_never_make_a_query_fail(page, real_server):
    alone = pagefind_search(page, real_server, "insertion")
    assert alone
    for query in ("insertion par le", "l'insertion et les", "de l'insertion aux", "pour une insertion à"):
        assert pagefind_search(page, real_server, query) == alone, query
    # A query of stop words only still searches.
    assert pagefind_search(page, real_server, "de la")


def test_when_every_word_together_finds_nothing_the_closest_pages_are_shown(page, fixture_server):
    query = "accompagnement des seniors à domicile"
    found = pagefind_search(page, fixture_server, query)
    message = page.locator(".pagefind-ui__message").inner_text()
    assert message.startswith(NEAR.replace(" ;", "\u202f;")), message
    assert f"{len(found)} résultats pour « {query} »" in message.replace("\u202f", " ")
    assert found[0] == "experiences/caisse-epargne-nord-france-europe-universite-catholique-lille"
    # The polite status region says it too.
    page.wait_for_function("t => document.getElementById('recherche-annonce').textContent.startsWith(t)",
                           arg=NEAR.replace(" ;", "\u202f;"))


def test_closest_pages_are_ranked_by_the_words_they_hold(page, fixture_server):
    query = "banque alimentaire et entreprise informatique"
    found = pagefind_search(page, fixture_server, query)
    assert page.locator(".pagefind-ui__message").inner_text().startswith(NEAR.replace(" ;", "\u202f;"))
    words = {w: set(pagefind_search(page, fixture_server, w)) for w in ("banque", "alimentaire", "entreprise", "informatique")}
    assert set(found) == set().union(*words.values())
    held = [sum(p in pages for pages in words.values()) for p in found]
    assert held == sorted(held, reverse=True) and held[0] >= 3, list(zip(found, held, strict=True))
    assert found[0] == "experiences/ibm-banque-alimentaire-strasbourg"


def test_a_word_found_nowhere_says_so(page, real_server):
    assert pagefind_search(page, real_server, "zqxwvk ploum") == []
    message = page.locator(".pagefind-ui__message").inner_text().replace("\u202f", " ")
    assert message.startswith("Pas de résultat pour « zqxwvk ploum »"), message


def test_stop_words_come_from_the_rules(page, real_server):
    page.goto(real_server.url("recherche/"))
    given = page.locator("#recherche").get_attribute("data-mots-vides").split()
    assert given == list(policy().stop_words) and {"le", "de", "et", "par", "a"} <= set(given)


# -- recherche-mots.js -----------------------------------------------------------------------------

def test_query_parts_drop_stop_words_elisions_and_repeats(page, real_server):
    stop = list(policy().stop_words)
    cases = [["accompagnement des seniors à domicile", stop], ["L'insertion par le sport", stop],
             ["Rhône-Alpes et Rhone", stop], ["de la", stop], ["  ", stop], ["Économie ÉCONOMIE economie", stop]]
    got = [r["words"] for r in run(page, real_server, "queryParts", cases)]
    assert got == [["accompagnement", "seniors", "domicile"], ["insertion", "sport"], ["Rhône", "Alpes"],
                   ["de", "la"], [], ["Économie"]]


def test_closest_ranks_by_words_then_score_then_first_seen(page, real_server):
    per_word = [[{"id": "a", "score": 1}, {"id": "b", "score": 5}, {"id": "c", "score": 2}],
                [{"id": "c", "score": 1}, {"id": "d", "score": 9}],
                [{"id": "a", "score": 1}, {"id": "c", "score": 1}, {"id": "e", "score": 1}, {"id": "f", "score": 1}]]
    [ranked] = run(page, real_server, "closest", [[per_word]])
    assert [(p["id"], p["words"]) for p in ranked] == [("c", 3), ("a", 2), ("d", 1), ("b", 1), ("e", 1), ("f", 1)]


def test_without_title_cuts_the_title_only(page, real_server):
    cases = [
        ["<mark>Observatoire</mark> national des <mark>partenariats.</mark> Base de données", "Observatoire national des partenariats"],
        ["Lavéo. Lavéo lave des voitures", "Laveo"],
        ["Les acteurs. Acteur Lavéo", "Les acteurs"],
        ["Les acteurs sont nombreux", "Les acteurs du projet"],
        ["Lavéoservice lave", "Lavéo"],
        ["texte", ""],
    ]
    assert run(page, real_server, "withoutTitle", cases) == [
        "Base de données", "Lavéo lave des voitures", "Acteur Lavéo",
        "Les acteurs sont nombreux", "Lavéoservice lave", "texte"]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_search_is_captured_at_both_widths(browser, real_server, width):
    """Screenshots of a search, kept with the map pages' ones in build/captures/ (issue 12):
    a build artefact of the test run, to look at, never committed."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        found = pagefind_search(tab, real_server, "insertion par le lavage de voitures")
        assert found and "laveo-structures-insertion" in found[0]
        captures = ROOT / "build" / "captures"
        captures.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(captures / f"recherche-{width}.png"), full_page=True)
        assert tab.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()
