"""The pull-request review comment, run for real: the workflow's own shell step
on a clone where a pull request changes one sheet."""

from __future__ import annotations

import os
import subprocess

import yaml

from tests.conftest import ROOT


def _step(name: str) -> dict:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "verifier.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return next(s for s in job["steps"] if s.get("name") == name)


def git(*args: str, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_review_step_writes_the_report_of_changed_sheets_only(tmp_path):
    clone = tmp_path / "depot"
    git("clone", "-q", str(ROOT), str(clone), cwd=tmp_path)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    base = git("rev-parse", "HEAD", cwd=clone)
    sheet = clone / "content" / "experiences" / "laveo-structures-insertion.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("## Résultats\n", "## Résultats\n\nUne phrase ajoutée par la demande de fusion.\n", 1), encoding="utf-8")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "change", cwd=clone)

    step = _step("Rapport de relecture des fiches modifiées")
    env = {**os.environ, "BASE_SHA": base}
    subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=clone, env=env, check=True)

    assert sorted(p.name for p in (clone / "relecture").iterdir()) == ["commentaire.md"]  # no number to trust
    comment = (clone / "relecture" / "commentaire.md").read_text(encoding="utf-8")
    assert "## Relecture de `content/experiences/laveo-structures-insertion.md`" in comment
    assert "### Erreurs bloquantes" in comment
    assert "coordinactions" not in comment  # unchanged sheets are not reviewed
