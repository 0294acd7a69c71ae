"""The selection by région, model and theme (sheets/selection.py): one rule for
the explorer, the open data and the booklet. That the explorer and the exports
keep the same sheets is checked in tests/site/test_selection_agree.py."""

from __future__ import annotations

import pytest

from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError
from banque.sheets.selection import Selection, criteria, select, select_experiences, sheet_regions
from tests.site.small_bank import sheet, small_bank


def slugs(sheets) -> list[str]:
    return [s.slug for s in sheets]


def test_criteria_are_the_regions_models_and_themes_of_a_sheet():
    s = sheet(small_bank(), "fiche-exemplaire")
    assert criteria(s) == {"regions": ["32"], "modeles": [u.modele for u in s.model.modeles], "themes": list(s.model.themes)}


def test_a_sheet_without_region_counts_as_its_scope():
    draft = sheet(small_bank(), "essai-brouillon")
    assert draft.regions == [] and sheet_regions(draft) == [policy().level.national]
    assert select_experiences([draft], Selection(regions=frozenset({policy().level.national}))) == [draft]


def test_an_empty_selection_keeps_the_whole_bank():
    bank = small_bank()
    kept = select(bank, Selection())
    assert slugs(kept.experiences) == slugs(bank.experiences) and slugs(kept.outils) == slugs(bank.outils)


def test_one_region_keeps_its_sheets_in_the_banks_order():
    bank = small_bank()
    kept = select(bank, Selection(regions=frozenset({"84", "32"})))
    assert slugs(kept.experiences) == ["cooperation-emploi-vallee", "fiche-exemplaire"]
    # Tools: those the kept experiences cite.
    assert slugs(kept.outils) == ["reseau-des-pionniers"]


def test_criteria_combine_with_and_values_with_or():
    bank = small_bank()
    exemplary = sheet(bank, "fiche-exemplaire")
    model = exemplary.model.modeles[0].modele
    theme = exemplary.model.themes[0]
    by_theme = {s.slug for s in bank.experiences if theme in s.model.themes}
    assert len(by_theme) > 1  # the theme alone keeps several sheets…
    both = select_experiences(bank.experiences, Selection(modeles=frozenset({model}), themes=frozenset({theme})))
    assert slugs(both) == ["fiche-exemplaire"]  # …the model narrows them down
    nothing = Selection(regions=frozenset({"44"}), modeles=frozenset({model}))
    assert select(bank, nothing).experiences == [] and select(bank, nothing).outils == []


def test_unknown_values_are_refused_in_french_with_the_known_ones():
    with pytest.raises(ProblemsError) as raised:
        Selection.of(regions=["44", "99"], themes=["pas-un-theme"])
    found = raised.value.problems
    assert [(p.code, p.field) for p in found] == [("selection-valeur-inconnue", "regions"),
                                                   ("selection-valeur-inconnue", "themes")]
    assert "«\u00a099\u00a0»" in found[0].message and "44" in found[0].hint
    assert Selection.of(regions=["44"]).regions == frozenset({"44"})
