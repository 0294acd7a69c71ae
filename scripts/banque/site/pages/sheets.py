"""The page of each sheet (experience or tool) and the tools' index."""

from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import quote

from banque.sheets.bank import Bank, Sheet
from banque.sheets.dating import is_stale, situation_fr, span
from banque.sheets.links import Link, links
from banque.sheets.markdown_text import Raw
from banque.sheets.models import Experience, Tool
from banque.sheets.people import MASKED, cited_sentence, people_shown
from banque.sheets.policy import policy
from banque.sheets.templating import date_fr
from banque.sheets.text import fold
from banque.sheets.vocabulary import vocabulary
from banque.site import structured_data
from banque.site.explorer import term_page
from banque.site.pages.cards import experience_card, related_cards
from banque.site.pages.page import Page
from banque.site.pages.territories import territory_links
from banque.site.settings import SiteConfig

TO_IDENTIFY = "a_identifier"  # the referent view's mode when no referent is named yet


def referent_view(sheet: Sheet[Experience], cfg: SiteConfig) -> dict:
    """Who the page names, on the build date (sheets/people.py decides for every output)."""
    m = sheet.model
    shown = people_shown(m, cfg.today)
    view = {
        "situation": shown.state,
        "non_nomme": shown.state == MASKED,  # agreed not to be named: the committee puts readers in touch
        "cites": [cited_sentence(p) for p in shown.cited],
        "contact_url": _committee_mailto(cfg, m.titre),
    }
    ref = shown.referent
    if ref is None or ref.consentement is None:
        return {**view, "mode": TO_IDENTIFY}
    return {
        **view,
        "mode": shown.contact or "",  # empty: named only, no contact offered
        "nom": ref.nom,
        "fonction": ref.fonction,
        "organisation": ref.organisation,
        "portee": vocabulary("portees_consentement").label(ref.consentement.portee or ""),  # an agreement has one
        "consentement": ref.consentement.moyen,
        "consentement_date": date_fr(ref.consentement.date),
        "courriel": ref.courriel or "",
    }


def _committee_mailto(cfg: SiteConfig, title: str) -> str:
    subject = quote(f"Contact référent : {title}")
    return f"mailto:{cfg.comite_courriel}?subject={subject}"


def reference_day() -> dt.date:
    """The day freshness is judged on: the build's date (SOURCE_DATE_EPOCH) when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()


def dated(m: Experience | Tool, today: dt.date | None = None) -> dict:
    """The situation the sheet describes, and whether it is older than the freshness period."""
    months = policy().situation_months
    return {"situation": situation_fr(m.situation), "situation_mois": months,
            "perimee": is_stale(m.situation, today or reference_day(), months)}


def _link_groups(items: list[Link], entry) -> list[dict]:
    """The links grouped by nature, in the vocabulary's order; bare slugs last (nature unknown)."""
    natures = vocabulary("liens_outils")
    groups = [{"lien": t.id, "titre": t.pluriel, "inverse": t.inverse,
               "liens": [entry(x) for x in items if x.lien == t.id]} for t in natures.terms]
    groups.append({"lien": "", "titre": "Outils liés (nature du lien à préciser)",
                   "inverse": "Expériences liées (nature du lien à préciser)",
                   "liens": [entry(x) for x in items if x.lien is None]})
    return [g for g in groups if g["liens"]]


def _tools_linked(m: Experience, bank: Bank) -> list[dict]:
    def entry(link: Link) -> dict:
        tool = bank.outil(link.outil)
        return {"titre": tool.model.titre if tool else link.outil,
                "page": f"outils/{link.outil}.md" if tool else None,
                "type": vocabulary("types_outils").label(tool.model.type) if tool else "",
                "passage": link.passage or ""}
    return _link_groups(links(m.outils), entry)


