"""The page of each sheet (experience or tool) and the tools' index."""

from __future__ import annotations

import re
from urllib.parse import quote

from banque.sheets.bank import Bank, Sheet
from banque.sheets.markdown_text import Raw
from banque.sheets.models import Experience, Referent, Tool
from banque.sheets.policy import policy
from banque.sheets.templating import date_fr
from banque.sheets.text import fold
from banque.sheets.vocabulary import vocabulary
from banque.site.explorer import term_page
from banque.site.pages.cards import experience_card, related_cards
from banque.site.pages.page import Page
from banque.site.pages.territories import territory_links
from banque.site.settings import SiteConfig

TO_IDENTIFY = "a_identifier"  # the referent view's mode when no referent is named yet


def referent_view(sheet: Sheet[Experience], cfg: SiteConfig) -> dict:
    m = sheet.model
    ref = m.referent
    if not isinstance(ref, Referent):
        return {"mode": TO_IDENTIFY}
    if ref.contact == policy().contact.masked:
        # Nothing about the person leaves the repository.
        return {"mode": ref.contact, "contact_url": _committee_mailto(cfg, m.titre)}
    return {
        "mode": ref.contact,
        "nom": ref.nom,
        "fonction": ref.fonction,
        "organisation": ref.organisation,
        "consentement": ref.consentement.moyen if ref.consentement else "",
        "consentement_date": date_fr(ref.consentement.date) if ref.consentement else "",
        "contact_url": _committee_mailto(cfg, m.titre),
        "courriel": ref.courriel or "",
    }


def _committee_mailto(cfg: SiteConfig, title: str) -> str:
    subject = quote(f"Contact référent : {title}")
    return f"mailto:{cfg.comite_courriel}?subject={subject}"


def _period(m: Experience) -> str:
    if m.periode.fin is None:
        return f"depuis {m.periode.debut}"
    return f"{m.periode.debut}" if m.periode.fin == m.periode.debut else f"{m.periode.debut} – {m.periode.fin}"


def _tools_used(m: Experience, bank: Bank) -> list[dict]:
    tools = []
    for slug in m.outils:
        tool = bank.outil(slug)
        tools.append({"titre": tool.model.titre if tool else slug,
                      "page": f"outils/{slug}.md" if tool else None,
                      "type": vocabulary("types_outils").label(tool.model.type) if tool else ""})
    return tools


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
        "periode": _period(m),
        "indicateurs": [{"libelle": i.libelle, "valeur": i.valeur, "annee": i.annee} for i in m.indicateurs],
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "sections": [{"titre": t, "texte": Raw(text)} for t, text in sheet.sections],
        "referent": referent_view(sheet, cfg),
        "outils": _tools_used(m, bank),
        "sources": [s.model_dump() for s in m.sources],
        "edition": f"{cfg.edition_url}content/experiences/{sheet.path.name}",
        "statut": m.statut,
        "proches": proches or [],  # cards of related sheets, with "pourquoi" (see related_cards)
    }


def tool_view(sheet: Sheet[Tool], bank: Bank, cfg: SiteConfig) -> dict:
    m = sheet.model
    users = [experience_card(s) for s in bank.experiences_citing(sheet.slug)]
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
        "experiences": users,
        "edition": f"{cfg.edition_url}content/outils/{sheet.path.name}",
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "statut": m.statut,
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
