"""Banc d'essai de la banque : `python bench/run.py [--quick] [--repetitions N]`.

Pour chaque taille, une banque synthétique (bench/generate.py) est écrite dans
un dossier temporaire, puis on mesure (médianes) :

- plancher : lire chaque fichier et analyser son en-tête avec yaml.CSafeLoader ;
- validation : `banque valider` en mémoire (`validate([contenu], contenu)`) ;
- génération : rendu Markdown dans docs (`build.generate`) ;
- construction complète : `banque construire` en sous-processus (temps, mémoire de pointe) ;
- mkdocs seul : `mkdocs build` des mêmes pages, en sous-processus ;
- sortie : taille du site, d'une page d'expérience, charge Pagefind d'une première recherche ;
- reconstructions : sans changement, puis après modification d'une fiche.

Rien n'est écrit dans le dépôt : tout se passe dans des dossiers temporaires.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from banque import build  # noqa: E402
from banque.check import validate  # noqa: E402

PY = sys.executable
BANQUE = [PY, "-m", "banque.cli"]
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1420675200", PYTHONDONTWRITEBYTECODE="1")

# Lance une commande et rapporte sa mémoire de pointe : un processus neuf par mesure,
# car RUSAGE_CHILDREN garde le maximum de tous les enfants déjà attendus.
_MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
dt = time.perf_counter() - t
if r.returncode:
    sys.stderr.write(r.stderr)
print(r.returncode, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

_MKDOCS = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=True)
config.extra["banque_apercu"] = False
build(config)
"""


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """(secondes, Mo de pointe) d'une commande, lancée depuis la racine du projet."""
    out = subprocess.run([PY, "-c", _MEASURE, *cmd], cwd=ROOT, env=ENV, capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"échec de {' '.join(cmd)} :\n{out.stderr}")
    code, seconds, maxrss_kb = out.stdout.split()
    if code != "0":
        raise RuntimeError(f"échec de {' '.join(cmd)} (code {code}) :\n{out.stderr}")
    return float(seconds), int(maxrss_kb) / 1024


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def floor(content: Path) -> None:
    """Lecture + analyse YAML la plus rapide honnête : CSafeLoader sur l'en-tête."""
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, _ = text.split("\n---\n", 1)[0].partition("---\n")
        yaml.load(front, Loader=yaml.CSafeLoader)


def do_validate(content: Path) -> None:
    _, problems = validate([content], content)
    if problems:
        raise RuntimeError(f"{len(problems)} problèmes dans la banque générée : {problems[0]}")