def experience_view(sheet: Sheet[Experience], bank: Bank, cfg: SiteConfig, proches: list[dict] | None = None) -> dict:
    m = sheet.model
    models = vocabulary("modeles")
    return {
        **experience_card(sheet),
        "nature": vocabulary("natures").label(m.nature),
        "modeles_detail": [{"id": u.modele, "libelle": models.label(u.modele), "justification": u.justification,
                            "page": term_page("modeles", u.modele)} for u in m.modeles],
        "territoires": territory_links(sheet),
        "themes": [{"id": t, "libelle": vocabulary("themes").label(t), "page": term_page("themes", t)} for t in m.themes],
        "acteurs": [{"nom": a.nom, "type": vocabulary("types_acteurs").label(a.type),
                     "role": vocabulary("roles").label(a.role)} for a in m.acteurs],
        "periode": span(m.periode.debut, m.periode.fin),
        **dated(m),
        "sans_modele": not m.modeles,
        "indicateurs": [{"libelle": i.libelle, "valeur": i.valeur, "annee": i.annee} for i in m.indicateurs],
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "sections": [{"titre": t, "texte": Raw(text)} for t, text in sheet.sections],
        "referent": referent_view(sheet, cfg),
        "outils": _tools_linked(m, bank),
        "sources": [s.model_dump() for s in m.sources],
        "edition": f"{cfg.edition_url}content/experiences/{sheet.path.name}",
        "statut": m.statut,
        "proches": proches or [],  # cards of related sheets, with "pourquoi" (see related_cards)
        "jsonld": structured_data.script_text(structured_data.experience(sheet, cfg)),
    }


def tool_view(sheet: Sheet[Tool], bank: Bank, cfg: SiteConfig) -> dict:
    m = sheet.model
    users = [(s, next(x for x in links(s.model.outils) if x.outil == sheet.slug))
             for s in bank.experiences_citing(sheet.slug)]
    by_link = {id(x): experience_card(s) for s, x in users}
    return {
        "slug": sheet.slug,
        "titre": m.titre,
        "type": vocabulary("types_outils").label(m.type),
        "organisation": m.organisation,
        "url": m.url,
        "portee": ", ".join(p.libelle for p in sheet.places),
        "publics": [vocabulary("types_acteurs").by_id[p].pluriel for p in m.publics],
        "themes": [{"id": t, "libelle": vocabulary("themes").label(t), "page": term_page("themes", t)} for t in m.themes],
        "sections": [{"titre": t, "texte": Raw(text)} for t, text in sheet.sections],
        "sources": [s.model_dump() for s in m.sources],
        "experiences": _link_groups([x for _, x in users], lambda x: by_link[id(x)]),
        **dated(m),
        "edition": f"{cfg.edition_url}content/outils/{sheet.path.name}",
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "statut": m.statut,
        "jsonld": structured_data.script_text(structured_data.tool(sheet, cfg)),
    }


_MARKUP = [(re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"[*_`]+"), ""), (re.compile(r"\s+"), " ")]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«])")
DESCRIPTION_MAX = 220  # characters: about one line of the repertory on a wide screen


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) > 2}


def _repeats(text: str, title: str) -> bool:
    """Whether two thirds of the words of `text` are already in `title`."""
    words = _words(text)
    return not words or len(words & _words(title)) * 3 >= len(words) * 2


def tool_description(sheet: Sheet[Tool]) -> str:
    """One line for the repertory: the first sentence of the sheet's first section
    that does not restate the title, without Markdown, cut at a word if it is long."""
    text = sheet.sections[0][1] if sheet.sections else ""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    sentences = _SENTENCE_END.split(text.strip())
    first = next((s for s in sentences if not _repeats(s, sheet.model.titre)), sentences[0])
    if len(first) > DESCRIPTION_MAX:
        first = first[:DESCRIPTION_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return first


def tool_line(sheet: Sheet[Tool]) -> dict:
    """A tool in the repertory; its organisation only when the title does not already say it."""
    m = sheet.model
    said = _words(m.organisation) <= _words(m.titre)
    return {"titre": m.titre, "organisation": "" if said else m.organisation, "page": f"outils/{sheet.slug}.md",
            "description": tool_description(sheet)}


def tools_index(bank: Bank, common: dict) -> Page:
    groups = []
    for t in vocabulary("types_outils").terms:
        members = sorted((s for s in bank.outils if s.model.type == t.id), key=lambda s: s.model.titre.lower())
        if members:
            groups.append({"libelle": t.pluriel, "id": t.id, "outils": [tool_line(s) for s in members]})
    return Page("outils/index.md", "outils.md.j2", {**common, "groupes": groups, "nombre": len(bank.outils)})


def pages(bank: Bank, cfg: SiteConfig, common: dict) -> list[Page]:
    """Every experience's page, every tool's page, then the tools' index."""
    proches = related_cards(bank)
    result = [Page(f"experiences/{s.slug}.md", "experience.md.j2",
                   {**common, "e": experience_view(s, bank, cfg, proches.get(s.slug))}) for s in bank.experiences]
    result += [Page(f"outils/{s.slug}.md", "outil.md.j2", {**common, "o": tool_view(s, bank, cfg)}) for s in bank.outils]
    result.append(tools_index(bank, common))
    return result
