"""The committee's subcommands as a command line: arguments, what they print
and their exit codes (0 done, 1 refused or errors found, 2 wrong usage).

The work behind each command is tested in tests/committee/; here the commands
run in this process through banque.cli.main, in a copy of the editorial bank."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from banque.cli import build_parser, main
from banque.cli import committee as cli
from banque.sheets.problem import ProblemsError, problem
from tests.conftest import EDITORIAL, banque

TODAY = "2026-01-15"
MINIMAL = EDITORIAL / "issues" / "minimal.md"


@pytest.fixture
def here(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from the project copy, as an editor runs `banque` from the repository."""
    monkeypatch.chdir(project)
    return project


def usage_error(capsys: pytest.CaptureFixture, *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(list(argv))
    assert caught.value.code == 2
    return capsys.readouterr().err


# -- arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "func"), [
    (["nouvelle-fiche", "Un titre"], cli.cmd_nouvelle_fiche),
    (["relire", "fiche.md"], cli.cmd_relire),
    (["importer", "-"], cli.cmd_importer),
    (["tableau-de-bord"], cli.cmd_tableau_de_bord),
])
def test_each_command_runs_its_function_on_content_by_default(argv: list[str], func):
    args = build_parser().parse_args(argv)
    assert args.func is func and args.contenu == Path("content")


def test_defaults_of_the_committee_commands():
    relire = build_parser().parse_args(["relire", "fiche.md"])
    assert (relire.fichier, relire.format, relire.aujourdhui) == (Path("fiche.md"), "texte", None)
    fiche = build_parser().parse_args(["nouvelle-fiche", "Un titre", "--outil", "--contenu", "ailleurs"])
    assert (fiche.titre, fiche.outil, fiche.contenu) == ("Un titre", True, Path("ailleurs"))
    assert build_parser().parse_args(["importer", "x.md"]).correspondant is None


def test_the_day_of_reference_is_read_as_a_date():
    args = build_parser().parse_args(["tableau-de-bord", "--aujourdhui", TODAY])
    assert args.aujourdhui == dt.date(2026, 1, 15) and cli._today(args) == dt.date(2026, 1, 15)
    assert cli._today(build_parser().parse_args(["tableau-de-bord"])) == dt.date.today()


@pytest.mark.parametrize("day", ["15/01/2026", "2026-02-30", "demain"])
def test_a_bad_date_is_refused_in_french(capsys: pytest.CaptureFixture, day: str):
    assert f"date attendue au format AAAA-MM-JJ, pas « {day} »" in usage_error(capsys, "relire", "f.md", "--aujourdhui", day)


@pytest.mark.parametrize("argv", [
    ["relire", "f.md", "--format", "json"],
    ["tableau-de-bord", "--format", "html"],
])
def test_formats_are_texte_or_markdown(capsys: pytest.CaptureFixture, argv: list[str]):
    assert "invalid choice" in usage_error(capsys, *argv)


@pytest.mark.parametrize("argv", [["nouvelle-fiche"], ["relire"], ["importer"], ["importer", "x.md", "--option-inconnue"]])
def test_missing_or_unknown_arguments_are_usage_errors(capsys: pytest.CaptureFixture, argv: list[str]):
    assert usage_error(capsys, *argv).startswith("usage: banque")


# -- nouvelle-fiche -------------------------------------------------------------------------


