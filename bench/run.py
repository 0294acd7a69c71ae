"""Banc d'essai de la banque : `python bench/run.py [--quick] [--repetitions N] [--zensical CHEMIN]`.

Pour chaque taille, une banque synthétique (bench/generate.py) est écrite une
seule fois dans un dossier temporaire et sert à toutes les mesures (médianes) :

- plancher : lire chaque fichier et analyser son en-tête avec yaml.CSafeLoader ;
- validation : `banque valider` en mémoire (`validate([contenu], contenu)`) ;
- génération : rendu Markdown dans docs (`build.generate`) ;
- construction complète : `banque construire` en sous-processus (temps, temps
  processeur, mémoire de pointe) ;
- mkdocs seul : `mkdocs build` des mêmes pages, en sous-processus ; Zensical
  aussi, s'il est installé (ligne facultative, jamais une dépendance du site) ;
- sortie : taille du site, d'une page d'expérience, charge Pagefind d'une première recherche ;
- reconstructions : `banque construire` sans changement, puis après modification d'une fiche ;
- aperçu en direct : `banque servir --apercu` sur un port libre de 127.0.0.1 ; on
  change le titre d'une fiche et on mesure le temps jusqu'à ce que la page
  servie montre le nouveau titre.

Les durées sont des temps réels (horloge murale) ; le temps processeur est donné
à côté : il dépend moins des autres programmes qui tournent sur la machine.
Rien n'est écrit dans le dépôt : tout se passe dans des dossiers temporaires.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from banque.sheets.check import validate  # noqa: E402
from banque.site import build  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.tailles import LIST_LIMIT, MAP_LIMIT, page_sizes  # noqa: E402

PY = sys.executable
BANQUE = [PY, "-m", "banque.cli"]
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1420675200", PYTHONDONTWRITEBYTECODE="1")
ZENSICAL_VERSION = "0.0.73"  # la dernière publiée sans le paquet zensical-ui, introuvable ici

# Lance une commande et rapporte sa durée, son temps processeur et sa mémoire de
# pointe : un processus neuf par mesure, car RUSAGE_CHILDREN garde le maximum
# de tous les enfants déjà attendus.
_MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
dt = time.perf_counter() - t
if r.returncode:
    sys.stderr.write(r.stderr)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.returncode, dt, u.ru_utime + u.ru_stime, u.ru_maxrss)
"""

_MKDOCS = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=True)
config.extra["banque_apercu"] = False
build(config)
"""


def run_measured(cmd: list[str], cwd: Path = ROOT) -> dict:
    """{"s": secondes, "cpu": secondes processeur, "mo": Mo de pointe} d'une commande."""
    out = subprocess.run([PY, "-c", _MEASURE, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"échec de {' '.join(cmd)} :\n{out.stderr}")
    code, seconds, cpu, maxrss_kb = out.stdout.split()
    if code != "0":
        raise RuntimeError(f"échec de {' '.join(cmd)} (code {code}) :\n{out.stderr}")
    return {"s": float(seconds), "cpu": float(cpu), "mo": int(maxrss_kb) / 1024}


def timed(fn) -> dict:
    t, c = time.perf_counter(), time.process_time()
    fn()
    return {"s": time.perf_counter() - t, "cpu": time.process_time() - c}


def floor(content: Path) -> None:
    """Lecture + analyse YAML la plus rapide honnête : CSafeLoader sur l'en-tête de chaque fiche."""
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0].partition("---\n")[2]
        if not isinstance(yaml.load(front, Loader=yaml.CSafeLoader), dict):
            raise RuntimeError(f"en-tête illisible : {path}")


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
        "n_html": sum(1 for _ in site.rglob("*.html")),
        "recherche": sum(gz(p) for p in first),
        "recherche_fichiers": [p.relative_to(pf).as_posix() for p in first],
        **page_sizes(site),
    }


def scan_site(site: Path) -> None:
    from banque.site import html_scan

    base = urlsplit(build.mkdocs_settings(ROOT).get("site_url") or "/").path
    if html_scan.scan_site(site, base):
        raise RuntimeError("l'analyse du HTML signale des éléments dangereux")


