"""One proposal imported in process: written when valid, otherwise nothing written and every reason given."""

from __future__ import annotations

from pathlib import Path

import pytest

from banque.committee.importer.draft import Rejected
from banque.committee.importer.run import MAX_BYTES, _is_missing, import_text
from banque.sheets.load import load
from banque.sheets.policy import policy
from banque.sheets.problem import problem
from tests.conftest import EDITORIAL

MINIMAL = (EDITORIAL / "issues" / "minimal.md").read_bytes()


def _rejected(raw: bytes, content: Path) -> Rejected:
    before = sorted(content.rglob("*"))
    with pytest.raises(Rejected) as caught:
        import_text(raw, content)
    assert sorted(content.rglob("*")) == before
    return caught.value


def test_a_valid_proposal_is_written_in_review(project: Path):
    done = import_text(MINIMAL, project / "content", "Comité")
    assert done.path == project / "content" / "experiences" / "un-reseau-national-de-parrainage-pour-emploi.md"
    raw, problems = load(done.path)
    assert problems == [] and raw is not None
    assert raw.data["statut"] == policy().status.in_review and raw.data["correspondant"] == "Comité"


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"a" * (MAX_BYTES + 1), f"proposition trop volumineuse (200 ko, au plus {MAX_BYTES // 1000} ko)"),
        (b"\xff\xfe", "le texte n'est pas en UTF-8"),
        ("\ufeff \n\t\n".encode(), "proposition vide"),  # a byte order mark and blanks
    ],
)
def test_what_is_not_a_proposal_is_refused_at_once(project: Path, raw: bytes, error: str):
    assert _rejected(raw, project / "content").errors == [error]


def test_missing_answers_are_named_as_in_the_form(project: Path):
    summary = "Des cadres d'entreprises parrainent des demandeurs d'emploi suivis par des associations locales, partout en France."
    text = MINIMAL.decode("utf-8").replace(summary, "_No response_")
    assert _rejected(text.encode("utf-8"), project / "content").errors == ["Résumé : réponse manquante"]


def test_an_untitled_proposal_is_checked_all_the_same(project: Path):
    text = MINIMAL.decode("utf-8").replace("Un réseau national de parrainage pour l'emploi", "_No response_")
    errors = _rejected(text.encode("utf-8"), project / "content").errors
    assert errors == ["Titre de l'expérience : réponse manquante"]


def test_only_the_missing_field_problem_counts_as_missing():
    assert _is_missing(problem("champ-manquant", "x.md", 2, "resume", nom="resume"))
    assert not _is_missing(problem("texte-trop-court", "x.md", 2, "resume", longueur_min=120))
