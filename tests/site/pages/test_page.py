"""A page to render, and the experiences grouped once for the listing pages (site/pages/page.py)."""

from __future__ import annotations

from banque.sheets.policy import policy
from banque.site.pages.page import Groups, group_by
from tests.site.small_bank import edited, sheet


def test_a_sheet_goes_in_each_of_its_groups_in_the_bank_s_order(site_bank):
    exps = site_bank.experiences
    groups = group_by(exps, lambda s: s.model.themes)
    for theme, members in groups.items():
        assert members == [s for s in exps if theme in s.model.themes]
    assert set(groups) == {t for s in exps for t in s.model.themes}


def test_a_sheet_without_keys_is_in_no_group(site_bank):
    assert group_by(site_bank.experiences, lambda s: []) == {}


def test_experiences_are_grouped_by_region_or_else_by_scope(site_bank):
    groups = Groups.of(site_bank.experiences)
    for s in site_bank.experiences:
        assert sorted(r for r, members in groups.region.items() if s in members) == s.regions
    national = sheet(site_bank, "essai-brouillon")
    assert groups.scope == {policy().level.national: [national]}  # only sheets without a région
    assert all(national not in members for members in groups.region.values())


def test_experiences_are_grouped_by_model_theme_and_actor_type(site_bank):
    exps = site_bank.experiences
    groups = Groups.of(exps)
    for s in exps:
        assert all(s in groups.model[u.modele] for u in s.model.modeles)
        assert all(s in groups.theme[t] for t in s.model.themes)
        assert all(s in groups.actor[a.type] for a in s.model.acteurs)
    assert sum(map(len, groups.model.values())) == sum(len({u.modele for u in s.model.modeles}) for s in exps)


def test_two_actors_of_one_type_put_the_sheet_once_in_its_group(site_bank):
    s = sheet(site_bank, "fiche-exemplaire")
    twice = edited(s, acteurs=[s.model.acteurs[0], s.model.acteurs[0].model_copy(update={"nom": "Autre"})])
    assert Groups.of([twice]).actor == {s.model.acteurs[0].type: [twice]}
