"""The people a sheet names, and who of them the site may show on a given day.

Two kinds of person, never mixed up:
- the referent, who AGREED to be the bank's referent for the experience: the
  sheet records the answer (date, means, scope, accord or refus);
- persons cited from a public source (`personnes_citees`): speakers named in a
  published report, with the role the source gives them at its date. They
  agreed to nothing: pages say the referent is still to be confirmed.

`people_shown(model, today)` is the one answer to « who is shown »: pages,
exports, feed, search and any other output call it (or `shown_referent`), so
an expired agreement or a refusal is applied the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from banque.sheets.contact_address import names_in_address, webmail_domain
from banque.sheets.fields import AnswerId, ConsentScopeId, ContactId, Day, Email, ShortText, describe, rule
from banque.sheets.policy import policy
from banque.sheets.problem import fragment, problem

_CONTACT = policy().contact
_SCOPE = policy().consent_scope
_ANSWER = policy().consent_answer
_ROLE_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def _role_date(value: Any) -> Any:
    """AAAA-MM or AAAA-MM-JJ, kept as text (« 2015-01 »): a source often gives only the month."""
    if not isinstance(value, str) or not _ROLE_DATE.fullmatch(value):
        raise ValueError("date attendue au format AAAA-MM ou AAAA-MM-JJ, par exemple 2015-01")
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"la date {value} n'existe pas dans le calendrier") from None
    return value


RoleDate = Annotated[str, AfterValidator(_role_date)]


def role_date_fr(value: str) -> str:
    """« 2015-01 » → « janvier 2015 »; « 2015-01-08 » → « 8 janvier 2015 »."""
    year, month = int(value[:4]), int(value[5:7])
    day = f"{'1er' if value[8:] == '01' else int(value[8:])} " if len(value) == 10 else ""
    return f"{day}{MONTHS[month - 1]} {year}"


CONSENT_EXAMPLE = {"date": "2026-03-03", "moyen": "courriel au comité du 3 mars 2026",
                   "portee": _SCOPE.via_committee, "reponse": _ANSWER.agreed}
CITED_EXAMPLE = {"nom": "Dominique Exemple", "fonction": "co-gérante", "organisation": "l'Atelier Exemple", "date_fonction": "2015-01",
                 "occasion": "rencontre du 8 janvier 2015", "source": "compte rendu publié"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Consent(_Strict):
    date: Day = Field(description="La date de la réponse de la personne (AAAA-MM-JJ).", examples=["2026-03-03"])
    moyen: ShortText = Field(
        max_length=200,
        description="Comment la réponse a été donnée et où elle est conservée.",
        examples=["courriel au comité du 3 mars 2026, archivé par le comité"],
    )
    portee: ConsentScopeId | None = Field(
        default=None, description="Ce que la personne a accepté (obligatoire avec un accord). " + describe("portees_consentement"),
        examples=[_SCOPE.via_committee])
    reponse: AnswerId = Field(description="Sa réponse. " + describe("reponses_consentement"), examples=[_ANSWER.agreed])

    @model_validator(mode="after")
    def _agreement_has_a_scope(self) -> Consent:
        if self.reponse == _ANSWER.agreed and self.portee is None:
            raise rule("portee", "un accord dit ce que la personne a accepté : ajoutez « portee » "
                       f"({', '.join(vars(_SCOPE).values())})")
        return self


class Referent(_Strict):
    nom: ShortText = Field(max_length=120, description="Prénom et nom du référent.", examples=["Camille Exemple"])
    fonction: ShortText = Field(max_length=150, description="Sa fonction.", examples=["coordinatrice"])
    organisation: ShortText = Field(max_length=150, description="Sa structure.", examples=["Association Exemple"])
    contact: ContactId = Field(
        default=_CONTACT.via_committee,
        description="Comment le joindre. " + describe("modes_contact"),
        examples=[_CONTACT.via_committee],
    )
    courriel: Email | None = Field(
        default=None,
        description=f"Adresse fonctionnelle (jamais personnelle), seulement avec `contact: {_CONTACT.public}`.",
        examples=["partenariats@exemple.org"],
    )
    consentement: Consent | None = Field(
        default=None,
        description="La réponse enregistrée de la personne (accord ou refus). Sans elle, la personne n'est "
                    "qu'un référent pressenti : aucune page ne la nomme comme référent.",
        examples=[CONSENT_EXAMPLE],
    )

    @model_validator(mode="after")
    def _address_follows_mode(self) -> Referent:
        answer = self.consentement
        if answer is not None and answer.reponse == _ANSWER.refused and self.contact != _CONTACT.masked:
            raise rule("contact", f"la personne a refusé : écrivez « contact: {_CONTACT.masked} », "
                       "elle ne doit apparaître nulle part sur le site")
        if self.contact == _CONTACT.public and not self.courriel:
            raise rule("courriel", "avec « contact: public », indiquez l'adresse fonctionnelle dans « courriel »")
        if self.contact != _CONTACT.public and self.courriel:
            raise rule("courriel",
                "une adresse n'est enregistrée qu'avec « contact: public » : retirez « courriel » "
                "(le dépôt est public, même une adresse non affichée y serait lisible)"
            )
        if self.courriel:
            provider = webmail_domain(self.courriel)
            if provider:
                raise rule("courriel",
                    f"« {provider} » est une messagerie personnelle : une adresse publiée doit être "
                    "l'adresse fonctionnelle de la structure (contact@…, partenariats@… sur son propre domaine) ; "
                    "sans une telle adresse, choisissez « contact: via_comite »"
                )
            if names_in_address(self.courriel, self.nom):
                raise rule("courriel",
                    "cette adresse est formée du nom du référent : c'est une adresse personnelle. "
                    "Publiez l'adresse fonctionnelle de la structure (contact@…, partenariats@…), "
                    "ou choisissez « contact: via_comite »"
                )
        if self.contact == _CONTACT.public and answer is not None and answer.portee != _SCOPE.public_address:
            raise rule("contact", f"une adresse n'est publiée qu'avec l'accord de la personne "
                       f"(« portee: {_SCOPE.public_address} ») : sinon choisissez « contact: {_CONTACT.via_committee} »")
        return self


class CitedPerson(_Strict):
    nom: ShortText = Field(max_length=120, description="Prénom et nom, tels que la source les donne.", examples=["Dominique Exemple"])
    fonction: ShortText = Field(max_length=150, description="Sa fonction à la date de la source.", examples=["co-gérante"])
    organisation: ShortText = Field(max_length=150, description="Sa structure à la date de la source.", examples=["l'Atelier Exemple"])
    date_fonction: RoleDate = Field(description="Quand la source lui donne ce rôle (AAAA-MM ou AAAA-MM-JJ).", examples=["2015-01"])
    occasion: ShortText = Field(max_length=150, description="Où elle a parlé de l'expérience.", examples=["rencontre du 8 janvier 2015"])
    source: ShortText = Field(max_length=150, description="La source publique qui la nomme.", examples=["compte rendu publié"])


# -- who is shown ------------------------------------------------------------------------------


def agreement_ends(given: dt.date) -> dt.date:
    """The day an agreement given on `given` stops being shown (regles.yml renouvellement)."""
    years = policy().consent_years
    try:
        return given.replace(year=given.year + years)
    except ValueError:  # 29 February
        return given.replace(year=given.year + years, day=28)


# The referent's state on a given day: what the pages, exports and dashboard say.
AGREED = "agreed"    # current agreement: the referent is shown, as far as the scope allows
MASKED = "masked"    # agreed, but not to be named: the committee puts readers in touch
EXPIRED = "expired"  # agreement older than the renewal period: not shown until renewed
REFUSED = "refused"  # the person refused: named nowhere
NONE = "none"        # « à identifier »: no answer recorded


@dataclass(frozen=True)
class Shown:
    state: str
    referent: Referent | None  # the referent every output may name, or None
    contact: str | None  # how readers reach them (a modes_contact id), None for « named only »
    cited: tuple[CitedPerson, ...]  # cited persons every output may name
    hidden: tuple[str, ...]  # names no output may contain

    @property
    def to_confirm(self) -> bool:
        """No referent named: the page says the referent is still to be confirmed."""
        return self.referent is None and self.state != MASKED


def people_shown(model: Any, today: dt.date) -> Shown:
    """Who an experience's outputs may name on `today` (the build date)."""
    ref = getattr(model, "referent", None)
    cited: tuple[CitedPerson, ...] = tuple(getattr(model, "personnes_citees", ()) or ())
    if not isinstance(ref, Referent) or ref.consentement is None:
        return Shown(NONE, None, None, cited, ())  # a referent without an answer is not one yet
    answer = ref.consentement
    if ref.contact == _CONTACT.masked:
        hidden = (ref.nom,)
        kept = tuple(p for p in cited if p.nom.casefold() != ref.nom.casefold())
        state = REFUSED if answer.reponse == _ANSWER.refused else MASKED
        if state == MASKED and agreement_ends(answer.date) <= today:
            state = EXPIRED
        return Shown(state, None, None, kept, hidden)
    if answer.reponse != _ANSWER.agreed:  # unreachable through validation: a refusal is masked
        return Shown(REFUSED, None, None, (), (ref.nom,))
    if agreement_ends(answer.date) <= today:
        return Shown(EXPIRED, None, None, cited, ())
    contact = None if answer.portee == _SCOPE.name_only else (
        ref.contact if answer.portee == _SCOPE.public_address else _CONTACT.via_committee)
    others = tuple(p for p in cited if p.nom.casefold() != ref.nom.casefold())
    return Shown(AGREED, ref, contact, others, ())


