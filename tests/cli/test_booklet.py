"""`banque recueil` as a command line: a real process, its French output and
exit codes (0 written, 1 refused, 2 the system lacks WeasyPrint's libraries)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from banque.cli import build_parser
from banque.site.booklet import pdf
from tests.conftest import ROOT, banque


def test_the_booklet_of_a_region_is_written_and_summed_up(tmp_path):
    target = tmp_path / "recueil" / "grand-est.pdf"
    done = banque("recueil", "--region", "44", "--sortie", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    assert done.stdout.startswith(f"Recueil écrit : {target} (")
    assert "expériences" in done.stdout and "outils en annexe" in done.stdout
    assert done.stderr == ""


def test_unknown_filters_are_refused_in_french_and_nothing_is_written(tmp_path):
    target = tmp_path / "recueil.pdf"
    done = banque("recueil", "--region", "999", "--theme", "pas-un-theme", "--sortie", str(target))
    assert done.returncode == 1
    assert done.stderr.startswith("Recueil non écrit :")
    assert "--region: « 999 » n'est pas une valeur connue de ce filtre" in done.stderr.replace("\u00a0", " ")
    assert "--theme:" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()


def test_without_pango_the_command_says_what_to_install(tmp_path):
    # A weasyprint that fails to load its libraries, as on a system without Pango.
    fake = tmp_path / "sans-pango" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        'raise OSError("cannot load library \'libgobject-2.0-0\': libgobject-2.0-0: cannot open shared object file")\n',
        encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8",
           "PYTHONPATH": os.pathsep.join([str(fake.parent), str(ROOT / "scripts")])}
    target = tmp_path / "recueil.pdf"
    done = subprocess.run([sys.executable, "-m", "banque.cli", "recueil", "--sortie", str(target)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "bibliothèques de mise en page Pango, introuvables" in done.stderr
    assert f"sudo apt-get install {pdf.PACKAGES}" in done.stderr
    assert not target.exists()


def test_the_options_are_the_explorer_s_filters():
    parser = build_parser()
    args = parser.parse_args(["recueil", "--region", "44", "--region", "11", "--theme", "t", "--sortie", "x.pdf"])
    assert args.region == ["44", "11"] and args.theme == ["t"] and args.modele is None
    assert args.sortie == Path("x.pdf") and args.contenu == Path("content")
    assert parser.parse_args(["recueil"]).sortie == Path("build") / "recueil.pdf"
