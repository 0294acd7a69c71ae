"""Experience → tool links with their nature: used, cited by the source
(both need the source's passage) or related (a suggestion of the committee)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from banque.sheets.collect import collect
from banque.sheets.links import Link, ToolLink, links, slugs
from banque.sheets.load import load
from banque.sheets.policy import policy
from banque.sheets.vocabulary import vocabulary
from tests.conftest import ROOT
from tests.sheets.samples import experience

LINK = policy().link
PASSAGE = "IV.7 : « Résolis qui recherche, évalue et valorise des pratiques de terrain »"


def test_the_three_natures_come_from_the_vocabulary_with_their_headings():
    terms = vocabulary("liens_outils")
    assert set(terms.ids) == {LINK.uses, LINK.cites, LINK.related}
    assert terms.by_id[LINK.uses].pluriel == "Outils utilisés"
    assert terms.by_id[LINK.uses].inverse == "Expériences qui l'utilisent"
    assert terms.by_id[LINK.cites].pluriel == "Outils cités par la source"
    assert terms.by_id[LINK.related].pluriel == "Outils apparentés (suggestion du comité)"


def test_a_link_carries_its_nature_and_passage():
    sheet = experience(outils=[{"outil": "resolis", "lien": LINK.cites, "passage": PASSAGE},
                               {"outil": "ptce", "lien": LINK.related}])
    assert links(sheet.outils) == [Link("resolis", LINK.cites, PASSAGE), Link("ptce", LINK.related, None)]
    assert slugs(sheet.outils) == ["resolis", "ptce"]


@pytest.mark.parametrize("nature", ["uses", "cites"])
def test_used_or_cited_needs_the_passage_that_says_so(nature):
    with pytest.raises(ValidationError) as caught:
        experience(outils=[{"outil": "resolis", "lien": getattr(LINK, nature)}])
    [error] = caught.value.errors()
    assert error["ctx"]["champ"] == "passage" and LINK.related in error["msg"]


def test_a_bare_slug_stays_valid_without_a_nature():
    sheet = experience(outils=["resolis"])
    assert links(sheet.outils) == [Link("resolis", None, None)]


def test_a_tool_is_linked_once_whatever_the_form():
    with pytest.raises(ValidationError, match="deux fois"):
        experience(outils=["resolis", {"outil": "resolis", "lien": LINK.related}])


def test_an_unknown_nature_or_key_is_refused():
    with pytest.raises(ValidationError):
        ToolLink.model_validate({"outil": "resolis", "lien": "utilisé"})
    with pytest.raises(ValidationError):
        ToolLink.model_validate({"outil": "resolis", "lien": LINK.related, "note": "x"})


def test_every_link_in_the_content_has_a_nature_and_used_ones_a_passage():
    """The bank itself: no bare slug, and nothing says « utilisé » without the source's words."""
    found = 0
    for path in collect([ROOT / "content"]):
        raw, problems = load(path)
        assert raw is not None and not problems
        if raw.kind != "experiences":
            continue
        for item in raw.data.get("outils") or []:
            found += 1
            assert isinstance(item, dict), f"{raw.display} : lien sans nature vers « {item} »"
            assert item["lien"] in vocabulary("liens_outils").ids
            if item["lien"] != LINK.related:
                assert len(item.get("passage") or "") > 20, f"{raw.display} : « {item['outil']} » sans passage"
    assert found >= 5
