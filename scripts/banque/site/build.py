"""`banque construire`: the orchestrator, read top to bottom.

1. validate all of content/ (stop with the French report on any problem);
2. render Markdown pages into build/docs (only changed files are rewritten);
3. run a strict mkdocs build into a temporary folder;
4. index it with Pagefind, and meanwhile
5. scan every page of the new site for anything that could run code (html_scan);
6. replace build/site with the new site in one rename.

A failure at any step leaves the previous build/site untouched and says
which step failed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from banque.committee import dashboard
from banque.paths import PROJECT
from banque.sheets import report
from banque.sheets.check import collect, validate
from banque.sheets.yaml_strict import load_data_file
from banque.site import explorer, html_scan, incremental, render


class BuildError(Exception):
    """A build step failed; the message is French and names the step."""

    def __init__(self, step: str, detail: str):
        super().__init__(f"Échec à l'étape « {step} » : {detail}")
        self.step = step


@dataclass
class Layout:
    root: Path  # the project (mkdocs.yml, content/)
    content: Path
    build: Path

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @property
    def site(self) -> Path:
        return self.build / "site"

    @classmethod
    def default(cls, root: Path | None = None, content: Path | None = None, build: Path | None = None) -> "Layout":
        root = root or PROJECT
        return cls(root, content or root / "content", build or root / "build")


def mkdocs_settings(root: Path) -> dict:
    return load_data_file((root / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")


def source_date_epoch(root: Path) -> str:
    """The last commit's time: two builds of one commit are byte-identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        if out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return "1420675200"  # 2015-01-08, the pioneers' meeting: fixed when there is no git


SHALLOW_CLONE = (
    "Construction refusée : ce dépôt est un clone superficiel (git clone --depth …), "
    "son historique git est incomplet. La date de construction est lue dans git : "
    "sans tout l'historique, deux constructions du même contenu ne seraient plus garanties identiques.\n"
    "  → Récupérez tout l'historique (« git fetch --unshallow » ; en CI, « fetch-depth: 0 »), "
    "ou fixez vous-même la date de construction avec la variable SOURCE_DATE_EPOCH."
)


def shallow_clone(root: Path) -> bool:
    """True in a shallow git clone; False in a full clone or outside git."""
    try:
        out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True, text=True)
    except OSError:
        return False
    return out.returncode == 0 and out.stdout.strip() == "true"


def generate(layout: Layout, preview: bool = False, log=print, session=None) -> bool:
    """Steps 1 and 2: validate, then render into build/docs. False if invalid.

    `session` (incremental.Session, live preview) reuses the previous call's
    work: only changed sheets are checked again, only changed pages rendered."""
    cache = session.validation if session is not None else None
    bank, problems = validate([layout.content], layout.content, cache=cache)
    if any(p.severity == "erreur" for p in problems):
        log(report.as_text(problems, len(collect([layout.content]))))
        return False
    cfg = render.SiteConfig.from_mkdocs(mkdocs_settings(layout.root), apercu=preview)
    # The committee's dashboard is a page of the preview only (it names drafts).
    board = None
    if preview:
        added_on = session.added_on(dashboard.first_commit_date) if session is not None else dashboard.first_commit_date
        board = dashboard.gather(layout.content, dt.date.today(), added_on, checked=(bank, problems))
    memo = session.memo if session is not None else None
    if memo is not None:
        memo.start()
    files = render.render_all(bank.visible(preview), cfg, board, memo=memo)
    hold: set[str] = set()
    if session is not None:
        memo.finish()
        hold = session.generated(files)
    written, removed = render.write_changed(files, layout.docs, hold)
    log(f"Pages générées : {len(files)} fichiers ({written} réécrits, {removed} supprimés).")
    return True


