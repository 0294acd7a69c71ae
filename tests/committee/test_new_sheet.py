"""`banque nouvelle-fiche`: the generated sheet is commented, valid, and never overwrites."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from banque.committee import new_sheet
from banque.sheets.load import load
from banque.sheets.models import KINDS
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError
from tests.conftest import EDITORIAL, ROOT, banque, check_golden

GOLDEN = EDITORIAL / "nouvelle-fiche"
TODAY = "2026-01-15"


@pytest.mark.parametrize(
    ("args", "kind", "golden"),
    [
        (["L'atelier d'insertion de Saint-Étienne"], "experiences", "experience.attendu"),
        (["--outil", "Guide : les alliances en 10 fiches"], "outils", "outil.attendu"),
    ],
)
def test_generated_sheet_matches_golden_and_validates(project: Path, update_golden: bool, args, kind, golden):
    result = banque("nouvelle-fiche", *args, "--aujourdhui", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    created = sorted((project / "content" / kind).glob("*.md"))
    path = next(p for p in created if p.name in result.stdout)
    assert result.stdout.startswith(f"Fiche créée : content/{kind}/{path.name}\n")
    assert "Prochaines étapes" in result.stdout and f"banque valider content/{kind}/{path.name}" in result.stdout
    check_golden(GOLDEN / golden, path.read_text(encoding="utf-8"), update_golden)
    check = banque("valider", str(path.relative_to(project)), cwd=project)
    assert check.returncode == 0, check.stdout
    raw, problems = load(path)
    assert problems == [] and raw.data["statut"] == "brouillon"


def _field_names(model) -> set[str]:
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        for arg in [field.annotation, *getattr(field.annotation, "__args__", ())]:
            for inner in [arg, *getattr(arg, "__args__", ())]:
                if isinstance(inner, type) and hasattr(inner, "model_fields"):
                    names |= _field_names(inner)
    return names


@pytest.mark.parametrize("kind", ["experiences", "outils"])
def test_every_field_of_the_model_is_written_with_its_description(project: Path, kind: str):
    args = ["--outil"] if kind == "outils" else []
    assert banque("nouvelle-fiche", *args, "Une fiche pour compter les champs", cwd=project).returncode == 0
    text = (project / "content" / kind / "une-fiche-pour-compter-les-champs.md").read_text(encoding="utf-8")
    assert text.startswith(f"---\n# yaml-language-server: $schema=../../schema/{'outil' if kind == 'outils' else 'experience'}.schema.json\n")
    comments = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.lstrip().startswith("#"))
    for name in _field_names(KINDS[kind]):
        assert re.search(rf"^[#\s-]*{name}:", text, re.MULTILINE), f"champ « {name} » absent du modèle"
    for name, field in KINDS[kind].model_fields.items():
        assert field.description.split(" Valeurs")[0][:40] in comments, name
    if kind == "experiences":
        assert "referent: à identifier" in text and "`mecenat` (Mécénat)" in comments


def test_summary_placeholder_gives_the_limits_of_the_rules(monkeypatch: pytest.MonkeyPatch):
    rules = dataclasses.replace(policy(), summary_min=80, summary_max=600)
    monkeypatch.setattr(new_sheet, "policy", lambda: rules)
    values = new_sheet.draft_values("experiences", "essai", "Essai", dt.date(2026, 1, 15))
    assert values["resume"].endswith("(80 à 600 caractères).")
    assert values["statut"] == rules.status.draft


def test_title_is_quoted_never_yaml(project: Path):
    title = 'Titre : "entre guillemets" # pas un commentaire'
    result = banque("nouvelle-fiche", title, cwd=project)
    assert result.returncode == 0, result.stderr
    raw, problems = load(project / "content" / "experiences" / "titre-entre-guillemets-pas-un-commentaire.md")
    assert problems == [] and raw.data["titre"] == title


def test_refuses_a_slug_used_by_a_file_of_another_name(project: Path):
    folder = project / "content" / "experiences"
    (folder / "fiche-exemplaire.md").rename(folder / "ancien-nom.md")  # still says slug: fiche-exemplaire
    result = banque("nouvelle-fiche", "Fiche exemplaire", cwd=project)
    assert result.returncode == 1 and "déjà utilisé" in result.stderr
    assert not (folder / "fiche-exemplaire.md").exists()


@pytest.mark.parametrize(("title", "code"), [
    ("a!", "nouvelle-fiche-titre-inutilisable"),
    ("Fiche exemplaire", "nouvelle-fiche-existe"),
    ("Mobilité solidaire Bretagne", "nouvelle-fiche-slug-pris"),
])
def test_each_refusal_is_one_problem(project: Path, title: str, code: str):
    folder = project / "content" / "experiences"
    (folder / "mobilite-solidaire-bretagne.md").rename(folder / "ancien-nom.md")  # its slug stays taken
    with pytest.raises(ProblemsError) as caught:
        new_sheet.create(title, "experiences", project / "content", dt.date(2026, 1, 15))
    assert [p.code for p in caught.value.problems] == [code]


def test_a_sheet_that_would_not_validate_lists_its_errors(project: Path, monkeypatch: pytest.MonkeyPatch):
    real = new_sheet.render
    monkeypatch.setattr(new_sheet, "render", lambda *a: real(*a).replace("statut: brouillon", "statut: perdu"))
    with pytest.raises(ProblemsError) as caught:
        new_sheet.create("Une fiche qui casse", "experiences", project / "content", dt.date(2026, 1, 15))
    why, *found = caught.value.problems
    assert why.code == "nouvelle-fiche-invalide" and [(p.code, p.field) for p in found] == [("valeur-inconnue", "statut")]
    assert not (project / "content" / "experiences" / "une-fiche-qui-casse.md").exists()


@pytest.mark.parametrize("title", ["Un <b>titre</b> balisé", "a!", "Abc"])
def test_invalid_title_writes_nothing(project: Path, title: str):
    before = sorted(p.name for p in (project / "content" / "experiences").iterdir())
    result = banque("nouvelle-fiche", title, cwd=project)
    assert result.returncode == 1 and result.stderr.startswith("Fiche non créée : ")
    assert sorted(p.name for p in (project / "content" / "experiences").iterdir()) == before


def test_pre_commit_hook_validates_changed_sheets():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert hook["language"] == "system" and hook["entry"].endswith("banque valider")
    assert re.search(hook["files"], "content/experiences/une-fiche.md")
    assert not re.search(hook["files"], "scripts/banque/cli.py")


def test_committee_owns_the_content():
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/content/\s+@banque-alliances/comite-de-redaction$", owners, re.MULTILINE)


def _uncomment(text: str, field: str) -> str:
    """What the template tells an editor to do: replace `field: …` by the model
    below it, removing only the « # » at the start of each model line."""
    lines = text.split("\n")
    start = lines.index(next(line for line in lines if line.startswith(f"{field}:")))
    model = start + 2  # after the instruction comment
    assert lines[start + 1].startswith("# ") and "« # »" in lines[start + 1]
    end = model
    # Model lines: « #key: » or « #  … » (indented); the template's own comments are « # text ».
    while end < len(lines) and lines[end].startswith("#") and (lines[end][1:2] != " " or lines[end].startswith("#  ")):
        end += 1
    return "\n".join(lines[:start] + [line[1:] for line in lines[model:end]] + lines[end:])


