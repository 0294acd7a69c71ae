"""The field types the sheets' models are made of, with their cleaning validators.

A type here says what a value may be (a one-line text without markup, a date,
an INSEE code, a term of a vocabulary) and cleans it; the models in models.py
say which fields a sheet has and the rules between them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from banque.sheets import characters
from banque.sheets.vocabulary import vocabulary

# Values a reader sees on the site: refusing markup here, on top of escaping at
# render time, keeps hostile input out of titles, feeds and CSV exports alike.
_FORBIDDEN = re.compile(r"[<>]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def rule(field: str, message: str) -> PydanticCustomError:
    """A cross-field rule broken: the error points at `field` inside the model."""
    return PydanticCustomError("regle", message.replace("{", "(").replace("}", ")"), {"champ": field})


def _refuse_characters(value: str) -> None:
    """Control, invisible and look-alike characters first, then markup in the
    NFKC form (a full-width « ＜ » is a « < »): see sheets/characters.py."""
    why = characters.field_problem(value)
    if why:
        raise ValueError(why)
    if _FORBIDDEN.search(characters.checked_form(value)):
        raise ValueError("les caractères « < » et « > » sont interdits dans ce champ")


def clean_short(value: str) -> str:
    """A one-line text: no markup, no control or invisible character, not blank; trimmed."""
    _refuse_characters(value)
    if not value.strip():
        raise ValueError("texte vide")
    return value.strip()


def clean_long(value: str) -> str:
    """A paragraph: no markup, line breaks allowed; white space collapsed."""
    _refuse_characters(value.replace("\n", " "))
    return " ".join(value.split())


def _clean_url(value: str) -> str:
    why = characters.field_problem(value)
    if why:
        raise ValueError(why)
    return value


# A mailto: link is built from the address: characters that mean something in a
# URL (« %0A » is a line break there, « ? » starts headers) are refused, though RFC 5322 allows them.
_TOP_LEVEL = re.compile(r"[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+")
_URL_MEANINGFUL = re.compile(r"[%?&#=/\\]")


def _clean_email(value: str) -> str:
    """An address checked by email-validator (syntax only: no network), ASCII, safe in a mailto: link.
    Its French message is the problem `courriel-invalide`."""
    if _URL_MEANINGFUL.search(value) or characters.field_problem(value):
        raise ValueError("adresse invalide")
    try:
        domain = validate_email(value, check_deliverability=False, allow_smtputf8=False).ascii_domain
    except EmailNotValidError:
        raise ValueError("adresse invalide") from None
    if not _TOP_LEVEL.fullmatch(domain.rsplit(".", 1)[-1]):
        raise ValueError("adresse invalide")  # « exemple.o »: no such top-level domain
    return value


def _day(value: Any) -> Any:
    # YAML leaves dates as text (see yaml_strict); we parse them here so an
    # impossible date gets a clear French message instead of a silent string.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("date attendue au format AAAA-MM-JJ, par exemple 2015-01-08")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"la date {value} n'existe pas dans le calendrier") from None


def _code(value: Any) -> Any:
    # `67` written without quotes is read as a number; a code is text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def unique(values: list) -> list:
    """The list unchanged, or an error naming the first value written twice."""
    seen = set()
    for v in values:
        key = v if isinstance(v, str) else repr(v)
        if key in seen:
            raise ValueError(f"la valeur « {v} » apparaît deux fois")
        seen.add(key)
    return values


ShortText = Annotated[str, AfterValidator(clean_short)]
LongText = Annotated[str, AfterValidator(clean_long)]
Day = Annotated[dt.date, BeforeValidator(_day)]
Slug = Annotated[
    str,
    Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=3, max_length=80),
]
Year = Annotated[int, Field(ge=1900, le=2100)]
Code = Annotated[str, BeforeValidator(_code), AfterValidator(clean_short)]
# The pattern is for editors (the JSON Schema); email-validator has the last word.
Email = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$", max_length=254),
    AfterValidator(_clean_email),
]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s<>\"]+$", max_length=500), AfterValidator(_clean_url)]


# -- vocabulary terms ----------------------------------------------------------------


def terms(name: str) -> Any:
    """The Literal type of a vocabulary's term ids, read from its YAML file."""
    return Literal[vocabulary(name).ids]


def describe(name: str) -> str:
    """The terms of a vocabulary for a field's description: « Valeurs : `id` (libellé), … »."""
    return "Valeurs : " + ", ".join(f"`{t.id}` ({t.libelle})" for t in vocabulary(name).terms) + "."


# The vocabularies are data, so their Literal types are built at run time, which
# a type checker cannot read: to mypy a term id is a str. Pydantic sees the
# Literal, so validation and the JSON Schema list the committee's terms.
if TYPE_CHECKING:
    ModelId = str
    NatureId = str
    ThemeId = str
    ActorTypeId = str
    RoleId = str
    ToolTypeId = str
    StatusId = str
    ContactId = str
    LevelId = str
    LinkId = str
else:
    ModelId = terms("modeles")
    NatureId = terms("natures")
    ThemeId = terms("themes")
    ActorTypeId = terms("types_acteurs")
    RoleId = terms("roles")
    ToolTypeId = terms("types_outils")
    StatusId = terms("statuts")
    ContactId = terms("modes_contact")
    LevelId = terms("niveaux_territoire")
    LinkId = terms("liens_outils")
