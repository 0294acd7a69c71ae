"""Recherche : Pagefind comparé à la recherche intégrée de Material.

    python bench/recherche_comparaison.py [--requetes tests/site/recherche/requetes.yml]

Le site est construit deux fois à partir des mêmes pages générées (content/
complété des fiches fictives de tests/site/fixtures, comme le test
d'acceptation) :

1. tel quel, avec Pagefind (`banque construire`) ;
2. avec la recherche de Material activée : une configuration temporaire hérite
   de mkdocs.yml (`INHERIT`) et ajoute `plugins: [search: {lang: fr}]`, puis
   `mkdocs build -f <config> -d <dossier>` sur le même dossier docs.

Chaque requête du jeu est tapée dans Chromium, dans les deux moteurs :
Pagefind sur la page /recherche/, Material dans le champ de recherche de
l'en-tête. On calcule le rappel (fiches attendues trouvées) et les octets
transférés jusqu'au premier résultat, dans un contexte de navigateur neuf
(cache vide) : somme des corps de réponse, et la même somme compressée avec
gzip (http.server ne compresse pas ; un hébergeur le fait), sauf pour les
fichiers que gzip n'allège pas (l'index de Pagefind est déjà compressé).
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.navigateur import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    CONTENT,
    EPOCH,
    SEARCH_QUERIES,
    Server,
    content_with_fixtures,
    load_queries,
    page_path,
    pagefind_search,
    run_build,
)

MATERIAL_READY = "Taper pour démarrer la recherche"
MATERIAL_DONE = r"/^(Aucun document trouvé|1 document trouvé|\d+ documents trouvés)/"
PAGEFIND_DONE = r"/^(\d+ résultats? pour|Pas de résultat)/"


# -- building ------------------------------------------------------------------

def timed_build(content: Path, build: Path) -> float:
    start = time.perf_counter()
    result = run_build(content, build)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"La construction a échoué :\n{result.stdout}\n{result.stderr}")
    return elapsed


def material_build(docs: Path, dest: Path, work: Path) -> float:
    """The same generated pages, built with Material's search plugin instead of Pagefind."""
    config = work / "mkdocs-recherche-material.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        # Relative paths resolve from this file: point them back at the repository.
        f"docs_dir: {docs}\n"
        "theme:\n"
        f"  custom_dir: {ROOT / 'scripts' / 'banque' / 'site' / 'theme'}\n"
        "hooks:\n"
        f"  - {ROOT / 'scripts' / 'banque' / 'site' / 'hooks' / 'preview.py'}\n"
        f"  - {ROOT / 'scripts' / 'banque' / 'site' / 'hooks' / 'security.py'}\n"
        "plugins:\n"
        "  - search:\n"
        "      lang: fr\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(dest)],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"La construction avec la recherche de Material a échoué :\n{result.stdout}\n{result.stderr}")
    return elapsed


# -- searching -------------------------------------------------------------------

def material_search(page, server: Server, query: str, timeout: float = 15_000) -> list[str]:
    """Type `query` in Material's header search; every result page a reader can reach, in order."""
    page.goto(server.url())
    page.wait_for_function(
        f"() => ((document.querySelector('.md-search-result__meta') || {{}}).textContent || '').trim() === '{MATERIAL_READY}'",
        timeout=timeout)
    box = page.locator(".md-search__input")
    box.click()
    # Material searches on key events: type the last character for real.
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(
        f"() => {MATERIAL_DONE}.test(document.querySelector('.md-search-result__meta').textContent.trim())",
        timeout=timeout)
    items = page.locator(".md-search-result__list > li.md-search-result__item")
    # Results are rendered as the list scrolls: scroll until no more appear.
    shown, stable = -1, 0
    while stable < 2:
        count = items.count()
        stable = stable + 1 if count == shown else 0
        shown = count
        page.evaluate("() => { const li = document.querySelector('.md-search-result__list > li:last-child'); if (li) li.scrollIntoView(); }")
        page.wait_for_timeout(250)
    hrefs = items.evaluate_all("els => els.map(li => li.querySelector('a.md-search-result__link').href)")
    pages: list[str] = []
    for href in hrefs:
        rel = page_path(href)
        if rel not in pages:
            pages.append(rel)
    return pages


@dataclass
class Payload:
    """What a cold browser downloads until the first result shows."""

    raw: int = 0
    gzipped: int = 0
    engine_raw: int = 0
    engine_gzipped: int = 0
    requests: int = 0
    ms: float = 0.0
    files: list[tuple[str, int]] = field(default_factory=list)