def test_new_sheet_says_where_it_is_and_what_comes_next(here: Path, capsys: pytest.CaptureFixture):
    assert main(["nouvelle-fiche", "Un guide des alliances locales", "--outil", "--aujourdhui", TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fiche créée : content/outils/un-guide-des-alliances-locales.md\n")
    assert "banque valider content/outils/un-guide-des-alliances-locales.md" in out
    assert "banque relire content/outils/un-guide-des-alliances-locales.md" in out
    assert (here / "content" / "outils" / "un-guide-des-alliances-locales.md").is_file()


def test_refuses_to_overwrite(project: Path):
    assert banque("nouvelle-fiche", "Une expérience en double", cwd=project).returncode == 0
    path = project / "content" / "experiences" / "une-experience-en-double.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nmodifiée\n", encoding="utf-8")
    before = path.read_bytes()
    result = banque("nouvelle-fiche", "Une expérience en double", cwd=project)
    assert result.returncode == 1
    assert "existe déjà" in result.stderr and "rien n'a été écrit" in result.stderr
    assert path.read_bytes() == before


def test_missing_content_folder(tmp_path: Path):
    result = banque("nouvelle-fiche", "Une expérience", "--contenu", "nulle-part", cwd=tmp_path)
    assert result.returncode == 2 and "introuvable" in result.stderr


def test_a_refusal_gives_its_reason_then_the_errors_behind_it(here: Path, capsys: pytest.CaptureFixture,
                                                              monkeypatch: pytest.MonkeyPatch):
    why = problem("nouvelle-fiche-invalide")
    wrong = problem("valeur-inconnue", "x.md", 7, "statut", valeur="« perdu »", suggestion="", options="brouillon")

    def refuse(*args):
        raise ProblemsError([why, wrong])

    monkeypatch.setattr(cli.new_sheet, "create", refuse)
    assert main(["nouvelle-fiche", "Une fiche qui casse"]) == 1
    assert capsys.readouterr().err == f"Fiche non créée : {why.message}\n  statut : {wrong.message}\n"


# -- relire ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "code"), [("fiche-exemplaire", 0), ("fiche-invalide", 1)])
def test_review_exit_code_says_whether_errors_block(here: Path, capsys: pytest.CaptureFixture, slug: str, code: int):
    assert main(["relire", f"content/experiences/{slug}.md", "--aujourdhui", TODAY]) == code
    assert capsys.readouterr().out.startswith(f"Relecture de content/experiences/{slug}.md\n")


def test_review_as_a_pull_request_comment(here: Path, capsys: pytest.CaptureFixture):
    assert main(["relire", "content/experiences/fiche-exemplaire.md", "--format", "markdown", "--aujourdhui", TODAY]) == 0
    assert capsys.readouterr().out.startswith("## Relecture de `content/experiences/fiche-exemplaire.md`\n")


@pytest.mark.parametrize("target", ["absente.md", "content/experiences"])
def test_review_of_a_missing_file(here: Path, capsys: pytest.CaptureFixture, target: str):
    assert main(["relire", target]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"Fichier introuvable : {target}\n" and captured.out == ""


# -- importer --------------------------------------------------------------------------------


def test_import_prints_the_path_first(here: Path, capsys: pytest.CaptureFixture):
    assert main(["importer", str(MINIMAL)]) == 0
    lines = capsys.readouterr().out.splitlines()
    shown = "content/experiences/un-reseau-national-de-parrainage-pour-emploi.md"
    assert lines == [f"Fiche créée : {shown}", "Statut : en relecture.", f"Prochaine étape : banque relire {shown}"]
    assert (here / shown).is_file()


def test_import_reads_standard_input(here: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MINIMAL.read_bytes()), encoding="utf-8"))
    assert main(["importer", "-", "--correspondant", "Alice Martin"]) == 0
    assert capsys.readouterr().out.startswith("Fiche créée : content/experiences/un-reseau-national")


