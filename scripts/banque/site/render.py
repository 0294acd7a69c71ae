"""Stage 4: render the validated bank into Markdown pages for mkdocs.

One jinja2 template per page kind, StrictUndefined so a missing value is a
crash in our tests rather than a blank on the site. Views are plain dicts
prepared here; templates only lay them out.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
import yaml

from banque.committee.dashboard import Dashboard
from banque.committee.review import CONSENT_YEARS, REVIEW_MONTHS
from banque.paths import TEMPLATES
from banque.sheets.bank import Bank, Sheet
from banque.sheets.models import Experience, Referent
from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.text import slugify
from banque.sheets.vocabulary import vocabulary
from banque.site import explorer, exports, form_schema, related
from banque.site.markdown_text import Raw, attr, escape, url


@dataclass(frozen=True)
class SiteConfig:
    """The bank's settings, read from `extra.banque` in mkdocs.yml."""

    comite_courriel: str
    edition_url: str  # forge URL prefix to edit a file, e.g. https://github.com/o/r/edit/main/
    licence: str
    licence_url: str
    site_url: str
    apercu: bool = False
    repo_url: str = ""  # the forge repository (the form opens its "new file" page)

    @classmethod
    def from_mkdocs(cls, config: dict, apercu: bool = False) -> "SiteConfig":
        extra = config.get("extra", {}).get("banque", {})
        return cls(
            comite_courriel=extra["comite_courriel"],
            edition_url=extra["edition_url"],
            licence=extra["licence"],
            licence_url=extra["licence_url"],
            site_url=config.get("site_url", ""),
            apercu=apercu,
            repo_url=config.get("repo_url", "") or "",
        )


@functools.lru_cache(maxsize=1)  # compiled templates are kept; auto_reload sees edits
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=escape,  # Markdown autoescape: see markdown_text
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["attr"] = attr
    env.filters["url"] = url
    env.filters["raw"] = Raw
    env.filters["date_fr"] = date_fr
    env.filters["front_matter"] = front_matter
    env.filters["rel"] = relative
    env.globals["regles"] = policy().for_templates()
    return env


def relative(target: str, here: str) -> Raw:
    """A docs-relative link from page `here` to `target` (mkdocs validates it)."""
    return _relative(target, posixpath.dirname(here) or ".")


@functools.lru_cache(maxsize=65536)  # relpath asks the OS for the working directory each time
def _relative(target: str, folder: str) -> Raw:
    return url(posixpath.relpath(target, folder))


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def date_fr(value: dt.date | None) -> str:
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


# -- views ---------------------------------------------------------------------

def region_slug(code: str) -> str:
    return slugify(territories().regions[code]["nom"])


def territory_links(sheet: Sheet) -> list[dict]:
    """Where to browse a sheet: its régions, or the national/international page."""
    if sheet.regions:
        return [{"nom": territories().regions[r]["nom"], "page": f"territoires/{region_slug(r)}.md"} for r in sheet.regions]
    return [{"nom": "France entière" if sheet.scope == "national" else "International", "page": f"territoires/{sheet.scope}.md"}]


def experience_card(sheet: Sheet) -> dict:
    # The same card appears on many listing pages: built once per sheet.
    card = sheet.views.get("card")
    if card is None:
        card = sheet.views["card"] = _experience_card(sheet)
    return dict(card)


def _experience_card(sheet: Sheet) -> dict:
    m: Experience = sheet.model  # type: ignore[assignment]
    return {
        "slug": sheet.slug,
        "titre": m.titre,
        "resume": m.resume,
        "page": f"experiences/{sheet.slug}.md",
        "lieux": ", ".join(p.libelle for p in sheet.places),
        "modeles": [vocabulary("modeles").label(u.modele) for u in m.modeles],
        "annee": m.periode.debut,
    }


def referent_view(sheet: Sheet, cfg: SiteConfig) -> dict:
    m: Experience = sheet.model  # type: ignore[assignment]
    ref = m.referent
    if not isinstance(ref, Referent):
        return {"mode": "a_identifier"}
    if ref.contact == "masque":
        # Nothing about the person leaves the repository.
        return {"mode": "masque", "contact_url": _committee_mailto(cfg, m.titre)}
    view = {
        "mode": ref.contact,
        "nom": ref.nom,
        "fonction": ref.fonction,
        "organisation": ref.organisation,
        "consentement": ref.consentement.moyen if ref.consentement else "",
        "consentement_date": date_fr(ref.consentement.date) if ref.consentement else "",
        "contact_url": _committee_mailto(cfg, m.titre),
        "courriel": ref.courriel or "",
    }
    return view