def _engine_file(url: str) -> bool:
    return any(part in url for part in ("/pagefind/", "recherche.js", "search_index.json", "/workers/search", "/lunr/"))


def first_result_payload(browser, server: Server, engine: str, query: str) -> Payload:
    context = browser.new_context(locale="fr-FR")
    responses = []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    try:
        start = time.perf_counter()
        if engine == "pagefind":
            page.goto(server.url("recherche/"))
            page.locator(".pagefind-ui__search-input").fill(query)
            page.wait_for_function(
                f"""() => {PAGEFIND_DONE}.test((document.querySelector('.pagefind-ui__message') || {{}}).textContent || '')
                       && (/^Pas de/.test(document.querySelector('.pagefind-ui__message').textContent)
                           || document.querySelector('.pagefind-ui__result-title .pagefind-ui__result-link'))""")
        else:
            page.goto(server.url())
            page.wait_for_function(
                f"() => ((document.querySelector('.md-search-result__meta') || {{}}).textContent || '').trim() === '{MATERIAL_READY}'")
            box = page.locator(".md-search__input")
            box.click()
            box.fill(query[:-1])
            box.press(query[-1])
            page.wait_for_function(
                f"() => {MATERIAL_DONE}.test(document.querySelector('.md-search-result__meta').textContent.trim())")
        elapsed = (time.perf_counter() - start) * 1000
        done = list(responses)  # later responses (more results) do not count
        payload = Payload(ms=elapsed)
        for response in done:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                body = b""
            # A host compresses text; Pagefind's index files are compressed already.
            packed = min(len(body), len(gzip.compress(body, compresslevel=6))) if body else 0
            payload.raw += len(body)
            payload.gzipped += packed
            payload.requests += 1
            if _engine_file(response.url):
                payload.engine_raw += len(body)
                payload.engine_gzipped += packed
            payload.files.append((page_path(response.url) or "(page d'accueil)", len(body)))
        return payload
    finally:
        context.close()


# -- report ------------------------------------------------------------------------

def octets(n: int) -> str:
    return f"{n:,} octets".replace(",", "\u202f")


def kib(n: float) -> str:
    return f"{n / 1024:,.1f} Kio".replace(",", " ").replace(".", ",")


