"""The explorer (/explorer/): filters with counts, state in the URL, keyboard
use, the plain lists without JavaScript, and its weight at 5,000 sheets.

Expected sheets and counts are computed here from the validated bank, with
the sheets' own fields, not with explorer.py's helpers.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bench.generate import generate

from banque.sheets.check import validate
from banque.sheets.dating import NOT_KNOWN, dating, span
from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary
from banque.site import explorer
from banque.site.pages.territories import region_slug
from tests.navigateur import ROOT, Watcher, open_page, page_path, pagefind_search

SCRIPT = ROOT / "scripts" / "banque" / "site" / "theme" / "assets" / "javascripts" / "explorateur.js"
SEARCH_SCRIPT = SCRIPT.with_name("recherche.js")
SIZE_BUDGET = 500 * 1024
IMPORT = re.compile(r'^import .* from "(\.{1,2}/[^"]+)";$', re.M)
COUNT = re.compile(r"^(?P<label>.*) \((?P<n>\d+)\)$")


# -- expectations from the bank ----------------------------------------------------------

def regions_of(sheet) -> set[str]:
    return set(sheet.regions) or {sheet.scope}


def models_of(sheet) -> set[str]:
    return {u.modele for u in sheet.model.modeles}


def themes_of(sheet) -> set[str]:
    return set(sheet.model.themes)


def chosen(sheets, regions=(), models=()):
    return [s for s in sheets
            if (not regions or regions_of(s) & set(regions)) and (not models or models_of(s) & set(models))]


def busiest_region_and_model(bank) -> tuple[str, str]:
    """The région with most sheets, and a model that keeps some but not all of them."""
    by_region: dict[str, int] = {}
    for s in bank.experiences:
        for r in s.regions:
            by_region[r] = by_region.get(r, 0) + 1
    region = max(sorted(by_region), key=by_region.get)
    in_region = chosen(bank.experiences, [region])
    for model in vocabulary("modeles").ids:
        if 0 < len(chosen(in_region, models=[model])) < len(in_region):
            return region, model
    pytest.fail(f"aucun modèle ne partage les fiches de la région {region} : le contenu a changé")


# -- reading the page ----------------------------------------------------------------------

def open_explorer(page, server, query: str = "") -> None:
    page.goto(server.url("explorer/" + query))
    page.locator("#explorateur-statut").wait_for()
    page.wait_for_function("() => /\\d+ expériences?|Aucune/.test(document.getElementById('explorateur-statut').textContent)")


def shown_slugs(page) -> list[str]:
    hrefs = page.locator(".explorateur-liste a").evaluate_all("els => els.map(e => e.href)")
    return [page_path(h).removeprefix("experiences/") for h in hrefs]


def facet_counts(page, key: str) -> dict[str, int]:
    """value id → the count shown in its label."""
    counts = {}
    for box in page.locator(f"#facette-{key} input[type=checkbox]").all():
        label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        match = COUNT.match(" ".join(label.split()))
        assert match, f"libellé sans nombre : {label!r}"
        counts[box.get_attribute("value")] = int(match["n"])
    return counts


def checked(page, key: str) -> list[str]:
    return page.locator(f"#facette-{key} input:checked").evaluate_all("els => els.map(e => e.value)")


def status(page) -> str:
    return " ".join(page.locator("#explorateur-statut").inner_text().split())


def wait_for_results(page, slugs) -> None:
    page.wait_for_function(
        """wanted => { const got = [...document.querySelectorAll('.explorateur-liste a')]
             .map(a => a.getAttribute('href').split('/').filter(Boolean).pop());
           return got.length === wanted.length && got.every((s, i) => s === wanted[i]); }""",
        arg=slugs)


def in_order(sheets) -> list[str]:
    return [s.slug for s in explorer.ordered(sheets)]


def plural(n: int) -> str:
    return f"{n} expérience{'s' if n > 1 else ''}"


# -- 1. filters and counts -----------------------------------------------------------------

@pytest.mark.browser
def test_region_and_model_narrow_the_list_with_correct_counts(page, real_site, real_server):
    bank = real_site.bank
    region, model = busiest_region_and_model(bank)
    open_explorer(page, real_server)
    assert shown_slugs(page) == in_order(bank.experiences)
    assert status(page) == f"{plural(len(bank.experiences))}."

    page.get_by_label(re.compile("^" + re.escape(territories().regions[region]["nom"]) + r" \(")).check()
    in_region = chosen(bank.experiences, [region])
    wait_for_results(page, in_order(in_region))
    page.locator(f"#filtre-modele-{model}").check()
    expected = chosen(bank.experiences, [region], [model])
    wait_for_results(page, in_order(expected))
    assert status(page) == f"{plural(len(expected))} sur {len(bank.experiences)}."

    # A value counts the sheets that pass every OTHER filter and have it.
    with_model = chosen(bank.experiences, models=[model])
    regions = facet_counts(page, "region")
    assert regions[region] == len(expected)
    for code, n in regions.items():
        assert n == sum(1 for s in with_model if code in regions_of(s)), code
    models = facet_counts(page, "modele")
    assert models == {m: len(chosen(in_region, models=[m])) for m in vocabulary("modeles").ids}
    themes = facet_counts(page, "theme")
    assert themes == {t: sum(1 for s in expected if t in themes_of(s)) for t in vocabulary("themes").ids}
    # The chosen région lists its départements, with their counts.
    depts = facet_counts(page, "departement")
    assert list(depts) == territories().departements_of_region(region)
    assert depts == {d: sum(1 for s in expected if d in s.departements) for d in depts}


@pytest.mark.browser
def test_two_values_of_one_filter_add_up_and_the_clear_button_resets(page, real_site, real_server):
    bank = real_site.bank
    models = [m for m in vocabulary("modeles").ids if chosen(bank.experiences, models=[m])][:2]
    open_explorer(page, real_server, "?" + "&".join(f"modele={m}" for m in models))
    expected = chosen(bank.experiences, models=models)
    wait_for_results(page, in_order(expected))
    assert sorted(checked(page, "modele")) == sorted(models)
    page.get_by_role("button", name="Effacer tous les filtres").click()
    wait_for_results(page, in_order(bank.experiences))
    assert checked(page, "modele") == [] and urlsplit(page.url).query == ""


# -- 2. the URL keeps the state ---------------------------------------------------------

@pytest.mark.browser
def test_reload_restores_the_view_and_back_restores_the_previous_one(page, real_site, real_server):
    bank = real_site.bank
    region, model = busiest_region_and_model(bank)
    open_explorer(page, real_server)
    page.locator(f"#filtre-region-{region}").check()
    wait_for_results(page, in_order(chosen(bank.experiences, [region])))
    page.locator(f"#filtre-modele-{model}").check()
    expected = in_order(chosen(bank.experiences, [region], [model]))
    wait_for_results(page, expected)
    assert parse_qs(urlsplit(page.url).query) == {"region": [region], "modele": [model]}

    page.reload()
    page.locator("#explorateur-statut").wait_for()
    wait_for_results(page, expected)
    assert checked(page, "region") == [region] and checked(page, "modele") == [model]

    page.go_back()
    wait_for_results(page, in_order(chosen(bank.experiences, [region])))
    assert checked(page, "region") == [region] and checked(page, "modele") == []
    assert parse_qs(urlsplit(page.url).query) == {"region": [region]}
    page.go_back()
    wait_for_results(page, in_order(bank.experiences))
    assert checked(page, "region") == []
    page.go_forward()
    wait_for_results(page, in_order(chosen(bank.experiences, [region])))


@pytest.mark.browser
def test_a_shared_link_opens_the_filtered_view(page, real_site, real_server):
    bank = real_site.bank
    national = [s for s in bank.experiences if not s.regions]
    assert national, "aucune fiche nationale : le contenu a changé"
    open_explorer(page, real_server, "?region=national&region=inconnue")
    wait_for_results(page, in_order(national))
    assert checked(page, "region") == ["national"]


# -- 3. keyboard alone --------------------------------------------------------------------

@pytest.mark.browser
def test_the_explorer_works_with_the_keyboard_alone(page, real_site, real_server):
    bank = real_site.bank
    region, model = busiest_region_and_model(bank)
    open_explorer(page, real_server)
    live = page.locator("#explorateur-statut")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"

    def tab_to(element_id: str) -> None:
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
                return
        pytest.fail(f"la touche Tab n'atteint jamais #{element_id}")

    tab_to(f"filtre-region-{region}")
    page.keyboard.press("Space")
    wait_for_results(page, in_order(chosen(bank.experiences, [region])))
    tab_to(f"filtre-modele-{model}")
    page.keyboard.press("Space")
    expected = chosen(bank.experiences, [region], [model])
    wait_for_results(page, in_order(expected))
    assert status(page) == f"{plural(len(expected))} sur {len(bank.experiences)}."
    assert parse_qs(urlsplit(page.url).query) == {"region": [region], "modele": [model]}
    # Every filter is a real form control with its legend.
    legends = page.locator(".explorateur-facette legend").all_inner_texts()
    assert legends == [f.legend for f in explorer.facets(bank.experiences)]


# -- 4. without JavaScript ------------------------------------------------------------------

@pytest.mark.browser
def test_without_javascript_the_plain_lists_remain(browser, real_site, real_server):
    watcher = Watcher()
    context, p = open_page(browser, watcher, java_script_enabled=False)
    try:
        p.goto(real_server.url("explorer/"))
        assert not p.locator("#explorateur").is_visible()
        lists = p.locator(".explorateur-sans-js")
        assert lists.is_visible()
        bank = real_site.bank
        for code, r in territories().regions.items():
            n = sum(1 for s in bank.experiences if code in s.regions)
            if code in policy().regions or n:
                link = lists.get_by_role("link", name=r["nom"], exact=True)
                assert link.count() == 1, r["nom"]
                assert page_path(link.evaluate("a => a.href")) == f"territoires/{region_slug(code)}"
                assert f"{r['nom']} ({n})" in lists.inner_text()
        for term in vocabulary("modeles").terms:
            n = len(chosen(bank.experiences, models=[term.id]))
            link = lists.get_by_role("link", name=term.libelle, exact=True)
            assert page_path(link.evaluate("a => a.href")) == f"modeles/{term.id}"
            assert f"{term.libelle} ({n})" in lists.inner_text()
    finally:
        context.close()
    watcher.assert_clean()


@pytest.mark.browser
def test_with_javascript_the_plain_lists_give_way(page, real_server):
    open_explorer(page, real_server)
    assert page.locator("#explorateur").is_visible()
    assert not page.locator(".explorateur-sans-js").is_visible()


# -- 5. words ------------------------------------------------------------------------------

@pytest.mark.browser
def test_words_are_searched_with_pagefind_and_combined_with_the_filters(page, real_site, real_server):
    bank = real_site.bank
    region = "44"
    in_region = chosen(bank.experiences, [region])
    # A word that keeps some, not all, of the région's sheets: the test then
    # tells the intersection apart from either side.
    for query in ("sport", "insertion", "environnement", "innovation", "partenariat"):
        found = {p.removeprefix("experiences/") for p in pagefind_search(page, real_server, query)
                 if p.startswith("experiences/")}
        expected = [s for s in in_region if s.slug in found]
        if 0 < len(expected) < len(in_region) and len(found) > len(expected):
            break
    else:
        pytest.fail("le contenu a changé : aucun mot ne départage les fiches de la région")
    # Pagefind is fetched only once words are typed.
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    open_explorer(page, real_server, f"?region={region}")
    assert not any("/pagefind/" in u for u in requested)
    page.locator("#explorateur-mots").fill("l'" + query)  # elided article, as on the search page
    wait_for_results(page, in_order(expected))
    assert any("/pagefind/pagefind.js" in u for u in requested)
    assert parse_qs(urlsplit(page.url).query) == {"region": [region], "q": ["l'" + query]}
    page.reload()
    wait_for_results(page, in_order(expected))
    assert page.locator("#explorateur-mots").input_value() == "l'" + query


def test_the_word_processing_is_the_search_pages():
    """Elisions and hyphens are handled as on /recherche/: both pages hand Pagefind
    what texte.js's queryWords makes of the query (tests/site/test_texte_js.py tests it)."""
    uses = {SCRIPT: "search(queryWords(query))", SEARCH_SCRIPT: "processTerm: queryWords"}
    for script, use in uses.items():
        text = script.read_text(encoding="utf-8")
        assert 'import { queryWords } from "./texte.js";' in text, script.name
        assert use in text, script.name
        assert "ELISION" not in text, f"{script.name} a sa propre copie du traitement des élisions"


