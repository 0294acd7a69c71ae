"""The issue « Tableau de bord du comité »: the scheduled workflow's command, run for real
on a copy of the bank whose addresses point at a local server (never the internet)."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from banque.committee import dashboard_issue
from tests.navigateur import LOCAL_HOST, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "tableau-de-bord.yml"


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.send_response(200 if self.path == "/vivante" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, format, *args):  # the base class's signature: quiet
        pass


@pytest.fixture
def web():
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _copy(tmp_path: Path, base: str) -> Path:
    """The real bank, its web addresses turned into the local server's: the first one
    answers, every other is gone. One title carries a would-be mention."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    urls = 0
    for path in sorted(content.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")

        def local(found: re.Match) -> str:
            nonlocal urls
            urls += 1
            return f"{found.group(1)}{base}/{'vivante' if urls == 1 else f'disparue-{urls}'}"
        path.write_text(re.sub(r"^(\s*(?:- )?url: )\S+$", local, text, flags=re.M), encoding="utf-8")
    assert urls >= 2, "la banque cite des adresses web : le test doit en avoir au moins deux"
    first = sorted((content / "experiences").glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(re.sub(r"^titre: .*$", "titre: Une fiche pour @comite-redaction", text, count=1, flags=re.M), encoding="utf-8")
    return content


def _ticket(content: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy")}
    env.update({"no_proxy": "*", "PYTHONIOENCODING": "utf-8"})
    return subprocess.run([sys.executable, "-m", "banque.cli", "tableau-de-bord", "--format", "ticket", "--contenu", str(content),
                           "--aujourdhui", "2026-11-27", "--delai", "2", "--journal", "https://github.com/o/r/actions/runs/7"],
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_scheduled_command_writes_the_issue_body_in_french(tmp_path: Path, web: str):
    result = _ticket(_copy(tmp_path, web))
    assert result.returncode == 0, result.stderr
    body = result.stdout
    assert body.startswith("*Mis à jour automatiquement le 27\u00a0novembre 2026") or body.startswith("*Mis à jour automatiquement le 27 novembre 2026")
    assert "# Tableau de bord du comité de rédaction" in body and "## Adresses web des fiches" in body
    assert "ne répond plus" in body and "/disparue-2 — page introuvable (HTTP 404)".replace(" ", " ") in body
    assert "fiche invalide" not in body and "fiches invalides" not in body
    assert "/vivante" not in body  # an address that answers is not listed
    assert "https://github.com/o/r/actions/runs/7" in body
    # Mentions no one, even through a sheet's title.
    assert not re.search(r"@\w", body) and "@&#8203;comite" in body
    assert len(body) <= dashboard_issue.LIMIT + 300


def test_a_body_too_long_for_an_issue_is_cut_with_a_pointer_to_the_log(tmp_path: Path, web: str, monkeypatch):
    content = _copy(tmp_path, web)
    monkeypatch.setattr(dashboard_issue, "LIMIT", 2000)
    body = dashboard_issue.render(content, __import__("datetime").date(2026, 11, 27), 2, 500, 2, "https://x.example/run")
    assert len(body) < 2400 and body.rstrip().endswith("https://x.example/run.*")


def test_the_workflow_runs_this_command_weekly_and_on_demand_and_edits_its_own_issue():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "schedule:" in text and "workflow_dispatch:" in text
    assert "banque tableau-de-bord --format ticket" in text
    assert "--author app/github-actions" in text and "Tableau de bord du comité" in text
