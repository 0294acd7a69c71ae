"""The committee's guide (GUIDE-COMITE.md): everything it tells a person to press or run
exists — a `banque` command, a workflow, a label of the committee space (Sveltia CMS, in
French, or our generated form) — and GitHub's English buttons are the known ones."""

from __future__ import annotations

import json
import re

import yaml

from banque.cli import build_parser
from tests.conftest import ROOT

GUIDE = ROOT / "GUIDE-COMITE.md"
CMS_STRINGS = ROOT / "scripts" / "banque" / "site" / "vendor" / "sveltia-cms" / "fr.json"
CMS_CONFIG = ROOT / "schema" / "cms.config.yml"

# GitHub's interface exists only in English: the buttons and menus the guide names, each
# explained where it is used. Checked by hand against github.com (November 2026).
GITHUB = {
    "Settings", "Developer settings", "Personal access tokens", "Fine-grained tokens", "Generate new token",
    "Contents", "Pull requests", "Issues", "Actions", "Run workflow", "Files changed", "…", "Edit file",
    "Edit this file", "Commit changes…", "Commit changes", "Create a new branch for this commit and start a pull request",
    "Propose changes", "Ready for review", "Merge pull request", "Confirm merge", "Details", "Add file", "Upload files",
}
# The form's fields the guide names, in « »: each is a label of the generated configuration.
FIELDS = {"Statut", "Relecture", "Référent", "Consentement", "Réponse", "Personnes citées", "Situation décrite"}


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _strings(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return {str(value).replace("’", "'")}


def _cms_labels() -> set[str]:
    config = yaml.safe_load(CMS_CONFIG.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            found.update(str(node[k]) for k in ("label", "label_singular") if k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(config)
    return found


def _workflow_names() -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (ROOT / ".github" / "workflows").glob("*.yml")}


def test_every_button_the_guide_names_exists():
    named = set(re.findall(r"\*\*([^*]+)\*\*", _text()))
    known = _strings(json.loads(CMS_STRINGS.read_text(encoding="utf-8"))) | _cms_labels() | _workflow_names() | GITHUB
    assert named, "le guide nomme ses boutons en gras"
    assert not sorted(named - known), f"boutons ou contrôles inconnus : {sorted(named - known)}"
    # It names the CMS's own words and every workflow the committee meets.
    assert {"Enregistrer", "Flux éditorial", "Se connecter avec un jeton d'accès"} <= named
    assert {"Vérifier", "Importer une proposition", "Tableau de bord du comité"} <= named


def test_every_command_the_guide_names_exists():
    commands = set(re.findall(r"`banque ([a-z-]+)", _text()))
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert commands and not sorted(commands - set(sub.choices))


def test_every_form_field_the_guide_names_is_a_label_of_the_committee_space():
    text = _text()
    labels = _cms_labels()
    for name in FIELDS:
        assert f"«\u00a0{name}\u00a0»" in text, name
        assert name in labels, f"« {name} » n'est pas un libellé du formulaire généré"


def test_the_five_tasks_and_the_glossary_are_there():
    text = _text()
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert [h for h in headings if h[0].isdigit()] == [
        "1. Relire une proposition envoyée par un correspondant",
        "2. Corriger une faute sur une fiche publiée",
        "3. Publier une fiche reçue par courriel",
        "4. Un référent demande à être retiré",
        "5. Renouveler les fiches anciennes",
    ]
    glossary = text.split("## Lexique", 1)[1]
    for word in ("Branche", "Demande de fusion", "Relecture", "Fusion", "Contrôle", "Commit", "Fourche", "Identifiant"):
        assert f"- *{word}*" in glossary, word
    # The one step that needs an administrator says so, and nothing else asks for a terminal.
    assert text.count("réservée à l'administrateur") == 1
    assert not re.findall(r"`(?:git|make|grep|\.venv)\b[^`]*`", text)


def test_links_to_contributing_reach_a_heading():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", contributing, re.M)}
    for target in re.findall(r"\(CONTRIBUTING\.md#([^)]+)\)", _text()):
        assert target in anchors, target


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
