"""The hostile corpus: its cases, their expected outcomes, the site built from it.

Each case is a sheet (tests/site/hostile/experiences/, tests/site/hostile/outils/) with
its expected outcome next to it (`.attendu`, YAML):

- `resultat: refusee`: `problemes` lists the validation report, exactly;
- `resultat: publiee`: the sheet passes validation and is published
  sanitised: `absent` (never in the page's HTML, letter case ignored),
  `present` (still in the page's text), `html` (exact fragments of the page),
  `uniques` (ids found once in the page: the theme's own);
- `resultat: construction_refusee`: the sheet passes validation but
  `banque construire` fails at step `etape` with each of `messages`.

Build scenarios (masked referent, failed builds, shallow clone…) live in the
tests; README.md lists every case and where it is checked.
"""

from __future__ import annotations

import html as html_lib
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.navigateur import BuiltSite, _shared_build, build_site

HOSTILE = Path(__file__).resolve().parent
KINDS = ("experiences", "outils")
OUTCOMES = {"refusee", "publiee", "construction_refusee"}
# The sheet whose referent the personal-data scenarios mask, then remove.
REFERENT_SHEET = HOSTILE / "scenarios" / "experiences" / "essai-referent-a-masquer.md"


def cases() -> list[Path]:
    return sorted(p for kind in KINDS for p in (HOSTILE / kind).glob("*.md"))


def expected(sheet: Path) -> dict:
    return yaml.safe_load(sheet.with_suffix(".attendu").read_text(encoding="utf-8"))


def cases_with(outcome: str) -> list[Path]:
    return [p for p in cases() if expected(p)["resultat"] == outcome]


def case_id(sheet: Path) -> str:
    return f"{sheet.parent.name}/{sheet.stem}"


def page_of(site: Path, sheet: Path) -> Path:
    return site / sheet.parent.name / sheet.stem / "index.html"


def published_content(dest: Path) -> Path:
    """A bank made of every case that is published (sanitised)."""
    for kind in KINDS:
        (dest / kind).mkdir(parents=True, exist_ok=True)
    for sheet in cases_with("publiee"):
        shutil.copy2(sheet, dest / sheet.parent.name / sheet.name)
    return dest


class _Text(HTMLParser):
    """The text a reader sees in <body> (scripts and styles left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._body = True
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._body and not self._skip:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = _Text()
    parser.feed(page_html)
    return " ".join(" ".join(parser.parts).split())


def unescaped(text: str) -> str:
    return html_lib.unescape(text)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> BuiltSite:
    """The published hostile cases, built once per session (per xdist worker)."""
    return _shared_build("site-hostile", tmp_path_factory, lambda folder: build_site(
        published_content(folder / "content"), folder / "build"))
