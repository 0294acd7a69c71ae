"""The page of each sheet (experience or tool) and the tools' index."""

from __future__ import annotations

from urllib.parse import quote

from banque.sheets.bank import Bank, Sheet
from banque.sheets.markdown_text import Raw
from banque.sheets.models import Experience, Referent, Tool
from banque.sheets.policy import policy
from banque.sheets.templating import date_fr
from banque.sheets.vocabulary import vocabulary
from banque.site import structured_data
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
        "modeles_detail": [{"id": u.modele, "libelle": models.label(u.modele), "justification": u.justification} for u in m.modeles],
        "territoires": territory_links(sheet),
        "themes": [{"id": t, "libelle": vocabulary("themes").label(t)} for t in m.themes],
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
        "jsonld": structured_data.script_text(structured_data.experience(sheet, cfg)),
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
        "themes": [{"id": t, "libelle": vocabulary("themes").label(t)} for t in m.themes],
        "sections": [{"titre": t, "texte": Raw(text)} for t, text in sheet.sections],
        "sources": [s.model_dump() for s in m.sources],
        "experiences": users,
        "edition": f"{cfg.edition_url}content/outils/{sheet.path.name}",
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "statut": m.statut,
        "jsonld": structured_data.script_text(structured_data.tool(sheet, cfg)),
    }


def tools_index(bank: Bank, common: dict) -> Page:
    groups = []
    for t in vocabulary("types_outils").terms:
        members = sorted((s for s in bank.outils if s.model.type == t.id), key=lambda s: s.model.titre.lower())
        if members:
            groups.append({"libelle": t.pluriel, "id": t.id, "outils": [
                {"titre": s.model.titre, "organisation": s.model.organisation, "page": f"outils/{s.slug}.md"}
                for s in members]})
    return Page("outils/index.md", "outils.md.j2", {**common, "groupes": groups, "nombre": len(bank.outils)})


def pages(bank: Bank, cfg: SiteConfig, common: dict) -> list[Page]:
    """Every experience's page, every tool's page, then the tools' index."""
    proches = related_cards(bank)
    result = [Page(f"experiences/{s.slug}.md", "experience.md.j2",
                   {**common, "e": experience_view(s, bank, cfg, proches.get(s.slug))}) for s in bank.experiences]
    result += [Page(f"outils/{s.slug}.md", "outil.md.j2", {**common, "o": tool_view(s, bank, cfg)}) for s in bank.outils]
    result.append(tools_index(bank, common))
    return result