def generate_apart(layout: Layout, preview: bool = False, log=print) -> bool:
    """`generate` in a child process, where one is forked cheaply (Linux).

    The whole bank and the text of every page are then given back to the system
    before mkdocs starts: a build's peak memory is the larger of the two steps,
    not their sum (about 450 + 310 MB at 5,000 sheets)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return generate(layout, preview, log)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_generate_child, args=(layout, preview, send))
    child.start()
    send.close()
    ok, failure = False, "la génération s'est arrêtée sans réponse"
    try:
        while True:
            kind, value = receive.recv()
            if kind == "log":
                log(value)
            else:
                ok, failure = (value, "") if kind == "ok" else (False, value)
                break
    except EOFError:
        pass
    child.join()
    if failure:
        raise RuntimeError(failure)
    return ok


def _generate_child(layout: Layout, preview: bool, send) -> None:
    try:
        ok = generate(layout, preview, lambda *parts: send.send(("log", " ".join(map(str, parts)))))
        send.send(("ok", ok))
    except BaseException:  # reported in the parent, which raises it
        import traceback

        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


def mkdocs_build(layout: Layout, site_dir: Path, preview: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    # mkdocs logs the warnings that make a strict build fail; keep them for the message.
    warnings: list[str] = []
    handler = _Collect(warnings)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(
            str(layout.root / "mkdocs.yml"),
            docs_dir=str(layout.docs),
            site_dir=str(site_dir),
            strict=True,
        )
        config.extra["banque_apercu"] = preview
        build(config)
    except (Abort, MkDocsException, SystemExit) as exc:
        detail = "\n".join(["", *(f"  - {w}" for w in warnings)]) if warnings else str(exc)
        raise BuildError("mkdocs build --strict", detail) from exc
    finally:
        logger.removeHandler(handler)


# mkdocs' warnings are English: the ones sheets can cause are rewritten in French.
_MKDOCS_WARNINGS = [
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target '[^']*' is not found"),
     "la page « {page} » contient un lien « {link} » vers une page qui n'existe pas : corrigez le lien dans la fiche"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not contain an anchor '#?(?P<anchor>[^']+)'"),
     "la page « {page} » contient un lien « {link} » vers une ancre « {anchor} » qui n'existe pas"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor on this page"),
     "la page « {page} » contient un lien « {link} » vers une ancre qui n'existe pas sur cette page"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link to '(?P<link>[^']+)' which is not found"),
     "la page « {page} » contient un lien « {link} » vers une page qui n'existe pas"),
]


def _french(message: str) -> str:
    for pattern, template in _MKDOCS_WARNINGS:
        match = pattern.search(message)
        if match:
            return template.format(**match.groupdict())
    return message


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]):
        super().__init__(level=logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(_french(record.getMessage()))


def index_and_check(site_dir: Path, base_path: str) -> None:
    """Pagefind's index and the HTML scan side by side: Pagefind runs in its own
    process, on the other core, while this one scans the pages.

    Pagefind only adds files under pagefind/. The search page loads one of them
    (pagefind-ui.js): if the scan flags anything while Pagefind may still have
    been writing, the whole site is scanned again once Pagefind has finished."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        pagefind = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
                                    stdout=output, stderr=subprocess.STDOUT, text=True)
        try:
            findings = html_scan.scan_site(site_dir, base_path)
        finally:
            pagefind.wait()
        if pagefind.returncode != 0:
            output.seek(0)
            raise BuildError("index de recherche (Pagefind)", output.read().strip())
    if findings:
        html_check(site_dir, base_path)


def html_check(site_dir: Path, base_path: str) -> None:
    findings = html_scan.scan_site(site_dir, base_path)
    if findings:
        raise BuildError("analyse du HTML", "\n" + html_scan.report(findings))


def swap(new_site: Path, site: Path) -> None:
    """Put the new site in place: the old one moves aside only once the new one is complete."""
    old = site.with_name(site.name + ".ancien")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new_site.rename(site)
    if old.exists():
        shutil.rmtree(old)


def construire(layout: Layout, preview: bool = False, log=print, force: bool = False) -> int:
    start = time.perf_counter()
    if not os.environ.get("SOURCE_DATE_EPOCH") and shallow_clone(layout.root):
        log(SHALLOW_CLONE)
        return 1
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(layout.root)
    if not generate_apart(layout, preview, log):
        log("Le site n'a pas été reconstruit : le site précédent reste en place.")
        return 1
    # Same pages, settings, code and packages as the site in place: nothing to rebuild.
    digest = incremental.fingerprint(layout.docs, layout.root, preview)
    if not force and incremental.up_to_date(layout.build, layout.site, digest):
        log(f"Rien n'a changé depuis la dernière construction : {layout.site} est à jour "
            f"({time.perf_counter() - start:.1f} s ; « banque construire --forcer » reconstruit quand même).")
        return 0
    layout.build.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=layout.build))
    try:
        mkdocs_build(layout, tmp, preview)
        index_and_check(tmp, urlsplit(mkdocs_settings(layout.root).get("site_url") or "/").path)
        explorer.search_map(tmp)  # the explorer's words: Pagefind page → sheet
        incremental.forget(layout.build)
        swap(tmp, layout.site)
        incremental.remember(layout.build, layout.site, digest)
    except BuildError as exc:
        log(str(exc))
        log("Le site précédent reste en place.")
        return 1
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"Site construit dans {layout.site} en {time.perf_counter() - start:.1f} s.")
    return 0
