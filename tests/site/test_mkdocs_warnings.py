"""mkdocs' English warnings about broken links, rewritten in French from messages.yml."""

from __future__ import annotations

import logging

import pytest

from banque.site.mkdocs_warnings import Collect, french


@pytest.mark.parametrize(("english", "expected"), [
    ("Doc file 'experiences/a.md' contains a link '../b.md', but the target 'b.md' is not found among documentation files.",
     "la page « experiences/a.md » contient un lien « ../b.md » vers une page qui n'existe pas : corrigez le lien dans la fiche"),
    ("Doc file 'experiences/a.md' contains a link '../outils/index.md#x', but the doc 'outils/index.md' does not contain an anchor '#x'",
     "la page « experiences/a.md » contient un lien « ../outils/index.md#x » vers une ancre « x » qui n'existe pas"),
    ("Doc file 'experiences/a.md' contains a link '#absente', but there is no such anchor on this page.",
     "la page « experiences/a.md » contient un lien « #absente » vers une ancre qui n'existe pas sur cette page"),
    ("Doc file 'index.md' contains a link to 'nulle-part.md' which is not found in the documentation files.",
     "la page « index.md » contient un lien « nulle-part.md » vers une page qui n'existe pas"),
    ("Something mkdocs says that no sheet causes", "Something mkdocs says that no sheet causes"),
])
def test_each_known_warning_is_rewritten_and_others_kept(english: str, expected: str):
    assert french(english) == expected


def test_collect_keeps_warnings_in_french():
    sink: list[str] = []
    logger = logging.getLogger("test-mkdocs-warnings")
    handler = Collect(sink)
    logger.addHandler(handler)
    try:
        logger.info("ignored")
        logger.warning("Doc file 'a.md' contains a link to 'b.md' which is not found")
    finally:
        logger.removeHandler(handler)
    assert sink == ["la page « a.md » contient un lien « b.md » vers une page qui n'existe pas"]
