"""Stage 4: render the validated bank into the files of the docs folder.

The pages (pages/) are rendered with the Markdown environment (templating),
next to the data files (exports, explorer, form). Only the files whose
content changed are written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2

from banque.paths import TEMPLATES
from banque.sheets.bank import Bank
from banque.sheets.problem import Problem
from banque.sheets.templating import environment
from banque.site import admin, explorer, exports, form_schema, open_data
from banque.site.pages import Page, pages
from banque.site.settings import SiteConfig

# Pages the site does not make itself, given as rendered Markdown (docs path →
# text): the committee's dashboard in the preview. Called with the whole bank
# (all statuses) and the validation's problems.
ExtraPages = Callable[[Bank, list[Problem]], dict[str, str]]


def render_page(env: jinja2.Environment, page: Page) -> str:
    return env.get_template(page.template).render(here=page.path, **page.context)


def render_all(bank: Bank, cfg: SiteConfig, extra: Mapping[str, str] | None = None, memo=None) -> dict[str, str | bytes]:
    """Every generated file of the docs folder: Markdown pages and data files.

    `extra`: pages rendered elsewhere, added as they are. `memo`
    (incremental.RenderMemo, live preview) skips pages whose context did not change."""
    env = environment(TEMPLATES)
    files: dict[str, str | bytes] = {}
    for page in pages(bank, cfg):
        files[page.path] = memo.render(env, page) if memo is not None else render_page(env, page)
    files.update(extra or {})
    files.update(exports.render(bank, cfg))
    files.update(open_data.render(bank, cfg))
    files[form_schema.TERRITORIES_FILE] = form_schema.territory_list()
    files.update(explorer.files(bank))
    files.update(admin.files(cfg))
    return files


def write_changed(files: dict[str, str | bytes], docs: Path, hold: frozenset[str] | set[str] = frozenset()) -> tuple[int, int]:
    """Write only files whose content changed, and remove files no longer generated.

    Unchanged files keep their mtime, so mkdocs' live reload and incremental
    tools see only real changes. Files in `hold` are left as they are for now
    (the live preview writes them one rebuild later). Returns (written, removed).
    """
    written = removed = 0
    docs.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        if rel in hold:
            continue
        target = docs / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    wanted = {docs / rel for rel in files}
    for existing in sorted(docs.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written, removed
