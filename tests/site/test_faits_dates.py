"""Issue #11, items 2 to 4, on the built site: dated facts, links that say why,
and the report quoted faithfully (the real content/, built as a contributor does)."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re

import pytest

from banque.sheets.dating import NOT_KNOWN
from banque.site import explorer
from tests.navigateur import CONTENT, BuiltSite, run_build

# 2026-11-20: the build date a site published today would carry (SOURCE_DATE_EPOCH).
LATE_EPOCH = "1795132800"


def text(page_html: str) -> str:
    """The visible text of a page's content, spaces (breaking or not) collapsed."""
    body = page_html.split('class="md-content"', 1)[1]
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", body))).replace("\u202f", " ")


@pytest.fixture(scope="module")
def late_site(tmp_path_factory) -> BuiltSite:
    """The real content built at a date long after its situation (January 2015)."""
    build = tmp_path_factory.mktemp("tardif")
    result = run_build(CONTENT, build, epoch=LATE_EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(CONTENT, build, result.stdout)


def test_pages_date_the_situation_before_the_review(real_site):
    for rel in ("experiences/charte-entreprises-et-quartiers/", "outils/gniac/"):
        shown = text(real_site.html(rel))
        assert "Situation décrite janvier 2015 Dernière relecture par le comité" in shown, rel


def test_an_old_situation_carries_a_visible_notice_and_a_recent_one_none(real_site, late_site):
    notice = "Des faits qui ont pu changer"
    for rel in ("experiences/laveo-structures-insertion/", "outils/resolis/"):
        # Built on 8 January 2015 (the tests' build date), the facts are fresh.
        assert notice not in real_site.html(rel)
        page = late_site.html(rel)
        assert re.search(r'class="admonition warning"[^>]*>\s*<p class="admonition-title">' + notice, page), rel
        assert "Cette fiche décrit la situation de janvier 2015" in text(page)


def test_links_are_listed_under_the_heading_of_their_nature(real_site):
    charte = text(real_site.html("experiences/charte-entreprises-et-quartiers/"))
    assert "Outils cités par la source GNIAC" in charte
    assert "« si nous ne nous prenons pas en charge […], nous n'y arriverons pas »" in charte
    assert "Outils apparentés (suggestion du comité) i.ville.gouv.fr" in charte
    gniac = text(real_site.html("outils/gniac/"))
    assert "Expériences dont la source le cite" in gniac and "Expériences qui l'utilisent" not in gniac
    # No source says that an experience of the bank uses a tool: the heading appears nowhere.
    for s in real_site.bank.experiences:
        assert "Outils utilisés" not in real_site.html(f"experiences/{s.slug}/"), s.slug


def test_an_animation_scheme_claims_no_model(real_site):
    page = text(real_site.html("experiences/ibm-banque-alimentaire-strasbourg/"))
    assert "Aucun : les sources ne nomment pas de modèle de partenariat pour ce dispositif" in page
    assert "un but, pas comme un fait accompli" in page


def test_unknown_and_approximate_starts_reach_the_explorer_and_the_exports(real_site):
    index = json.loads((real_site.site / explorer.INDEX).read_text(encoding="utf-8"))
    rows = {row[0]: row for row in index["fiches"]}
    assert rows["strasbourg-sport-sante-sur-ordonnance"][3:5] == ["début inconnu", 0]
    assert rows["coordinactions-diagnostic-fragilites"][3:5] == ["depuis 2014 environ", 2014]
    decades = next(f for f in index["facettes"] if f["cle"] == "decennie")
    assert decades["valeurs"][-1] == [NOT_KNOWN, "Date de début inconnue"]
    table = {r["slug"]: r for r in csv.DictReader(io.StringIO((real_site.site / "donnees" / "experiences.csv").read_text(encoding="utf-8")))}
    assert (table["strasbourg-sport-sante-sur-ordonnance"]["debut"], table["strasbourg-sport-sante-sur-ordonnance"]["debut_precision"]) == ("inconnu", "inconnue")
    assert (table["laveo-structures-insertion"]["debut"], table["laveo-structures-insertion"]["debut_precision"]) == ("2008", "exacte")
    records = {r["slug"]: r for r in json.loads((real_site.site / "donnees" / "experiences.json").read_text(encoding="utf-8"))}
    assert records["coordinactions-diagnostic-fragilites"]["periode"]["debut"] == {"annee": 2014, "precision": "approximative", "texte": "vers 2014"}
    card = text(real_site.html("themes/sport/"))
    assert "début inconnu" in card


def test_the_models_page_credits_le_rameau_and_quotes_the_right_passages(real_site):
    models = text(real_site.html("modeles/"))
    assert "Si l'on s'appuie sur les travaux du RAMEAU" in models
    assert "forme territoriale" not in models
    innovation = text(real_site.html("modeles/innovation-societale/"))
    assert "le bien commun" not in innovation.lower()
    assert "Une expérience innovante sociétale" in innovation
    cooperation = text(real_site.html("modeles/cooperation-economique/"))
    assert "concept écologique de lavage" not in cooperation  # the report gives Lavéo for responsible practices
    pratiques = text(real_site.html("modeles/pratiques-responsables/"))
    assert "L'exemple de Lavéo permet d'illustrer les pratiques responsables" in pratiques


def test_the_about_page_says_what_the_report_says(real_site):
    about = text(real_site.html("a-propos/"))
    assert "Paris" not in about and "se sont réunis" not in about
    assert "125 ont répondu à l'appel ; une centaine ont partagé la journée" in about
    for need in ("Connaître l'existant", "Ne pas se sentir seul et partager les expériences", "Bénéficier d'un soutien méthodologique"):
        assert need in about
    for commitment in ("groupe de travail interrégional ARF", "Mettre en place et animer un site collaboratif",
                       "Organiser une deuxième rencontre des pionniers d'ici janvier 2016"):
        assert commitment in about
    assert "la Caisse des Dépôts, le MEDEF" in about and "Fondation Bettencourt Schueller" in about
