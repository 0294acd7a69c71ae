"""`banque consentement demande`: the request the committee sends to a person of a sheet.

It says what would be published (the exact fields), why, for how long, the
rights to refuse, object and erase, and how to answer; as text and as a
`mailto:` link. The person's address is never recorded by the bank: the
committee adds it in its mail program (or gives it on the command line, for
this link only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from banque.sheets.bank import Sheet
from banque.sheets.models import Experience, Referent
from banque.sheets.people import cited_sentence
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError, problem
from banque.sheets.templating import environment
from banque.sheets.vocabulary import vocabulary

TEMPLATES = Path(__file__).resolve().parent / "templates"
NBSP = "\u00a0"


@dataclass(frozen=True)
class Person:
    """Whom the request is for: a person cited by a source, or the sheet's referent (renewal)."""
    nom: str
    fonction: str
    organisation: str
    cite: str  # the cited-person sentence, or "" for the referent


def people(sheet: Sheet[Experience]) -> list[Person]:
    """The persons of a sheet the committee may ask: its referent, then its cited persons."""
    found = []
    ref = sheet.model.referent
    if isinstance(ref, Referent):
        found.append(Person(ref.nom, ref.fonction, ref.organisation, ""))
    found += [Person(p.nom, p.fonction, p.organisation, cited_sentence(p)) for p in sheet.model.personnes_citees
              if not (isinstance(ref, Referent) and p.nom.casefold() == ref.nom.casefold())]
    return found


def person(sheet: Sheet[Experience], name: str | None) -> Person:
    """The person named (case ignored), or the only one; a French problem otherwise."""
    found = people(sheet)
    names = ", ".join(f"« {p.nom} »" for p in found)
    if name is not None:
        match = [p for p in found if p.nom.casefold() == name.strip().casefold()]
        if match:
            return match[0]
        raise ProblemsError([problem("consentement-personne-inconnue", sheet.raw.display, nom=name,
                                     personnes=names or "aucune")])
    if len(found) == 1:
        return found[0]
    code = "consentement-personne-a-choisir" if found else "consentement-personne-aucune"
    raise ProblemsError([problem(code, sheet.raw.display, personnes=names)] if found
                        else [problem(code, sheet.raw.display)])


def subject(sheet: Sheet[Experience]) -> str:
    return f"Banque d'expériences des alliances en territoires{NBSP}: référent de «{NBSP}{sheet.model.titre}{NBSP}»{NBSP}?"


def request_text(sheet: Sheet[Experience], who: Person, committee: str) -> str:
    """The request, in French, for `who` about `sheet`; `committee`: the committee's address."""
    scopes = [{"libelle": t.libelle, "definition": t.definition} for t in vocabulary("portees_consentement").terms]
    data = {
        "nom": who.nom, "fonction": who.fonction, "organisation": who.organisation, "titre": sheet.model.titre,
        "est_citee": who.cite, "ans": policy().consent_years, "comite": committee, "portees": scopes,
        "aussi_cite": ", y compris comme personne citée du compte rendu" if who.cite else "",
    }
    env = environment(TEMPLATES, finalize=str)  # plain text: nothing to escape
    return _french_spaces(env.get_template("demande_consentement.txt.j2").render(d=data, nbsp=NBSP))


_BEFORE = re.compile(r" (?=[;:?!»])")
_AFTER = re.compile(r"(?<=«) ")


def _french_spaces(text: str) -> str:
    """No-break spaces before « ; : ? ! » and inside « », in the text the vocabularies and sheets give."""
    return _AFTER.sub(NBSP, _BEFORE.sub(NBSP, text))


def mailto(text: str, subject_line: str, committee: str, to: str = "") -> str:
    """A mailto: link (RFC 6068): every value percent-encoded, line breaks as CRLF, the committee in copy."""
    body = text.replace("\r\n", "\n").replace("\n", "\r\n")
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in (("cc", committee), ("subject", subject_line), ("body", body)))
    return f"mailto:{quote(to, safe='@')}?{query}"
