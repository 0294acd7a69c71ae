"""What the « Proposer une expérience » form needs, derived from the schema.

The form checks entries in the browser with the same limits as the validator:
they are read here from the pydantic model (its JSON Schema, plus the text
validators the JSON Schema cannot express), never typed a second time in the
JavaScript. The template lays the fields out from the same vocabularies, and
the build ships a compact list of official territories for autocompletion.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from typing import Any, get_args

from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from banque.sheets import models
from banque.sheets.bank import Bank
from banque.sheets.fields import clean_long, clean_short
from banque.sheets.load import SCHEMA_FILES
from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.vocabulary import sections, vocabulary

KIND = "experiences"
# Where the build writes the territory list (docs-relative); the page loads it
# only when a territory field gets the focus.
TERRITORIES_FILE = "assets/formulaire/territoires.json.gz"
# Fields the committee fills, never the correspondent; the situation is the month
# the proposal is written (proposer/collecte.js), or the import day (banque importer).
COMMITTEE_ONLY = ("slug", "statut", "relecture", "mise_en_avant", "date_publication", "situation")
# Longest link the page offers. Browsers and common mail clients open an
# 8 000-character mailto: link; GitHub answers « URI too long » a little above
# that. Beyond it the page says to download the file and attach or upload it.
MAILTO_MAX = 8000
FORGE_MAX = 8000
ISSUE_TEMPLATE = "proposer-une-experience.yml"

_LIMITS = ("minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "enum", "format")
_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")
_BRANCH = re.compile(r"/(?:edit|blob|tree)/([^/]+)/")
# Plain-language messages for the two patterns of the schema; any other pattern
# gets a generic message in the browser.
PATTERN_MESSAGES = {
    "referent.courriel": "adresse électronique invalide : écrivez par exemple contact@exemple.org",
    "sources.url": "adresse web invalide : elle commence par http:// ou https:// et ne contient pas d'espace",
}


# -- limits from the model ---------------------------------------------------------


def _resolve(prop: dict, defs: dict) -> tuple[dict, bool]:
    """(the schema of a property, whether null is allowed), $ref and unions unwrapped."""
    nullable = False
    for key in ("anyOf", "oneOf"):
        if key in prop:
            options = [o for o in prop[key] if o.get("type") != "null"]
            nullable = nullable or len(options) < len(prop[key])
            # The referent is a person or the text « à identifier »: the form
            # fills the person, or writes the text when it is left to identify.
            objects = [o for o in options if "$ref" in o or o.get("type") == "object"]
            prop = {**{k: v for k, v in prop.items() if k != key}, **(objects or options)[0]}
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[1]]
        prop = {**target, **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop, nullable


def _text_kind(field: FieldInfo) -> str | None:
    """« court » for one-line texts without < or >, « long » for the summary."""
    found: list[Any] = list(field.metadata)
    stack = [field.annotation]
    while stack:
        for arg in get_args(stack.pop()):
            found.append(arg)
            stack.append(arg)
    funcs = {getattr(v, "func", None) for v in found if isinstance(v, AfterValidator)}
    if clean_short in funcs:
        return "court"
    if clean_long in funcs:
        return "long"
    return None


def _walk(model: type[BaseModel], schema: dict, defs: dict, prefix: str, out: dict) -> None:
    required = set(schema.get("required", []))
    for name, prop in schema["properties"].items():
        path = prefix + name
        prop, nullable = _resolve(prop, defs)
        field = model.model_fields[name]
        rule: dict[str, Any] = {k: prop[k] for k in _LIMITS if k in prop}
        rule["requis"] = name in required and not nullable
        rule["type"] = prop.get("type", "string")
        kind = _text_kind(field)
        if kind:
            rule["texte"] = kind
        if path in PATTERN_MESSAGES:
            rule["message"] = PATTERN_MESSAGES[path]
        sub = models.submodel(field.annotation)
        if rule["type"] == "array":
            items, _ = _resolve(prop["items"], defs)
            if sub is not None and items.get("type") == "object":
                _walk(sub, items, defs, path + ".", out)
            else:
                rule["elements"] = {k: items[k] for k in _LIMITS if k in items}
        elif rule["type"] == "object" and sub is not None:
            _walk(sub, prop, defs, path + ".", out)
        out[path] = rule


@cache
def rules() -> dict[str, dict]:
    """Every field of an experience by dotted path (list items share their list's
    path: « acteurs.nom »), with the JSON Schema limits and the text kind."""
    schema = models.Experience.model_json_schema()
    out: dict[str, dict] = {}
    _walk(models.Experience, schema, schema.get("$defs", {}), "", out)
    # The slug stays: its limits check the title, which it is derived from.
    dropped = tuple(n for n in COMMITTEE_ONLY if n != "slug")
    out = {path: rule for path, rule in out.items() if path.split(".")[0] not in dropped}
    # The schema lets the committee leave it empty; a proposal must say who sends it
    # (banque importer refuses a proposal without one, too).
    out["correspondant"]["requis"] = True
    return out


# -- the page ---------------------------------------------------------------------------


def forge(repo_url: str, edition_url: str) -> dict | None:
    """GitHub owner, repository and branch, or None when the forge is not GitHub."""
    match = _GITHUB.match(repo_url or "")
    if not match:
        return None
    branch = _BRANCH.search(edition_url or "")
    owner, repo = match.groups()
    return {"proprietaire": owner, "depot": repo, "branche": branch.group(1) if branch else "main",
            "nouveau": f"https://github.com/{owner}/{repo}/new/{branch.group(1) if branch else 'main'}/content/{KIND}",
            "televerser": f"https://github.com/{owner}/{repo}/upload/{branch.group(1) if branch else 'main'}/content/{KIND}",
            "ticket": f"https://github.com/{owner}/{repo}/issues/new?template={ISSUE_TEMPLATE}"}


def _terms(name: str) -> list[dict]:
    return [{"id": t.id, "libelle": t.libelle, "definition": t.definition, "code": t.code} for t in vocabulary(name).terms]


def client_settings(bank: Bank, comite: str, repo_url: str, edition_url: str) -> dict:
    """What the script needs, embedded in the page as JSON."""
    return {
        # The body sections are not in the model: check.py checks them (each one
        # present and not empty, no « # » or « ## » heading inside).
        "regles": {**rules(), "corps": {"requis": True, "type": "markdown"}},
        "sections": [title for title, _ in sections()[KIND]],
        "statut": policy().status.in_review,  # a proposed sheet awaits the committee
        "schema": f"# yaml-language-server: $schema=../../schema/{SCHEMA_FILES[KIND]}",
        "dossier": f"content/{KIND}",
        "a_identifier": models.TO_IDENTIFY,
        "slugs": sorted(s.slug for s in bank.experiences),
        "resume_conseil": [policy().summary_min, policy().summary_max],
        "comite": comite,
        "forge": forge(repo_url, edition_url),
        "mailto_max": MAILTO_MAX,
        "forge_max": FORGE_MAX,
        "niveaux": {t.id: t.code for t in vocabulary("niveaux_territoire").terms},
        # The bank's rules (schema/regles.yml): the script takes the ids of levels and
        # contact modes from there. Templates call them `regles`; here that key is the fields'.
        "politique": policy().for_templates(),
    }


def page_context(bank: Bank, comite: str, repo_url: str, edition_url: str) -> dict:
    """The template's view: fields, choices and help texts, all from the schema."""
    fields = models.Experience.model_fields
    help_text = {name: f.description or "" for name, f in fields.items()}
    nested = {
        f"{prefix}.{name}": f.description or ""
        for prefix, model in (("modeles", models.ModelUse), ("acteurs", models.Actor), ("periode", models.Period),
                              ("indicateurs", models.Indicator), ("sources", models.Source),
                              ("referent", models.Referent), ("consentement", models.Consent),
                              ("territoires", models.TerritoryRef))
        for name, f in model.model_fields.items()
    }
    tools = sorted((s for s in bank.outils if s.published), key=lambda s: (s.model.titre.casefold(), s.slug))
    settings = client_settings(bank, comite, repo_url, edition_url)
    return {
        "aide": {**help_text, **nested},
        "regles": settings["regles"],
        "natures": _terms("natures"),
        "modeles": _terms("modeles"),
        "themes": _terms("themes"),
        "types_acteurs": _terms("types_acteurs"),
        "roles": _terms("roles"),
        "niveaux": _terms("niveaux_territoire"),
        "modes_contact": _terms("modes_contact"),
        "sections": [{"titre": t, "aide": a} for t, a in sections()[KIND]],
        "outils": [{"slug": s.slug, "titre": s.model.titre} for s in tools],
        "forge": settings["forge"],
        "comite": comite,
        "territoires_fichier": TERRITORIES_FILE,
        "reglages_json": script_json(settings),
    }


def script_json(data: Any) -> str:
    """JSON safe inside an HTML <script> element: no « </script> », no « <!-- »."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


# -- territories for autocompletion ---------------------------------------------------------


@cache
def territory_list() -> bytes:
    """The official territories as [code, name] pairs by level, gzipped.

    Only what the field needs: communes by code and name (their département is
    the start of the code), EPCI by SIREN, départements, régions with their
    names from before 2016 (the validator accepts them). mtime=0 keeps two
    builds byte-identical.
    """
    ref = territories()
    # (name, today's région) of the former régions whose name changed.
    former = sorted((f["nom"], ref.today_region(f)) for f in ref.former.values()
                    if f["nom"] != ref.regions[ref.today_region(f)]["nom"])
    data = {level: [[code, t["nom"]] for code, t in sorted(table.items())] for level, table in ref.by_level().items()}
    data[policy().level.region] += [[name, name, today] for name, today in former]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)
