"""mkdocs hooks: live preview of content/ and sanitising of sheet bodies.

`banque servir` sets BANQUE_SERVE so that mkdocs' own rebuild loop also
regenerates build/docs from content/ when a sheet changes.
"""

from __future__ import annotations

import os
from pathlib import Path

from banque import sanitize
from banque.build import Layout, generate
from banque.paths import VOCABULARIES


def on_serve(server, config, builder):
    root = Path(config.config_file_path).parent
    # A change in a sheet or a vocabulary triggers mkdocs' rebuild, whose
    # on_pre_build regenerates the Markdown pages.
    for folder in (root / "content", VOCABULARIES):
        if folder.exists():
            server.watch(str(folder))
    return server


def on_config(config):
    # `banque servir --apercu` shows the committee banner on every page.
    if os.environ.get("BANQUE_APERCU") == "1":
        config.extra["banque_apercu"] = True
    return config


def on_pre_build(config):
    if os.environ.get("BANQUE_SERVE"):
        root = Path(config.config_file_path).parent
        generate(Layout.default(root), preview=os.environ.get("BANQUE_APERCU") == "1")


def on_page_content(html, page, config, files):
    # Sheet bodies come from anyone: only the allowlisted HTML survives.
    if page.file.src_uri.startswith(("experiences/", "outils/")) and page.file.src_uri != "outils/index.md":
        return sanitize.clean(html)
    return html
