"""The GitHub workflows: their shell steps run for real (with a stand-in `gh` that plays
the API and records what would be posted), the importer's public comments read as
rendered Markdown, and zizmor's audit with every finding explained."""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from tests.conftest import EDITORIAL, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ISSUES = EDITORIAL / "issues"
SHA = "a" * 40

# zizmor's findings that stay, each with its reason: (audit, workflow) -> why it is safe.
EXPLAINED = {
    ("dangerous-triggers", "commenter-relecture.yml"):
        "workflow_run is how a fork's pull request gets a comment without holding a write token: "
        "this workflow checks out and runs nothing, takes the pull request from the run as GitHub "
        "records it (head SHA checked against the API), and treats the artifact's text as untrusted.",
}

FAKE_GH = """#!{python}
import json, os, re, sys
args = sys.argv[1:]
state = json.loads(os.environ.get("GH_FAKE", "{{}}"))
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
if args[0] == "api":
    path = next(a for a in args[1:] if a.startswith("repos/"))
    number = re.search(r"/pulls/([0-9]+)$", path)
    if number:
        print(state.get("sha", {{}}).get(number.group(1), "0" * 40))
    elif path.endswith("/pulls"):
        print("\\n".join(state.get("fork", [])))
    elif "/matching-refs/" in path:
        print(state.get("branches", 0))
    sys.exit(0)
if args[:2] == ["workflow", "run"]:
    sys.exit(0)
if args[:2] == ["issue", "list"]:
    print(state.get("issue", ""))
    sys.exit(0)
if args[:2] in (["issue", "create"], ["issue", "edit"]):
    body = open(args[args.index("--body-file") + 1], encoding="utf-8").read()
    title = args[args.index("--title") + 1] if "--title" in args else ""
    with open(os.environ["GH_POSTED"], "a", encoding="utf-8") as out:
        out.write(json.dumps({{"on": " ".join(args[:3]) if args[1] == "edit" else "issue create " + title, "body": body}}) + "\\n")
    sys.exit(0)
if args[:2] == ["pr", "list"]:
    print(state.get("open", 0))
    sys.exit(0)
if args[1:2] == ["comment"]:
    if "--edit-last" in args and not state.get("edited"):
        sys.exit(1)
    body = (open(args[args.index("--body-file") + 1], encoding="utf-8").read() if "--body-file" in args
            else args[args.index("--body") + 1])
    with open(os.environ["GH_POSTED"], "a", encoding="utf-8") as out:
        out.write(json.dumps({{"on": args[0] + " " + args[2], "body": body}}) + "\\n")
    sys.exit(0)
sys.exit(2)
"""


def _steps(workflow: str) -> dict[str, dict]:
    flow = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    (job,) = flow["jobs"].values()
    return {s.get("name") or s.get("id") or s["uses"]: s for s in job["steps"]}


class Runner:
    """A runner's temp folder, outputs file and a `gh` that answers from `fake`."""

    def __init__(self, tmp: Path, cwd: Path):
        self.tmp, self.cwd = tmp, cwd
        (tmp / "bin").mkdir(parents=True, exist_ok=True)
        gh = tmp / "bin" / "gh"
        gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
        gh.chmod(0o755)
        self.temp = tmp / "runner"
        self.temp.mkdir(exist_ok=True)

    def run(self, step: dict, fake: dict | None = None, **env: str) -> subprocess.CompletedProcess:
        for name in ("posted", "outputs", "log"):
            (self.tmp / name).unlink(missing_ok=True)
        full = {**os.environ, "PATH": f"{self.tmp / 'bin'}:{os.environ['PATH']}", "RUNNER_TEMP": str(self.temp),
                "GITHUB_OUTPUT": str(self.tmp / "outputs"), "GITHUB_REPOSITORY": "banque/banque",
                "GH_POSTED": str(self.tmp / "posted"), "GH_LOG": str(self.tmp / "log"),
                "GH_FAKE": json.dumps(fake or {}), "PYTHONIOENCODING": "utf-8", **env}
        # GitHub's own shell for `run:` steps.
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=self.cwd,
                              env=full, capture_output=True, text=True)

    def posted(self) -> list[dict]:
        path = self.tmp / "posted"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    def outputs(self) -> dict[str, str]:
        path = self.tmp / "outputs"
        return dict(line.split("=", 1) for line in path.read_text().splitlines()) if path.exists() else {}


# -- rendered Markdown: what GitHub would show in the bot's name ------------------------------------


