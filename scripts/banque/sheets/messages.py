"""pydantic's English errors, rewritten in French through a table.

Each entry turns one pydantic error type into (message, hint). Unknown types
fall back to a generic French message that still names the field.
"""

from __future__ import annotations

import difflib
from typing import Any, Callable

from pydantic import BaseModel

from banque.sheets.models import submodel

Translate = Callable[[dict, str], tuple[str, str]]


def _value(err: dict) -> str:
    value = err.get("input")
    if isinstance(value, (dict, list)):
        return "une liste" if isinstance(value, list) else "un groupe de champs"
    return f"« {value} »"


def _missing(err: dict, field: str) -> tuple[str, str]:
    name = field.rsplit(".", 1)[-1]
    return "champ obligatoire manquant", f"Ajoutez « {name}: … » (voir le modèle de fiche dans CONTRIBUTING.md)."


def _literal(err: dict, field: str) -> tuple[str, str]:
    expected = err.get("ctx", {}).get("expected", "")
    options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
    value = str(err.get("input"))
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    hint = f"Valeurs possibles : {', '.join(options)}."
    if close:
        hint = f"Vouliez-vous dire « {close[0]} » ? " + hint
    return f"valeur {_value(err)} inconnue", hint


def _pattern(err: dict, field: str) -> tuple[str, str]:
    name = field.rsplit(".", 1)[-1].split("[")[0]
    if name in ("slug", "outils"):
        return (
            f"identifiant {_value(err)} invalide",
            "Un identifiant s'écrit en minuscules sans accents, avec des tirets : « laveo-structures-insertion ».",
        )
    if name == "courriel":
        return f"adresse {_value(err)} invalide", "Écrivez une adresse complète, par exemple « contact@exemple.org »."
    if name == "url":
        return f"adresse web {_value(err)} invalide", "L'adresse commence par https:// (ou http://), sans espace."
    return f"valeur {_value(err)} mal formée", "Vérifiez l'orthographe de la valeur."


def _custom(err: dict, field: str) -> tuple[str, str]:
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return message, ""


def _bool(err: dict, field: str) -> tuple[str, str]:
    return f"{_value(err)} n'est ni true ni false", "Écrivez true ou false, sans guillemets (« oui » et « non » ne sont pas compris)."


TABLE: dict[str, Translate] = {
    "missing": _missing,
    "extra_forbidden": lambda e, f: ("champ inconnu", ""),  # hint added by translate()
    "literal_error": _literal,
    "string_pattern_mismatch": _pattern,
    "value_error": _custom,
    "regle": _custom,
    "string_type": lambda e, f: (f"texte attendu, trouvé {_value(e)}", "Écrivez du texte, entre guillemets s'il ressemble à un nombre."),
    "string_too_short": lambda e, f: (
        f"texte trop court (au moins {e['ctx']['min_length']} caractères)",
        "Complétez ce champ.",
    ),
    "string_too_long": lambda e, f: (
        f"texte trop long ({len(str(e.get('input', '')))} caractères, au plus {e['ctx']['max_length']})",
        "Raccourcissez ce texte.",
    ),
    "too_short": lambda e, f: (
        f"au moins {e['ctx']['min_length']} élément(s) attendu(s)",
        "Ajoutez un élément à la liste (une ligne commençant par « - »).",
    ),
    "too_long": lambda e, f: (
        f"trop d'éléments (au plus {e['ctx']['max_length']})",
        "Gardez les éléments les plus importants.",
    ),
    "int_type": lambda e, f: (f"nombre entier attendu, trouvé {_value(e)}", "Écrivez l'année en chiffres, sans guillemets : 2015."),
    "int_from_float": lambda e, f: (f"nombre entier attendu, trouvé {_value(e)}", "Écrivez un nombre entier."),
    "greater_than_equal": lambda e, f: (
        f"valeur {_value(e)} trop petite (au moins {e['ctx']['ge']})",
        "Vérifiez cette valeur.",
    ),
    "less_than_equal": lambda e, f: (
        f"valeur {_value(e)} trop grande (au plus {e['ctx']['le']})",
        "Vérifiez cette valeur.",
    ),
    "bool_type": _bool,
    "list_type": lambda e, f: (f"liste attendue, trouvé {_value(e)}", "Écrivez une liste, un élément par ligne commençant par « - »."),
    "model_type": lambda e, f: (
        f"groupe de champs attendu, trouvé {_value(e)}",
        "Écrivez les sous-champs en dessous, indentés de deux espaces.",
    ),
    "dict_type": lambda e, f: (
        f"groupe de champs attendu, trouvé {_value(e)}",
        "Écrivez les sous-champs en dessous, indentés de deux espaces.",
    ),
    "model_attributes_type": lambda e, f: (
        f"groupe de champs attendu, trouvé {_value(e)}",
        "Écrivez les sous-champs en dessous, indentés de deux espaces.",
    ),
    "union_tag_invalid": lambda e, f: (f"valeur {_value(e)} inattendue", "Voir le modèle de fiche dans CONTRIBUTING.md."),
}


def _fields_of(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at `loc` (the parent of an unknown key)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        annotation = current.model_fields[part].annotation
        current = submodel(annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def translate(err: dict, field: str, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _fields_of(model, loc[:-1])
        name = str(loc[-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
        if allowed:
            hint += f"Champs possibles ici : {', '.join(allowed)}."
        return "champ inconnu", hint or "Retirez ce champ."
    handler = TABLE.get(kind)
    if handler is None:
        return f"valeur {_value(err)} refusée ({kind})", "Voir le modèle de fiche dans CONTRIBUTING.md."
    return handler(err, field)
