"""`banque servir`: the live preview, one object for the server's life.

The LivePreview holds what `banque servir` was given (folders, mode, extra
pages) and the incremental session. It is passed to mkdocs' serve() in the
settings' `extra` (hooks/preview.py), and mkdocs' hooks call its methods
before and after each rebuild: no environment variable, no global registry.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from banque.paths import VOCABULARIES
from banque.site import incremental, mkdocs_console
from banque.site.build import Layout, generate, mkdocs_settings
from banque.site.hooks.preview import KEY
from banque.site.render import ExtraPages


@dataclass
class LivePreview:
    layout: Layout
    preview: bool = False  # the committee's preview: drafts, banner on every page
    extra_pages: ExtraPages | None = None
    session: incremental.Session = field(default_factory=incremental.Session)

    @property
    def relaunch(self) -> Path:
        """after_build touches this file to ask for the rebuild of the pages it held back."""
        return self.layout.build / ".apercu-relance"

    def generate(self) -> bool:
        return generate(self.layout, preview=self.preview, session=self.session, extra_pages=self.extra_pages)

    # -- called by the hooks (hooks/preview.py) ------------------------------------------

    def configure(self, config) -> None:
        # mkdocs replaced the settings' `extra` by the one serve() was given: put
        # back the file's own (read again: it may have changed), and the banner flag.
        for key, value in (mkdocs_settings(self.layout.root).get("extra") or {}).items():
            config.extra[key] = value
        config.extra["banque_apercu"] = self.preview

    def watch(self, server, config) -> None:
        # A change in a sheet or a vocabulary triggers mkdocs' rebuild, whose
        # before_build regenerates the Markdown pages.
        for folder in (self.layout.content, VOCABULARIES):
            if folder.exists():
                server.watch(str(folder))
        # build/docs is ours, written by before_build: watching it too would
        # start a second, empty rebuild after each one (and poll 1,000 more files).
        try:
            server.unwatch(config.docs_dir)
        except KeyError:
            pass
        self.relaunch.touch()
        server.watch(str(self.relaunch))

    def before_build(self, config) -> None:
        # An edit re-checks one sheet and re-renders the pages it changes, and
        # `serve --dirty` rebuilds only those.
        if self.generate():
            self.session.drop_removed_pages(Path(config.site_dir), config.use_directory_urls)

    def after_build(self, config) -> None:
        if self.session.release(self.layout.docs):
            self.relaunch.write_text(str(time.time()), encoding="utf-8")

    # -- the server --------------------------------------------------------------------------

    def serve(self, address: str, complete: bool = False) -> int:
        """Generate the pages, then serve them until interrupted; 1 if content/ is invalid."""
        if not self.generate():
            return 1
        from mkdocs.commands.serve import serve

        logger = logging.getLogger("mkdocs")
        console = mkdocs_console.install(logger)  # mkdocs' console log, in French
        _quiet_mkdocs(complete)
        try:
            serve(config_file=str(self.layout.root / "mkdocs.yml"), dev_addr=address, livereload=True,
                  build_type=None if complete else "dirty", docs_dir=str(self.layout.docs), extra={KEY: self})
        finally:
            logger.removeHandler(console)
        return 0


def _quiet_mkdocs(complete: bool) -> None:
    if not complete:
        # mkdocs' warning about dirty builds is meant for hand-written sites:
        # here only the pages whose Markdown changed need rebuilding (incremental.py).
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: "'dirty' build" not in record.getMessage())
    # Sheet pages are not in the menu on purpose: mkdocs would list them all at each rebuild.
    logging.getLogger("mkdocs.structure.nav").addFilter(
        lambda record: 'not included in the "nav"' not in record.getMessage())
