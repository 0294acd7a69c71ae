"""`banque construire`: the orchestrator, read top to bottom.

1. validate all of content/ (stop with the French report on any problem);
2. render Markdown pages into build/docs (only changed files are rewritten);
3. run a strict mkdocs build into a temporary folder;
4. index it with Pagefind, and meanwhile
5. scan every page of the new site for anything that could run code (html_scan);
6. replace build/site with the new site (publishing.py: modes 755/644, the
   folder a link build/site points to, leftovers of killed builds).

A failure at any step leaves the previous build/site untouched and says
which step failed.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from banque.paths import PROJECT
from banque.sheets import report
from banque.sheets.check import validate
from banque.sheets.collect import collect
from banque.sheets.problem import ProblemsError, has_errors, problem
from banque.sheets.yaml_strict import load_data_file
from banque.site import explorer, html_scan, incremental, placeholders, publishing, render
from banque.site.build_date import build_date, build_day, shallow_clone, source_date_epoch
from banque.site.mkdocs_warnings import Collect
from banque.site.render import ExtraPages
from banque.site.settings import SiteConfig


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
    def default(cls, root: Path | None = None, content: Path | None = None, build: Path | None = None) -> Layout:
        root = root or PROJECT
        return cls(root, content or root / "content", build or root / "build")


def step_failed(step: str, detail: str) -> ProblemsError:
    """A build step failed: one problem, its French message names the step."""
    return ProblemsError([problem("construction-echec", etape=step, detail=detail)])


def mkdocs_settings(root: Path) -> dict:
    return load_data_file((root / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")


def generate(layout: Layout, preview: bool = False, log=print, session: incremental.Session | None = None,
             extra_pages: ExtraPages | None = None) -> bool:
    """Steps 1 and 2: validate, then render into build/docs. False if invalid.

    `session` (incremental.Session, live preview) reuses the previous call's
    work: only changed sheets are checked again, only changed pages rendered.
    `extra_pages` adds pages the site does not make (the committee's dashboard
    in the preview: the caller chooses)."""
    cache = session.validation if session is not None else None
    bank, problems = validate([layout.content], layout.content, cache=cache)
    if has_errors(problems):
        log(report.as_text(problems, len(collect([layout.content]))))
        return False
    cfg = SiteConfig.from_mkdocs(mkdocs_settings(layout.root), apercu=preview, build_day=build_day(source_date_epoch(layout.root)))
    extra = extra_pages(bank, problems) if extra_pages is not None else None
    memo = session.memo if session is not None else None
    if memo is not None:
        memo.start()
    files = render.render_all(bank.visible(preview), cfg, extra, memo=memo)
    hold: set[str] = set()
    if session is not None:
        session.memo.finish()
        hold = session.generated(files)
    written, removed = render.write_changed(files, layout.docs, hold)
    log(f"Pages générées : {len(files)} fichiers ({written} réécrits, {removed} supprimés).")
    return True


def generate_apart(layout: Layout, preview: bool = False, log=print, extra_pages: ExtraPages | None = None) -> bool:
    """`generate` in a child process, where one is forked cheaply (Linux).

    The whole bank and the text of every page are then given back to the system
    before mkdocs starts: a build's peak memory is the larger of the two steps,
    not their sum (about 450 + 310 MB at 5,000 sheets)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return generate(layout, preview, log, extra_pages=extra_pages)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_generate_child, args=(layout, preview, extra_pages, send))
    child.start()
    send.close()
    ok, failure = False, "la génération s'est arrêtée sans réponse"
    try:
        while True:
            kind, value = receive.recv()
            if kind == "log":
                log(value)
            elif kind == "failed":  # a French message: the child could not write build/docs
                log(value)
                ok, failure = False, ""
                break
            else:
                ok, failure = (value, "") if kind == "ok" else (False, value)
                break
    except EOFError:
        pass
    child.join()
    if failure:
        raise RuntimeError(failure)
    return ok


def _generate_child(layout: Layout, preview: bool, extra_pages: ExtraPages | None, send) -> None:
    try:
        ok = generate(layout, preview, lambda *parts: send.send(("log", " ".join(map(str, parts)))), extra_pages=extra_pages)
        send.send(("ok", ok))
    except OSError as exc:
        send.send(("failed", said(write_failed(exc, layout.docs))))
    except BaseException:  # reported in the parent, which raises it
        import traceback

        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