def _committee_mailto(cfg: SiteConfig, title: str) -> str:
    subject = quote(f"Contact référent : {title}")
    return f"mailto:{cfg.comite_courriel}?subject={subject}"


def experience_view(sheet: Sheet, bank: Bank, cfg: SiteConfig,
                    proches: list[dict] | None = None) -> dict:
    m: Experience = sheet.model  # type: ignore[assignment]
    models = vocabulary("modeles")
    tools = []
    for slug in m.outils:
        tool = bank.outil(slug)
        tools.append({"titre": tool.model.titre if tool else slug,
                      "page": f"outils/{slug}.md" if tool else None,
                      "type": vocabulary("types_outils").label(tool.model.type) if tool else ""})
    return {
        **experience_card(sheet),
        "nature": vocabulary("natures").label(m.nature),
        "modeles_detail": [{"id": u.modele, "libelle": models.label(u.modele), "justification": u.justification} for u in m.modeles],
        "territoires": territory_links(sheet),
        "themes": [{"id": t, "libelle": vocabulary("themes").label(t)} for t in m.themes],
        "acteurs": [{"nom": a.nom, "type": vocabulary("types_acteurs").label(a.type),
                     "role": vocabulary("roles").label(a.role)} for a in m.acteurs],
        "periode": f"depuis {m.periode.debut}" if m.periode.fin is None else (
            f"{m.periode.debut}" if m.periode.fin == m.periode.debut else f"{m.periode.debut} – {m.periode.fin}"),
        "indicateurs": [{"libelle": i.libelle, "valeur": i.valeur, "annee": i.annee} for i in m.indicateurs],
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "sections": [{"titre": t, "texte": Raw(text)} for t, text in sheet.sections],
        "referent": referent_view(sheet, cfg),
        "outils": tools,
        "sources": [s.model_dump() for s in m.sources],
        "edition": f"{cfg.edition_url}content/experiences/{sheet.path.name}",
        "statut": m.statut,
        "proches": proches or [],  # cards of related sheets, with "pourquoi" (see related_cards)
    }


def related_cards(bank: Bank) -> dict[str, list[dict]]:
    """slug → cards of its related experiences, each with why it is suggested."""
    by_slug = {s.slug: s for s in bank.experiences}
    suggestions = related.related(bank.experiences, {t.slug: t.model.titre for t in bank.outils})
    return {slug: [{**experience_card(by_slug[p.slug]), "pourquoi": p.pourquoi} for p in found]
            for slug, found in suggestions.items()}


def tool_view(sheet: Sheet, bank: Bank, cfg: SiteConfig) -> dict:
    m = sheet.model
    users = [experience_card(s) for s in bank.experiences_citing(sheet.slug)]
    return {
        "slug": sheet.slug,
        "titre": m.titre,
        "type": vocabulary("types_outils").label(m.type),  # type: ignore[attr-defined]
        "organisation": m.organisation,  # type: ignore[attr-defined]
        "url": m.url,  # type: ignore[attr-defined]
        "portee": ", ".join(p.libelle for p in sheet.places),
        "publics": [vocabulary("types_acteurs").by_id[p].pluriel for p in m.publics],  # type: ignore[attr-defined]
        "themes": [{"id": t, "libelle": vocabulary("themes").label(t)} for t in m.themes],  # type: ignore[attr-defined]
        "sections": [{"titre": t, "texte": Raw(text)} for t, text in sheet.sections],
        "sources": [s.model_dump() for s in m.sources],  # type: ignore[attr-defined]
        "experiences": users,
        "edition": f"{cfg.edition_url}content/outils/{sheet.path.name}",
        "relecture": date_fr(m.relecture.date) if m.relecture else "",
        "statut": m.statut,
    }


def _by(sheets: list[Sheet], key) -> dict[str, list[Sheet]]:
    groups: dict[str, list[Sheet]] = defaultdict(list)
    for s in sheets:
        for k in key(s):
            groups[k].append(s)
    return groups


def _sorted_cards(sheets: list[Sheet]) -> list[dict]:
    return [experience_card(s) for s in sorted(sheets, key=lambda s: (s.model.titre.lower(), s.slug))]


# -- pages ---------------------------------------------------------------------

@dataclass
class Page:
    path: str  # relative to the docs folder
    template: str
    context: dict


