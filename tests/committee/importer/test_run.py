"""One proposal imported in process: written when valid, otherwise nothing written and every reason given."""

from __future__ import annotations

from pathlib import Path

import pytest

from banque.committee.importer.run import MAX_BYTES, _is_missing, _once, import_text
from banque.sheets.load import load
from banque.sheets.policy import policy
from banque.sheets.problem import WARNING, Problem, ProblemsError, problem
from tests.conftest import EDITORIAL

MINIMAL = (EDITORIAL / "issues" / "minimal.md").read_bytes()


def _rejected(raw: bytes, content: Path) -> list[Problem]:
    before = sorted(content.rglob("*"))
    with pytest.raises(ProblemsError) as caught:
        import_text(raw, content)
    assert sorted(content.rglob("*")) == before
    return caught.value.problems


def test_a_valid_proposal_is_written_in_review(project: Path):
    done = import_text(MINIMAL, project / "content", "Comité")
    assert done.path == project / "content" / "experiences" / "un-reseau-national-de-parrainage-pour-emploi.md"
    raw, problems = load(done.path)
    assert problems == [] and raw is not None
    assert raw.data["statut"] == policy().status.in_review and raw.data["correspondant"] == "Comité"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"a" * (MAX_BYTES + 1), "proposition-trop-volumineuse"),
        (b"\xff\xfe", "proposition-non-utf8"),
        ("\ufeff \n\t\n".encode(), "proposition-vide"),  # a byte order mark and blanks
    ],
)
def test_what_is_not_a_proposal_is_refused_at_once(project: Path, raw: bytes, code: str):
    assert [p.code for p in _rejected(raw, project / "content")] == [code]


def test_the_size_limit_is_given_in_kilobytes(project: Path):
    [error] = _rejected(b"a" * (MAX_BYTES + 1), project / "content")
    assert error.message == f"proposition trop volumineuse (200 ko, au plus {MAX_BYTES // 1000} ko)"


def test_missing_answers_are_named_as_in_the_form(project: Path):
    summary = "Des cadres d'entreprises parrainent des demandeurs d'emploi suivis par des associations locales, partout en France."
    text = MINIMAL.decode("utf-8").replace(summary, "_No response_")
    [error] = _rejected(text.encode("utf-8"), project / "content")
    assert (error.field, error.code, error.path, error.line) == ("Résumé", "reponse-manquante", "", 0)


def test_an_untitled_proposal_is_checked_all_the_same(project: Path):
    text = MINIMAL.decode("utf-8").replace("Un réseau national de parrainage pour l'emploi", "_No response_")
    errors = _rejected(text.encode("utf-8"), project / "content")
    assert [(p.field, p.code) for p in errors] == [("Titre de l'expérience", "reponse-manquante")]


def test_only_the_missing_field_problem_counts_as_missing():
    assert _is_missing(problem("champ-manquant", "x.md", 2, "resume", nom="resume"))
    assert not _is_missing(problem("texte-trop-court", "x.md", 2, "resume", longueur_min=120))


def test_an_emailed_sheet_keeps_the_validator_hints_under_its_own_field_names(project: Path):
    sheet = "---\ntitre: Une autre fiche\nresume: court\nstatut: publiee\n---\n## Contexte\n\nTexte.\n"
    found = _rejected(sheet.encode("utf-8"), project / "content")
    short = next(p for p in found if p.code == "texte-trop-court")
    assert (short.field, short.path, short.line) == ("resume", "", 0) and short.hint
    assert {p.code for p in found if p.code == "champ-manquant"} and all(p.field != "Résumé" for p in found)
    assert found[-1].code == "proposition-statut-remplace" and found[-1].severity == WARNING  # notes come last


def test_an_imported_proposal_gives_its_notes(project: Path):
    text = MINIMAL.decode("utf-8") + "\n### Rubrique ajoutée\n\nTexte\n"
    done = import_text(text.encode("utf-8"), project / "content", "Comité")
    assert [p.code for p in done.notes] == ["proposition-rubrique-inconnue"]


def test_errors_that_read_the_same_are_given_once():
    nom = problem("champ-manquant", "", 0, "Acteurs", nom="nom")
    other = problem("champ-manquant", "", 0, "Acteurs", nom="role")
    assert _once([nom, other, nom]) == [nom, other]
