"""The booklet's selection: the explorer's filters, values checked, the explorer's results."""

from __future__ import annotations

import json

import pytest

from banque.sheets.check import validate
from banque.sheets.problem import ProblemsError
from banque.sheets.vocabulary import vocabulary
from banque.site import explorer
from banque.site.booklet.selection import Selection, parse, select
from tests.navigateur import CONTENT
from tests.site.test_explorer import open_explorer, shown_slugs


def real_bank():
    bank, _ = validate([CONTENT], CONTENT)
    return bank.visible()


def test_no_option_selects_the_whole_bank_in_the_explorer_order(site_bank):
    bank = site_bank.visible()
    everything = parse({})
    assert everything.everything and everything.describe() == []
    assert select(bank, everything) == explorer.ordered(bank.experiences)


def test_a_region_keeps_the_sheets_placed_in_it_and_names_it():
    bank = real_bank()
    grand_est = parse({"region": ["44"]})
    assert grand_est.describe() == ["Région\u00a0: Grand Est"]
    kept = select(bank, grand_est)
    assert kept and all("44" in s.regions for s in kept)
    assert {s.slug for s in kept} == {s.slug for s in bank.experiences if "44" in s.regions}


def test_values_of_one_filter_add_up_and_filters_narrow_each_other():
    bank = real_bank()
    model = next(m for m in vocabulary("modeles").ids if select(bank, parse({"region": ["44"], "modele": [m]})))
    both_regions = select(bank, parse({"region": ["44", "11"]}))
    assert {s.slug for s in both_regions} == {s.slug for s in bank.experiences if {"44", "11"} & set(s.regions)}
    narrowed = select(bank, parse({"region": ["44"], "modele": [model]}))
    assert narrowed and {s.slug for s in narrowed} == {
        s.slug for s in bank.experiences if "44" in s.regions and model in {u.modele for u in s.model.modeles}}


def test_a_scope_without_region_is_a_value_of_the_region_filter():
    bank = real_bank()
    national = select(bank, parse({"region": ["national"]}))
    assert national and all(not s.regions and s.scope == "national" for s in national)


def test_unknown_values_are_refused_in_french_with_the_close_value():
    theme, model = vocabulary("themes").ids[0], vocabulary("modeles").ids[0]
    with pytest.raises(ProblemsError) as caught:
        parse({"region": ["Grand Est", "444"], "theme": [theme[:-1]], "modele": [model]})
    problems = caught.value.problems
    assert [(p.code, p.field) for p in problems] == [
        ("recueil-filtre-inconnu", "--region"), ("recueil-filtre-inconnu", "--region"), ("recueil-filtre-inconnu", "--theme")]
    by_label, close, theme_problem = problems
    assert "« Grand Est » n'est pas une valeur connue" in by_label.message.replace("\u00a0", " ")
    assert "Vouliez-vous dire « 44 » ?" in by_label.hint  # a région's name leads to its code
    assert "44 (Grand Est)" in close.hint and "national (France entière)" in close.hint
    assert f"Vouliez-vous dire « {theme} » ?" in theme_problem.hint


def test_the_selection_keeps_the_facets_order_whatever_the_options_order():
    assert parse({"region": ["44", "11", "44"]}) == Selection({"region": ("11", "44"), "modele": (), "theme": ()})


def explorer_results(index: dict, query: dict[str, list[str]]) -> list[str]:
    """What the explorer's index gives for `query`, read as explorateur.js does:
    any value within a facet, every facet."""
    first = 5  # slug, title, places, debut, fin, then the facets
    wanted = []
    for facet in index["facettes"]:
        values = [v[0] for v in facet["valeurs"]]
        wanted.append({values.index(v) for v in query.get(facet["cle"], [])})
    return [row[0] for row in index["fiches"]
            if all(not w or w & set(row[first + i]) for i, w in enumerate(wanted))]


QUERIES = [
    {"region": ["44"]},
    {"region": ["11", "32"], "theme": vocabulary("themes").ids[:1]},
    {"modele": vocabulary("modeles").ids[:2]},
    {"region": ["44"], "theme": vocabulary("themes").ids[:3], "modele": vocabulary("modeles").ids[1:]},
]


@pytest.mark.parametrize("query", QUERIES, ids=["44", "11-32-theme", "modeles", "les-trois"])
def test_the_booklet_holds_what_the_explorer_index_gives(query):
    bank = real_bank()
    index = json.loads(json.dumps(explorer.index(bank)))  # as the browser reads it
    assert [s.slug for s in select(bank, parse(query))] == explorer_results(index, query)


@pytest.mark.browser
def test_the_booklet_holds_what_the_explorer_page_shows(page, real_site, real_server):
    open_explorer(page, real_server, "?region=44")
    page.wait_for_function("() => document.querySelectorAll('.explorateur-liste a').length > 0")
    assert shown_slugs(page) == [s.slug for s in select(real_site.bank, parse({"region": ["44"]}))]
