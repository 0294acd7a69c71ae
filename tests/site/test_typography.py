"""French typography set by the build (site/typography.py): on plain text, and
on the text nodes of a page, leaving everything else byte for byte."""

from __future__ import annotations

import pytest

from banque.site import typography
from banque.site.typography import NBSP, NNBSP


@pytest.mark.parametrize("written, shown", [
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Enfin !", f"Enfin{NNBSP}!"),
    ("un ; deux", f"un{NNBSP}; deux"),
    ("Référent : Lavéo", f"Référent{NBSP}: Lavéo"),
    ("« en relecture »", f"«{NNBSP}en relecture{NNBSP}»"),
    ("«\n  texte  \n»", f"«{NNBSP}texte{NNBSP}»"),
    # A no-break space written by hand before ; ! ? becomes the narrow one.
    (f"Vraiment{NBSP}?", f"Vraiment{NNBSP}?"),
    ("6 000 euros", f"6{NNBSP}000 euros"),
    ("12 500 000 habitants", f"12{NNBSP}500{NNBSP}000 habitants"),
    ("6 000 € et 20 %", f"6{NNBSP}000{NBSP}€ et 20{NBSP}%"),
    ("et ainsi de suite...", "et ainsi de suite…"),
])
def test_french_rules(written: str, shown: str):
    assert typography.text(written) == shown


@pytest.mark.parametrize("kept", [
    "à 10:30 précises",  # no space was written: none is added
    "Bonjour!",
    "en 2014 500 personnes",  # a year, then a number: not one number
    "03 88 60 90 90",  # a telephone number is not grouped by three
    "le 8 janvier 2015",
    "voir https://exemple.org/page?x=1&y=2 ou www.exemple.org/a...b",
    "écrire à contact@exemple.org",
    "....",
])
def test_what_is_left_as_written(kept: str):
    assert typography.text(kept) == kept


def test_an_address_is_kept_whole_but_the_space_after_it_is_set():
    assert typography.text("Site : https://exemple.org/?q=1 ?") == f"Site{NBSP}: https://exemple.org/?q=1{NNBSP}?"


def test_only_text_nodes_change_in_a_page():
    page = ('<!doctype html>\n<html><head><title>Titre : sous-titre</title>'
            '<script>if (a ? b : c) x("« y »");</script><style>a:hover { color: red !important; }</style></head>\n'
            '<body><p class="x ; y" title="Note : ici" data-a="« b »">Référent : <strong>Lavéo</strong> ; '
            '<code>a ? b : c</code> <pre>x ; y</pre> <kbd>Ctrl ;</kbd> &laquo; cité &raquo; &amp; ?</p>'
            '<!-- commentaire : ici ? --><a href="https://exemple.org/?a=1">lien</a> !<br/>...</body></html>')
    done = typography.html(page)
    assert done == page.replace("Titre : sous", f"Titre{NBSP}: sous").replace(
        "Référent : ", f"Référent{NBSP}: ").replace("</strong> ; ", f"</strong>{NNBSP}; ").replace(
        "&laquo; cité &raquo; &amp; ?", f"«{NNBSP}cité{NNBSP}» &amp;{NNBSP}?").replace(
        "</a> !", f"</a>{NNBSP}!").replace("<br/>...", "<br/>…")


def test_a_page_without_anything_to_set_is_returned_identical():
    page = '<!doctype html><html><body><p a="b">Rien à changer, &eacute;t&#233; 10:30.</p></body></html>'
    assert typography.html(page) == page


def test_character_references_are_kept_when_their_run_does_not_change():
    page = "<p>&laquo;texte&raquo; &#171;x&#187;</p>"
    assert typography.html(page) == page


def test_unclosed_and_broken_markup_does_not_lose_text():
    page = "<p>un ; deux <b>trois ! <i>quatre <br> cinq : fin"
    assert typography.html(page) == f"<p>un{NNBSP}; deux <b>trois{NNBSP}! <i>quatre <br> cinq{NBSP}: fin"
