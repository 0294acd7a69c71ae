"""`banque consentement reponse`: a person's answer, recorded in the sheet file.

Only the `referent:` block is written anew (by the sheets' writer); every other
byte of the file stays as it was. An agreement makes the person the referent,
within the scope they accepted. A refusal records the masked state
(`contact: masque`): from the next build on, the person is in no output. If the
sheet's text still names them, the answer is recorded all the same (a refusal
cannot wait) and the lines to rewrite are returned: the build refuses the sheet
until they are.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from banque.committee.consent import Person
from banque.sheets.bank import Sheet
from banque.sheets.models import Experience
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, ProblemsError, errors, problem
from banque.sheets.vocabulary import vocabulary
from banque.sheets.writer import check_text, replace_field

NAME_LEFT = "referent-masque-nomme"  # the only error a refusal is written with


@dataclass(frozen=True)
class Answer:
    date: dt.date
    moyen: str
    reponse: str  # a term of reponses_consentement
    portee: str | None = None  # a term of portees_consentement; required with an agreement
    courriel: str | None = None  # the functional address, with the scope that publishes one
    fonction: str | None = None  # the person's role today, when it changed since the source
    organisation: str | None = None


def referent_block(who: Person, answer: Answer, display: str) -> dict:
    """The `referent:` mapping for this answer; a French problem when the answer is incomplete."""
    scope, contact = policy().consent_scope, policy().contact
    block: dict = {"nom": who.nom, "fonction": answer.fonction or who.fonction,
                   "organisation": answer.organisation or who.organisation}
    consent: dict = {"date": answer.date.isoformat(), "moyen": answer.moyen}
    if answer.reponse == policy().consent_answer.refused:
        block["contact"] = contact.masked
    else:
        if answer.portee is None:
            raise ProblemsError([problem("consentement-portee-manquante", display,
                                         portees=", ".join(vocabulary("portees_consentement").ids))])
        if answer.portee == scope.public_address and not answer.courriel:
            raise ProblemsError([problem("consentement-adresse-manquante", display, portee=answer.portee)])
        block["contact"] = contact.public if answer.portee == scope.public_address else contact.via_committee
        if answer.portee == scope.public_address:
            block["courriel"] = answer.courriel
        consent["portee"] = answer.portee
    consent["reponse"] = answer.reponse
    block["consentement"] = consent
    return block


def record(sheet: Sheet[Experience], who: Person, answer: Answer, content: Path | None) -> list[Problem]:
    """Write the answer into the sheet's file. Returns the lines still naming a person who
    refused (to rewrite); raises ProblemsError, writing nothing, when the result is invalid."""
    path = sheet.path
    original = path.read_text(encoding="utf-8")
    text = replace_field(original, "referent", referent_block(who, answer, sheet.raw.display))
    # In the context of the tools only: the sheet's own file would be a second sheet with its slug.
    tools = content / "outils" if content is not None else None
    found = errors(check_text(sheet.kind, sheet.slug, text, tools, path))
    refused = answer.reponse == policy().consent_answer.refused
    blocking = [p for p in found if not (refused and p.code == NAME_LEFT)]
    if blocking:
        raise ProblemsError(blocking)
    _replace(path, text)
    return [p for p in found if p.code == NAME_LEFT]


def _replace(path: Path, text: str) -> None:
    """Write beside, then rename: the sheet is never left half written."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
