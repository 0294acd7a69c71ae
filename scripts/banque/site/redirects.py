"""Former addresses that still lead somewhere: one small French page each.

Model pages used to live at the vocabulary's id (modeles/pratiques_responsables/);
they now have readable addresses (explorer.term_page: modeles/pratiques-responsables/).
A link published to the old address must not end on « Page introuvable »: each
old address gets a page that sends the reader on, by a refresh for browsers and a
link for everyone. No script: the page keeps the site's security policy (csp.py).

mkdocs-redirects would write the same kind of page, but in English (« Redirecting… »,
lang="en") and with an inline script that the policy refuses.
"""

from __future__ import annotations

import html
from pathlib import Path

from banque.sheets.vocabulary import vocabulary
from banque.site import csp
from banque.site.explorer import TERM_FOLDERS, term_page

PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Page déplacée - {site}</title>
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<main>
<h1>Page déplacée</h1>
<p>La page « {title} » a changé d'adresse : <a href="{target}">aller à la page « {title} »</a>.</p>
</main>
</body>
</html>
"""


def moved() -> dict[str, tuple[str, str]]:
    """Former folder (e.g. modeles/pratiques_responsables) → (today's folder, the term's name)."""
    found = {}
    for folder, vocab in TERM_FOLDERS.items():
        for term in vocabulary(vocab).terms:
            old, new = f"{folder}/{term.id}", term_page(folder, term.id).removesuffix(".md")
            if old != new:
                found[old] = (new, term.libelle)
    return found


def redirect_page(old: str, new: str, title: str, site_name: str) -> str:
    """The page at `old`/index.html; its link is relative, so it works at any base."""
    target = "../" * (old.count("/") + 1) + new + "/"
    return csp.add_policy(PAGE.format(site=html.escape(site_name), title=html.escape(title),
                                      target=html.escape(target)))


def write(site_dir: Path, site_name: str) -> list[Path]:
    """Writes a page at each former address that no page of the site uses now."""
    written = []
    for old, (new, title) in moved().items():
        path = site_dir / old / "index.html"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(old, new, title, site_name), encoding="utf-8")
        written.append(path)
    return written