def shown_referent(sheet: Any, today: dt.date) -> Referent | None:
    """The referent an output may name on `today` for a sheet (or its model), or None.

    None when there is none, the agreement expired, was refused, or the person
    asked not to be named: then no output carries the referent's name."""
    return people_shown(getattr(sheet, "model", sheet), today).referent


# -- the words every output uses -------------------------------------------------------------

_VOWELS = "aeiouyàâéèêëîïôöûüAEIOUYÀÂÉÈÊËÎÏÔÖÛÜ"


def of(name: str) -> str:
    """« de » before a name, French-style: « de Lavéo », « d'Alsace Active », « du Commissariat… »
    (when written « le Commissariat… »), « de la Fédération… »."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article):]
    return ("d'" if name[:1] in _VOWELS else "de ") + name


def role_when(value: str) -> str:
    """« en janvier 2015 », « le 8 janvier 2015 »."""
    return ("le " if len(value) == 10 else "en ") + role_date_fr(value)


def cited_sentence(person: CitedPerson) -> str:
    """« Présentée par Laurent Cenne, co-gérant de Lavéo (en janvier 2015), lors de la rencontre
    du 8 janvier 2015 — compte rendu publié »: the same words on pages, exports and the feed."""
    occasion = person.occasion if person.occasion.split(" ")[0].lower() in ("le", "la", "les") or \
        person.occasion[:2].lower() == "l'" else "la " + person.occasion
    return fragment("personne-citee", nom=person.nom, fonction=person.fonction, de_organisation=of(person.organisation),
                    quand=role_when(person.date_fonction), lors_de=of(occasion), source=person.source)


def situation(shown: Shown) -> str:
    """What an output says about the referent, in French; never a masked person's name."""
    if shown.state == AGREED and shown.referent is not None and shown.referent.consentement is not None:
        return fragment("referent-accord", date=shown.referent.consentement.date.isoformat())
    if shown.state == MASKED:
        return fragment("referent-masque")
    if shown.state == EXPIRED:
        return fragment("referent-accord-expire")
    return fragment("referent-a-confirmer-cite" if shown.cited else "referent-a-confirmer")


def expired_report(experiences: Any, today: dt.date) -> list[str]:
    """One French line per sheet whose referent's agreement expired on `today`: the build prints them."""
    lines = []
    for sheet in experiences:
        shown = people_shown(sheet.model, today)
        ref = sheet.model.referent
        if shown.state == EXPIRED and isinstance(ref, Referent) and ref.consentement is not None:
            p = problem("referent-accord-expire", sheet.raw.display, sheet.raw.line_of(("referent", "consentement", "date")),
                        "referent.consentement.date",
                        date=ref.consentement.date.isoformat(), fin=agreement_ends(ref.consentement.date).isoformat(),
                        ans=policy().consent_years)
            lines.append(f"Attention : {p.path}:{p.line}: {p.field} : {p.message}\n  → {p.hint}")
    return lines