def pages(bank: Bank, cfg: SiteConfig, board: Dashboard | None = None) -> list[Page]:
    ref = territories()
    exps = bank.experiences
    result: list[Page] = []
    common = {"cfg": cfg}

    by_region = _by(exps, lambda s: s.regions)
    by_scope = _by(exps, lambda s: [] if s.regions else [s.scope])
    by_model = _by(exps, lambda s: [u.modele for u in s.model.modeles])
    by_theme = _by(exps, lambda s: s.model.themes)
    by_actor = _by(exps, lambda s: sorted({a.type for a in s.model.acteurs}))

    featured = [experience_card(s) for s in exps if s.model.mise_en_avant]
    reviewed = sorted((s for s in exps if s.model.relecture), key=lambda s: (s.model.relecture.date, s.slug), reverse=True)
    regions_list = [
        {"code": code, "nom": r["nom"], "page": f"territoires/{region_slug(code)}.md", "nombre": len(by_region.get(code, []))}
        for code, r in sorted(ref.regions.items(), key=lambda kv: slugify(kv[1]["nom"]))
    ]
    models_list = [{"id": t.id, "libelle": t.libelle, "definition": t.definition, "page": f"modeles/{t.id}.md",
                    "nombre": len(by_model.get(t.id, []))} for t in vocabulary("modeles").terms]
    themes_list = [{"id": t.id, "libelle": t.libelle, "definition": t.definition, "page": f"themes/{t.id}.md",
                    "nombre": len(by_theme.get(t.id, []))} for t in vocabulary("themes").terms]
    actors_list = [{"id": t.id, "libelle": t.pluriel, "page": f"acteurs/{t.id}.md",
                    "nombre": len(by_actor.get(t.id, []))} for t in vocabulary("types_acteurs").terms]

    result.append(Page("index.md", "accueil.md.j2", {
        **common,
        "nombre_experiences": len(exps),
        "nombre_outils": len(bank.outils),
        "nombre_regions": len([r for r in regions_list if r["nombre"]]),
        "mises_en_avant": featured,
        "dernieres": [dict(experience_card(s), relecture=date_fr(s.model.relecture.date)) for s in reviewed[:6]],
        "regions": [r for r in regions_list if r["nombre"]],
        "modeles": models_list,
        "themes": [t for t in themes_list if t["nombre"]],
    }))

    proches = related_cards(bank)
    for s in exps:
        result.append(Page(f"experiences/{s.slug}.md", "experience.md.j2",
                           {**common, "e": experience_view(s, bank, cfg, proches.get(s.slug))}))
    for s in bank.outils:
        result.append(Page(f"outils/{s.slug}.md", "outil.md.j2", {**common, "o": tool_view(s, bank, cfg)}))

    tool_groups = []
    for t in vocabulary("types_outils").terms:
        members = sorted((s for s in bank.outils if s.model.type == t.id), key=lambda s: s.model.titre.lower())
        if members:
            tool_groups.append({"libelle": t.pluriel, "id": t.id, "outils": [
                {"titre": s.model.titre, "organisation": s.model.organisation, "page": f"outils/{s.slug}.md"} for s in members]})
    result.append(Page("outils/index.md", "outils.md.j2", {**common, "groupes": tool_groups, "nombre": len(bank.outils)}))

    # Territories: one page per région (with its départements), national, international.
    former_by_region: dict[str, list[str]] = defaultdict(list)
    for f in ref.former.values():
        if f["nom"] != ref.regions[f["region"]]["nom"]:
            former_by_region[f["region"]].append(f["nom"])
    for code, r in ref.regions.items():
        sheets = by_region.get(code, [])
        depts = []
        for d in ref.departements_of_region(code):
            in_dept = [s for s in sheets if d in s.departements]
            depts.append({"code": d, "nom": ref.departements[d]["nom"], "experiences": _sorted_cards(in_dept)})
        region_wide = [s for s in sheets if not s.departements or not any(d in s.departements for d in ref.departements_of_region(code))]
        result.append(Page(f"territoires/{region_slug(code)}.md", "region.md.j2", {
            **common, "code": code, "nom": r["nom"], "anciennes": sorted(former_by_region.get(code, [])),
            "departements": depts, "regionales": _sorted_cards(region_wide), "nombre": len(sheets)}))
    for scope, title in (("national", "France entière"), ("international", "International")):
        result.append(Page(f"territoires/{scope}.md", "territoire_hors_region.md.j2", {
            **common, "portee": scope, "nom": title, "experiences": _sorted_cards(by_scope.get(scope, []))}))
    former_pages = []
    for f in sorted(ref.former.values(), key=lambda f: slugify(f["nom"])):
        today = ref.regions[f["region"]]["nom"]
        if f["nom"] == today or slugify(f["nom"]) == region_slug(f["region"]):
            continue
        former_pages.append({"nom": f["nom"], "region": today, "page": f"territoires/{region_slug(f['region'])}.md"})
        result.append(Page(f"territoires/{slugify(f['nom'])}.md", "ancienne_region.md.j2", {
            **common, "nom": f["nom"], "region": today, "page": f"territoires/{region_slug(f['region'])}.md",
            "experiences": _sorted_cards(by_region.get(f["region"], []))}))
    result.append(Page("territoires/index.md", "territoires.md.j2", {
        **common, "regions": regions_list, "anciennes": former_pages,
        "national": len(by_scope.get("national", [])), "international": len(by_scope.get("international", []))}))

    for t in models_list:
        term = vocabulary("modeles").by_id[t["id"]]
        result.append(Page(t["page"], "modele.md.j2", {**common, "m": t, "extrait": term.extrait,
                                                      "experiences": _sorted_cards(by_model.get(t["id"], []))}))
    result.append(Page("modeles/index.md", "modeles.md.j2", {**common, "modeles": models_list}))
    for t in themes_list:
        result.append(Page(t["page"], "theme.md.j2", {**common, "t": t, "experiences": _sorted_cards(by_theme.get(t["id"], []))}))
    result.append(Page("themes/index.md", "themes.md.j2", {**common, "themes": themes_list}))
    for t in actors_list:
        result.append(Page(t["page"], "acteur.md.j2", {**common, "a": t, "experiences": _sorted_cards(by_actor.get(t["id"], []))}))
    result.append(Page("acteurs/index.md", "acteurs.md.j2", {**common, "acteurs": actors_list}))

    result.append(Page("recherche.md", "recherche.md.j2", {**common}))
    result.append(Page(explorer.PAGE, "explorer.md.j2", {**common, **explorer.plain_lists(bank)}))
    result.append(Page("couverture.md", "couverture.md.j2", {**common, **explorer.coverage(bank)}))
    result.append(Page("donnees.md", "donnees.md.j2", {**common, "nombre_experiences": len(exps), "nombre_outils": len(bank.outils)}))
    result.append(Page("a-propos/index.md", "a_propos.md.j2", {**common, "modeles": models_list}))
    result.append(Page("a-propos/accessibilite.md", "accessibilite.md.j2", {**common}))
    result.append(Page("proposer.md", "proposer.md.j2", {**common, "f": form_schema.page_context(
        bank, cfg.comite_courriel, cfg.repo_url, cfg.edition_url)}))
    if cfg.apercu and board is not None:
        # The committee's dashboard: only in the preview build, never on the public site.
        result.append(Page("tableau-de-bord.md", "tableau_de_bord.md.j2", {
            **common, "board": board, "statuts": {t.id: t.libelle.lower() for t in vocabulary("statuts").terms},
            "mois_relecture": REVIEW_MONTHS, "ans_consentement": CONSENT_YEARS}))
    return result


