"""The jinja2 environment that writes Markdown pages, with its filters.

StrictUndefined, so a missing value is a crash in our tests rather than a
blank on the site. Every printed value is escaped for Markdown (see
markdown_text), as HTML templates autoescape. The committee renders its
preview page and report with the same environment, from its own template folder:
it lives with the sheets so that both wings can write Markdown without
depending on each other.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml

from banque.sheets.markdown_text import Raw, attr, escape, text_in_html, url
from banque.sheets.policy import policy


@functools.lru_cache(maxsize=8)  # compiled templates are kept; auto_reload sees edits
def environment(folder: Path, finalize: Callable[[object], str] = escape) -> jinja2.Environment:
    """`finalize` escapes every printed value (Markdown autoescape: see markdown_text)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["attr"] = attr
    env.filters["texte"] = text_in_html
    env.filters["url"] = url
    env.filters["raw"] = Raw
    env.filters["date_fr"] = date_fr
    env.filters["front_matter"] = front_matter
    env.filters["rel"] = relative
    env.globals["regles"] = policy().for_templates()
    return env


def relative(target: str, here: str) -> Raw:
    """A docs-relative link from page `here` to `target` (mkdocs validates it)."""
    return _relative(target, posixpath.dirname(here) or ".")


@functools.lru_cache(maxsize=65536)  # relpath asks the OS for the working directory each time
def _relative(target: str, folder: str) -> Raw:
    return url(posixpath.relpath(target, folder))


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def date_fr(value: dt.date | None) -> str:
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def front_matter(data: dict) -> Raw:
    """YAML front matter for a generated page (mkdocs reads title, description…)."""
    return Raw(yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000).strip())
