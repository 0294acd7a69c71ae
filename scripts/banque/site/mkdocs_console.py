"""What `banque servir` (make serve) shows of mkdocs' log: French, or nothing.

mkdocs writes its console log in English (« Building documentation... »,
« Serving on … »). The handler below takes the place of mkdocs' own: the lines
a person needs are said in French, the others (« Watching paths », « Reloading
browsers »…) are silent. A warning or error mkdocs says in words not listed
here is still shown, after a French lead, rather than hidden.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

from banque.site.mkdocs_warnings import french

NBSP = "\u00a0"
# mkdocs' English line → its French line ("" = silent); groups are kept by name.
LINES = [
    (re.compile(r"^Building documentation\.\.\.$"), "Construction du site…"),
    (re.compile(r"^Documentation built in (?P<s>[\d.]+) seconds$"), "Site construit en {s}" + NBSP + "s."),
    (re.compile(r"^Serving on (?P<url>\S+)"), "Aperçu en direct" + NBSP + ": {url} (Ctrl+C pour l'arrêter)"),
    (re.compile(r"^Detected file changes$"), "Modification détectée" + NBSP + ": le site se reconstruit."),
    (re.compile(r'^"(?:GET|HEAD) (?P<path>\S+) HTTP/[\d.]+" code 404$'), "Page introuvable" + NBSP + ": {path}"),
    # The server sends « / » on to the site's address (site_url's path): expected, so silent.
    (re.compile(r'^"(?:GET|HEAD) \S+ HTTP/[\d.]+" code 30[12378]$'), ""),
    (re.compile(r"^An error happened during the rebuild"),
     "La reconstruction a échoué" + NBSP + ": corrigez l'erreur ci-dessus, l'aperçu reprendra seul."),
    (re.compile(r"^Shutting down\.\.\.$"), "Arrêt de l'aperçu."),
]


_CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")  # the live server stamps its lines with the time


def translate(record: logging.LogRecord) -> str:
    """The French line for one of mkdocs' records, or "" to say nothing."""
    message = _CLOCK.sub("", record.getMessage())
    for pattern, line in LINES:
        match = pattern.search(message)
        if match:
            found = match.groupdict()
            if "s" in found:
                found["s"] = found["s"].replace(".", ",")  # a French decimal comma
            return line.format(**found)
    if record.levelno < logging.WARNING:
        return ""  # mkdocs' other information lines: silent
    said = french(message)
    lead = "Erreur de mkdocs" if record.levelno >= logging.ERROR else "Avertissement de mkdocs"
    return said if said != message else f"{lead} (message d'origine, en anglais){NBSP}: {message}"


class FrenchConsole(logging.Handler):
    """Writes mkdocs' records to the console in French (see translate)."""

    def __init__(self, stream: TextIO | None = None):
        super().__init__(level=logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        line = translate(record)
        if line:
            print(line, file=self.stream or sys.stderr, flush=True)


def install(logger: logging.Logger, stream: TextIO | None = None) -> FrenchConsole:
    """Replaces the logger's console handlers by the French one; returns it (to remove it)."""
    for handler in list(logger.handlers):
        if isinstance(handler, logging.StreamHandler):
            logger.removeHandler(handler)
    handler = FrenchConsole(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler
