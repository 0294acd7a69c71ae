"""The page of each sheet and the tools' index (site/pages/sheets.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest

from banque.sheets.links import ToolLink, slugs
from banque.sheets.markdown_text import Raw
from banque.sheets.policy import policy
from banque.sheets.vocabulary import vocabulary
from banque.site.pages import sheets
from banque.site.pages.cards import experience_card
from tests.site.small_bank import edited, sheet


def mailto_subject(url: str) -> str:
    address, _, query = url.partition("?subject=")
    assert address == "mailto:comite@example.org"
    return unquote(query)


def test_a_named_referent_is_shown_with_the_committee_s_address(site_bank, site_cfg):
    s = sheet(site_bank, "atelier-partage-quartiers")
    view = sheets.referent_view(s, site_cfg)
    assert view == {"mode": policy().contact.via_committee, "nom": "Dominique Exemple", "fonction": "Présidente",
                    "organisation": "Association de test", "consentement": "courriel au comité",
                    "consentement_date": "10 mars 2019", "contact_url": view["contact_url"], "courriel": ""}
    assert mailto_subject(view["contact_url"]) == f"Contact référent : {s.model.titre}"


def test_a_public_referent_keeps_the_address_they_agreed_to_publish(site_bank, site_cfg):
    view = sheets.referent_view(sheet(site_bank, "essai-referent-public"), site_cfg)
    assert view["mode"] == policy().contact.public and view["courriel"] == "contact@example.org"


def test_of_a_masked_referent_only_the_committee_s_address_is_shown(site_bank, site_cfg):
    s = sheet(site_bank, "essai-referent-masque")
    view = sheets.referent_view(s, site_cfg)
    assert set(view) == {"mode", "contact_url"} and view["mode"] == policy().contact.masked
    assert mailto_subject(view["contact_url"]) == f"Contact référent : {s.model.titre}"


def test_a_referent_still_to_identify_has_its_own_mode(site_bank, site_cfg):
    assert sheets.referent_view(sheet(site_bank, "cooperation-emploi-vallee"), site_cfg) == {"mode": sheets.TO_IDENTIFY}


@pytest.mark.parametrize(("debut", "fin", "shown"), [(2016, None, "depuis 2016"), (2019, 2023, "2019 – 2023"), (2021, 2021, "2021")])
def test_the_period_reads_as_french(site_bank, site_cfg, debut: int, fin: int | None, shown: str):
    s = sheet(site_bank, "fiche-exemplaire")
    s = edited(s, periode=s.model.periode.model_copy(update={"debut": debut, "fin": fin}))
    assert sheets.experience_view(s, site_bank, site_cfg)["periode"] == shown


def test_an_experience_view_lays_out_its_sheet(site_bank, site_cfg):
    s = sheet(site_bank, "fiche-exemplaire")
    view = sheets.experience_view(s, site_bank, site_cfg)
    assert view.items() >= experience_card(s).items()
    assert view["nature"] == vocabulary("natures").label(s.model.nature)
    assert view["themes"] == [{"id": t, "libelle": vocabulary("themes").label(t)} for t in s.model.themes]
    assert view["acteurs"][0] == {"nom": "Groupement d'entreprises de test", "type": vocabulary("types_acteurs").label("reseau"),
                                  "role": vocabulary("roles").label("porteur")}
    assert view["indicateurs"] == [{"libelle": "Emplois en parcours d'insertion", "valeur": "42", "annee": 2024}]
    assert view["relecture"] == "20 novembre 2025"
    assert [x["titre"] for x in view["sections"]] == [t for t, _ in s.sections]
    assert all(isinstance(x["texte"], Raw) for x in view["sections"])  # the body is Markdown already
    assert view["edition"] == f"{site_cfg.edition_url}content/experiences/fiche-exemplaire.md"
    assert view["territoires"] == [{"nom": "Hauts-de-France", "page": "territoires/hauts-de-france.md"}]
    assert view["proches"] == [] and view["statut"] == s.model.statut


def test_tools_used_link_to_their_page_or_stay_plain_text(site_bank, site_cfg):
    s = edited(sheet(site_bank, "fiche-exemplaire"), outils=["reseau-des-pionniers", "outil-inconnu"])
    tool = sheet(site_bank, "reseau-des-pionniers")
    [group] = sheets.experience_view(s, site_bank, site_cfg)["outils"]
    assert group["titre"] == "Outils liés (nature du lien à préciser)"
    assert group["liens"] == [
        {"titre": tool.model.titre, "page": "outils/reseau-des-pionniers.md",
         "type": vocabulary("types_outils").label(tool.model.type), "passage": ""},
        {"titre": "outil-inconnu", "page": None, "type": "", "passage": ""},
    ]


def test_tools_are_grouped_under_the_heading_of_their_link_s_nature(site_bank, site_cfg):
    link = policy().link
    s = edited(sheet(site_bank, "fiche-exemplaire"), outils=[
        ToolLink(outil="guide-des-alliances", lien=link.related),
        ToolLink(outil="reseau-des-pionniers", lien=link.uses, passage="Bilan, partie 3 : « nous utilisons le réseau »")])
    groups = sheets.experience_view(s, site_bank, site_cfg)["outils"]
    assert [(g["lien"], g["titre"]) for g in groups] == [
        (link.uses, "Outils utilisés"), (link.related, "Outils apparentés (suggestion du comité)")]
    assert groups[0]["liens"][0]["passage"] == "Bilan, partie 3 : « nous utilisons le réseau »"


def test_a_page_dates_its_situation_and_warns_when_it_is_old(site_bank, site_cfg):
    s = sheet(site_bank, "fiche-exemplaire")
    months = policy().situation_months
    assert sheets.dated(s.model, dt.date(2015, 6, 1)) == {"situation": "janvier 2015", "situation_mois": months,
                                                           "perimee": False}
    assert sheets.dated(s.model, dt.date(2026, 11, 27))["perimee"] is True
    view = sheets.experience_view(s, site_bank, site_cfg)
    assert view["situation"] == "janvier 2015" and view["perimee"] is True  # judged on today's date
    assert sheets.tool_view(sheet(site_bank, "reseau-des-pionniers"), site_bank, site_cfg)["situation"] == "janvier 2015"


def test_an_animation_scheme_without_model_says_so(site_bank, site_cfg):
    s = edited(sheet(site_bank, "fiche-exemplaire"), modeles=[], nature=policy().nature.animation)
    view = sheets.experience_view(s, site_bank, site_cfg)
    assert view["sans_modele"] is True and view["modeles_detail"] == []


def test_a_tool_view_lists_the_experiences_that_cite_it(site_bank, site_cfg):
    s = sheet(site_bank, "reseau-des-pionniers")
    view = sheets.tool_view(s, site_bank, site_cfg)
    cards = [c["slug"] for g in view["experiences"] for c in g["liens"]]
    assert sorted(cards) == sorted(e.slug for e in site_bank.experiences if s.slug in slugs(e.model.outils))
    assert [g["inverse"] for g in view["experiences"]] == ["Expériences qui l'utilisent", "Expériences liées (nature du lien à préciser)"]
    assert view["experiences"] and view["portee"] == ", ".join(p.libelle for p in s.places)
    assert view["publics"] == [vocabulary("types_acteurs").by_id[p].pluriel for p in s.model.publics]
    assert view["edition"] == f"{site_cfg.edition_url}content/outils/reseau-des-pionniers.md"
    assert view["relecture"] == "1er octobre 2025"


def test_the_tools_index_groups_tools_by_type_in_the_vocabulary_s_order(site_bank):
    page = sheets.tools_index(site_bank, {"cfg": None})
    assert (page.path, page.template, page.context["nombre"]) == ("outils/index.md", "outils.md.j2", len(site_bank.outils))
    order = vocabulary("types_outils").ids
    groups = page.context["groupes"]
    assert [g["id"] for g in groups] == [t for t in order if any(s.model.type == t for s in site_bank.outils)]
    assert sum(len(g["outils"]) for g in groups) == len(site_bank.outils)
    assert page.context["cfg"] is None


def test_every_sheet_has_its_page_then_the_tools_index(site_bank, site_cfg):
    result = sheets.pages(site_bank, site_cfg, {"cfg": site_cfg})
    assert [p.path for p in result] == ([f"experiences/{s.slug}.md" for s in site_bank.experiences]
                                        + [f"outils/{s.slug}.md" for s in site_bank.outils] + ["outils/index.md"])
    first = result[0]
    assert first.template == "experience.md.j2" and first.context["cfg"] is site_cfg
    assert first.context["e"]["proches"]  # related sheets are suggested on the page