@pytest.mark.parametrize("field", ["referent", "indicateurs", "relecture"])
def test_uncommenting_a_model_as_told_gives_valid_yaml_with_that_field(field: str):
    text = new_sheet.render("experiences", "essai", "Essai", dt.date(2026, 1, 15), [])
    front = _uncomment(text, field).split("---\n")[1]
    data = yaml.safe_load(front)
    assert isinstance(data[field], (dict, list)) and data[field]


def _people_of_the_bank() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "content").glob("*/*.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        for key in ("referent", "personnes_citees"):
            found = data.get(key)
            for person in found if isinstance(found, list) else [found]:
                if isinstance(person, dict):
                    names.add(person["nom"])
        names |= set((data.get("relecture") or {}).get("relecteurs") or [])
    return names - {"Comité de rédaction"}


@pytest.mark.parametrize("kind", ["experiences", "outils"])
def test_the_template_names_no_real_person(kind: str):
    """Examples are clearly fictional (« Camille Exemple »), never someone of the bank."""
    text = new_sheet.render(kind, "essai", "Essai", dt.date(2026, 1, 15), [])
    people = _people_of_the_bank()
    assert people, "la banque nomme des personnes : le test doit les connaître"
    assert not [name for name in people if name in text]
    assert "Exemple" in text
