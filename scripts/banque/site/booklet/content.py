"""The booklet as one HTML document, laid out for print by recueil.css.

Everything comes from what the site publishes: the experiences' and tools'
views of the site's pages (pages/sheets.py: a masked referent is never named
there), their bodies through the site's sanitiser, and the introduction from
the About page's own template. The site's French typography is applied to the
whole document's text, as the typography hook does on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
import markdown
from markupsafe import Markup

from banque.paths import TEMPLATES
from banque.sheets.bank import Bank, Sheet
from banque.sheets.links import slugs
from banque.sheets.models import Experience, Tool
from banque.sheets.policy import policy
from banque.sheets.templating import date_fr, environment
from banque.sheets.vocabulary import vocabulary
from banque.site import sanitize, typography
from banque.site.pages.page import Groups
from banque.site.pages.sheets import experience_view, tool_view
from banque.site.pages.vocabularies import TermLists
from banque.site.settings import SiteConfig

FOLDER = TEMPLATES / "recueil"
TEMPLATE = "recueil.html.j2"
STYLESHEET = FOLDER / "recueil.css"
ABOUT = "a_propos.md.j2"
# The About page's sections up to this one (excluded) make the introduction:
# where the bank comes from, its method and its committee.
INTRO_ENDS_AT = "devenir-correspondant"
# The Markdown of the site's pages (mkdocs.yml, markdown_extensions).
EXTENSIONS = ["attr_list", "md_in_html", "def_list", "tables", "admonition"]
TITLE = "Banque d'expériences des alliances en territoires"
AUTHOR = "Le comité de rédaction de la banque d'expériences"

# A link that leads nowhere on paper (a page of the site): its text stays, the link goes.
_LOCAL_LINK = re.compile(r'<a href="(?!https?:|mailto:|#)[^"]*"[^>]*>(.*?)</a>', re.DOTALL)
# Images are not printed: their text alternative is (the booklet fetches nothing).
_IMAGE = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*>')


@dataclass(frozen=True)
class Booklet:
    """What the booklet holds, ready for the template."""

    experiences: list[Sheet[Experience]]
    tools: list[Sheet[Tool]]
    filters: list[str]  # the selection, one French line per filter; empty for the whole bank
    date: str  # the date of the situation, in French (« 27 novembre 2026 »)
    iso_date: str  # the same, for the PDF's metadata


def to_html(text: str) -> str:
    """A sheet's Markdown as the site renders it (same extensions, same
    sanitiser), with links to the site's pages and images turned into text."""
    html = sanitize.clean(markdown.markdown(text, extensions=EXTENSIONS))
    return _IMAGE.sub(r"<span>\1</span>", _LOCAL_LINK.sub(r"\1", html))


def about_intro(cfg: SiteConfig) -> str:
    """The first sections of the About page, as HTML, without its title."""
    models = TermLists.of(Groups.of([])).models
    page = environment(TEMPLATES).get_template(ABOUT).render(here="a-propos/index.md", cfg=cfg, modeles=models)
    body = page.split("\n---\n", 1)[1]  # after the front matter
    body = body.split(f"{{ #{INTRO_ENDS_AT} }}", 1)[0].rsplit("\n## ", 1)[0]
    body = re.sub(r"^# .*$", "", body, count=1, flags=re.MULTILINE)
    html = to_html(body)
    # The page's sections become the introduction's subsections.
    return re.sub(r"<(/?)h2\b", r"<\1h3", html)


def tools_for(bank: Bank, experiences: list[Sheet[Experience]], everything: bool) -> list[Sheet[Tool]]:
    """The annex: the whole repertory, or for a selection the tools its experiences use."""
    if everything:
        return list(bank.outils)
    used = {slug for s in experiences for slug in slugs(s.model.outils)}
    return [t for t in bank.outils if t.slug in used]


def _experience(sheet: Sheet[Experience], bank: Bank, cfg: SiteConfig, annex: set[str]) -> dict:
    view = experience_view(sheet, bank, cfg)
    view["sections"] = [{"titre": s["titre"], "html": Markup(to_html(s["texte"]))} for s in view["sections"]]
    for tool in (t for group in view["outils"] for t in group["liens"]):  # grouped by link nature
        slug = (tool["page"] or "").removeprefix("outils/").removesuffix(".md")
        tool["annexe"] = slug if slug in annex else ""  # the anchor of its entry in the annex
    return view


def _tool_groups(tools: list[Sheet[Tool]], bank: Bank, cfg: SiteConfig) -> list[dict]:
    groups = []
    for term in vocabulary("types_outils").terms:
        members = sorted((t for t in tools if t.model.type == term.id), key=lambda t: t.model.titre.lower())
        if members:
            views = [tool_view(t, bank, cfg) for t in members]
            for view in views:
                view["sections"] = [{"titre": s["titre"], "html": Markup(to_html(s["texte"]))} for s in view["sections"]]
            groups.append({"libelle": term.pluriel, "outils": views})
    return groups


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["regles"] = policy().for_templates()
    env.filters["date_fr"] = date_fr
    return env


def document(booklet: Booklet, bank: Bank, cfg: SiteConfig) -> str:
    """The booklet's HTML, French typography applied to its text."""
    annex = {t.slug for t in booklet.tools}
    context = {
        "titre": TITLE,
        "auteur": AUTHOR,
        "date": booklet.date,
        "date_iso": booklet.iso_date,
        "filtres": booklet.filters,
        "introduction": Markup(about_intro(cfg)),
        "experiences": [_experience(s, bank, cfg, annex) for s in booklet.experiences],
        "groupes_outils": _tool_groups(booklet.tools, bank, cfg),
        "nombre_outils": len(booklet.tools),
        "tout": not booklet.filters,
        "cfg": cfg,
    }
    html = _environment().get_template(TEMPLATE).render(**context)
    return typography.html(html)
