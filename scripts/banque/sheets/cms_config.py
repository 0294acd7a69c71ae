"""The configuration of the « Espace du comité » (Sveltia CMS at /admin/), generated.

Nothing in it is written by hand: each field of the pydantic models becomes a
widget, read from the model's JSON Schema (type, limits, enum, date format,
required) and its description (the hint). A list of vocabulary terms becomes a
select whose options are the vocabulary's ids with their French labels; the
body is pre-filled with the kind's section headings (sections.yml). New fields
in the models appear here after `banque schema`, with no change to this module;
only a field name missing from LABELS falls back to the name itself.

What the CMS cannot express is listed (`gaps`) and written at the head of the
file: the validator (`banque valider`) still has the last word on every save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticUndefined

from banque.paths import SCHEMA
from banque.sheets.fields import clean_long
from banque.sheets.models import KINDS, submodel
from banque.sheets.vocabulary import NAMES, Vocabulary, sections, vocabulary

CONFIG_FILE = SCHEMA / "cms.config.yml"
# Collection labels (plural, singular), per kind of sheet.
COLLECTIONS = {"experiences": ("Expériences", "Expérience"), "outils": ("Outils", "Outil")}
# French labels of the field names; a name missing here is shown as it is written.
LABELS = {
    "slug": "Identifiant (nom du fichier)", "titre": "Titre", "resume": "Résumé", "nature": "Nature",
    "modeles": "Modèles de partenariat", "modele": "Modèle", "justification": "Justification",
    "territoires": "Territoires", "niveau": "Niveau", "codes": "Codes officiels", "themes": "Thèmes",
    "acteurs": "Acteurs", "nom": "Nom", "type": "Type", "role": "Rôle", "periode": "Période",
    "debut": "Année de début", "fin": "Année de fin", "indicateurs": "Indicateurs", "libelle": "Libellé",
    "valeur": "Valeur", "annee": "Année", "outils": "Outils du répertoire", "sources": "Sources",
    "auteur": "Auteur", "date": "Date", "passage": "Passage", "url": "Adresse web", "referent": "Référent",
    "fonction": "Fonction", "organisation": "Organisation", "contact": "Contact", "courriel": "Courriel",
    "consentement": "Consentement", "moyen": "Moyen", "statut": "Statut", "relecture": "Relecture",
    "relecteurs": "Relecteurs", "correspondant": "Correspondant", "mise_en_avant": "Mise en avant",
    "date_publication": "Date de publication", "publics": "Publics",
}
BODY = "body"
LOGO = "assets/images/favicon.png"  # the theme's icon, in every built site
DATE_FORMAT = "YYYY-MM-DD"  # Day.js tokens: ISO 8601 dates, as the models read them
# What a field's pattern asks for, in words (by field name); a generic message otherwise.
PATTERN_MESSAGES = {
    "slug": "minuscules sans accents, chiffres et tirets, par exemple laveo-structures-insertion",
    "url": "une adresse qui commence par http:// ou https://, sans espace",
    "courriel": "une adresse électronique, par exemple contact@exemple.org",
}
FREE = "texte_libre"  # marks alternatives merged into one text box
_TYPO = re.compile(r" ([:;!?»])")


@dataclass
class Generated:
    config: dict[str, Any]
    gaps: list[str] = field(default_factory=list)  # what the CMS cannot express (French)


def french(text: str) -> str:
    """No-break spaces before « : ; ! ? » and inside « »; `code` shown as « code »."""
    text = re.sub(r"`([^`]+)`", "«\u00a0\\1\u00a0»", text)
    return _TYPO.sub("\u00a0\\1", text).replace("« ", "«\u00a0")


def _vocabulary_of(values: list) -> Vocabulary | None:
    return next((vocabulary(n) for n in NAMES if list(vocabulary(n).ids) == list(values)), None)


def options(values: list) -> list[dict[str, str]]:
    """Select options: the vocabulary's ids with their French labels (or the values themselves)."""
    found = _vocabulary_of(values)
    if found is None:
        return [{"value": v, "label": str(v)} for v in values]
    return [{"value": t.id, "label": t.libelle} for t in found.terms]