def render_page(env: jinja2.Environment, page: Page) -> str:
    return env.get_template(page.template).render(here=page.path, **page.context)


def render_all(bank: Bank, cfg: SiteConfig, board: Dashboard | None = None, memo=None) -> dict[str, str | bytes]:
    """Every generated file of the docs folder: Markdown pages and data files.

    `memo` (incremental.RenderMemo, live preview) skips pages whose context did not change."""
    env = _environment()
    files: dict[str, str | bytes] = {}
    for page in pages(bank, cfg, board):
        files[page.path] = memo.render(env, page) if memo is not None else render_page(env, page)
    files.update(exports.render(bank, cfg))
    files[form_schema.TERRITORIES_FILE] = form_schema.territory_list()
    files.update(explorer.files(bank))
    return files


def write_changed(files: dict[str, str | bytes], docs: Path, hold: frozenset[str] | set[str] = frozenset()) -> tuple[int, int]:
    """Write only files whose content changed, and remove files no longer generated.

    Unchanged files keep their mtime, so mkdocs' live reload and incremental
    tools see only real changes. Files in `hold` are left as they are for now
    (the live preview writes them one rebuild later). Returns (written, removed).
    """
    written = removed = 0
    docs.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        if rel in hold:
            continue
        target = docs / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    wanted = {docs / rel for rel in files}
    for existing in sorted(docs.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written, removed


def front_matter(data: dict) -> Raw:
    """YAML front matter for a generated page (mkdocs reads title, description…)."""
    return Raw(yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000).strip())