def first_sheet(content: Path) -> Path:
    return sorted((content / "experiences").glob("*.md"))[0]


def first_published(content: Path) -> Path:
    """The first sheet on the public site: changing a draft changes nothing there."""
    return next(p for p in sorted((content / "experiences").glob("*.md"))
                if "\nstatut: publiee\n" in p.read_text(encoding="utf-8"))


def touch_one_sheet(content: Path, n: int) -> None:
    path = first_published(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f" Mise à jour n° {n} pour le banc d'essai.\n", encoding="utf-8")


def set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"^titre: .*$", f'titre: "{title}"', text, count=1, flags=re.M)
    if count != 1:
        raise RuntimeError(f"pas de titre dans {path}")
    path.write_text(text, encoding="utf-8")


# -- Zensical (facultatif) ---------------------------------------------------------

def zensical_project(docs: Path, dest: Path) -> Path:
    """Un projet Zensical sur une copie des mêmes pages (il exige docs_dir dans le projet)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^docs_dir: .*$", "docs_dir: docs", text, flags=re.M)
    text = re.sub(r"^site_dir: .*$", "site_dir: site", text, flags=re.M)
    text = text.replace("custom_dir: scripts/banque/site/theme", f"custom_dir: {ROOT / 'scripts/banque/site/theme'}")
    for hook in ("preview", "security"):
        text = text.replace(f"  - scripts/banque/site/hooks/{hook}.py", f"  - {ROOT / 'scripts/banque/site/hooks' / f'{hook}.py'}")
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(docs, dest / "docs")
    return dest


# -- aperçu en direct -----------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float, start: float) -> float:
    """Secondes depuis `start` jusqu'à ce que la page `url` contienne `text`."""
    while True:
        body = fetch(url)
        elapsed = time.perf_counter() - start
        if body is not None and text in body:
            return elapsed
        if elapsed > timeout:
            raise RuntimeError(f"{url} ne montre pas « {text} » après {timeout:.0f} s")
        time.sleep(0.05)