class _Text(html.parser.HTMLParser):
    """The rendered comment: its tags, and its text outside code (where GitHub links and mentions)."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self._code = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._code += tag in ("code", "pre")

    def handle_endtag(self, tag):
        self._code -= tag in ("code", "pre")

    def handle_data(self, data):
        if not self._code:
            self.text.append(data)


# GitHub's mention (an @ after a non-word character) and its autolinks (extended www, URL, e-mail).
_MENTION = re.compile(r"(?:^|\W)@[A-Za-z0-9]")
_AUTOLINK = re.compile(r"www\.|[A-Za-z][A-Za-z0-9+.-]*://|[\w.+-]@[\w-]+\.")


def assert_inert(comment: str, allowed: tuple[str, ...] = ("p", "ul", "li")) -> None:
    rendered = markdown.markdown(comment)
    seen = _Text()
    seen.feed(rendered)
    assert set(seen.tags) <= set(allowed), f"balises rendues : {sorted(set(seen.tags))}\n{rendered}"
    text = "".join(seen.text)
    assert not _MENTION.search(text), f"mention : {text}"
    assert not _AUTOLINK.search(text), f"lien : {text}"


# -- the importer ------------------------------------------------------------------------------------


@pytest.fixture
def importer_run(tmp_path: Path) -> Runner:
    """The repository as the importer's job sees it: content, and `.venv/bin/banque`."""
    shutil.copytree(EDITORIAL / "banque", tmp_path / "depot" / "content")
    banque = tmp_path / "depot" / ".venv" / "bin" / "banque"
    banque.parent.mkdir(parents=True)
    banque.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m banque.cli "$@"\n', encoding="utf-8")
    banque.chmod(0o755)
    return Runner(tmp_path, tmp_path / "depot")


def _import(runner: Runner, body: str) -> tuple[dict[str, str], list[dict]]:
    """The import step, then the reply step its exit code chooses."""
    steps = _steps("importer-proposition.yml")
    done = runner.run(steps["Importer la proposition"], CORPS=body, NUMERO="7")
    assert done.returncode == 0, done.stderr
    outputs = runner.outputs()
    reply = {"0": None, "1": "Répondre sur le ticket (proposition à compléter)"}.get(
        outputs["code"], "Répondre sur le ticket (erreur technique)")
    if reply is None:
        return outputs, []
    answered = runner.run(steps[reply], NUMERO="7")
    assert answered.returncode == (0 if outputs["code"] == "1" else 1), answered.stderr
    return outputs, runner.posted()


HOSTILE_REFUSED = ["fence-evasion", "cle-en-double-piege", "mention-lien", "courriel-yaml-piege", "incomplete"]


@pytest.mark.parametrize("case", HOSTILE_REFUSED)
def test_a_hostile_refused_proposal_gets_an_inert_public_comment(importer_run: Runner, case: str):
    outputs, [comment] = _import(importer_run, (ISSUES / f"{case}.md").read_text(encoding="utf-8"))
    assert outputs["code"] == "1" and comment["on"] == "issue 7"
    body = comment["body"]
    assert body.startswith("Merci pour cette proposition ! Elle n'a pas encore pu devenir une fiche.\n\n"
                           "La proposition n'a pas été importée : rien n'a été écrit.\n")
    assert body.rstrip().endswith("demandez au comité de remettre l'étiquette « proposition ».")
    assert_inert(body)
    assert "Traceback" not in body


def test_the_fence_attack_is_answered_without_its_key(importer_run: Runner):
    _, [comment] = _import(importer_run, (ISSUES / "fence-evasion.md").read_text(encoding="utf-8"))
    assert "noms de champ illisibles, laissés de côté : 2" in comment["body"]
    assert "cliquez" not in comment["body"] and "onerror" not in comment["body"]
    # The value echoed is there, as text.
    assert "valeur « \\@&#8203;everyone voir https:&#8203;//attaquant.example" in comment["body"]


def test_a_hostile_accepted_proposal_gets_an_inert_pull_request_description(importer_run: Runner):
    outputs, posted = _import(importer_run, (ISSUES / "hostile.md").read_text(encoding="utf-8"))
    assert outputs["code"] == "0" and posted == []
    description = (importer_run.temp / "corps-demande.md").read_text(encoding="utf-8")
    assert description.startswith("Fiche importée depuis le ticket #7")
    assert "rubrique inconnue ignorée : « statut »" in description
    # The review report's own Markdown (headings, emphasis, code) and nothing that links or mentions.
    assert_inert(description, allowed=("p", "ul", "li", "h2", "h3", "strong", "code", "em"))


