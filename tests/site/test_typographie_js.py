"""The search page's typography (assets/javascripts/typographie.js) against its
Python reference, banque.site.typography.text, in Chromium on the real built
site. Pagefind gives its excerpts with ordinary spaces: the page sets them again."""

from __future__ import annotations

import pytest

from banque.site import typography

pytestmark = pytest.mark.browser

MODULE = "assets/javascripts/typographie.js"
RUN = """async ([url, cases]) => {
  const module = await import(url);
  return [cases.map(c => module.typeset(c)), cases.map(c => module.typesetMarkup(c))];
}"""
CASES = [
    "Pourquoi ?", "Enfin !", "un ; deux", "Référent : Lavéo", "« en relecture »", "«\n  texte  \n»",
    "Vraiment\u00a0?", "6 000 euros", "12 500 000 habitants", "6 000 € et 20 %", "et ainsi de suite...",
    "à 10:30 précises", "Bonjour!", "en 2014 500 personnes", "03 88 60 90 90", "....",
    "voir https://exemple.org/page?x=1&y=2 ou www.exemple.org/a...b", "écrire à contact@exemple.org ?",
    "Site : https://exemple.org/?q=1 ?", "", " ; ", "«»",
]


def test_typeset_matches_python(page, real_server):
    page.goto(real_server.url(""))
    plain, markup = page.evaluate(RUN, [real_server.url(MODULE), CASES])
    assert plain == [typography.text(c) for c in CASES]
    assert markup == plain  # no tag: the same text


def test_markup_keeps_its_tags(page, real_server):
    page.goto(real_server.url(""))
    case = 'Le <mark>partenariat</mark> : « <mark class="a ; b">oui</mark> » ?'
    _, [got] = page.evaluate(RUN, [real_server.url(MODULE), [case]])
    assert got == 'Le <mark>partenariat</mark>\u00a0: «\u202f<mark class="a ; b">oui</mark>\u202f»\u202f?'
