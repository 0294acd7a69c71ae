"""« Expériences proches »: the scoring of related.py on small banks written
here (not the real content), and the section as the real site shows it."""

from __future__ import annotations

import json
import random
import re
from html import unescape
from pathlib import Path

import pytest
from bench.generate import generate

from banque.sheets.check import validate
from banque.site import related, typography

SECTIONS = ("Contexte", "Le partenariat", "Actions menées", "Résultats", "Enseignements")


def write_tool(folder: Path, slug: str, titre: str) -> None:
    (folder / "outils").mkdir(parents=True, exist_ok=True)
    (folder / "outils" / f"{slug}.md").write_text(f"""---
# yaml-language-server: $schema=../../schema/outil.schema.json
slug: {slug}
titre: {json.dumps(titre, ensure_ascii=False)}
type: reseau
organisation: Réseau d'essai
url: https://example.org/{slug}
territoires:
  - niveau: national
publics: [association]
themes: [sante]
sources:
  - titre: Source d'essai
situation: "2015-01"
statut: publiee
relecture:
  date: 2026-01-15
  relecteurs: [Comité de rédaction]
correspondant: Comité de rédaction
date_publication: 2026-01-15
---

## Présentation

Un outil d'essai pour les tests des expériences proches.

## Utilité pour les alliances

Il relie des expériences entre elles.
""", encoding="utf-8")