def test_a_crash_gets_a_neutral_public_message_and_its_details_stay_in_the_log(importer_run: Runner):
    banque = importer_run.cwd / ".venv" / "bin" / "banque"
    banque.write_text('#!/bin/sh\necho "Traceback (most recent call last): secret" >&2\nexit 3\n', encoding="utf-8")
    outputs, [comment] = _import(importer_run, "n'importe quoi")
    assert outputs["code"] == "3"
    assert comment["body"] == ("L'import automatique a rencontré une erreur technique ; le comité de rédaction est "
                               "prévenu et reprendra la proposition à la main.")


def test_the_reply_steps_follow_the_exit_code():
    steps = _steps("importer-proposition.yml")
    assert steps["Répondre sur le ticket (proposition à compléter)"]["if"] == "steps.importer.outputs.code == '1'"
    technical = steps["Répondre sur le ticket (erreur technique)"]["if"]
    assert "failure()" in technical and "!= '1'" in technical and "!= '0'" in technical
    assert "--format markdown" in steps["Importer la proposition"]["run"]


@pytest.mark.parametrize(("fake", "new"), [({}, "oui"), ({"branches": 1}, "non"), ({"open": 1}, "non")])
def test_one_branch_and_one_pull_request_per_issue(tmp_path: Path, fake: dict, new: str):
    runner = Runner(tmp_path, tmp_path)
    steps = _steps("importer-proposition.yml")
    done = runner.run(steps["Une seule proposition par ticket"], fake, NUMERO="7")
    assert done.returncode == 0, done.stderr
    assert runner.outputs() == {"nouvelle": new}
    assert '["api", "repos/banque/banque/git/matching-refs/heads/proposition/ticket-7"' in (tmp_path / "log").read_text()
    # Every later step waits for that answer.
    later = [s for name, s in steps.items() if name != "Une seule proposition par ticket"]
    assert all("steps.unique.outputs.nouvelle == 'oui'" in s["if"] or "steps.importer.outputs.code" in s["if"]
               for s in later)


def test_the_importer_starts_the_verification_of_its_own_pull_request(tmp_path: Path):
    """A pull request opened with the run's token starts no workflow: the importer dispatches « Vérifier »."""
    flow = yaml.safe_load((WORKFLOWS / "importer-proposition.yml").read_text(encoding="utf-8"))
    assert flow["jobs"]["importer"]["permissions"]["actions"] == "write"
    steps = list(_steps("importer-proposition.yml"))
    start = "Lancer la vérification de la demande de fusion"
    assert steps.index(start) == steps.index("Ouvrir la demande de fusion en brouillon") + 1
    runner = Runner(tmp_path, tmp_path)
    done = runner.run(_steps("importer-proposition.yml")[start], NUMERO="7")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "log").read_text()) == [
        "workflow", "run", "verifier.yml", "--repo", "banque/banque", "--ref", "proposition/ticket-7"]
    verifier = yaml.safe_load((WORKFLOWS / "verifier.yml").read_text(encoding="utf-8"))
    assert "workflow_dispatch" in verifier[True]  # PyYAML reads the key « on » as true
    condition = yaml.safe_load((WORKFLOWS / "commenter-relecture.yml").read_text(encoding="utf-8"))["jobs"]["commenter"]["if"]
    assert "'workflow_dispatch'" in condition and "head_repository.full_name == github.repository" in condition


@pytest.mark.parametrize(("fake", "posted"), [({}, "issue create Tableau de bord du comité"), ({"issue": "42"}, "issue edit 42")])
def test_the_dashboard_issue_is_created_once_then_edited(tmp_path: Path, fake: dict, posted: str):
    runner = Runner(tmp_path, tmp_path)
    (runner.temp / "tableau.md").write_text("# Tableau\n", encoding="utf-8")
    step = _steps("tableau-de-bord.yml")["Mettre à jour le ticket « Tableau de bord du comité »"]
    done = runner.run(step, fake, GH_TOKEN="x", TITRE=step["env"]["TITRE"])
    assert done.returncode == 0, done.stderr
    assert [(p["on"], p["body"]) for p in runner.posted()] == [(posted, "# Tableau\n")]
    assert "--author" in (tmp_path / "log").read_text()


# -- the review comment ------------------------------------------------------------------------------


COMMENT_STEP = "Publier le rapport sur la demande de fusion"


