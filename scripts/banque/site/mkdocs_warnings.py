"""mkdocs' warnings, kept for the message of a failed strict build.

mkdocs' warnings are English: the ones sheets can cause are rewritten in French,
from the messages of sheets/messages.yml.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from banque.sheets.problem import problem

# mkdocs' English warning -> the code of its French message in messages.yml.
_WARNINGS = [
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<lien>[^']+)', but the target '[^']*' is not found"),
     "lien-interne-casse"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<lien>[^']+)', but the doc '[^']*' does not contain an anchor '#?(?P<ancre>[^']+)'"),
     "lien-ancre-absente"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<lien>[^']+)', but there is no such anchor on this page"),
     "lien-ancre-absente-ici"),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link to '(?P<lien>[^']+)' which is not found"),
     "lien-page-absente"),
]


def french(message: str) -> str:
    for pattern, code in _WARNINGS:
        match = pattern.search(message)
        if match:
            params: dict[str, Any] = match.groupdict()
            return problem(code, **params).message
    return message


class Collect(logging.Handler):
    """Collects the warnings of a build, in French, into `sink`."""

    def __init__(self, sink: list[str]):
        super().__init__(level=logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(french(record.getMessage()))
