"""The coverage page (couverture.md): région × model and région × theme, each
count linking to the filtered explorer, each gap said in words."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.vocabulary import vocabulary
from banque.site import explorer
from tests.navigateur import page_path
from tests.site.test_explorer import chosen, in_order, models_of, regions_of, themes_of, wait_for_results
from tests.site.test_related import LILLE, STRASBOURG, valid_bank, write_experience

REGIONS = policy().regions
ROWS = [*REGIONS, "national", "international"]
GAP = "–"  # shown; a screen reader hears the cell's hidden words, GAP_SAID


def expected_count(sheets, region: str, key: str, value: str) -> int:
    values_of = models_of if key == "modele" else themes_of
    return sum(1 for s in sheets if region in regions_of(s) and value in values_of(s))


def test_rows_are_the_map_regions_then_france_and_international(tmp_path):
    folder = tmp_path / "content"
    write_experience(folder, "strasbourg-mecenat", modeles=["mecenat"], territoires=STRASBOURG, themes=["sante"])
    write_experience(folder, "lille-deux-modeles", modeles=["mecenat", "innovation_societale"], territoires=LILLE,
                     themes=["sante", "sport"])
    write_experience(folder, "nationale", modeles=["mecenat"], territoires={"national": []}, themes=["sport"])
    write_experience(folder, "brouillon", modeles=["pratiques_responsables"], territoires=STRASBOURG,
                     themes=["sante"], statut="brouillon")
    bank = valid_bank(folder).visible()
    data = explorer.coverage(bank)
    models, themes = data["tables"]
    assert (models["cle"], themes["cle"]) == ("modele", "theme")
    assert [r["code"] for r in models["lignes"]] == ROWS
    assert [r["nom"] for r in models["lignes"]][-2:] == ["France entière", "International"]
    assert [c["id"] for c in models["colonnes"]] == list(vocabulary("modeles").ids)

    def cell(table, region, value):
        row = next(r for r in table["lignes"] if r["code"] == region)
        return row["cases"][[c["id"] for c in table["colonnes"]].index(value)]

    assert cell(models, "44", "mecenat") == {"nombre": 1, "lien": "explorer.md?region=44&modele=mecenat"}
    assert cell(models, "44", "pratiques_responsables")["nombre"] == 0  # the draft does not count
    assert cell(models, "32", "innovation_societale")["nombre"] == 1
    assert cell(models, "national", "mecenat") == {"nombre": 1, "lien": "explorer.md?region=national&modele=mecenat"}
    assert cell(themes, "32", "sport") == {"nombre": 1, "lien": "explorer.md?region=32&theme=sport"}
    assert next(r for r in models["lignes"] if r["code"] == "32")["total"] == {"nombre": 1, "lien": "explorer.md?region=32"}
    assert [t["nombre"] for t in models["totaux"]] == [3, 0, 0, 1]
    assert models["vides"] == len(ROWS) * 4 - 4
    assert data["nombre"] == 3


HIDDEN = re.compile(r'<span class="banque-masque">.*?</span>', re.S)


def test_every_count_link_names_its_region_and_column(real_site):
    """A link named « 3 » says nothing out of context (WCAG 2.4.4): its hidden end says what it counts."""
    html = real_site.html("couverture")
    names = [unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<td><a [^>]*>(.*?)</a></td>", html, re.S)]
    assert names
    bare = [n for n in names if re.fullmatch(r"\s*\d+\s*", n)]
    assert not bare, bare
    assert "1 expérience\u00a0: Île-de-France, Pratiques responsables" in names or any(
        re.fullmatch(r"\d+ expériences?\u00a0: .+, .+", n) for n in names), names[:5]
    assert all(re.fullmatch(r"\d+ expériences?\u00a0: .+", n) for n in names), names


def _tables(html: str) -> list[list[list[tuple[str, str | None, str]]]]:
    """Each coverage table as rows of (text, href, class) cells, header row first."""
    tables = []
    for table in re.findall(r'<table [^>]*class="couverture"[^>]*>(.*?)</table>', html, re.S):
        rows = []
        for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            cells = []
            for attrs, inner in re.findall(r"<t[hd]([^>]*)>(.*?)</t[hd]>", tr, re.S):
                # The text shown: a count link's hidden end (its name out of context) is checked apart.
                inner = HIDDEN.sub("", inner)
                href = re.search(r'href="([^"]+)"', inner)
                css = re.search(r'class="([^"]+)"', attrs)
                cells.append((unescape(re.sub(r"<[^>]+>", "", inner)).strip(),
                              unescape(href.group(1)) if href else None, css.group(1) if css else ""))
            rows.append(cells)
        tables.append(rows)
    return tables


def test_real_coverage_page_counts_link_to_the_explorer_and_marks_gaps(real_site):
    bank = real_site.bank
    html = real_site.html("couverture")
    tables = _tables(html)
    assert len(tables) == 2
    ref = territories()
    for table, key, vocab in zip(tables, ("modele", "theme"), ("modeles", "themes"), strict=True):
        header, *body, footer = table
        terms = vocabulary(vocab).terms
        assert [c[0] for c in header] == ["Région", *(t.libelle for t in terms), "Toutes"]
        assert [row[0][0] for row in body] == [ref.regions[r]["nom"] for r in REGIONS] + ["France entière", "International"]
        for code, row in zip(ROWS, body, strict=True):
            for term, (text, href, css) in zip(terms, row[1:-1], strict=True):
                n = expected_count(bank.experiences, code, key, term.id)
                if n:
                    assert text == str(n) and css == "", (code, term.id)
                    assert href == f"../explorer/?region={code}&{key}={term.id}"
                else:
                    assert (text, href, css) == (GAP, None, "couverture-vide"), (code, term.id)
            total = sum(1 for s in bank.experiences if code in regions_of(s))
            assert row[-1][0] == str(total)
        assert footer[-1][:2] == (str(len(bank.experiences)), "../explorer/")
    for table in tables:
        gaps = sum(1 for row in table for cell in row if cell[0] == GAP)
        assert f"<p>{gaps} case{'s' if gaps > 1 else ''} à combler.</p>" in html


@pytest.mark.browser
def test_a_count_opens_the_explorer_on_exactly_those_sheets(page, real_site, real_server):
    bank = real_site.bank
    page.goto(real_server.url("couverture/"))
    # The largest count of the région × model table.
    links = page.locator("#par-modele + p + .couverture-defilement tbody td:not(:last-child) a")
    counts = [int(t.split()[0]) for t in links.all_inner_texts()]
    assert counts, "aucune case remplie"
    best = links.nth(counts.index(max(counts)))
    query = parse_qs(urlsplit(best.evaluate("a => a.href")).query)
    best.click()
    assert page_path(page.url) == "explorer"
    expected = chosen(bank.experiences, query["region"], query["modele"])
    assert len(expected) == max(counts)
    wait_for_results(page, in_order(expected))
    assert page.locator(f"#filtre-region-{query['region'][0]}").is_checked()
    # Gaps are said in words, not by colour alone.
    page.go_back()
    gap = page.locator("td.couverture-vide").first
    assert gap.locator("[aria-hidden=true]").inner_text() == GAP
    assert gap.locator(".banque-masque").inner_text() == "0, à combler"


@pytest.mark.browser
def test_on_a_phone_the_region_column_stays_while_counts_scroll_and_stand_out(browser, real_server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(real_server.url("couverture/"))
        box = page.locator(".couverture-defilement").first
        first = box.locator("tbody th[scope=row]").first
        before = first.bounding_box()
        assert before["width"] < 390 * 0.4, f"la colonne des régions prend trop de place : {before}"
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert box.evaluate("b => b.scrollLeft") > 0, "le tableau ne défile pas : rien à tester"
        after = first.bounding_box()
        assert abs(after["x"] - before["x"]) < 1, "la colonne des régions a défilé avec le tableau"
        # A count is bold on a tinted cell; a gap is neither.
        count = box.locator("tbody td:has(> a)").first
        gap = box.locator("td.couverture-vide").first
        style = "e => [getComputedStyle(e).fontWeight, getComputedStyle(e).backgroundColor]"
        (weight, tint), (gap_weight, gap_tint) = count.evaluate(style), gap.evaluate(style)
        assert int(weight) >= 700 > int(gap_weight) and tint != gap_tint
    finally:
        context.close()
