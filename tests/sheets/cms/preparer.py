"""Make entrees.json: the real sheets of content/ as Sveltia CMS holds them before saving.

Run once (from the project root), then `node serialiser.mjs` writes the sheets
the way the CMS writes them (see README below). For each sheet, the values are
put in the order of the generated configuration's fields (the order the CMS
writes), typed as its widgets type them (a code is a string, a year a number,
a date the string AAAA-MM-JJ), empty optional fields left out
(`omit_empty_optional_fields`), and the body stripped of the blank line the CMS
removes after the front matter. Sheets with a value the form cannot express
(`referent: à identifier`, see cms_config's gaps) are left out.

    PYTHONPATH=scripts python tests/sheets/cms/preparer.py
"""

from __future__ import annotations

import json
from pathlib import Path

from banque.sheets import cms_config, load
from banque.sheets.policy import policy
from banque.sheets.vocabulary import sections, vocabulary

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def typed(value, widget: dict):
    kind = widget.get("widget", "string")
    if value is None:
        # A check box always has a value: the CMS writes its default.
        return widget.get("default") if kind == "boolean" else None
    if kind == "list":
        inner = widget.get("field")
        return [typed(v, inner) if inner else ordered(v, widget["fields"]) for v in value]
    if kind == "object":
        return ordered(value, widget["fields"]) if isinstance(value, dict) else None
    if kind in ("select", "relation") and widget.get("multiple"):
        return [str(v) for v in value]
    if kind == "number":
        return int(value)
    if kind == "boolean":
        return bool(value)
    return str(value)


def ordered(data: dict, fields: list[dict]) -> dict:
    out = {}
    for widget in fields:
        value = typed(data.get(widget["name"]), widget)
        if value in (None, "", []) and not widget.get("required", True):
            continue  # omit_empty_optional_fields
        out[widget["name"]] = value
    return out


def new_entry() -> dict:
    """A sheet typed in the form: a title with a colon and quotes, codes with a
    leading zero, the body's headings pre-filled then completed."""
    first = {name: vocabulary(name).ids[0] for name in ("natures", "modeles", "themes", "types_acteurs", "roles")}
    body = "\n".join(f"## {title}\n\n{help_text}\n" for title, help_text in sections()["experiences"])
    return {
        "slug": "essai-espace-du-comite",
        "titre": "Essai : une fiche « saisie » dans l'espace du comité",
        "resume": "Une fiche d'essai, saisie dans le formulaire de l'espace du comité : deux-points, guillemets "
                  "et codes commençant par zéro.",
        "nature": first["natures"],
        "modeles": [{"modele": first["modeles"], "justification": "Une justification d'essai: avec deux-points."}],
        "territoires": [{"niveau": policy().level.commune, "codes": ["01004"]},
                        {"niveau": policy().level.departement, "codes": ["2A", "01"]}],
        "themes": [first["themes"]],
        "acteurs": [{"nom": "Association Exemple", "type": first["types_acteurs"], "role": first["roles"]}],
        "periode": {"debut": 2024},
        "indicateurs": [{"libelle": "Personnes accompagnées", "valeur": "12", "annee": 2025}],
        "outils": ["resolis"],
        "sources": [{"titre": "Note interne : « essai »", "date": "2025-03-01", "url": "https://exemple.org/note?x=1#y"}],
        "referent": {"nom": "Camille Exemple", "fonction": "chargée de mission", "organisation": "Association Exemple",
                     "contact": policy().contact.via_committee},
        "statut": policy().status.draft,
        "correspondant": "Comité de rédaction",
        "mise_en_avant": False,
        cms_config.BODY: body,
    }


def main() -> None:
    generated = cms_config.generate("exemple/depot", "main", "https://exemple.org/")
    entries = {}
    for collection in generated.config["collections"]:
        fields = [f for f in collection["fields"] if f["name"] != cms_config.BODY]
        for path in sorted((ROOT / "content" / collection["name"]).glob("*.md")):
            raw, _ = load.load(path)
            assert raw is not None
            if not isinstance(raw.data.get("referent", {}), dict):
                continue
            entry = ordered(raw.data, fields)
            entry[cms_config.BODY] = raw.body.removeprefix("\n")
            entries[f"{collection['name']}/{path.name}"] = entry
    entries["experiences/essai-espace-du-comite.md"] = new_entry()
    (HERE / "entrees.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