def do_generate(layout: build.Layout) -> None:
    if layout.docs.exists():
        shutil.rmtree(layout.docs)
    if not build.generate(layout, log=lambda *a: None):
        raise RuntimeError("génération impossible")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def output_stats(site: Path) -> dict:
    pages = [p for p in (site / "experiences").rglob("index.html") if p.parent != site / "experiences"]
    pf = site / "pagefind"
    chunks = sorted(pf.glob("index/*.pf_index"), key=lambda p: p.stat().st_size)
    fragments = sorted(pf.glob("fragment/*.pf_fragment"), key=lambda p: p.stat().st_size)
    meta = sorted(pf.glob("pagefind.*.pf_meta"))
    lang = meta[0].name.split(".")[1].split("_")[0] if meta else "unknown"
    wasm = [pf / f"wasm.{lang}.pagefind"] if (pf / f"wasm.{lang}.pagefind").exists() else \
        sorted(pf.glob("wasm.*.pagefind"), key=lambda p: p.stat().st_size)[-1:]
    first = [pf / "pagefind.js", pf / "pagefind-entry.json"]
    first += wasm + meta[:1] + chunks[-1:]
    first += fragments[len(fragments) // 2: len(fragments) // 2 + 1]
    first = [p for p in first if p.exists()]
    return {
        "site": dir_size(site),
        "page": statistics.mean(p.stat().st_size for p in pages) if pages else 0,
        "page_max": max((p.stat().st_size for p in pages), default=0),
        "n_pages": len(pages),
        "recherche": sum(gz(p) for p in first),
        "recherche_fichiers": [p.relative_to(pf).as_posix() for p in first],
    }


def touch_one_sheet(content: Path, n: int) -> None:
    path = sorted((content / "experiences").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f" Mise à jour n° {n} pour le banc d'essai.\n", encoding="utf-8")


def bench_size(n: int, reps: int, log) -> dict:
    res: dict = {"n": n, "reps": reps}
    with tempfile.TemporaryDirectory(prefix=f"banque-bench-{n}-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        n_exp, n_tools = generate(n, content, seed=0)
        res["outils"] = n_tools
        res["octets_contenu"] = dir_size(content)
        layout = build.Layout(ROOT, content, tmp / "gen")

        floor(content), do_validate(content)  # échauffement : caches, imports
        res["plancher"] = [timed(lambda: floor(content)) for _ in range(max(reps, 3))]
        res["validation"] = [timed(lambda: do_validate(content)) for _ in range(max(reps, 3))]
        res["generation"] = [timed(lambda: do_generate(layout)) for _ in range(reps)]
        log(f"  {n} : plancher, validation, génération mesurés")

        full, mem = [], []
        out = tmp / "out"
        for _ in range(reps):
            if out.exists():
                shutil.rmtree(out)
            s, m = run_measured([*BANQUE, "construire", "--contenu", str(content), "--sortie", str(out)])
            full.append(s)
            mem.append(m)
        res["complete"], res["memoire"] = full, mem
        log(f"  {n} : construction complète mesurée")

        mk = []
        for i in range(reps):
            site = tmp / f"mk-{i}"
            s, _ = run_measured([PY, "-c", _MKDOCS, str(ROOT / "mkdocs.yml"), str(layout.docs), str(site)])
            mk.append(s)
            shutil.rmtree(site, ignore_errors=True)
        res["mkdocs"] = mk
        log(f"  {n} : mkdocs seul mesuré")

        res.update(output_stats(out / "site"))

        noop, one = [], []
        for i in range(reps):
            noop.append(run_measured([*BANQUE, "construire", "--contenu", str(content), "--sortie", str(out)])[0])
            touch_one_sheet(content, i)
            one.append(run_measured([*BANQUE, "construire", "--contenu", str(content), "--sortie", str(out)])[0])
        res["sans_changement"], res["une_fiche"] = noop, one
        log(f"  {n} : reconstructions mesurées")
    return res


def med(values: list[float]) -> float:
    return statistics.median(values)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_b(size: float) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} Mo"
    return f"{size / 1024:.1f} Ko"


def report(results: list[dict], elapsed: float) -> str:
    cols = [f"{r['n']} fiches" for r in results]
    lines = ["# Banc d'essai de la banque", ""]
    reps = ", ".join(f"{r['n']} → {r['reps']}" for r in results)
    lines.append(f"Médianes ; répétitions : {reps} "
                 f"(plancher et validation : au moins 3). Python {sys.version.split()[0]}, "
                 f"{os.cpu_count()} cœurs.")
    lines.append("")
    lines.append("| Mesure | " + " | ".join(cols) + " |")
    lines.append("|---|" + "---:|" * len(cols))

    def row(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in results) + " |")

    row("Outils générés", lambda r: str(r["outils"]))
    row("Taille du contenu", lambda r: fmt_b(r["octets_contenu"]))
    row("Plancher (lecture + YAML CSafeLoader)", lambda r: fmt_s(med(r["plancher"])))
    row("Validation (`banque valider`)", lambda r: fmt_s(med(r["validation"])))
    row("Validation / plancher", lambda r: f"{med(r['validation']) / med(r['plancher']):.1f} ×")
    row("Génération (rendu dans docs)", lambda r: fmt_s(med(r["generation"])))
    row("Construction complète (`banque construire`)", lambda r: fmt_s(med(r["complete"])))
    row("Mémoire de pointe (construction)", lambda r: f"{max(r['memoire']):.0f} Mo")
    row("mkdocs seul", lambda r: fmt_s(med(r["mkdocs"])))
    row("Complète / mkdocs seul", lambda r: f"{med(r['complete']) / med(r['mkdocs']):.2f} ×")
    row("Reconstruction sans changement", lambda r: fmt_s(med(r["sans_changement"])))
    row("Reconstruction après une fiche modifiée", lambda r: fmt_s(med(r["une_fiche"])))
    row("Taille du site", lambda r: fmt_b(r["site"]))
    row("Pages d'expérience publiées", lambda r: str(r["n_pages"]))
    row("Page d'expérience (moyenne / max)", lambda r: f"{fmt_b(r['page'])} / {fmt_b(r['page_max'])}")
    row("Première recherche Pagefind (gzip)", lambda r: fmt_b(r["recherche"]))
    row("Explorateur", lambda r: "non construit")
    lines.append("")
    if results:
        lines.append("Première recherche = " + " + ".join(results[-1]["recherche_fichiers"])
                     + " (plus gros bloc d'index, fragment médian ; tailles après gzip -9).")
        lines.append("")

    by_n = {r["n"]: r for r in results}
    growth = {}
    if 1000 in by_n and 5000 in by_n:
        a, b = by_n[1000], by_n[5000]
        growth["validation"] = med(b["validation"]) / med(a["validation"])
        growth["complete"] = med(b["complete"]) / med(a["complete"])
        lines.append(f"Croissance 1000 → 5000 fiches (×5) : validation {growth['validation']:.2f} ×, "
                     f"construction complète {growth['complete']:.2f} ×.")
        lines.append("")

    def status(ok: bool) -> str:
        return "atteint" if ok else "**non atteint**"

    big = results[-1]
    lines += ["## Objectifs", "", f"Évalués sur la plus grande taille mesurée ({big['n']} fiches).", "",
              "| Objectif | Mesure | Statut |", "|---|---:|---|"]
    ratio_v = med(big["validation"]) / med(big["plancher"])
    ratio_c = med(big["complete"]) / med(big["mkdocs"])
    peak = max(m for r in results for m in r["memoire"])
    page = max(r["page"] for r in results)
    search = max(r["recherche"] for r in results)
    lines.append(f"| Validation ≤ 2 × plancher | {ratio_v:.1f} × | {status(ratio_v <= 2)} |")
    lines.append(f"| Construction complète ≤ 1,2 × mkdocs seul | {ratio_c:.2f} × | {status(ratio_c <= 1.2)} |")
    lines.append(f"| Mémoire de pointe ≤ 600 Mo | {peak:.0f} Mo | {status(peak <= 600)} |")
    if growth:
        g = max(growth.values())
        lines.append(f"| Croissance 1000 → 5000 ≤ 5,5 × | validation {growth['validation']:.2f} ×, "
                     f"complète {growth['complete']:.2f} × | {status(g <= 5.5)} |")
    else:
        lines.append("| Croissance 1000 → 5000 ≤ 5,5 × | non mesurée (--quick) | — |")
    lines.append(f"| Page d'expérience ≤ 60 Ko (moyenne) | {fmt_b(page)} | {status(page <= 60 * 1024)} |")
    lines.append(f"| Première recherche ≤ 300 Ko gzip | {fmt_b(search)} | {status(search <= 300 * 1024)} |")
    lines.append("| Explorateur | non construit | — |")
    lines.append("")
    lines.append(f"Durée totale du banc d'essai : {elapsed:.0f} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Banc d'essai de la banque (tailles 100, 1000, 5000).")
    parser.add_argument("--quick", action="store_true", help="tailles 100 et 1000 seulement (moins de 3 minutes)")
    parser.add_argument("--repetitions", type=int, default=None,
                        help="répétitions par mesure (par défaut 3 ; 2 pour 1000 fiches ; 1 pour 5000)")
    parser.add_argument("--tailles", type=int, nargs="*", default=None, help="tailles à mesurer")
    args = parser.parse_args(argv)
    sizes = args.tailles or ([100, 1000] if args.quick else [100, 1000, 5000])
    start = time.perf_counter()
    results = []
    for n in sizes:
        # 3 répétitions jusqu'à 1000 fiches (2 en --quick pour tenir en 3 minutes), 1 pour 5000
        # (environ 4 minutes par répétition sur 2 cœurs) : le tout tient en 15 minutes.
        default = 3 if n < 1000 else (2 if n == 1000 else 1)
        reps = args.repetitions or default
        print(f"Mesure de {n} fiches ({reps} répétitions)…", file=sys.stderr, flush=True)
        results.append(bench_size(n, reps, lambda msg: print(msg, file=sys.stderr, flush=True)))
    print(report(results, time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
