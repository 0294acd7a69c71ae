"""The booklet's HTML: only what the site publishes, the About page's
introduction, the site's typography, and nothing that would be fetched."""

from __future__ import annotations

import re

from banque.sheets.links import slugs
from banque.site.booklet import content
from banque.site.booklet.selection import parse, select
from tests.site.small_bank import sheet

NNBSP, NBSP = "\u202f", "\u00a0"


def held(bank, selection=None):
    selection = selection or parse({})
    experiences = select(bank, selection)
    return content.Booklet(experiences, content.tools_for(bank, experiences, selection.everything),
                           selection.describe(), "27 novembre 2026", "2026-11-27")


def test_only_published_sheets_and_never_a_masked_referent(site_bank, site_cfg):
    bank = site_bank.visible()
    html = content.document(held(bank), bank, site_cfg)
    masked, public = sheet(site_bank, "essai-referent-masque"), sheet(site_bank, "essai-referent-public")
    assert f'id="fiche-{masked.slug}"' in html and f'id="fiche-{public.slug}"' in html
    for field in ("nom", "fonction", "organisation"):
        assert getattr(masked.model.referent, field) not in html
    assert "a souhaité ne pas être nommé" in html
    # A named referent comes with the consent the page shows; a public one with the address.
    assert public.model.referent.nom in html and public.model.referent.courriel in html
    assert "Le référent a accepté d'être cité" in html
    for draft in site_bank.experiences:
        if not draft.published:
            assert draft.model.titre not in html and f"fiche-{draft.slug}" not in html


def test_the_cover_the_contents_and_the_parts(site_bank, site_cfg):
    bank = site_bank.visible()
    booklet = held(bank)
    html = content.document(booklet, bank, site_cfg)
    assert '<html lang="fr">' in html
    assert f"Situation au 27{NBSP}novembre 2026" in html or "Situation au 27 novembre 2026" in html
    assert f'<meta name="author" content="{content.AUTHOR}"' in html.replace("&#39;", "'")
    contents = html[html.index('id="sommaire"'):html.index('id="experiences"')]
    assert re.findall(r'href="#fiche-([^"]+)"', contents) == [s.slug for s in booklet.experiences]
    assert 'href="#outils"' in contents and 'href="#introduction"' in contents


def test_the_introduction_is_the_about_page_s_first_sections(site_cfg):
    intro = content.about_intro(site_cfg)
    titles = re.findall(r"<h3[^>]*>(.*?)</h3>", intro)
    assert titles == ["D'où vient la banque", "La méthode", "Le comité de rédaction"]
    assert "Devenir correspondant" not in intro and "<h1" not in intro
    assert "Innovation sociétale" in intro  # the models, named by the About page
    assert site_cfg.comite_courriel in intro
    assert not re.search(r'href="(?!https?:|mailto:)', intro)  # no link to a page of the site


def test_a_body_is_rendered_and_cleaned_as_on_the_site():
    html = content.to_html("Voir [la page](../outils/x.md), [le site](https://example.org/).\n\n"
                           "![Un schéma](schema.png)\n\n<script>alert(1)</script>")
    assert "la page" in html and "../outils" not in html
    assert '<a href="https://example.org/"' in html
    assert "<img" not in html and "Un schéma" in html
    assert "<script" not in html and "alert(1)" not in html


def test_the_site_s_typography_applies(site_bank, site_cfg):
    bank = site_bank.visible()
    html = content.document(held(bank), bank, site_cfg)
    text = re.sub(r"<style.*?</style>|<[^>]+>", "", html, flags=re.DOTALL)
    assert "« " not in text and " »" not in text and " :" not in text and " ;" not in text
    assert f"«{NNBSP}" in text and f"{NBSP}:" in text


def test_the_annex_is_the_repertory_or_the_tools_the_selection_uses(site_bank, site_cfg):
    bank = site_bank.visible()
    assert content.tools_for(bank, bank.experiences, everything=True) == bank.outils
    one = next(s for s in bank.experiences if s.model.outils)
    used = content.tools_for(bank, [one], everything=False)
    assert {t.slug for t in used} == set(slugs(one.model.outils)) & {t.slug for t in bank.outils}
    booklet = content.Booklet([one], used, ["Région : essai"], "1er janvier 2026", "2026-01-01")
    html = content.document(booklet, bank, site_cfg)
    for tool in used:
        assert f'id="outil-{tool.slug}"' in html and f'href="#outil-{tool.slug}"' in html
    assert "Les outils liés aux expériences de ce recueil" in html.replace("&#39;", "'")
