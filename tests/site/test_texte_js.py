"""The site's JavaScript text helpers (assets/javascripts/texte.js) against
their Python references, in Chromium, on a page of the real built site (its
Content-Security-Policy applies to the import).

- `fold` and `slugify` are banque.sheets.text's: a territory typed in the form
  is matched with the validator's folding, and a page address is a slug.
- `sheetSlug` is a new sheet's slug from its title, the one the committee's
  commands make (banque.sheets.text.sheet_slug): elided articles dropped,
  ligatures spelt out, at most 80 characters.
- `queryWords` has no Python twin: it is what the search page and the explorer
  give Pagefind, so it is checked on what it must do.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from banque.sheets import text

MODULE = "assets/javascripts/texte.js"
RUN = """async ([url, names, cases]) => {
  const module = await import(url);
  return Object.fromEntries(names.map(name => [name, cases.map(c => module[name](c))]));
}"""

CASES = [
    # accents and capitals
    "Saint-Étienne", "ÉCOLE À L'ÎLE", "ÀÉÎÕÜ", "Zoë & Chloé", "çà et là", "ÿ",
    # ligatures
    "Œuvre et Æsop", "cœur", "l'œil", "Ærø", "ﬁnance ß", "Straẞe",
    # apostrophes, typographic and straight, elisions
    "L’atelier d'Échirolles", "L'atelier vélo solidaire d'Échirolles", "aujourd'hui", "presqu’île",
    "Jusqu'à l'été, qu'en dit-on ?", "Émilie’s", "rock ʼn’ roll",
    # hyphens and dashes
    "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur", "Corse-du-Sud", "a‐b‑c–d—e", "---début et fin---",
    # digits and codes
    "2A", "Corse-du-Sud (2A)", "n° 1 — 2024", "75056", "1er mai 1968", "½ ¾", "Ⅻ", "x²",
    # spaces, punctuation, empty
    "  plusieurs   espaces  ", "tab\tet\nligne", "ponctuation !?;:,. « guillemets »", "...", "", " ", "!",
    "«\u00a0Bonjour\u00a0»", "(entre parenthèses)", "émoji 🚲 vélo", "<b>gras</b> & co",
    # non-Latin letters, combining marks, compatibility forms
    "Ελληνικά", "Москва", "北京", "العَرَبِيَّة", "हिन्दी", "ภาษาไทย", "İstanbul ıi", "ǅemal", "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
    "e\u0301te\u0301", "a\u034fb", "a\u0e31b", "a\u0903b", "a\u20ddb",
    # a long title (sheetSlug cuts it at a word)
    "Un titre très long " + "avec beaucoup de mots " * 8,
    "x" * 90, "mot-" * 30,
]


def _mismatches(got: dict[str, list[str]], references: dict[str, object], cases: list[str]) -> list[str]:
    lines = []
    for name, reference in references.items():
        for case, value in zip(cases, got[name], strict=True):
            expected = reference(case)  # type: ignore[operator]
            if value != expected:
                lines.append(f"{name}({case!r}) : JavaScript {value!r}, Python {expected!r}")
    return lines


@pytest.mark.browser
def test_fold_slugify_and_sheet_slug_match_python(page, real_server):
    page.goto(real_server.url(""))
    references = {"fold": text.fold, "slugify": text.slugify, "sheetSlug": text.sheet_slug}
    got = page.evaluate(RUN, [real_server.url(MODULE), list(references), CASES])
    mismatches = _mismatches(got, references, CASES)
    assert not mismatches, "\n".join(mismatches)
    # The cases do tell the functions apart: none is another one under a new name.
    assert got["fold"] != got["slugify"] != got["sheetSlug"]


@pytest.mark.browser
def test_fold_and_slugify_match_python_on_every_character(page, real_server):
    """Each character Python's Unicode database knows, between two letters.

    Marks are where the two languages differ most: Python drops those of
    nonzero combining class, and JavaScript must find that class out. A
    character unknown to Python's database (newer Unicode) is left out: the
    two sides cannot agree on it.
    """
    cases = [f"a{chr(cp)}b" for cp in range(0x20, sys.maxunicode + 1)
             if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) not in ("Cn", "Co")]
    page.goto(real_server.url(""))
    references = {"fold": text.fold, "slugify": text.slugify}
    got = page.evaluate(RUN, [real_server.url(MODULE), list(references), cases])
    mismatches = _mismatches(got, references, cases)
    assert not mismatches, f"{len(mismatches)} différences, dont :\n" + "\n".join(mismatches[:20])


QUERIES = {
    # elided articles dropped, at a word start only
    "l'insertion": "insertion",
    "L’économie d'Échirolles": "économie Échirolles",
    "qu'en jusqu'au lorsqu'il puisqu'on": "en au il on",
    "« l'atelier » (d'insertion)": "« atelier » (insertion)",
    "aujourd'hui presqu'île": "aujourd'hui presqu'île",
    "l' espace": "l' espace",
    # hyphens become spaces
    "rhone-alpes": "rhone alpes",
    "Auvergne‐Rhône‑Alpes": "Auvergne Rhône Alpes",
    "mot--mot": "mot mot",
    # accents, case and the rest are Pagefind's
    "Économie sociale": "Économie sociale",
    "": "",
}


@pytest.mark.browser
def test_query_words_drop_elided_articles_and_split_hyphens(page, real_server):
    page.goto(real_server.url(""))
    got = page.evaluate(RUN, [real_server.url(MODULE), ["queryWords"], list(QUERIES)])
    assert dict(zip(QUERIES, got["queryWords"], strict=True)) == QUERIES
