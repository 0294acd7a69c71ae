"""Banc d'essai du recueil imprimable : `python bench/recueil.py [--tailles 100,500]`.

Pour la banque réelle (content/) puis pour chaque taille de banque synthétique
(bench/generate.py, écrite dans un dossier temporaire), lance `banque recueil`
en sous-processus et donne sa durée, son temps processeur, sa mémoire de
pointe, le nombre de pages et la taille du PDF. Rien n'est écrit dans le dépôt.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from bench.generate import generate  # noqa: E402
from bench.run import BANQUE, fmt_b, fmt_s, run_measured  # noqa: E402

REAL = ROOT / "content"


def measure(content: Path, target: Path, *options: str) -> dict:
    """Une construction du recueil : durée, processeur, mémoire, pages et taille."""
    result = run_measured([*BANQUE, "recueil", "--contenu", str(content), "--sortie", str(target), *options])
    return {**result, "pages": len(PdfReader(target).pages), "octets": target.stat().st_size}


def line(name: str, r: dict) -> str:
    return (f"| {name} | {fmt_s(r['s'])} | {fmt_s(r['cpu'])} | {r['mo']:.0f} Mo | {r['pages']} | {fmt_b(r['octets'])} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Banc d'essai de « banque recueil ».")
    parser.add_argument("--tailles", default="100", help="tailles des banques synthétiques, séparées par des virgules (100)")
    args = parser.parse_args(argv)
    rows = ["| Banque | Durée | Processeur | Mémoire | Pages | Taille |", "| --- | --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory(prefix="banque-recueil-") as tmp:
        work = Path(tmp)
        rows.append(line("réelle", measure(REAL, work / "reelle.pdf")))
        rows.append(line("réelle, région 44", measure(REAL, work / "44.pdf", "--region", "44")))
        for n in [int(t) for t in args.tailles.split(",") if t.strip()]:
            content = work / f"banque-{n}"
            generate(n, content)
            rows.append(line(f"synthétique, {n} expériences", measure(content, work / f"{n}.pdf")))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