def measure_preview(content: Path, work: Path, n: int, edits: int, log) -> dict:
    """`banque servir --apercu` : démarrage, puis délai entre l'enregistrement d'un nouveau
    titre et la page servie qui le montre (titre changé `edits` fois, puis un paragraphe)."""
    port = free_port()
    mount = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/").path
    sheet = first_sheet(content)
    base = f"http://127.0.0.1:{port}{mount.rstrip('/')}"
    url = f"{base}/experiences/{sheet.stem}/"
    front = sheet.read_text(encoding="utf-8").split("\n---\n", 1)[0].partition("---\n")[2]
    theme_url = f"{base}/themes/{yaml.safe_load(front)['themes'][0]}/"  # a list that shows the sheet's card
    cmd = [*BANQUE, "servir", "--apercu", "--contenu", str(content), "--sortie", str(work / "apercu"),
           "--adresse", f"127.0.0.1:{port}"]
    logfile = (work / "servir.log").open("w")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=logfile, stderr=subprocess.STDOUT)
    res: dict = {}
    try:
        title = f"Titre de départ numéro {n} pour la mesure"
        set_title(sheet, title)
        res["demarrage"] = wait_for(url, title, 120 + 0.5 * n, start)
        wait_for(theme_url, title, 120 + 0.5 * n, start)
        res["titre"], res["listes"] = [], []
        for i in range(edits):
            time.sleep(1.5)  # le serveur finit sa reconstruction précédente et repart à l'écoute
            title = f"Titre modifié numéro {i + 1} pour la mesure"
            t0 = time.perf_counter()
            set_title(sheet, title)
            res["titre"].append(wait_for(url, title, 60 + 0.05 * n, t0))
            res["listes"].append(wait_for(theme_url, title, 60 + 0.05 * n, t0))
        time.sleep(1.5)
        sentence = "Phrase ajoutée pour mesurer la mise à jour"
        text = sheet.read_text(encoding="utf-8").rstrip("\n")
        t0 = time.perf_counter()
        sheet.write_text(text + f" {sentence}.\n", encoding="utf-8")
        res["corps"] = wait_for(url, sentence, 60 + 0.05 * n, t0)
    except RuntimeError:
        logfile.flush()
        log((work / "servir.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        logfile.close()
    return res


# -- une taille ------------------------------------------------------------------

def bench_size(n: int, reps: int, build_reps: int, zensical: str | None, log) -> dict:
    res: dict = {"n": n, "reps": reps, "build_reps": build_reps}
    with tempfile.TemporaryDirectory(prefix=f"banque-bench-{n}-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        n_exp, n_tools = generate(n, content, seed=0)
        res["outils"] = n_tools
        res["octets_contenu"] = dir_size(content)
        layout = build.Layout(ROOT, content, tmp / "gen")

        floor(content), do_validate(content)  # échauffement : caches, imports
        res["plancher"] = [timed(lambda: floor(content)) for _ in range(reps)]
        res["validation"] = [timed(lambda: do_validate(content)) for _ in range(reps)]
        res["generation"] = [timed(lambda: do_generate(layout)) for _ in range(max(1, reps // 2))]
        log(f"  {n} : plancher, validation, génération mesurés")

        out = tmp / "out"
        construire = [*BANQUE, "construire", "--contenu", str(content), "--sortie", str(out)]
        full = []
        for _ in range(build_reps):
            if out.exists():
                shutil.rmtree(out)
            full.append(run_measured(construire))
        res["complete"] = full
        log(f"  {n} : construction complète mesurée")

        mk = []
        for i in range(build_reps):
            site = tmp / f"mk-{i}"
            mk.append(run_measured([PY, "-c", _MKDOCS, str(ROOT / "mkdocs.yml"), str(layout.docs), str(site)]))
            shutil.rmtree(site, ignore_errors=True)
        res["mkdocs"] = mk
        log(f"  {n} : mkdocs seul mesuré")

        if zensical:
            project = zensical_project(layout.docs, tmp / "zensical")
            try:
                res["zensical"] = [run_measured([zensical, "build", "-f", "mkdocs.yml"], cwd=project)]
            except RuntimeError as exc:
                res["zensical_erreur"] = str(exc).splitlines()[-1][:200]
            shutil.rmtree(project, ignore_errors=True)
            log(f"  {n} : Zensical mesuré")

        res.update(output_stats(out / "site"))
        # The steps after mkdocs, alone, on the site just built: where the rest of the time goes.
        res["pagefind"] = [run_measured([PY, "-m", "pagefind", "--site", str(out / "site"),
                                         "--output-path", str(tmp / "pagefind-seul"), "--quiet"])]
        res["analyse"] = [timed(lambda: scan_site(out / "site"))]
        log(f"  {n} : Pagefind et analyse du HTML seuls mesurés")

        noop, one = [], []
        for i in range(build_reps):
            noop.append(run_measured(construire))
            touch_one_sheet(content, i)
            one.append(run_measured(construire))
        res["sans_changement"], res["une_fiche"] = noop, one
        log(f"  {n} : reconstructions mesurées")

        res["apercu"] = measure_preview(content, tmp, n, edits=3 if n <= 1000 else 2, log=log)
        log(f"  {n} : aperçu en direct mesuré")
    return res


# -- rapport -------------------------------------------------------------------------

def med(values: list[dict], key: str = "s") -> float:
    return statistics.median(v[key] for v in values)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_b(size: float) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} Mo"
    return f"{size / 1024:.1f} Ko"


def report(results: list[dict], elapsed: float) -> str:
    cols = [f"{r['n']} fiches" for r in results]
    lines = ["# Banc d'essai de la banque", ""]
    reps = ", ".join(f"{r['n']} → {r['reps']} / {r['build_reps']}" for r in results)
    lines.append(f"Médianes. Répétitions (mesures en mémoire / constructions) : {reps}. "
                 f"Python {sys.version.split()[0]}, {os.cpu_count()} cœurs. "
                 "Entre parenthèses : temps processeur (moins sensible à la charge de la machine).")
    lines.append("")
    lines.append("| Mesure | " + " | ".join(cols) + " |")
    lines.append("|---|" + "---:|" * len(cols))

    def row(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in results) + " |")

    def both(key):
        return lambda r: f"{fmt_s(med(r[key]))} ({fmt_s(med(r[key], 'cpu'))})"

    row("Outils générés", lambda r: str(r["outils"]))
    row("Taille du contenu", lambda r: fmt_b(r["octets_contenu"]))
    row("Plancher (lecture + YAML CSafeLoader)", both("plancher"))
    row("Validation (`banque valider`)", both("validation"))
    row("Validation / plancher", lambda r: f"{med(r['validation']) / med(r['plancher']):.2f} × "
        f"({med(r['validation'], 'cpu') / med(r['plancher'], 'cpu'):.2f} ×)")
    row("Génération (rendu dans docs)", both("generation"))
    row("Construction complète (`banque construire`)", both("complete"))
    row("Mémoire de pointe (construction)", lambda r: f"{max(m['mo'] for m in r['complete']):.0f} Mo")
    row("mkdocs seul (mêmes pages)", both("mkdocs"))
    row("Complète / mkdocs seul", lambda r: f"{med(r['complete']) / med(r['mkdocs']):.2f} × "
        f"({med(r['complete'], 'cpu') / med(r['mkdocs'], 'cpu'):.2f} ×)")
    if any("zensical" in r or "zensical_erreur" in r for r in results):
        row(f"Zensical {ZENSICAL_VERSION} seul (mêmes pages, sans les hooks)",
            lambda r: both("zensical")(r) if "zensical" in r else ("échec" if "zensical_erreur" in r else "—"))
    row("dont Pagefind seul (temps, mémoire)",
        lambda r: f"{fmt_s(med(r['pagefind']))} ({fmt_s(med(r['pagefind'], 'cpu'))}), {r['pagefind'][0]['mo']:.0f} Mo")
    row("dont analyse du HTML seule", both("analyse"))
    row("Reconstruction sans changement", both("sans_changement"))
    row("Reconstruction après une fiche modifiée", both("une_fiche"))
    row("Aperçu : démarrage (`banque servir --apercu`)", lambda r: fmt_s(r["apercu"]["demarrage"]))
    row("Aperçu : titre modifié → page servie à jour",
        lambda r: f"{fmt_s(statistics.median(r['apercu']['titre']))} (max {fmt_s(max(r['apercu']['titre']))})")
    row("Aperçu : titre modifié → liste du thème à jour",
        lambda r: f"{fmt_s(statistics.median(r['apercu']['listes']))} (max {fmt_s(max(r['apercu']['listes']))})")
    row("Aperçu : paragraphe ajouté → page servie à jour", lambda r: fmt_s(r["apercu"]["corps"]))
    row("Taille du site", lambda r: fmt_b(r["site"]))
    row("Pages HTML / pages d'expérience publiées", lambda r: f"{r['n_html']} / {r['n_pages']}")
    row("Page d'expérience (moyenne / max)", lambda r: f"{fmt_b(r['page'])} / {fmt_b(r['page_max'])}")
    row("Première recherche Pagefind (gzip)", lambda r: fmt_b(r["recherche"]))
    row("Plus grande page", lambda r: f"{fmt_b(r['page_html_max'][1])} (/{r['page_html_max'][0]})")
    row("Plus grande page de liste", lambda r: f"{fmt_b(r['liste_max'][1])} (/{r['liste_max'][0]})")
    for kind, label in (("accueil", "de l'accueil"), ("region", "d'une région (la plus lourde)"), ("couverture", "de la couverture")):
        row(f"Carte {label}, gzip", lambda r, kind=kind: fmt_b(r["cartes"][kind][1]) if kind in r["cartes"] else "—")
    lines.append("")
    if results:
        lines.append("Première recherche = " + " + ".join(results[-1]["recherche_fichiers"])
                     + " (plus gros bloc d'index, fragment médian ; tailles après gzip -9).")
        lines.append("")
    for r in results:
        if "zensical_erreur" in r:
            lines.append(f"Zensical à {r['n']} fiches : {r['zensical_erreur']}")
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
    lines += ["## Objectifs", "", f"Évalués sur la plus grande taille mesurée ({big['n']} fiches), "
              "sauf l'aperçu (à 1000 fiches).", "",
              "| Objectif | Mesure | Statut |", "|---|---:|---|"]
    ratio_v = med(big["validation"]) / med(big["plancher"])
    ratio_c = med(big["complete"]) / med(big["mkdocs"])
    peak = max(m["mo"] for r in results for m in r["complete"])
    page = max(r["page"] for r in results)
    search = max(r["recherche"] for r in results)
    lines.append(f"| Validation ≤ 2 × plancher | {ratio_v:.2f} × | {status(ratio_v <= 2)} |")
    lines.append(f"| Construction complète ≤ 1,2 × mkdocs seul | {ratio_c:.2f} × | {status(ratio_c <= 1.2)} |")
    lines.append(f"| Mémoire de pointe ≤ 600 Mo | {peak:.0f} Mo | {status(peak <= 600)} |")
    if growth:
        g = max(growth.values())
        lines.append(f"| Croissance 1000 → 5000 ≤ 5,5 × | validation {growth['validation']:.2f} ×, "
                     f"complète {growth['complete']:.2f} × | {status(g <= 5.5)} |")
    else:
        lines.append("| Croissance 1000 → 5000 ≤ 5,5 × | non mesurée (--quick) | — |")
    if 1000 in by_n:
        preview = max(by_n[1000]["apercu"]["titre"] + [by_n[1000]["apercu"]["corps"]])
        lines.append(f"| Aperçu à 1000 fiches : modification visible ≤ 2 s | {fmt_s(preview)} (pire cas) | "
                     f"{status(preview <= 2)} |")
    lines.append(f"| Page d'expérience ≤ 60 Ko (moyenne) | {fmt_b(page)} | {status(page <= 60 * 1024)} |")
    lines.append(f"| Première recherche ≤ 300 Ko gzip | {fmt_b(search)} | {status(search <= 300 * 1024)} |")
    lst = big["liste_max"]
    lines.append(f"| Page de liste ≤ 150 Ko | {fmt_b(lst[1])} (/{lst[0]}) | {status(lst[1] <= LIST_LIMIT)} |")
    heaviest = max((size for r in results for _, size in r["cartes"].values()), default=0)
    lines.append(f"| Carte ≤ 40 Ko gzip de plus sur sa page | {fmt_b(heaviest)} (la plus lourde) | "
                 f"{status(heaviest <= MAP_LIMIT)} |")
    lines.append("")
    lines.append(f"Durée totale du banc d'essai : {elapsed:.0f} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Banc d'essai de la banque (tailles 100, 1000, 5000).")
    parser.add_argument("--quick", action="store_true", help="tailles 100 et 1000 seulement (moins de 3 minutes)")
    parser.add_argument("--repetitions", type=int, default=None,
                        help="répétitions des constructions (par défaut 3 pour 100 fiches, "
                             "2 pour 1000 (1 en --quick), 1 pour 5000)")
    parser.add_argument("--tailles", type=int, nargs="*", default=None, help="tailles à mesurer")
    parser.add_argument("--zensical", default=shutil.which("zensical"),
                        help=f"exécutable zensical à comparer (facultatif ; testé avec zensical=={ZENSICAL_VERSION}, "
                             "installé à part : python -m venv /tmp/z && /tmp/z/bin/pip install "
                             f"zensical=={ZENSICAL_VERSION})")
    parser.add_argument("--json", type=Path, default=None, help="écrire aussi les mesures brutes dans ce fichier")
    args = parser.parse_args(argv)
    sizes = args.tailles or ([100, 1000] if args.quick else [100, 1000, 5000])
    start = time.perf_counter()
    results = []
    for n in sizes:
        # Les mesures en mémoire sont courtes : au moins 3 répétitions. Les constructions
        # coûtent cher : moins de répétitions aux grandes tailles, pour que `make bench`
        # tienne en 15 minutes et `make bench-quick` en 3 minutes sur 2 cœurs.
        reps = 5 if n <= 1000 else 3
        default = 3 if n < 1000 else ((1 if args.quick else 2) if n == 1000 else 1)
        build_reps = args.repetitions or default
        print(f"Mesure de {n} fiches ({build_reps} construction(s))…", file=sys.stderr, flush=True)
        results.append(bench_size(n, reps, build_reps, args.zensical,
                                  lambda msg: print(msg, file=sys.stderr, flush=True)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(report(results, time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