# -- 6. the data files ------------------------------------------------------------------------

def test_index_holds_the_published_sheets_with_their_facets(real_site):
    data = json.loads((real_site.site / explorer.INDEX).read_text(encoding="utf-8"))
    bank = real_site.bank
    rows = {row[0]: row for row in data["fiches"]}
    assert list(rows) == in_order(bank.experiences)
    keys = [f["cle"] for f in data["facettes"]]
    values = {f["cle"]: [v[0] for v in f["valeurs"]] for f in data["facettes"]}
    for s in bank.experiences:
        row = rows[s.slug]
        assert row[1] == s.model.titre and row[3] == span(s.model.periode.debut, s.model.periode.fin)
        assert row[4] == (dating(s.model.periode.debut).year or 0)
        facet = {k: {values[k][i] for i in row[5 + n]} for n, k in enumerate(keys)}
        assert facet["region"] == regions_of(s)
        assert facet["departement"] == set(s.departements)
        assert facet["modele"] == models_of(s) and facet["theme"] == themes_of(s)
        assert facet["acteur"] == {a.type for a in s.model.acteurs}
        assert facet["nature"] == {vocabulary("natures").by_id[s.model.nature].groupe}
        start = dating(s.model.periode.debut).year
        assert facet["decennie"] == {NOT_KNOWN if start is None else str(start // 10 * 10)}
    # No summary, no referent: only what the results list shows.
    text = json.dumps(data, ensure_ascii=False)
    for s in bank.experiences:
        assert s.model.resume not in text
        ref = s.model.referent
        assert getattr(ref, "nom", "\0") not in text


def test_search_map_points_every_indexed_sheet_to_its_row(real_site):
    rows = json.loads((real_site.site / explorer.INDEX).read_text(encoding="utf-8"))["fiches"]
    mapping = json.loads((real_site.site / explorer.SEARCH_MAP).read_text(encoding="utf-8"))
    assert sorted(rows[i][0] for i in mapping.values()) == sorted(s.slug for s in real_site.bank.experiences)
    for page_hash, i in mapping.items():
        fragment = gzip.decompress((real_site.site / "pagefind" / "fragment" / f"{page_hash}.pf_fragment").read_bytes())
        assert f'"url":"/experiences/{rows[i][0]}/"' in fragment.decode("utf-8")


# -- 7. weight at 5,000 sheets -------------------------------------------------------------------

def module_files(entry: Path) -> list[Path]:
    """A module script and the modules it imports, directly or not."""
    found, todo = [], [entry]
    while todo:
        script = todo.pop()
        if script not in found:
            found.append(script)
            todo += [(script.parent / m).resolve() for m in IMPORT.findall(script.read_text(encoding="utf-8"))]
    return found


def test_explorer_downloads_at_most_500_kb_gzipped_for_5000_sheets(tmp_path):
    """Before the first filter the page downloads index.json and explorateur.js
    (with the modules it imports) only."""
    start = time.perf_counter()
    content = tmp_path / "content"
    generate(5000, content, seed=0)
    bank, problems = validate([content], content)
    assert not [p for p in problems if p.severity == "erreur"]
    index = explorer.files(bank.visible())[explorer.INDEX].encode("utf-8")
    scripts = module_files(SCRIPT)
    assert len(scripts) > 1, "explorateur.js n'importe plus texte.js : revoir ce test"
    sizes = {"index.json": len(gzip.compress(index, 9)),
             "explorateur.js": sum(len(gzip.compress(s.read_bytes(), 9)) for s in scripts)}
    total = sum(sizes.values())
    published = len(bank.visible().experiences)
    print(f"\nExplorateur, {published} fiches publiées sur 5000 : index.json {len(index) / 1024:.0f} Ko "
          f"({sizes['index.json'] / 1024:.1f} Ko gzip) + explorateur.js {sizes['explorateur.js'] / 1024:.1f} Ko gzip "
          f"= {total / 1024:.1f} Ko gzip ({time.perf_counter() - start:.0f} s)")
    assert len(json.loads(index)["fiches"]) == published
    assert total <= SIZE_BUDGET, f"{total / 1024:.0f} Ko gzip > {SIZE_BUDGET / 1024:.0f} Ko"
