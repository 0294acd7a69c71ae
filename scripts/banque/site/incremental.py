"""Live preview: after an edit, redo only the work the edit needs.

`banque servir` keeps one `Session` for the life of the server, in its
LivePreview (live.py). Before each rebuild, mkdocs calls the preview hook,
which asks the LivePreview to generate the pages again, and the session then:

- re-checks only the sheet files whose bytes changed (check.ValidationCache),
  then redoes the cheap checks across files (tool references, slugs);
- re-renders only the pages whose context changed (RenderMemo);
- writes only the files whose content changed (render.write_changed), so that
  `mkdocs serve --dirty` rebuilds only those pages: the edited sheet's own page
  first, then, one rebuild later, the pages that list it (Session.generated);
- removes from the served site the pages of sheets that disappeared, which a
  dirty build would otherwise keep serving.

Everything a page shows comes from its context, so comparing contexts is
enough to know whether a page changed: there is no dependency list to keep in
sync with the templates.

`banque construire` uses the fingerprint below: when nothing the site depends
on changed since the last build, the site in place is kept as it is.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import pickle
import sys
from pathlib import Path

import jinja2

from banque.paths import TEMPLATES
from banque.sheets.check import ValidationCache
from banque.sheets.yaml_strict import load_data_file
from banque.site.pages import Page
from banque.site.render import render_page, write_changed


def _templates_signature() -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in TEMPLATES.glob("*.j2")))


class RenderMemo:
    """Rendered pages kept with their context: a page is rendered again only
    when its context (pickled) or a template file changed."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[bytes, str]] = {}
        self._templates: tuple | None = None
        self._seen: set[str] = set()
        self.rendered = 0

    def start(self) -> None:
        signature = _templates_signature()
        if signature != self._templates:
            self._pages.clear()  # a template (or a macro it imports) changed
            self._templates = signature
        self._seen = set()
        self.rendered = 0

    def render(self, env: jinja2.Environment, page: Page) -> str:
        self._seen.add(page.path)
        try:
            key = pickle.dumps((page.template, page.context), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return render_page(env, page)  # an unusual context: simply render it
        hit = self._pages.get(page.path)
        if hit is not None and hit[0] == key:
            return hit[1]
        self.rendered += 1
        text = render_page(env, page)
        self._pages[page.path] = (key, text)
        return text

    def finish(self) -> None:
        for path in set(self._pages) - self._seen:
            del self._pages[path]


class Session:
    """What the live preview keeps between two rebuilds."""

    def __init__(self) -> None:
        self.validation = ValidationCache()
        self.memo = RenderMemo()
        self.files: dict[str, str | bytes] = {}  # the docs files of the last generation
        self.removed: set[str] = set()  # docs files the last generation dropped
        self.held: set[str] = set()  # changed docs files not written yet (see generated)

    def generated(self, files: dict[str, str | bytes]) -> set[str]:
        """Record a generation; return the changed files to hold back for one rebuild.

        When sheets were edited, their own pages go first: mkdocs rebuilds them
        alone, so the page the editor is looking at updates at once. The other
        pages the edit changed (lists of cards, which cost 100 ms each in
        Markdown at 1,000 sheets) are written after that rebuild (release) and
        built by the next one."""
        previous = self.files
        self.removed = set(previous) - set(files) if previous else set()
        self.files = files
        own_pages = {f"{c.sheet.kind}/{c.sheet.slug}.md" for c in self.validation.rechecked if c.sheet is not None}
        self.held = set()
        if previous and own_pages:
            changed = {rel for rel, content in files.items() if previous.get(rel) != content}
            if changed & own_pages:
                self.held = changed - own_pages
        return self.held

    def release(self, docs: Path) -> bool:
        """Write the files held back; True if there were any (another rebuild is needed)."""
        if not self.held:
            return False
        self.held = set()
        write_changed(self.files, docs)
        return True

    def drop_removed_pages(self, site_dir: Path, use_directory_urls: bool = True) -> int:
        """Delete the served pages of docs files the last generation removed."""
        dropped = 0
        for rel in self.removed:
            target = site_dir / _destination(rel, use_directory_urls)
            if target.is_file():
                target.unlink()
                dropped += 1
                if target.name == "index.html" and target.parent != site_dir and not any(target.parent.iterdir()):
                    target.parent.rmdir()
        self.removed = set()
        return dropped


def _destination(rel: str, use_directory_urls: bool) -> str:
    """Where mkdocs writes the page built from docs file `rel`."""
    from mkdocs.structure.files import File

    return File(rel, "", "", use_directory_urls).dest_uri


# -- `banque construire` with nothing to do ------------------------------------------

PACKAGE = Path(__file__).resolve().parents[1]  # the whole banque package: code, templates and theme
STAMP = ".empreinte-site.json"  # in the build folder, next to site/ (never published)


def fingerprint(docs: Path, root: Path, preview: bool, epoch: str) -> str:
    """A digest of everything the built site depends on: the generated pages, the
    mkdocs settings, our code, templates and theme, the installed packages'
    versions, Python's, and the build date (`epoch`). The same digest means the same site."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    for path in sorted(docs.rglob("*")):
        if path.is_file():
            add("docs/" + path.relative_to(docs).as_posix(), path.read_bytes())
    settings_file = root / "mkdocs.yml"
    add("mkdocs.yml", settings_file.read_bytes())
    # Our package (code, templates, theme), plus any theme folder or hook file
    # mkdocs.yml names elsewhere.
    sources = [PACKAGE, *_named_in_settings(settings_file)]
    for source in sources:
        for path in sorted(source.rglob("*")) if source.is_dir() else [source]:
            if path.is_file() and "__pycache__" not in path.parts:
                add(path.as_posix(), path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    add("versions", "\n".join(versions).encode("utf-8"))
    settings = [sys.version, epoch, str(preview)]
    add("settings", "\n".join(settings).encode("utf-8"))
    return digest.hexdigest()


def _named_in_settings(settings_file: Path) -> list[Path]:
    settings = load_data_file(settings_file.read_text(encoding="utf-8"), "mkdocs.yml")
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    named = [theme.get("custom_dir"), *(settings.get("hooks") or [])]
    found = [(settings_file.parent / str(p)).resolve() for p in named if p]
    return [p for p in found if p.exists() and not p.is_relative_to(PACKAGE)]


def _site_summary(site: Path) -> list[int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return [len(files), sum(p.stat().st_size for p in files)]


def up_to_date(build_dir: Path, site: Path, digest: str) -> bool:
    """True when `site` was built from `digest` and is still as it was written."""
    try:
        stamp = json.loads((build_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return site.is_dir() and stamp.get("empreinte") == digest and stamp.get("site") == _site_summary(site)


def forget(build_dir: Path) -> None:
    (build_dir / STAMP).unlink(missing_ok=True)


def remember(build_dir: Path, site: Path, digest: str) -> None:
    data = {"empreinte": digest, "site": _site_summary(site)}
    (build_dir / STAMP).write_text(json.dumps(data) + "\n", encoding="utf-8")