def mkdocs_build(layout: Layout, site_dir: Path, preview: bool, epoch: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    # mkdocs logs the warnings that make a strict build fail; keep them for the message.
    warnings: list[str] = []
    handler = Collect(warnings)
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
        with build_date(epoch):
            build(config)
    except (Abort, MkDocsException, SystemExit, RecursionError) as exc:
        # RecursionError: a page nested too deep for Python-Markdown (the validator
        # refuses such bodies; mkdocs logs the page's name, kept in `warnings`).
        detail = "\n".join(["", *(f"  - {w}" for w in warnings)]) if warnings else str(exc)
        raise step_failed("mkdocs build --strict", detail) from exc
    finally:
        logger.removeHandler(handler)


def index_and_check(site_dir: Path, base_path: str, epoch: str | None = None) -> None:
    """Pagefind's index and the HTML scan side by side: Pagefind runs in its own
    process, on the other core, while this one scans the pages.

    Pagefind only adds files under pagefind/. The search page loads one of them
    (pagefind-ui.js): if the scan flags anything while Pagefind may still have
    been writing, the whole site is scanned again once Pagefind has finished."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch} if epoch else None
        pagefind = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
                                    stdout=output, stderr=subprocess.STDOUT, text=True, env=env)
        try:
            findings = html_scan.scan_site(site_dir, base_path)
        finally:
            pagefind.wait()
        if pagefind.returncode != 0:
            output.seek(0)
            raise step_failed("index de recherche (Pagefind)", output.read().strip())
    if findings:
        html_check(site_dir, base_path)


def html_check(site_dir: Path, base_path: str) -> None:
    findings = html_scan.scan_site(site_dir, base_path)
    if findings:
        raise step_failed("analyse du HTML", "\n" + html_scan.report(findings))


def said(exc: ProblemsError) -> str:
    """The messages of a build's problems, each with its hint."""
    return "\n".join(p.message + (f"\n  → {p.hint}" if p.hint else "") for p in exc.problems)


def write_failed(exc: OSError, folder: Path) -> ProblemsError:
    """A system error while writing (disk full, read-only, immutable…), in French."""
    return ProblemsError([problem("construction-ecriture", dossier=str(folder), raison=publishing.reason(exc),
                                  fichier=exc.filename or folder)])


def placeholders_checked(layout: Layout, deploy: bool, log=print) -> bool:
    """Warn about each setting still at its example value; False if deploying then."""
    found = placeholders.placeholders(mkdocs_settings(layout.root))
    for p in found:
        log(f"Attention : {p.path} : {p.message}\n  → {p.hint}")
    if found and deploy:
        refused = placeholders.refusal(found)
        log(f"{refused.message}\n  → {refused.hint}")
        return False
    return True


def construire(layout: Layout, preview: bool = False, log=print, force: bool = False,
               extra_pages: ExtraPages | None = None, deploy: bool = False) -> int:
    """Build and publish the site; 0 when build/site is up to date, 1 on failure, 130 on Ctrl-C.
    `deploy` (--publication, the Pages workflow): refuse while a setting is an example value."""
    try:
        return _construire(layout, preview, log, force, extra_pages, deploy)
    except KeyboardInterrupt:
        # The temporary folder is gone (publish's `finally`), the swap holds Ctrl-C.
        log(problem("construction-interrompue").message)
        return 130
    except OSError as exc:  # writing build/docs in this process (no fork)
        log(said(write_failed(exc, layout.build)))
        log("Le site n'a pas été reconstruit : le site précédent reste en place.")
        return 1


def _construire(layout: Layout, preview: bool, log, force: bool, extra_pages: ExtraPages | None, deploy: bool) -> int:
    start = time.perf_counter()
    if not placeholders_checked(layout, deploy, log):
        return 1
    if not os.environ.get("SOURCE_DATE_EPOCH") and shallow_clone(layout.root):
        refused = problem("construction-clone-superficiel")
        log(f"{refused.message}\n  → {refused.hint}")
        return 1
    epoch = source_date_epoch(layout.root)
    if not generate_apart(layout, preview, log, extra_pages):
        log("Le site n'a pas été reconstruit : le site précédent reste en place.")
        return 1
    # Same pages, settings, code and packages as the site in place: nothing to rebuild.
    digest = incremental.fingerprint(layout.docs, layout.root, preview, epoch)
    if not force and incremental.up_to_date(layout.build, layout.site, digest):
        log(f"Rien n'a changé depuis la dernière construction : {layout.site} est à jour "
            f"({time.perf_counter() - start:.1f} s ; « banque construire --forcer » reconstruit quand même).")
        return 0
    if not publish(layout, preview, epoch, digest, log):
        return 1
    log(f"Site construit dans {layout.site} en {time.perf_counter() - start:.1f} s.")
    return 0


def publish(layout: Layout, preview: bool, epoch: str, digest: str, log=print) -> bool:
    """Steps 3 to 6: build the site aside, index and check it, then swap it in.

    When build/site is a symbolic link, the folder it points to is replaced
    and the link kept (see publishing.py)."""
    dest = publishing.destination(layout.site)
    tmp: Path | None = None
    try:
        for beside in dict.fromkeys((dest, layout.site)):  # beside the link too: left there before it was made
            publishing.clean_leftovers(beside)
        tmp = publishing.new_folder(dest)
        mkdocs_build(layout, tmp, preview, epoch)
        index_and_check(tmp, urlsplit(mkdocs_settings(layout.root).get("site_url") or "/").path, epoch)
        explorer.search_map(tmp)  # the explorer's words: Pagefind page → sheet
        publishing.normal_modes(tmp)
        incremental.forget(layout.build)
        publishing.swap(tmp, dest)
        incremental.remember(layout.build, layout.site, digest)
    except (ProblemsError, OSError) as exc:
        log(said(write_failed(exc, dest.parent) if isinstance(exc, OSError) else exc))
        log("Le site précédent reste en place.")
        return False
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return True
