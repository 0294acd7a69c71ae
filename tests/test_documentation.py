"""The documentation stays true to the code: README.md and CONTRIBUTING.md are
checked against the models, the vocabularies, the CLI and the real error
messages. No browser needed."""

from __future__ import annotations

import argparse
import re
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from banque import cli
from banque.sheets.check import validate
from banque.sheets.models import Editorial, Experience, Tool
from banque.sheets.vocabulary import NAMES, sections, vocabulary
from tests.conftest import EXAMPLES, ROOT

README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
WORKFLOWS = ROOT / ".github" / "workflows"
REFERENCE_HEADING = "## Référence des champs"
SUBSECTIONS = {
    "experience": "### Fiche expérience",
    "common": "### Champs communs aux deux fiches",
    "tool": "### Fiche outil",
}
SHELL_LANGUAGES = {"", "sh", "bash", "shell", "console"}


# -- helpers -------------------------------------------------------------------


def read(path: Path) -> str:
    assert path.is_file(), f"{path.name} est introuvable"
    return path.read_text(encoding="utf-8")


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, content) of every ``` fenced block, in order."""
    blocks: list[tuple[str, str]] = []
    language, lines, inside = "", [], False
    for line in text.split("\n"):
        fence = re.match(r"^\s*```\s*([\w-]*)\s*$", line)
        if fence and not inside:
            language, lines, inside = fence.group(1).lower(), [], True
        elif fence and inside and not fence.group(1):
            blocks.append((language, "\n".join(lines)))
            inside = False
        elif inside:
            lines.append(line)
    assert not inside, "bloc de code non refermé"
    return blocks