def write_experience(folder: Path, slug: str, *, modeles: list[str], territoires: dict[str, list[str]],
                     themes: list[str], outils: tuple[str, ...] = (), statut: str = "publiee",
                     nature: str = "partenariat_bilateral", debut: int = 2014,
                     acteurs: tuple[str, ...] = ("association", "entreprise")) -> None:
    """A valid experience sheet with just the fields a test cares about."""
    (folder / "experiences").mkdir(parents=True, exist_ok=True)
    lines = ["---", "# yaml-language-server: $schema=../../schema/experience.schema.json",
             f"slug: {slug}", f"titre: Expérience d'essai {slug}",
             "resume: Une expérience d'essai écrite par les tests pour vérifier le calcul des expériences proches.",
             f"nature: {nature}", "modeles:"]
    lines += [f"  - modele: {m}\n    justification: Une justification d'essai." for m in modeles]
    lines.append("territoires:")
    for niveau, codes in territoires.items():
        lines.append(f"  - niveau: {niveau}")
        if codes:
            lines.append(f"    codes: [{', '.join(json.dumps(c) for c in codes)}]")
    lines.append(f"themes: [{', '.join(themes)}]")
    lines.append("acteurs:")
    lines += [f"  - nom: Acteur {i} de {slug}\n    type: {t}\n    role: {'porteur' if i == 0 else 'partenaire'}"
              for i, t in enumerate(acteurs)]
    lines += ["periode:", f"  debut: {debut}"]
    if outils:
        lines.append(f"outils: [{', '.join(outils)}]")
    lines += ["sources:", "  - titre: Source d'essai", "referent:", "  nom: Camille Essai", "  fonction: coordinatrice",
              "  organisation: Association d'essai", "  contact: via_comite", "  consentement:",
              "    date: 2025-03-01", "    moyen: courriel au comité", "situation: 2015-01", f"statut: {statut}"]
    if statut == "publiee":
        lines += ["relecture:", "  date: 2026-01-15", "  relecteurs: [Comité de rédaction]", "date_publication: 2026-01-15"]
    lines += ["correspondant: Comité de rédaction", "---", ""]
    for title in SECTIONS:
        lines += [f"## {title}", "", f"{title} de l'expérience d'essai.", ""]
    (folder / "experiences" / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")


def valid_bank(folder: Path):
    bank, problems = validate([folder], folder)
    errors = [p for p in problems if p.severity == "erreur"]
    assert not errors, "\n".join(map(str, errors))
    return bank


# Strasbourg is in the Bas-Rhin (67), Mulhouse in the Haut-Rhin (68): both Grand Est (44).
STRASBOURG, MULHOUSE, LILLE = {"commune": ["67482"]}, {"commune": ["68224"]}, {"commune": ["59350"]}
BREST = {"commune": ["29019"]}


@pytest.fixture
def small_bank(tmp_path):
    folder = tmp_path / "content"
    write_tool(folder, "reseau-essai", "Réseau d'essai")
    write_experience(folder, "centre", modeles=["mecenat"], territoires=STRASBOURG,
                     themes=["sante", "sport"], outils=("reseau-essai",))
    # Same département and model: 4 + 3 = 7.
    write_experience(folder, "meme-departement", modeles=["mecenat"], territoires=STRASBOURG, themes=["logement"])
    # Same région only, same model, one shared theme: 2 + 3 + 2 = 7 (ties with the above: slug order).
    write_experience(folder, "a-meme-region", modeles=["mecenat"], territoires=MULHOUSE, themes=["sante"])
    # Elsewhere, two shared themes and the tool: 2 + 2 + 2 = 6.
    write_experience(folder, "themes-et-outil", modeles=["innovation_societale"], territoires=LILLE,
                     themes=["sante", "sport"], outils=("reseau-essai",))
    # Only the model: 3.
    write_experience(folder, "modele-seul", modeles=["mecenat"], territoires=LILLE, themes=["logement"])
    # Would score 12, but is a draft: never suggested.
    write_experience(folder, "brouillon-proche", modeles=["mecenat"], territoires=STRASBOURG,
                     themes=["sante", "sport"], statut="brouillon")
    # Nothing in common: 0.
    write_experience(folder, "sans-rapport", modeles=["cooperation_economique"], territoires=BREST,
                     themes=["education"])
    # Two national sheets: same scope (1) and a shared theme (2).
    write_experience(folder, "national-un", modeles=["pratiques_responsables"], territoires={"national": []},
                     themes=["environnement"])
    write_experience(folder, "national-deux", modeles=["innovation_societale"], territoires={"national": []},
                     themes=["environnement"])
    return valid_bank(folder)


def sheet(bank, slug):
    return next(s for s in bank.experiences if s.slug == slug)


def test_pair_scores_follow_the_documented_weights(small_bank):
    centre = sheet(small_bank, "centre")
    expected = {"meme-departement": 7, "a-meme-region": 7, "themes-et-outil": 6, "modele-seul": 3,
                "brouillon-proche": 3 + 4 + 2 + 2, "sans-rapport": 0, "national-un": 0}
    assert {slug: related.score(centre, sheet(small_bank, slug)) for slug in expected} == expected
    # Same département scores more than same région, all else equal.
    assert related.score(centre, sheet(small_bank, "meme-departement")) - related.score(
        centre, sheet(small_bank, "modele-seul")) == 4
    assert related.score(sheet(small_bank, "national-un"), sheet(small_bank, "national-deux")) == 1 + 2


def test_suggestions_are_ranked_by_score_then_slug_and_skip_drafts(small_bank):
    found = related.related(small_bank.experiences)
    assert [(s.slug, s.score) for s in found["centre"]] == [
        ("a-meme-region", 7), ("meme-departement", 7), ("themes-et-outil", 6), ("modele-seul", 3)]
    assert all(s.slug != "brouillon-proche" for suggestions in found.values() for s in suggestions)
    # The draft still gets suggestions (committee preview), among published sheets.
    assert found["brouillon-proche"][0].slug == "centre"
    # Below MIN_SCORE (2), nothing is suggested: the unrelated sheet has no company.
    assert found["sans-rapport"] == []
    assert [s.slug for s in found["national-un"]] == ["national-deux"]


def test_at_most_four_suggestions_and_never_the_sheet_itself(small_bank):
    for slug, suggestions in related.related(small_bank.experiences).items():
        assert len(suggestions) <= related.LIMIT
        assert slug not in {s.slug for s in suggestions}


def test_each_suggestion_says_why(small_bank):
    tools = {t.slug: t.model.titre for t in small_bank.outils}
    found = {s.slug: s.pourquoi for s in related.related(small_bank.experiences, tools)["centre"]}
    assert found == {
        "meme-departement": "même département (Bas-Rhin), même modèle : Mécénat",
        "a-meme-region": "même région (Grand Est), même modèle : Mécénat, même thème : Santé",
        "themes-et-outil": "mêmes thèmes : Santé, Sport, même outil : Réseau d'essai",
        "modele-seul": "même modèle : Mécénat",
    }
    national = related.related(small_bank.experiences)["national-un"][0]
    assert national.pourquoi == "même portée (France entière), même thème : Environnement et cadre de vie"


def test_order_of_the_input_does_not_change_the_result(small_bank):
    first = related.related(small_bank.experiences)
    for seed in range(5):
        shuffled = list(small_bank.experiences)
        random.Random(seed).shuffle(shuffled)
        assert related.related(shuffled) == first


@pytest.fixture(scope="module")
def generated_bank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proches") / "content"
    generate(300, folder, seed=7)
    return valid_bank(folder)


def test_fast_ranking_agrees_with_the_plain_score_on_a_generated_bank(generated_bank):
    """The bit-sliced ranking gives exactly what comparing every pair with `score` gives."""
    sheets = generated_bank.experiences
    found = related.related(sheets)
    published = [s for s in sheets if s.published]
    assert len(published) < len(sheets), "le générateur devait produire des brouillons"
    for s in sheets:
        scored = sorted((-related.score(s, t), t.slug) for t in published
                        if t.slug != s.slug and related.score(s, t) >= related.MIN_SCORE)
        assert [(x.slug, x.score) for x in found[s.slug]] == [(slug, -neg) for neg, slug in scored[:related.LIMIT]], s.slug


# -- the section on the real site ------------------------------------------------------

def _section(html: str) -> list[tuple[str, str]]:
    """(link, reason) of each item under « Expériences proches », in order."""
    match = re.search(r'<h2 id="experiences-proches">.*?</h2>\s*<div class="fiches-proches">(.*?)</div>', html, re.S)
    if not match:
        return []
    items = re.findall(r'<li><a href="([^"]+)"[^>]*>.*?</a> — <span class="proche-pourquoi">(.*?)</span></li>',
                       match.group(1), re.S)
    return [(href, unescape(reason)) for href, reason in items]


def test_real_sheets_show_their_related_experiences_before_the_sources(real_site):
    bank = real_site.bank
    tools = {t.slug: t.model.titre for t in bank.outils}
    expected = related.related(bank.experiences, tools)
    assert any(expected.values()), "aucune fiche réelle n'a d'expérience proche"
    for s in bank.experiences:
        html = real_site.html(f"experiences/{s.slug}")
        shown = _section(html)
        assert shown == [(f"../{p.slug}/", typography.text(p.pourquoi)) for p in expected[s.slug]], s.slug
        if shown:
            assert html.index('id="experiences-proches"') < html.index('id="sources"')
            # Outside the indexed article: a search for a neighbour's words does not find this sheet.
            assert html.index('id="experiences-proches"') > html.index("</article>")


def test_strasbourg_sheets_are_related_through_the_bas_rhin(real_site):
    shown = dict(_section(real_site.html("experiences/strasbourg-sport-sante-sur-ordonnance")))
    neighbours = {href for href, reason in shown.items() if reason.startswith("même département (Bas-Rhin)")}
    assert "../strasbourg-conseil-ess/" in neighbours