def _comment(tmp_path: Path, report: bytes | None, fake: dict, **env: str) -> list[dict]:
    runner = Runner(tmp_path, tmp_path)
    folder = runner.temp / "relecture"
    folder.mkdir(exist_ok=True)
    (folder / "numero").write_text("99\n")  # what an old or hostile artifact says: never read
    if report is not None:
        (folder / "commentaire.md").write_bytes(report)
    context = {"GH_REPO": "banque/banque", "HEAD_SHA": SHA, "HEAD_OWNER": "fourche", "HEAD_BRANCH": "ma-branche",
               "NUMEROS": "", "RAPPORT": str(folder / "commentaire.md"), **env}
    done = runner.run(_steps("commenter-relecture.yml")[COMMENT_STEP], fake, **context)
    assert done.returncode == 0, done.stderr
    return runner.posted()


def test_the_review_goes_on_the_pull_request_named_by_the_run(tmp_path: Path):
    posted = _comment(tmp_path, b"## Relecture\n", {"sha": {"12": SHA}}, NUMEROS="12")
    assert [p["on"] for p in posted] == ["pr 12"] and posted[0]["body"] == "## Relecture\n"


def test_a_fork_pull_request_is_found_by_its_branch_and_checked(tmp_path: Path):
    posted = _comment(tmp_path, b"## Relecture\n", {"fork": ["5", "12"], "sha": {"12": SHA}})
    assert [p["on"] for p in posted] == ["pr 12"]
    log = (tmp_path / "log").read_text()
    assert '"head=fourche:ma-branche"' in log


@pytest.mark.parametrize("fake", [{"sha": {"12": "b" * 40}}, {"fork": ["7"], "sha": {"12": SHA}}, {}])
def test_no_comment_on_a_pull_request_whose_head_is_not_the_run(tmp_path: Path, fake: dict):
    assert _comment(tmp_path, b"## Relecture\n", fake, NUMEROS="12" if "fork" not in fake else "") == []


def test_the_artifact_text_is_untrusted(tmp_path: Path):
    posted = _comment(tmp_path / "a", b"@everyone regardez \\@admin et a@b.example", {"sha": {"12": SHA}}, NUMEROS="12")
    assert posted[0]["body"] == "@&#8203;everyone regardez \\@&#8203;admin et a@&#8203;b.example"
    assert_inert(posted[0]["body"].replace("https", ""))
    for hostile in (b"x" * 60_001, b"\xff\xfe pas de l'UTF-8"):
        [neutral] = _comment(tmp_path / str(len(hostile)), hostile, {"sha": {"12": SHA}}, NUMEROS="12")
        assert neutral["body"].startswith("Le rapport de relecture n'a pas pu être publié ici")
    assert _comment(tmp_path / "vide", b"", {"sha": {"12": SHA}}, NUMEROS="12") == []
    assert _comment(tmp_path / "absent", None, {"sha": {"12": SHA}}, NUMEROS="12") == []


def test_the_comment_workflow_reads_nothing_of_the_number_from_the_artifact():
    text = (WORKFLOWS / "commenter-relecture.yml").read_text(encoding="utf-8")
    assert "numero" not in _steps("commenter-relecture.yml")[COMMENT_STEP]["run"].replace("numero=", "").replace(
        '"$numero"', "")
    assert "github.event.workflow_run.head_sha" in text
    assert "PR_NUMBER" not in (WORKFLOWS / "verifier.yml").read_text(encoding="utf-8")


# -- every workflow ----------------------------------------------------------------------------------


def test_publishing_rights_belong_to_the_deploy_job_only():
    flow = yaml.safe_load((WORKFLOWS / "publier.yml").read_text(encoding="utf-8"))
    assert flow["permissions"] == {}
    assert flow["jobs"]["construire"]["permissions"] == {"contents": "read"}
    assert flow["jobs"]["deployer"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("workflow", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: str):
    uses = [line.strip() for line in (WORKFLOWS / workflow).read_text(encoding="utf-8").splitlines()
            if re.match(r"\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_zizmor_finds_nothing_unexplained():
    zizmor = Path(sys.executable).with_name("zizmor")
    command = [str(zizmor) if zizmor.exists() else "zizmor", "--offline", "--format", "json", str(WORKFLOWS)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    # 0: nothing found; 10 to 14: findings, by highest severity. Anything else is zizmor failing.
    assert done.returncode == 0 or 10 <= done.returncode <= 14, done.stderr
    findings = {(f["ident"], Path(f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]).name)
                for f in json.loads(done.stdout)}
    unexplained = findings - EXPLAINED.keys()
    assert not unexplained, f"à corriger ou à expliquer dans EXPLAINED : {sorted(unexplained)}"
    assert not EXPLAINED.keys() - findings, "explication d'un constat qui n'existe plus"
