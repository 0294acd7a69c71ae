"""mkdocs hooks of the live preview: `banque servir` regenerates the pages
from content/ within mkdocs' own rebuild loop.

`banque servir` passes its LivePreview (site/live.py) to mkdocs in the
settings' `extra`, under KEY: mkdocs gives its keyword arguments to every
config it loads, at each rebuild, so every hook call finds the same object,
with its session. Without it (mkdocs build or serve, banque construire),
these hooks do nothing. This module calls the object; it imports no build code.
"""

from __future__ import annotations

from typing import Any, Protocol

KEY = "banque_servir"


class Served(Protocol):
    """What the hooks ask of `banque servir`'s object (site/live.py)."""

    def configure(self, config: Any) -> None: ...

    def watch(self, server: Any, config: Any) -> None: ...

    def before_build(self, config: Any) -> None: ...

    def after_build(self, config: Any) -> None: ...


def served(config) -> Served | None:
    return config.extra.get(KEY)


def on_config(config):
    if (live := served(config)) is not None:
        live.configure(config)
    return config


def on_serve(server, config, builder):
    if (live := served(config)) is not None:
        live.watch(server, config)
    return server


def on_pre_build(config):
    if (live := served(config)) is not None:
        live.before_build(config)


def on_post_build(config):
    if (live := served(config)) is not None:
        live.after_build(config)
