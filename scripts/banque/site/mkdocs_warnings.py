"""mkdocs' warnings, kept for the message of a failed strict build.

mkdocs' warnings are English: the ones sheets can cause are rewritten in French.
"""

from __future__ import annotations

import logging
import re

_WARNINGS = [
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target '[^']*' is not found"),
     "la page « {page} » contient un lien « {link} » vers une page qui n'existe pas : corrigez le lien dans la fiche"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not contain an anchor '#?(?P<anchor>[^']+)'"),
     "la page « {page} » contient un lien « {link} » vers une ancre « {anchor} » qui n'existe pas"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor on this page"),
     "la page « {page} » contient un lien « {link} » vers une ancre qui n'existe pas sur cette page"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link to '(?P<link>[^']+)' which is not found"),
     "la page « {page} » contient un lien « {link} » vers une page qui n'existe pas"),
]


def french(message: str) -> str:
    for pattern, template in _WARNINGS:
        match = pattern.search(message)
        if match:
            return template.format(**match.groupdict())
    return message


class Collect(logging.Handler):
    """Collects the warnings of a build, in French, into `sink`."""

    def __init__(self, sink: list[str]):
        super().__init__(level=logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(french(record.getMessage()))
