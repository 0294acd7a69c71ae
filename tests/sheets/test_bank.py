"""The validated bank: which sheets a build shows, the tool lookups, and what a
sheet's resolved places say about its reach."""

from __future__ import annotations

from typing import Any

from banque.sheets.bank import Bank, Sheet
from banque.sheets.models import Experience, Tool
from banque.sheets.policy import policy
from banque.sheets.territory import Place
from tests.sheets.samples import experience, raw, reviewed, tool

STATUS = policy().status
LEVEL = policy().level


def exp_sheet(slug: str, statut: str = STATUS.published, places: list[Place] | None = None, **changes: Any) -> Sheet[Experience]:
    extra = reviewed(statut=statut) if statut == STATUS.published else {"statut": statut}
    model = experience(slug=slug, **extra, **changes)
    return Sheet(raw("experiences", slug, {}), model, [], places or [])


def tool_sheet(slug: str, statut: str = STATUS.published) -> Sheet[Tool]:
    extra = reviewed(statut=statut) if statut == STATUS.published else {"statut": statut}
    return Sheet(raw("outils", slug, {}), tool(slug=slug, **extra), [])


def slugs(sheets: list) -> list[str]:
    return [s.slug for s in sheets]


def sample_bank() -> Bank:
    return Bank(
        [exp_sheet("publiee-un"), exp_sheet("brouillon-un", STATUS.draft),
         exp_sheet("relue-un", STATUS.in_review), exp_sheet("archivee-un", STATUS.archived),
         exp_sheet("publiee-deux")],
        [tool_sheet("outil-public"), tool_sheet("outil-brouillon", STATUS.draft),
         tool_sheet("outil-archive", STATUS.archived)],
    )


# -- a sheet --------------------------------------------------------------------------


def test_sheet_reads_its_identity_from_model_and_file():
    sheet = exp_sheet("une-fiche")
    assert (sheet.slug, sheet.kind, str(sheet.path)) == ("une-fiche", "experiences", "content/experiences/une-fiche.md")
    assert sheet.published
    assert not exp_sheet("une-autre", STATUS.in_review).published


def test_departements_and_regions_are_merged_sorted_and_unique():
    places = [
        Place(LEVEL.commune, "93066", "Saint-Denis", ("93",), ("11",)),
        Place(LEVEL.epci, "200000000", "Une intercommunalité", ("95", "60"), ("32", "11")),
        Place(LEVEL.departement, "93", "Seine-Saint-Denis", ("93",), ("11",)),
    ]
    sheet = exp_sheet("une-fiche", places=places)
    assert sheet.departements == ["60", "93", "95"]
    assert sheet.regions == ["11", "32"]
    sheet.regions.append("99")  # a copy: callers cannot change the sheet
    assert sheet.regions == ["11", "32"]


def test_scope_is_local_as_soon_as_a_place_has_a_region():
    places = [Place(LEVEL.national, "", "France"), Place(LEVEL.region, "53", "Bretagne", (), ("53",))]
    assert exp_sheet("une-fiche", places=places).scope == "local"


def test_scope_without_region_is_national_or_international():
    assert exp_sheet("a-fiche", places=[Place(LEVEL.national, "", "France")]).scope == LEVEL.national
    assert exp_sheet("b-fiche", places=[]).scope == LEVEL.national
    abroad = [Place(LEVEL.national, "", "France"), Place(LEVEL.international, "BE", "BE")]
    assert exp_sheet("c-fiche", places=abroad).scope == LEVEL.international


# -- the bank ------------------------------------------------------------------------------


def test_public_build_shows_only_published_sheets():
    shown = sample_bank().visible()
    assert slugs(shown.experiences) == ["publiee-un", "publiee-deux"]
    assert slugs(shown.outils) == ["outil-public"]


def test_preview_shows_everything_but_archived_sheets_in_order():
    shown = sample_bank().visible(preview=True)
    assert slugs(shown.experiences) == ["publiee-un", "brouillon-un", "relue-un", "publiee-deux"]
    assert slugs(shown.outils) == ["outil-public", "outil-brouillon"]


def test_visible_leaves_the_bank_unchanged():
    bank = sample_bank()
    bank.visible()
    assert len(bank.experiences) == 5 and len(bank.outils) == 3


def test_outil_finds_a_tool_by_slug():
    bank = sample_bank()
    found = bank.outil("outil-brouillon")
    assert found is not None and found.slug == "outil-brouillon"
    assert bank.outil("inconnu") is None


def test_outil_looks_only_at_the_visible_tools():
    assert sample_bank().visible().outil("outil-brouillon") is None


def test_experiences_citing_a_tool_in_bank_order_once_each():
    bank = Bank(
        [exp_sheet("b-cite", outils=["outil-a", "outil-b"]), exp_sheet("a-ne-cite-pas"),
         exp_sheet("c-cite", outils=["outil-a"])],
        [tool_sheet("outil-a"), tool_sheet("outil-b")],
    )
    assert slugs(bank.experiences_citing("outil-a")) == ["b-cite", "c-cite"]
    assert slugs(bank.experiences_citing("outil-b")) == ["b-cite"]
    assert bank.experiences_citing("outil-c") == []
    bank.experiences_citing("outil-a").clear()  # a copy each time
    assert len(bank.experiences_citing("outil-a")) == 2


def test_models_of_the_bank():
    bank = sample_bank()
    assert [m.slug for m in bank.experience_models] == slugs(bank.experiences)
    assert all(isinstance(m, Tool) for m in bank.tool_models) and len(bank.tool_models) == 3
