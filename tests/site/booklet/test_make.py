"""`banque recueil` end to end, read back with pypdf: the real bank's booklet
and Grand Est's, their pages, bookmarks, contents, running headers, metadata
and fonts; and the French problems when nothing can be written."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from banque.sheets.check import validate
from banque.sheets.problem import ProblemsError
from banque.site.booklet import content, make
from banque.site.booklet.selection import parse, select
from tests.conftest import EDITORIAL
from tests.navigateur import CONTENT, ROOT

EPOCH = "1795478400"  # 2026-11-24, the date the cover must show
PARTS = ["Introduction", "Sommaire", "Les expériences", "Annexe : répertoire des outils"]


@dataclass
class Built:
    reader: PdfReader
    held: content.Booklet
    size: int
    pages: int


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def text(page) -> str:
    """A page's text in reading order (layout mode: the running headers first), spaces flattened."""
    return flat(page.extract_text(extraction_mode="layout"))


@pytest.fixture(scope="module")
def booklets(tmp_path_factory) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("recueil")
    built = {}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for name, options in (("tout", {}), ("44", {"region": ["44"]})):
            target = folder / f"{name}.pdf"
            held, rendered = make.make(ROOT, CONTENT, parse(options), target)
            assert rendered.refused == [] and rendered.warnings == []
            built[name] = Built(PdfReader(target), held, target.stat().st_size, rendered.pages)
    return built


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, flat(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


def published():
    bank, _ = validate([CONTENT], CONTENT)
    return bank.visible()


@pytest.mark.parametrize("name", ["tout", "44"])
def test_bookmarks_are_the_parts_then_each_sheet_on_its_own_pages(booklets, name):
    built = booklets[name]
    marks = outline(built.reader)
    assert [title for level, title, _ in marks if level == 1] == PARTS
    sheets = [(title, page) for level, title, page in marks
              if level == 2 and page < dict((t, p) for lvl, t, p in marks if lvl == 1)[PARTS[3]]]
    assert [flat(t) for t, _ in sheets] == [flat(s.model.titre) for s in built.held.experiences]
    starts = [page for _, page in sheets]
    assert starts == sorted(set(starts))  # each sheet starts a new page
    assert built.pages == len(built.reader.pages)
    assert starts[0] == dict((t, p) for lvl, t, p in marks if lvl == 1)["Les expériences"] + 1


def test_the_selection_holds_the_sheets_the_explorer_shows(booklets):
    held = booklets["44"].held
    assert [s.slug for s in held.experiences] == [s.slug for s in select(published(), parse({"region": ["44"]}))]
    assert held.experiences and all("44" in s.regions for s in held.experiences)
    assert len(booklets["44"].reader.pages) < len(booklets["tout"].reader.pages)


@pytest.mark.parametrize("name", ["tout", "44"])
def test_the_contents_give_the_page_where_each_sheet_starts(booklets, name):
    built = booklets[name]
    marks = outline(built.reader)
    toc_page = next(page for level, title, page in marks if title == "Sommaire")
    toc = text(built.reader.pages[toc_page - 1])
    annex = next(page for _, title, page in marks if title == PARTS[3])
    for level, title, page in marks:
        if title == "Sommaire" or (level == 2 and page >= annex):
            continue  # the contents list the parts and the sheets
        found = re.search(re.escape(flat(title)) + r" ?\.* ?(\d+)", toc)
        assert found, f"« {title} » absent du sommaire"
        assert int(found[1]) == page, title
        start = text(built.reader.pages[page - 1])
        assert flat(title)[:40] in start


@pytest.mark.parametrize("name", ["tout", "44"])
def test_running_headers_and_page_numbers(booklets, name):
    built = booklets[name]
    total = len(built.reader.pages)
    cover = text(built.reader.pages[0])
    assert f"/ {total}" not in cover  # the cover has neither header nor number
    for number, page in enumerate(built.reader.pages[1:], start=2):
        assert f"{number} / {total}" in text(page)
    marks = outline(built.reader)
    annex = next(page for _, title, page in marks if title == PARTS[3])
    starts = [page for level, _, page in marks if level == 2 and page < annex] + [annex]
    for sheet, start, end in zip(built.held.experiences, starts[:-1], starts[1:], strict=True):
        # Every page of the sheet names its part and the sheet at its top.
        for number in range(start, end):
            assert text(built.reader.pages[number - 1]).startswith("Les expériences " + flat(sheet.model.titre)[:25])


def test_the_cover_and_the_metadata(booklets):
    day = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()
    for name, built in booklets.items():
        cover = text(built.reader.pages[0])
        assert "Recueil des expériences" in cover and "Situation au 24 novembre 2026" in cover
        assert f"{len(built.held.experiences)} expériences" in cover
        meta = built.reader.metadata
        assert meta.author == content.AUTHOR and meta.title.startswith("Recueil des expériences")
        assert meta.creation_date.date() == day and meta.modification_date.date() == day
        assert built.reader.trailer["/Root"]["/Lang"] == "fr"
        assert ("Région : Grand Est" in flat(cover)) == (name == "44")
        assert ("Grand Est" in meta.title) == (name == "44")
        print(f"recueil {name} : {len(built.reader.pages)} pages, {built.size / 1024:.0f} Ko")


def test_fonts_are_embedded(booklets):
    for built in booklets.values():
        for page in built.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
                assert "DejaVu" in font["/BaseFont"]


def test_an_empty_selection_or_an_invalid_bank_writes_nothing(tmp_path):
    target = tmp_path / "recueil.pdf"
    with pytest.raises(ProblemsError) as caught:
        make.make(ROOT, CONTENT, parse({"region": ["94"]}), target)
    assert [p.code for p in caught.value.problems] == ["recueil-selection-vide"]
    assert "Région\u00a0: Corse" in caught.value.problems[0].message
    invalid = tmp_path / "content"
    shutil.copytree(EDITORIAL / "banque", invalid)
    with pytest.raises(ProblemsError) as caught:
        make.make(ROOT, invalid, parse({}), target)
    assert caught.value.problems and all(p.path for p in caught.value.problems)
    assert not target.exists()


def test_a_failed_write_is_a_french_problem_and_leaves_no_file(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        make.write(b"%PDF", blocker / "recueil.pdf")
    (problem,) = caught.value.problems
    assert problem.code == "recueil-ecriture" and str(blocker / "recueil.pdf") in problem.message
    target = tmp_path / "sortie" / "recueil.pdf"
    make.write(b"%PDF-1.7", target)
    assert target.read_bytes() == b"%PDF-1.7" and [p.name for p in target.parent.iterdir()] == ["recueil.pdf"]


def test_the_situation_date_is_the_last_commit_s(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert make.situation_date(Path(ROOT)) == dt.date(2026, 11, 24)