def recall(found: list[str], expected: list[str]) -> tuple[int, int]:
    return sum(1 for e in expected if e in found), len(expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requetes", type=Path, default=SEARCH_QUERIES, help="jeu de requêtes (YAML)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(f"Chromium est introuvable ({CHROMIUM}) : installez le paquet « chromium ».")
    queries = load_queries(args.requetes)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="banque-recherche-") as tmp:
        work = Path(tmp)
        real_time = timed_build(CONTENT, work / "reel")
        content = content_with_fixtures(work / "contenu")
        pagefind_time = timed_build(content, work / "pagefind")
        material_time = material_build(work / "pagefind" / "docs", work / "material", work)
        pf_site, mat_site = work / "pagefind" / "site", work / "material"

        laveo = work / "reel" / "site" / "experiences" / "laveo-structures-insertion" / "index.html"
        laveo_bytes = laveo.read_bytes()
        pf_index = sum(p.stat().st_size for p in (pf_site / "pagefind").rglob("*") if p.is_file())
        mat_index = (mat_site / "search" / "search_index.json").read_bytes()
        n_exp = len(list((work / "reel" / "site" / "experiences").iterdir()))

        print("Recherche : Pagefind comparé à la recherche intégrée de Material")
        print("=" * 66)
        print(f"Construction du vrai contenu ({n_exp} expériences publiées) : {real_time:.1f} s (banque construire, Pagefind compris)")
        print(f"Construction pour la comparaison (contenu + fiches d'essai) : Pagefind {pagefind_time:.1f} s ; "
              f"Material (mkdocs build seul, mêmes pages) {material_time:.1f} s")
        print(f"Page d'une fiche (Lavéo, HTML) : {octets(len(laveo_bytes))}, {octets(len(gzip.compress(laveo_bytes, 6)))} compressée")
        print(f"Index sur le disque : Pagefind {kib(pf_index)} (dossier pagefind/, déjà compressé, chargé par morceaux) ; "
              f"Material {kib(len(mat_index))} (search_index.json, chargé en entier, {kib(len(gzip.compress(mat_index, 6)))} compressé)")
        print()

        rows = []
        with Server(pf_site) as pf_server, Server(mat_site) as mat_server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(locale="fr-FR")
                page = context.new_page()
                for q in queries:
                    pf_found = pagefind_search(page, pf_server, q["requete"])
                    mat_found = material_search(page, mat_server, q["requete"])
                    pf_cost = first_result_payload(browser, pf_server, "pagefind", q["requete"])
                    mat_cost = first_result_payload(browser, mat_server, "material", q["requete"])
                    rows.append((q, pf_found, mat_found, pf_cost, mat_cost))
                context.close()
            finally:
                browser.close()

        header = f"{'Requête':<18} {'Cas':<17} {'Pagefind':>9} {'Material':>9}   {'Octets 1er résultat (gzip) Pagefind':>36}   {'Material':>18}"
        print(header)
        print("-" * len(header))
        totals = {"pagefind": [0, 0], "material": [0, 0]}
        by_case: dict[str, dict[str, list[int]]] = {}
        for q, pf_found, mat_found, pf_cost, mat_cost in rows:
            pf_ok, n = recall(pf_found, q["attendues"])
            mat_ok, _ = recall(mat_found, q["attendues"])
            for engine, ok in (("pagefind", pf_ok), ("material", mat_ok)):
                totals[engine][0] += ok
                totals[engine][1] += n
                case = by_case.setdefault(q["cas"], {"pagefind": [0, 0], "material": [0, 0]})
                case[engine][0] += ok
                case[engine][1] += n
            print(f"{q['requete']:<18} {q['cas']:<17} {f'{pf_ok}/{n}':>9} {f'{mat_ok}/{n}':>9}   "
                  f"{kib(pf_cost.raw) + ' (' + kib(pf_cost.gzipped) + ')':>36}   "
                  f"{kib(mat_cost.raw) + ' (' + kib(mat_cost.gzipped) + ')':>18}")
        print("-" * len(header))

        def pct(ok_n: list[int]) -> str:
            ok, n = ok_n
            return f"{ok}/{n} ({100 * ok / n:.0f} %)" if n else "—"

        print(f"Rappel total : Pagefind {pct(totals['pagefind'])} ; Material {pct(totals['material'])}")
        for case, engines in by_case.items():
            print(f"  {case:<17} Pagefind {pct(engines['pagefind']):>14}   Material {pct(engines['material']):>14}")
        print()
        missed = [(q["requete"], [e for e in q["attendues"] if e not in pf]) for q, pf, _, _, _ in rows]
        missed = [(r, m) for r, m in missed if m]
        print("Fiches manquées par Pagefind : " + ("aucune" if not missed else "; ".join(f"{r} → {', '.join(m)}" for r, m in missed)))
        mat_missed = [(q["requete"], [e for e in q["attendues"] if e not in mat]) for q, _, mat, _, _ in rows]
        mat_missed = [(r, m) for r, m in mat_missed if m]
        print("Fiches manquées par Material : " + ("aucune" if not mat_missed else "; ".join(f"{r} → {', '.join(m)}" for r, m in mat_missed)))
        print()

        q, _, _, pf_cost, mat_cost = rows[0]
        print(f"Détail pour « {q['requete']} », navigateur au cache vide, jusqu'au premier résultat affiché :")
        for name, cost in (("Pagefind", pf_cost), ("Material", mat_cost)):
            print(f"  {name} : {cost.requests} requêtes, {kib(cost.raw)} ({kib(cost.gzipped)} compressé), "
                  f"dont moteur de recherche {kib(cost.engine_raw)} ({kib(cost.engine_gzipped)} compressé), {cost.ms:.0f} ms")
            for path, size in sorted(cost.files, key=lambda f: -f[1])[:8]:
                print(f"      {size:>9,} o  {path}".replace(",", "\u202f"))
        mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
        print()
        print(f"Moyenne sur les {len(rows)} requêtes, jusqu'au premier résultat : "
              f"Pagefind {kib(mean([r[3].raw for r in rows]))} ({kib(mean([r[3].gzipped for r in rows]))} compressé), "
              f"{mean([r[3].ms for r in rows]):.0f} ms ; "
              f"Material {kib(mean([r[4].raw for r in rows]))} ({kib(mean([r[4].gzipped for r in rows]))} compressé), "
              f"{mean([r[4].ms for r in rows]):.0f} ms")
        print("Les octets comptent les corps de réponse (sans en-têtes HTTP), page et feuilles de style comprises ; "
              "« moteur » = fichiers propres à la recherche.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