def test_refused_proposal_writes_nothing(here: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    before = sorted(p.name for p in (here / "content" / "experiences").iterdir())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Bonjour, voici mon experience."), encoding="utf-8"))
    assert main(["importer", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("La proposition n'a pas été importée : rien n'a été écrit.\n") and captured.out == ""
    assert sorted(p.name for p in (here / "content" / "experiences").iterdir()) == before


def test_a_refused_proposal_lists_errors_then_notes(here: Path, capsys: pytest.CaptureFixture):
    sheet = here / "courriel.md"
    sheet.write_text("---\ntitre: x\n\tnature: y\nstatut: publiee\n---\n", encoding="utf-8")
    assert main(["importer", str(sheet)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "À corriger (1) :", "  - ligne 3 : tabulation interdite dans l'indentation YAML"]
    sheet.write_text("---\ntitre: Une fiche envoyée\nresume: court\nstatut: publiee\n---\n", encoding="utf-8")
    assert main(["importer", str(sheet), "--correspondant", "Alice"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "  - resume : texte trop court (au moins 60 caractères) (Complétez ce champ.)" in lines
    assert lines[-2:] == ["Remarques :", "  - statut « publiee » remplacé par « en_relecture »"]


def test_a_problem_is_said_with_its_line_field_and_hint():
    said = cli._said
    assert said(problem("proposition-vide")) == "proposition vide"
    assert said(problem("proposition-vide", line=3)) == "ligne 3 : proposition vide"
    assert said(problem("section-vide", field="Résultats")) == "Résultats : section vide (Écrivez au moins un paragraphe sous ce titre.)"


def test_a_crash_of_the_import_has_its_own_exit_code(here: Path, capsys: pytest.CaptureFixture,
                                                     monkeypatch: pytest.MonkeyPatch):
    def crash(*_args):
        raise RuntimeError("détail interne /chemin/secret")

    monkeypatch.setattr(cli.importer, "import_text", crash)
    code = main(["importer", str(MINIMAL), "--format", "markdown"])
    assert code == cli.IMPORT_CRASHED and code not in (0, 1, 2)
    captured = capsys.readouterr()
    assert captured.out == ""  # the workflow posts stdout: nothing of a crash reaches it
    assert captured.err.startswith("Erreur interne de l'import : la proposition n'a pas été traitée, rien n'a été écrit.\n")
    assert "RuntimeError: détail interne /chemin/secret" in captured.err  # for the workflow's log


def test_markdown_refusal_goes_to_stdout_with_every_value_inert(here: Path, capsys: pytest.CaptureFixture):
    sheet = here / "courriel.md"
    sheet.write_text('---\n"x\\n~~~~\\n@everyone": 1\nnature: "@admin https://attaquant.example"\n---\n', encoding="utf-8")
    assert main(["importer", str(sheet), "--format", "markdown"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert lines[:3] == ["La proposition n'a pas été importée : rien n'a été écrit.", "", lines[2]]
    assert "- fiche : noms de champ illisibles, laissés de côté : 1 (" in captured.out  # the key itself is never shown
    assert "everyone" not in captured.out and "~~~~" not in captured.out
    assert "\\@&#8203;admin https:&#8203;//attaquant.example" in captured.out
    assert all(line == "" or not line.startswith(("~", "`", " ")) for line in lines)


def test_import_of_a_missing_file_or_into_a_missing_folder(here: Path, capsys: pytest.CaptureFixture):
    assert main(["importer", "absente.md"]) == 2
    assert capsys.readouterr().err == "Fichier introuvable : absente.md\n"
    assert main(["importer", str(MINIMAL), "--contenu", "nulle-part"]) == 2
    assert capsys.readouterr().err == "Dossier introuvable : nulle-part\n"


# -- tableau-de-bord ------------------------------------------------------------------------


def test_dashboard_in_text_and_in_markdown(here: Path, capsys: pytest.CaptureFixture):
    assert main(["tableau-de-bord", "--aujourdhui", TODAY]) == 0
    text = capsys.readouterr().out
    assert main(["tableau-de-bord", "--aujourdhui", TODAY, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert text.startswith("Tableau de bord du comité de rédaction\n\nAu 15 janvier 2026 : ")
    assert markdown.startswith("# Tableau de bord du comité de rédaction\n\nAu 15 janvier 2026 : ")
    assert "`content/experiences/fiche-invalide.md`" in markdown and "`" not in text
    assert not text.endswith("\n\n") and not markdown.endswith("\n\n")


def test_dashboard_of_a_missing_folder(here: Path, capsys: pytest.CaptureFixture):
    assert main(["tableau-de-bord", "--contenu", "nulle-part"]) == 2
    assert capsys.readouterr().err == "Dossier introuvable : nulle-part\n"
