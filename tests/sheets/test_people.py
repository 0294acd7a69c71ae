"""Who a sheet names and who the site may show on a day (sheets/people.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from banque.sheets import people
from banque.sheets.models import TO_IDENTIFY
from banque.sheets.people import AGREED, EXPIRED, MASKED, NONE, REFUSED, CitedPerson, Referent
from banque.sheets.policy import policy
from banque.sheets.problem import fragment
from tests.sheets.samples import experience, reviewed

CONTACT, SCOPE, ANSWER = policy().contact, policy().consent_scope, policy().consent_answer
CENNE = {"nom": "Laurent Cenne", "fonction": "co-gérant", "organisation": "Lavéo", "date_fonction": "2015-01",
         "occasion": "rencontre du 8 janvier 2015", "source": "compte rendu publié"}
OTHER = {**CENNE, "nom": "Diane Hassan", "fonction": "présidente co-fondatrice", "organisation": "Coordin'Actions"}


def referent(answer: str | None = None, given: str = "2025-03-01", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"nom": "Laurent Cenne", "fonction": "co-gérant", "organisation": "Lavéo", **changes}
    if answer is not None:
        consent = {"date": given, "moyen": "courriel au comité", "reponse": answer}
        if answer == ANSWER.agreed:
            consent["portee"] = changes.pop("portee", SCOPE.via_committee)
            data.pop("portee", None)
        data["consentement"] = consent
    return data


def shown(ref: Any, cited: list[dict] | None = None, day: dt.date = dt.date(2026, 11, 27)) -> people.Shown:
    return people.people_shown(experience(referent=ref, personnes_citees=cited or []), day)


# -- the models --------------------------------------------------------------------------------


def test_the_sentence_of_a_cited_person_says_who_when_where_and_from_what():
    assert people.cited_sentence(CitedPerson.model_validate(CENNE)) == (
        "Présentée par Laurent Cenne, co-gérant de Lavéo (en janvier 2015), "
        "lors de la rencontre du 8 janvier 2015 — compte rendu publié")


@pytest.mark.parametrize(("name", "expected"), [
    ("Lavéo", "de Lavéo"), ("Alsace Active", "d'Alsace Active"), ("Émeraude", "d'Émeraude"),
    ("le Commissariat général", "du Commissariat général"), ("les Ateliers", "des Ateliers"),
    ("la Fédération nationale", "de la Fédération nationale"), ("Strasbourg Eurométropole", "de Strasbourg Eurométropole"),
])
def test_de_is_written_the_french_way(name: str, expected: str):
    assert people.of(name) == expected


@pytest.mark.parametrize(("value", "expected"), [("2015-01", "en janvier 2015"), ("2015-01-08", "le 8 janvier 2015"),
                                                 ("2014-12-01", "le 1er décembre 2014")])
def test_a_role_is_dated_by_its_source(value: str, expected: str):
    assert people.role_when(value) == expected


@pytest.mark.parametrize("value", ["2015", "2015-13", "2015-02-30", "janvier 2015", "15-01"])
def test_a_role_date_is_a_month_or_a_day(value: str):
    with pytest.raises(ValidationError, match="date_fonction"):
        CitedPerson.model_validate({**CENNE, "date_fonction": value})


def test_a_refusal_is_recorded_only_in_the_masked_state():
    with pytest.raises(ValidationError, match="la personne a refusé"):
        Referent.model_validate(referent(ANSWER.refused))
    assert Referent.model_validate(referent(ANSWER.refused, contact=CONTACT.masked)).contact == CONTACT.masked


def test_an_address_is_published_only_with_an_agreement_that_says_so():
    public = referent(ANSWER.agreed, contact=CONTACT.public, courriel="contact@laveo.example")
    with pytest.raises(ValidationError, match="portee: nom_adresse_publique"):
        Referent.model_validate(public)
    assert Referent.model_validate({**public, "consentement": {**public["consentement"], "portee": SCOPE.public_address}})


def test_a_published_sheet_may_name_only_cited_persons():
    sheet = experience(**reviewed(referent=TO_IDENTIFY, personnes_citees=[CENNE]))
    assert sheet.personnes_citees[0].date_fonction == "2015-01"


# -- who is shown --------------------------------------------------------------------------------


def test_a_current_agreement_shows_the_referent_as_far_as_the_scope_allows():
    found = shown(referent(ANSWER.agreed), [CENNE, OTHER])
    assert found.state == AGREED and found.referent.nom == "Laurent Cenne" and found.contact == CONTACT.via_committee
    assert [p.nom for p in found.cited] == ["Diane Hassan"]  # the referent is not cited twice
    assert shown(referent(ANSWER.agreed, portee=SCOPE.name_only)).contact is None
    assert people.situation(found) == fragment("referent-accord", date="2025-03-01")


def test_an_agreement_stops_showing_the_referent_after_the_renewal_period():
    years = policy().consent_years
    ref = referent(ANSWER.agreed, given="2020-02-29")
    last = dt.date(2020 + years, 2, 27)
    assert shown(ref, day=last).state == AGREED
    expired = shown(ref, [CENNE], day=last + dt.timedelta(days=1))
    assert expired.state == EXPIRED and expired.referent is None and expired.to_confirm
    assert [p.nom for p in expired.cited] == ["Laurent Cenne"]  # back to what the source says
    assert people.situation(expired) == fragment("referent-accord-expire")


def test_a_refusal_hides_the_person_even_as_a_cited_person():
    found = shown(referent(ANSWER.refused, contact=CONTACT.masked), [CENNE, OTHER])
    assert found.state == REFUSED and found.referent is None and found.hidden == ("Laurent Cenne",)
    assert [p.nom for p in found.cited] == ["Diane Hassan"]
    assert "Cenne" not in people.situation(found)


def test_an_agreement_not_to_be_named_is_masked_and_expires_too():
    ref = referent(ANSWER.agreed, contact=CONTACT.masked)
    assert shown(ref).state == MASKED and not shown(ref).to_confirm
    assert shown(ref, day=dt.date(2040, 1, 1)).state == EXPIRED
    assert people.situation(shown(ref)) == fragment("referent-masque")


def test_cited_persons_only_or_a_proposed_referent_name_no_referent():
    found = shown(TO_IDENTIFY, [CENNE])
    assert (found.state, found.referent, found.to_confirm) == (NONE, None, True)
    assert people.situation(found) == fragment("referent-a-confirmer-cite")
    proposed = shown(referent(None))  # named by a correspondent, no answer recorded
    assert proposed.state == NONE and proposed.referent is None
    assert people.situation(proposed) == fragment("referent-a-confirmer")


def test_shown_referent_takes_a_sheet_or_its_model():
    model = experience(referent=referent(ANSWER.agreed))

    class Sheet:  # the one attribute the helper reads
        pass

    wrapped = Sheet()
    wrapped.model = model  # type: ignore[attr-defined]  # a stand-in for banque.sheets.bank.Sheet
    day = dt.date(2026, 1, 1)
    assert people.shown_referent(model, day).nom == people.shown_referent(wrapped, day).nom == "Laurent Cenne"
    assert people.shown_referent(model, dt.date(2030, 1, 1)) is None


def test_the_build_report_names_each_sheet_whose_agreement_expired(tmp_path):
    from banque.sheets.check import validate
    from tests.conftest import EDITORIAL

    bank, _ = validate([EDITORIAL / "banque"])
    lines = people.expired_report(bank.experiences, dt.date(2026, 11, 27))
    assert len(lines) == 1 and "atelier-partage-quartiers.md:" in lines[0]
    assert "2019-03-10" in lines[0] and "banque consentement demande" in lines[0]
    assert people.expired_report(bank.experiences, dt.date(2021, 6, 1)) == []