def _resolve(prop: dict, defs: dict) -> tuple[dict, bool, list[dict]]:
    """(the schema of a value, whether null is allowed, the alternatives left out), $ref unwrapped."""
    nullable, dropped = False, []
    if "anyOf" in prop or "oneOf" in prop:
        alternatives = prop.get("anyOf") or prop.get("oneOf") or []
        kept = [a for a in alternatives if a.get("type") != "null"]
        nullable = len(kept) < len(alternatives)
        objects = [a for a in kept if "$ref" in a or a.get("type") == "object"]
        chosen = (objects or kept)[0]
        dropped = [a for a in kept if a is not chosen]
        if not objects and len(kept) > 1:
            # Several forms of one value (a date or a year, say): a text box takes them all.
            chosen, dropped = {"type": "string"}, [{FREE: kept}]
        prop = {**{k: v for k, v in prop.items() if k not in ("anyOf", "oneOf")}, **chosen}
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    if "const" in prop and "enum" not in prop:  # a Literal of one term
        prop = {**prop, "enum": [prop["const"]]}
    return prop, nullable, dropped


def _hint(description: str, select: bool) -> str:
    # A select shows its terms: the « Valeurs : … » list of the description is left out.
    if select:
        description = description.split("Valeurs :")[0].strip()
    return french(description)


def _is_long(model: type[BaseModel] | None, name: str) -> bool:
    info = model.model_fields.get(name) if model is not None else None
    metadata = list(info.metadata) if info is not None else []
    return any(isinstance(m, AfterValidator) and m.func is clean_long for m in metadata)


def _default(model: type[BaseModel] | None, name: str) -> Any:
    info = model.model_fields.get(name) if model is not None else None
    if info is None or info.default is PydanticUndefined or info.default is None:
        return None
    return info.default if isinstance(info.default, (str, bool, int)) else None


def _scalar(widget: dict, prop: dict, name: str, long: bool) -> None:
    kind = prop.get("type", "string")
    if kind == "boolean":
        widget["widget"] = "boolean"
    elif kind in ("integer", "number"):
        widget.update(widget="number", value_type="int" if kind == "integer" else "float")
        widget.update({k: prop[s] for s, k in (("minimum", "min"), ("maximum", "max")) if s in prop})
    elif prop.get("format") == "date":
        widget.update(widget="datetime", type="date", format=DATE_FORMAT)
    else:
        widget["widget"] = "text" if long else "string"
        widget.update({k: prop[s] for s, k in (("minLength", "minlength"), ("maxLength", "maxlength")) if s in prop})
        if "pattern" in prop:
            message = PATTERN_MESSAGES.get(name, "le format attendu est décrit dans l'aide")
            widget["pattern"] = [prop["pattern"], french(message)]


def _field(name: str, prop: dict, required: bool, defs: dict, model: type[BaseModel] | None,
           path: str, gaps: list[str]) -> dict:
    prop, nullable, dropped = _resolve(prop, defs)
    info = model.model_fields.get(name) if model is not None else None
    sub = submodel(info.annotation) if info is not None else None
    widget: dict[str, Any] = {"name": name, "label": LABELS.get(name, name), "required": required and not nullable}
    select = "enum" in prop or "enum" in prop.get("items", {})
    hint = _hint(prop.get("description", ""), select)
    for alternative in dropped:
        if FREE in alternative:
            gaps.append(f"« {path} » : plusieurs formes possibles, saisies en texte libre")
            continue
        shown = alternative.get("const") or alternative.get("enum") or alternative.get("type", "")
        gaps.append(f"« {path} » : la valeur « {shown} » ne peut pas être choisie dans le formulaire")
    if "enum" in prop:
        widget.update(widget="select", options=options(prop["enum"]))
    elif prop.get("type") == "array":
        items, _, _ = _resolve(prop["items"], defs)
        bounds = {k: prop[s] for s, k in (("minItems", "min"), ("maxItems", "max")) if s in prop}
        if "enum" in items:
            widget.update(widget="select", multiple=True, options=options(items["enum"]), **bounds)
        elif name in KINDS and items.get("type") == "string":
            # Identifiers of sheets of another collection (an experience's tools): picked by title.
            widget.update(widget="relation", collection=name, value_field="slug", search_fields=["titre"],
                          display_fields=["titre"], multiple=True, **bounds)
        elif items.get("type") == "object" and items.get("properties"):
            fields = _fields(items, defs, sub, path + ".", gaps)
            widget.update(widget="list", fields=fields, summary="{{fields." + fields[0]["name"] + "}}", **bounds)
        else:
            inner: dict[str, Any] = {"name": name, "label": LABELS.get(name, name)}
            _scalar(inner, items, name, False)
            widget.update(widget="list", field=inner, **bounds)
    elif prop.get("type") == "object" and prop.get("properties"):
        widget.update(widget="object", fields=_fields(prop, defs, sub, path + ".", gaps))
    elif prop.get("type") in ("object", "array"):
        # A mapping without named fields, or a list of lists: no form for it.
        widget.update(widget="keyvalue" if prop["type"] == "object" else "list")
        gaps.append(f"« {path} » : structure sans champs nommés, saisie clé par clé")
    else:
        _scalar(widget, prop, name, _is_long(model, name))
    default = _default(model, name)
    if default is not None:
        widget["default"] = default
    if hint:
        widget["hint"] = hint
    return widget


