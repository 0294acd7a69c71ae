"""The booklet's HTML → a tagged PDF, by WeasyPrint, offline.

WeasyPrint needs Pango from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0) and the DejaVu fonts; without them its import raises
OSError, turned here into a French problem that says what to install.

Nothing is fetched but the booklet's own files: the URL fetcher refuses any
address that is not a file of the booklet's template folder (no network, no
other file of the machine), and says what it refused.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit
from urllib.request import url2pathname

from banque.sheets.problem import ProblemsError, problem
from banque.site.booklet.content import FOLDER, STYLESHEET

# The Debian packages WeasyPrint and the booklet's fonts need (README, .ci/run).
PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra"
# Tagged, with the PDF/UA-1 identification (structure tree, language, title shown).
VARIANT = "pdf/ua-1"


def engine() -> ModuleType:
    """The weasyprint module, or a French problem when the system lacks its libraries."""
    try:
        import weasyprint
    except OSError as exc:  # cffi could not open libpango / libgobject…
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ProblemsError([problem("recueil-bibliotheques-manquantes", detail=detail, paquets=PACKAGES)]) from None
    return weasyprint


def local_path(url: str, allowed: Path) -> Path | None:
    """The file `url` names if it is a file: URL inside `allowed`, else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    return path if path.is_relative_to(allowed.resolve()) and path.is_file() else None


def fetcher(weasyprint: ModuleType, allowed: Path):
    """A WeasyPrint URL fetcher that serves the files of `allowed` only; `.refused` lists the rest."""

    # mypy cannot name a class of a module passed as a value (weasyprint is loaded on demand).
    class LocalOnly(weasyprint.URLFetcher):  # type: ignore[name-defined]  # see the line above
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"})
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if local_path(url, allowed) is None:
                self.refused.append(url)
                raise ValueError(f"refused (the booklet fetches nothing): {url}")
            return super().fetch(url, headers)

    return LocalOnly()


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    refused: list[str] = field(default_factory=list)  # addresses the fetcher would not load
    warnings: list[str] = field(default_factory=list)  # WeasyPrint's own warnings (English, for developers)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(html: str) -> Rendered:
    """The PDF of `html`: tagged, bookmarked, its fonts embedded, its metadata from the <head>."""
    weasyprint = engine()
    fetch = fetcher(weasyprint, FOLDER)
    logger = logging.getLogger("weasyprint")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # WeasyPrint's warnings are gathered, not printed to the user
    try:
        document = weasyprint.HTML(string=html, base_url=FOLDER.as_uri() + "/", url_fetcher=fetch).render(
            stylesheets=[weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetch)])
        # The same booklet gives the same file identifier.
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = document.write_pdf(pdf_variant=VARIANT, pdf_tags=True, pdf_identifier=identifier)
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    return Rendered(pdf, len(document.pages), fetch.refused, collect.messages)