def section(text: str, heading: str) -> str:
    """The text under `heading` up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == heading]
    assert starts, f"titre « {heading} » introuvable"
    out = []
    in_fence = False
    for line in lines[starts[0] + 1 :]:
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"^(#{1,6})\s", line)
        if match and len(match.group(1)) <= level:
            break
        out.append(line)
    return "\n".join(out)


def nested_models(annotation: typing.Any) -> list[type[BaseModel]]:
    """Every BaseModel class reachable in an annotation (lists, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        for model in nested_models(arg):
            if model not in found:
                found.append(model)
    return found


def field_paths(model: type[BaseModel], prefix: str = "") -> list[tuple[str, FieldInfo]]:
    """(dotted path, field) for every field of `model`, recursively."""
    paths: list[tuple[str, FieldInfo]] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.append((path, info))
        for sub in nested_models(info.annotation):
            paths += field_paths(sub, path + ".")
    return paths


def code(text: str) -> str:
    return f"`{text}`"


def subcommands() -> list[str]:
    parser = cli.build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert actions, "le parseur de « banque » n'a pas de sous-commandes"
    return sorted(name for action in actions for name in action.choices)


def expected_lines() -> set[str]:
    """Every line of the .attendu files: the real messages of the validator."""
    return {line for path in (EXAMPLES / "negatifs").rglob("*.attendu")
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


# -- the helpers themselves can fail ---------------------------------------------


def test_helpers_find_nested_fields():
    paths = [p for p, _ in field_paths(Experience)]
    for path in ("referent.consentement.date", "modeles.justification", "sources.url", "relecture.relecteurs"):
        assert path in paths
    assert "type" in [p for p, _ in field_paths(Tool)]
    assert fenced_blocks("a\n```sh\nmake x\n```\n") == [("sh", "make x")]
    assert "b" not in section("## A\na\n## B\nb\n", "## A")


# -- CONTRIBUTING.md -------------------------------------------------------------


@pytest.mark.parametrize("kind, model", [("experience", Experience), ("tool", Tool)])
def test_every_field_is_documented_in_the_reference(kind: str, model: type[BaseModel]):
    text = read(CONTRIBUTING)
    reference = section(text, REFERENCE_HEADING)
    own = section(reference, SUBSECTIONS[kind])
    common = section(reference, SUBSECTIONS["common"])
    missing = []
    for path, _ in field_paths(model):
        top = path.split(".")[0]
        where = common if top in Editorial.model_fields else (own if "." not in path else reference)
        if code(path) not in where:
            missing.append(path)
    assert not missing, f"champs absents de « {REFERENCE_HEADING} » dans CONTRIBUTING.md : {missing}"


def test_every_field_name_appears_in_contributing():
    text = read(CONTRIBUTING)
    names = {path.split(".")[-1] for model in (Experience, Tool) for path, _ in field_paths(model)}
    missing = sorted(n for n in names if not re.search(r"`(?:[\w.]+\.)?" + re.escape(n) + "`", text))
    assert not missing, f"champs jamais cités dans CONTRIBUTING.md : {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_every_vocabulary_id_is_documented_with_its_label(name: str):
    lines = read(CONTRIBUTING).split("\n")
    missing = []
    for term in vocabulary(name).terms:
        if not any(code(term.id) in line and term.libelle in line for line in lines):
            missing.append(f"{term.id} ({term.libelle})")
    assert not missing, f"valeurs de {name}.yml absentes de CONTRIBUTING.md (identifiant et libellé sur une même ligne) : {missing}"


def test_every_body_section_is_documented():
    text = read(CONTRIBUTING)
    missing = [f"{kind}: {title}" for kind, items in sections().items() for title, _ in items
               if f"## {title}" not in text]
    assert not missing, f"sections du corps absentes de CONTRIBUTING.md : {missing}"


def _examples(kind_folder: str) -> list[str]:
    schema = {"experiences": "experience.schema.json", "outils": "outil.schema.json"}[kind_folder]
    first = f"---\n# yaml-language-server: $schema=../../schema/{schema}\n"
    return [body + "\n" for _, body in fenced_blocks(read(CONTRIBUTING)) if body.startswith(first)]


@pytest.mark.parametrize("kind_folder", ["experiences", "outils"])
def test_example_sheets_in_contributing_are_valid(kind_folder: str, tmp_path: Path):
    examples = _examples(kind_folder)
    assert examples, f"CONTRIBUTING.md ne contient aucun exemple complet de fiche {kind_folder}"
    for text in examples:
        slug = re.search(r"^slug:\s*(\S+)\s*$", text, re.MULTILINE).group(1)
        path = tmp_path / kind_folder / f"{slug}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _, problems = validate([path], ROOT / "content")
        assert not problems, "\n".join(str(p) for p in problems)


def test_annotated_experience_example_uses_every_field():
    (text,) = _examples("experiences")
    data = yaml.safe_load(text.split("---\n")[1])
    missing = []
    for path, _ in field_paths(Experience):
        value: typing.Any = data
        for part in path.split("."):
            value = value[0] if isinstance(value, list) and value else value
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            missing.append(path)
    # `courriel` only goes with `contact: public`: the example shows it as a comment.
    assert missing == ["referent.courriel"], f"champs absents de l'exemple commenté : {missing}"
    assert "# courriel:" in text


def test_error_examples_are_real_messages():
    real = expected_lines()
    quoted = []
    for _language, body in fenced_blocks(read(CONTRIBUTING)):
        for line in body.split("\n"):
            located = re.match(r"^\S+\.md:(\d+: .+)$", line)
            if located:
                quoted.append(located.group(1))
            elif line.startswith("    → "):
                quoted.append(line)
    assert quoted, "CONTRIBUTING.md ne montre aucun message d'erreur"
    invented = [q for q in quoted if q not in real]
    assert not invented, f"messages d'erreur qui ne figurent dans aucun .attendu : {invented}"


# -- both documents: commands -----------------------------------------------------


def test_every_banque_subcommand_is_documented():
    text = read(README) + read(CONTRIBUTING)
    missing = [name for name in subcommands() if f"banque {name}" not in text]
    assert not missing, f"sous-commandes de « banque » absentes de README.md et CONTRIBUTING.md : {missing}"


def test_committee_commands_are_documented():
    # Documented as the intended workflow, whether or not they are registered yet.
    text = read(README) + read(CONTRIBUTING)
    for name in ("nouvelle-fiche", "relire", "importer", "tableau-de-bord"):
        assert f"banque {name}" in text


def test_readme_starts_with_make_site_then_make_test():
    commands = []
    for language, body in fenced_blocks(read(README)):
        if language not in SHELL_LANGUAGES:
            continue
        for line in body.split("\n"):
            line = line.strip().removeprefix("$ ").strip()
            if line and not line.startswith("#"):
                commands.append(line)
    assert commands[:2] == ["make site", "make test"], f"premières commandes du README : {commands[:2]}"


def test_readme_documents_every_make_target():
    makefile = read(ROOT / "Makefile")
    targets = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE).group(1).split()
    text = read(README)
    missing = [t for t in targets if f"make {t}" not in text]
    assert not missing, f"cibles du Makefile absentes du README : {missing}"


def test_ci_script_runs_make_test():
    script = read(ROOT / ".ci" / "run")
    commands = [line.strip() for line in script.split("\n") if line.strip() and not line.strip().startswith("#")]
    assert "make test" in commands, ".ci/run n'appelle pas « make test »"


# -- the models document themselves -------------------------------------------------


@pytest.mark.parametrize("model", [Experience, Tool], ids=["experience", "outil"])
def test_every_field_has_a_description_and_an_example(model: type[BaseModel]):
    lacking = [path for path, info in field_paths(model)
               if not (info.description or "").strip() or not info.examples]
    assert not lacking, f"champs sans description ou sans exemple dans models.py : {lacking}"


@pytest.mark.parametrize("model", [Experience, Tool], ids=["experience", "outil"])
def test_json_schema_carries_descriptions(model: type[BaseModel]):
    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{name} sans description dans le schéma JSON"
    for definition in definitions.values():
        for name, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{definition.get('title')}.{name} sans description dans le schéma JSON"


# -- workflows ------------------------------------------------------------------------


def _workflow(name: str) -> dict:
    data = yaml.safe_load(read(WORKFLOWS / name))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _runs(job: dict) -> list[str]:
    return [line.strip() for step in job["steps"] for line in str(step.get("run", "")).split("\n") if line.strip()]


def _uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def test_verification_workflow_checks_pull_requests():
    data = _workflow("verifier.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    (job,) = data["jobs"].values()
    runs = _runs(job)
    order = [next(i for i, r in enumerate(runs) if r == cmd) for cmd in ("make valider", "make site", "make test")]
    assert order == sorted(order), runs
    assert any("apt-get install -y chromium" in r for r in runs)
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_publication_workflow_deploys_build_site():
    data = _workflow("publier.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in data["on"]
    # Publishing rights on the deploy job only (tests/test_workflows.py checks the whole split).
    assert data["jobs"]["deployer"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["concurrency"]["group"] == "pages"
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    assert "make site" in [line for job in data["jobs"].values() for line in _runs(job)]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "build/site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)


def test_pull_request_gets_the_committee_review_as_a_comment():
    """verifier.yml runs `banque relire --format markdown` on the changed sheets;
    commenter-relecture.yml posts it without ever running the pull request's code."""
    (job,) = _workflow("verifier.yml")["jobs"].values()
    script = "\n".join(_runs(job))
    assert "banque relire" in script and "--format markdown" in script
    assert "git diff --name-only" in script and "content/experiences/*.md" in script
    assert any(u.startswith("actions/upload-artifact@") for u in _uses(job))
    comment = _workflow("commenter-relecture.yml")
    assert comment["on"]["workflow_run"]["workflows"] == ["Vérifier"]
    assert comment["permissions"] == {}
    (post,) = comment["jobs"].values()
    assert post["permissions"] == {"pull-requests": "write", "actions": "read"}
    assert not any(u.startswith("actions/checkout@") for u in _uses(post))
    assert any("gh pr comment" in r for r in _runs(post))
    # The pull request is the run's, checked against the API (tests/test_workflows.py runs it).
    assert any("github.event.workflow_run.head_sha" in str(s.get("env")) for s in post["steps"])


@pytest.mark.parametrize("name", ["verifier.yml", "publier.yml", "commenter-relecture.yml"])
def test_workflow_actions_are_pinned_to_a_commit(name: str):
    """Pinned to a full commit SHA; tests/test_workflows.py checks the version comment beside it."""
    data = _workflow(name)
    for job in data["jobs"].values():
        for uses in _uses(job):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), uses