def _fields(schema: dict, defs: dict, model: type[BaseModel] | None, prefix: str, gaps: list[str]) -> list[dict]:
    required = set(schema.get("required", []))
    return [_field(name, prop, name in required, defs, model, prefix + name, gaps)
            for name, prop in schema["properties"].items()]


def _body(kind: str) -> dict:
    parts = sections()[kind]
    return {
        "name": BODY, "label": "Texte de la fiche", "widget": "markdown",
        # Raw Markdown first: the text is saved as written, headings included.
        "modes": ["raw", "rich_text"],
        # No image from the form: the site publishes no file uploaded to the repository.
        "editor_components": [],
        "default": "\n\n".join(f"## {title}\n" for title, _ in parts),
        "hint": french("Gardez les titres « ## » des sections, dans cet ordre, et remplissez chacune : "
                       + " ; ".join(f"{title} ({help_text.rstrip('.')})" for title, help_text in parts) + "."),
    }


def _collection(kind: str, gaps: list[str]) -> dict:
    model = KINDS[kind]
    schema = model.model_json_schema()
    label, singular = COLLECTIONS[kind]
    return {
        "name": kind, "label": label, "label_singular": singular,
        "folder": f"content/{kind}", "extension": "md", "format": "yaml-frontmatter",
        # The file name is the sheet's identifier, typed in the form.
        "slug": "{{fields.slug}}", "identifier_field": "titre", "summary": "{{titre}}",
        "fields": [*_fields(schema, schema.get("$defs", {}), model, "", gaps), _body(kind)],
    }


def generate(repo: str, branch: str, site_url: str) -> Generated:
    """The whole configuration for the GitHub repository `repo` (« owner/name »)."""
    gaps: list[str] = []
    config = {
        "app_title": "Espace du comité — Banque d'expériences",
        "site_url": site_url,
        # The site's own icon (an absolute path): the CMS's default logo is fetched from a data: address.
        "logo_url": urlsplit(site_url).path.rstrip("/") + "/" + LOGO,
        "backend": {
            "name": "github", "repo": repo, "branch": branch,
            # A personal access token: no OAuth server of ours.
            "auth_methods": ["token"],
            "commit_messages": {action: french(f"{verb} {{{{collection}}}} « {{{{slug}}}} »") for action, verb in (
                ("create", "Nouvelle fiche"), ("update", "Modification de la fiche"),
                ("delete", "Suppression de la fiche"))},
        },
        # Every save is a branch and a pull request, checked by « Vérifier ».
        "publish_mode": "editorial_workflow",
        "media_folder": "content/medias",
        # An optional field left empty is not written (an empty « courriel: '' » would be refused).
        "output": {"omit_empty_optional_fields": True},
        "collections": [_collection(kind, gaps) for kind in KINDS],
    }
    gaps.append("la ligne « # yaml-language-server: $schema=… » : le formulaire n'écrit pas de commentaire")
    gaps.append("les images du texte : le site ne publie pas les fichiers déposés, le formulaire n'en insère pas")
    return Generated(config, gaps)


def render(repo: str, branch: str, site_url: str) -> str:
    generated = generate(repo, branch, site_url)
    head = ["# Généré par « banque schema » depuis scripts/banque/sheets/models.py et schema/vocabulaires/ :",
            "# ne pas modifier à la main.", "# Ce que le formulaire ne sait pas exprimer (« banque valider » le vérifie) :"]
    head += [f"# - {gap}" for gap in generated.gaps]
    body = yaml.safe_dump(generated.config, allow_unicode=True, sort_keys=False, width=120)
    return "\n".join(head) + "\n" + body


def stale(repo: str, branch: str, site_url: str, target=CONFIG_FILE) -> bool:
    return not target.exists() or target.read_text(encoding="utf-8") != render(repo, branch, site_url)


def write(repo: str, branch: str, site_url: str, target=CONFIG_FILE) -> bool:
    """Write the configuration if it changed; True if written."""
    if not stale(repo, branch, site_url, target):
        return False
    target.write_text(render(repo, branch, site_url), encoding="utf-8")
    return True
