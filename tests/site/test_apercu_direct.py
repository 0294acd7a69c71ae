"""`banque servir`: the live preview follows edits without a restart.

A real server on a free port of 127.0.0.1, on a small synthetic bank: an edit
shows on the sheet's page and then on the lists, a deleted sheet disappears, and
an invalid edit leaves the last good pages served until it is fixed.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bench.generate import generate as generate_bank

from tests.navigateur import EPOCH, ROOT, SITE_PREFIX


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


def wait(url: str, predicate, timeout: float, what: str, log: Path) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate(*get(url)):
            return
        time.sleep(0.1)
    pytest.fail(f"{what} : pas vu sur {url} en {timeout:.0f} s\n" + log.read_text(encoding="utf-8")[-3000:])


def set_title(path: Path, title: str) -> None:
    text = re.sub(r"^titre: .*$", f'titre: "{title}"', path.read_text(encoding="utf-8"), count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def server(tmp_path):
    content = tmp_path / "content"
    generate_bank(12, content, seed=11)
    port = free_port()
    log = tmp_path / "servir.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONIOENCODING": "utf-8"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "banque.cli", "servir", "--apercu", "--contenu", str(content),
             "--sortie", str(tmp_path / "build"), "--adresse", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield content, f"http://127.0.0.1:{port}{SITE_PREFIX}", log
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_edits_show_without_restart(server):
    content, base, log = server
    sheets = sorted((content / "experiences").glob("*.md"))
    sheet, other = sheets[0], sheets[1]
    page = f"{base}experiences/{sheet.stem}/"
    theme = re.search(r"^themes: \[([^,\]]+)", sheet.read_text(encoding="utf-8"), re.M).group(1)
    listing = f"{base}themes/{theme}/"
    wait(page, lambda code, body: code == 200, 180, "première construction", log)

    set_title(sheet, "Premier titre modifié en direct")
    wait(page, lambda code, body: "Premier titre modifié en direct" in body, 60, "nouveau titre sur la fiche", log)
    wait(listing, lambda code, body: "Premier titre modifié en direct" in body, 60, "nouveau titre dans la liste", log)

    # An invalid edit is reported in the console; the last good page stays served.
    good = sheet.read_text(encoding="utf-8")
    sheet.write_text(good.replace("nature: ", "nature: inconnue_", 1), encoding="utf-8")
    wait(page, lambda code, body: True, 5, "serveur", log)
    time.sleep(3)
    assert "Premier titre modifié en direct" in get(page)[1]
    sheet.write_text(good, encoding="utf-8")
    set_title(sheet, "Second titre après correction")
    wait(page, lambda code, body: "Second titre après correction" in body, 60, "titre après correction", log)
    assert "nature" in log.read_text(encoding="utf-8")

    other.unlink()
    wait(f"{base}experiences/{other.stem}/", lambda code, body: code == 404, 60, "fiche supprimée", log)
