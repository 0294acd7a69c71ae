"""mkdocs' console log during `banque servir`, in French or silent (site/mkdocs_console.py)."""

from __future__ import annotations

import io
import logging

from banque.site import mkdocs_console

NBSP = "\u00a0"


def said(message: str, level: int = logging.INFO) -> str:
    record = logging.LogRecord("mkdocs.livereload", level, __file__, 1, message, None, None)
    return mkdocs_console.translate(record)


def test_the_lines_a_person_needs_are_french():
    assert said("Building documentation...") == "Construction du site…"
    assert said("Documentation built in 5.11 seconds") == f"Site construit en 5,11{NBSP}s."
    assert said("[15:01:11] Serving on http://127.0.0.1:8000/banque-experiences/") == (
        f"Aperçu en direct{NBSP}: http://127.0.0.1:8000/banque-experiences/ (Ctrl+C pour l'arrêter)")
    assert said("[15:01:22] Detected file changes") == f"Modification détectée{NBSP}: le site se reconstruit."
    assert said('[15:01:22] "GET /banque-experiences/nope/ HTTP/1.1" code 404', logging.WARNING) == (
        f"Page introuvable{NBSP}: /banque-experiences/nope/")


def test_other_information_is_silent_and_unknown_warnings_still_show():
    assert said("[15:01:11] Watching paths for changes: 'mkdocs.yml', 'content'") == ""
    assert said("[15:01:23] Reloading browsers") == ""
    assert said("Browser connected: http://127.0.0.1:8000/") == ""
    # The live server sends « / » on to the site's address: logged as a warning, said nowhere.
    assert said('[17:50:41] "GET / HTTP/1.1" code 302', logging.WARNING) == ""
    unknown = said("Something new went wrong", logging.WARNING)
    assert unknown.startswith("Avertissement de mkdocs") and unknown.endswith("Something new went wrong")


def test_install_replaces_mkdocs_console_handler():
    logger = logging.getLogger("mkdocs.essai-console")
    english = logging.StreamHandler(io.StringIO())
    logger.addHandler(english)
    out = io.StringIO()
    handler = mkdocs_console.install(logger, out)
    try:
        assert english not in logger.handlers
        logger.info("Building documentation...")
        logger.info("Reloading browsers")
        assert out.getvalue() == "Construction du site…\n"
        assert english.stream.getvalue() == ""
    finally:
        logger.removeHandler(handler)
