"""mkdocs hooks: live preview of content/, sanitising of sheet bodies and the
Content-Security-Policy of every page (csp.py).

`banque servir` sets BANQUE_SERVE so that mkdocs' own rebuild loop also
regenerates build/docs from content/ when a sheet changes.
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

from banque.paths import VOCABULARIES
from banque.site import csp, incremental, sanitize
from banque.site.build import Layout, generate


def _served_layout(config) -> Layout:
    """The folders `banque servir` was given (--contenu, --sortie), passed through the environment."""
    content, build = os.environ.get("BANQUE_CONTENU"), os.environ.get("BANQUE_CONSTRUCTION")
    return Layout.default(Path(config.config_file_path).parent,
                          Path(content) if content else None, Path(build) if build else None)


def on_serve(server, config, builder):
    # A change in a sheet or a vocabulary triggers mkdocs' rebuild, whose
    # on_pre_build regenerates the Markdown pages.
    for folder in (_served_layout(config).content, VOCABULARIES):
        if folder.exists():
            server.watch(str(folder))
    if os.environ.get("BANQUE_SERVE"):
        # build/docs is ours, written by on_pre_build: watching it too would
        # start a second, empty rebuild after each one (and poll 1,000 more files).
        try:
            server.unwatch(config.docs_dir)
        except KeyError:
            pass
        # on_post_build touches this file to ask for the rebuild of the pages it held back.
        relaunch = _relaunch_file(config)
        relaunch.touch()
        server.watch(str(relaunch))
    return server


def _relaunch_file(config) -> Path:
    return _served_layout(config).build / ".apercu-relance"


def on_config(config):
    # `banque servir --apercu` shows the committee banner on every page.
    if os.environ.get("BANQUE_APERCU") == "1":
        config.extra["banque_apercu"] = True
    return config


def on_pre_build(config):
    if os.environ.get("BANQUE_SERVE"):
        # One session for the server's life: an edit re-checks one sheet and
        # re-renders the pages it changes, and `serve --dirty` rebuilds only those.
        layout = _served_layout(config)
        preview = os.environ.get("BANQUE_APERCU") == "1"
        session = incremental.session(layout.content, layout.docs, preview)
        if generate(layout, preview=preview, session=session):
            session.drop_removed_pages(Path(config.site_dir), config.use_directory_urls)


def on_post_build(config):
    if os.environ.get("BANQUE_SERVE"):
        layout = _served_layout(config)
        session = incremental.session(layout.content, layout.docs, os.environ.get("BANQUE_APERCU") == "1")
        if session.release(layout.docs):
            _relaunch_file(config).write_text(str(time.time()), encoding="utf-8")


def on_page_content(html, page, config, files):
    # Sheet bodies come from anyone: only the allowlisted HTML survives.
    if page.file.src_uri.startswith(("experiences/", "outils/")) and page.file.src_uri != "outils/index.md":
        return sanitize.clean(html)
    return html


def on_page_context(context, page, config, nav):
    # Material prints these two into <meta content="…"> without escaping them:
    # a summary with a quote would otherwise open a new attribute (onmouseover…).
    for key in ("description", "author"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key], quote=True)
    return context


# `mkdocs serve` adds its own inline live-reload script to every page it
# serves: the policy would block it, so the local preview goes without. This
# module is reloaded at each rebuild, on_startup runs once: hence the
# environment (a serving process does nothing else).
_SERVING = "BANQUE_APERCU_SANS_CSP"


def on_startup(command, dirty):
    if command == "serve":
        os.environ[_SERVING] = "1"


def _serving() -> bool:
    return bool(os.environ.get(_SERVING) or os.environ.get("BANQUE_SERVE"))


def on_post_page(output, page, config):
    # Every page gets its Content-Security-Policy, computed from its final HTML.
    return output if _serving() else csp.add_policy(output)


def on_post_template(output_content, template_name, config):
    # Static templates (404.html) are pages too; sitemap.xml has no <head>.
    if _serving() or not template_name.endswith(".html"):
        return output_content
    return csp.add_policy(output_content)
