"""The PDF engine: offline (the fetcher serves the booklet's own files only),
tagged with its fonts embedded, and a French message without Pango."""

from __future__ import annotations

import builtins
import io
import socket
import sys

import pytest
from pypdf import PdfReader

from banque.sheets.problem import ProblemsError
from banque.site.booklet import pdf
from banque.site.booklet.content import FOLDER, STYLESHEET

HOSTILE = """<!DOCTYPE html><html lang="fr"><head><title>Essai</title>
<link rel="stylesheet" href="https://example.org/style.css">
<link rel="stylesheet" href="file:///etc/passwd">
<style>@import url("http://example.org/import.css"); body { background: url("../../sheets/messages.yml"); }</style>
</head><body><h1>Essai</h1><p>Texte « court » : fin.</p>
<img src="https://example.org/pixel.png" alt="pixel"></body></html>"""


def test_local_path_accepts_the_booklet_s_own_files_only(tmp_path):
    assert pdf.local_path(STYLESHEET.as_uri(), FOLDER) == STYLESHEET.resolve()
    assert pdf.local_path((FOLDER / ".." / "a_propos.md.j2").as_uri(), FOLDER) is None
    assert pdf.local_path(FOLDER.as_uri() + "/../a_propos.md.j2", FOLDER) is None
    assert pdf.local_path("file:///etc/passwd", FOLDER) is None
    assert pdf.local_path("https://example.org/recueil.css", FOLDER) is None
    assert pdf.local_path("file://autre-machine" + STYLESHEET.as_posix(), FOLDER) is None
    assert pdf.local_path("data:text/css,body{}", FOLDER) is None
    assert pdf.local_path((FOLDER / "absent.css").as_uri(), FOLDER) is None


def test_nothing_remote_or_outside_the_folder_is_fetched(monkeypatch):
    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    rendered = pdf.render(HOSTILE)
    assert connections == []
    assert set(rendered.refused) >= {"https://example.org/style.css", "file:///etc/passwd",
                                     "http://example.org/import.css", "https://example.org/pixel.png"}
    assert any(url.endswith("sheets/messages.yml") for url in rendered.refused)
    assert all(pdf.local_path(url, FOLDER) is None for url in rendered.refused)
    assert rendered.pages == 1


def test_the_pdf_is_tagged_in_french_with_its_fonts_embedded():
    reader = PdfReader(io.BytesIO(pdf.render(HOSTILE).pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr" and bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()  # PDF/UA-1 identification
    assert reader.metadata.title == "Essai"
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]).get_object()
            fonts.append((str(font["/BaseFont"]), "/FontFile2" in descriptor or "/FontFile3" in descriptor))
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("DejaVu" in name for name, _ in fonts)


def test_without_pango_the_problem_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libgobject-2.0-0': libgobject-2.0-0: cannot open shared object file\n"
                          "Additionally, ctypes.util.find_library() did not manage to locate a library")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(ProblemsError) as caught:
        pdf.engine()
    (problem,) = caught.value.problems
    assert problem.code == "recueil-bibliotheques-manquantes"
    assert "libgobject-2.0-0" in problem.message and "Additionally" not in problem.message
    assert problem.hint.endswith("sudo apt-get install " + pdf.PACKAGES)


def test_the_same_document_gives_the_same_file():
    html = HOSTILE.replace("<title>", '<meta name="dcterms.created" content="2026-11-24"><title>')
    first, second = pdf.render(html).pdf, pdf.render(html).pdf
    assert first == second
    assert pdf.render(html.replace("court", "long")).pdf != first
