"""Stage 1: read a sheet file and split it into front matter and body.

mkdocs would swallow a broken front matter and publish the raw text, so we do
it ourselves, strictly: bytes are checked, the front matter must be closed, and
the YAML goes through the strict reader with line numbers kept.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from banque.sheets import yaml_strict
from banque.sheets.problem import Problem, problem

MAX_BYTES = 200_000
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
SCHEMA_FILES = {"experiences": "experience.schema.json", "outils": "outil.schema.json"}


@dataclass
class RawSheet:
    path: Path
    display: str  # the path as shown in messages, relative to the project
    kind: str  # "experiences" or "outils"
    data: dict[str, Any]
    body: str
    body_line: int  # file line where the body starts
    source_text: str = field(repr=False, default="")

    @cached_property
    def lines(self) -> dict[tuple, int]:
        """YAML path -> line in the file (1-based).

        Read again from the front matter the first time a line is asked for:
        only sheets with a problem need it, and keeping a map of every value's
        line for every sheet would cost more memory than the sheets themselves."""
        split = split_front_matter(self.source_text, self.display)
        if isinstance(split, Problem):
            return {}
        doc, _ = yaml_strict.parse(split[0], first=2)
        return doc.lines if doc is not None else {}

    def line_of(self, loc: tuple) -> int:
        """The line of a YAML path, or of its closest existing parent."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return 2


def kind_of(path: Path) -> str | None:
    parent = path.parent.name
    return parent if parent in SCHEMA_FILES else None


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM is what some Windows editors add: harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        return None, [problem("fichier-non-utf8", display, line, "fichier", octet=byte, position=exc.start)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_front_matter(text: str, display: str) -> tuple[str, str, int] | Problem:
    """(front matter, body, file line where the body starts) of a sheet's text,
    or the Problem of a missing or unclosed « --- » (reported under `display`)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return problem("en-tete-absent", display, 1, "fichier")
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return problem("en-tete-non-ferme", display, 1, "fichier")


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NON_BLOCK = getattr(os, "O_NONBLOCK", 0)  # a named pipe opens at once instead of waiting for a writer
_NATURES = ((stat.S_ISDIR, "dossier"), (stat.S_ISFIFO, "tube nommé"), (stat.S_ISCHR, "périphérique"),
            (stat.S_ISBLK, "périphérique"), (stat.S_ISSOCK, "prise réseau"))


def _nature(mode: int) -> str:
    return next((name for test, name in _NATURES if test(mode)), "fichier spécial")


def read(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a sheet file, or None and why (not a sheet, or too large).

    Only a regular file is read, never through a symbolic link (it could point
    out of the repository, to /dev/zero or to a named pipe), and never more than
    MAX_BYTES + 1 bytes: what `stat` says is not trusted for the amount read."""
    if kind_of(path) is None:
        return None, [problem("fichier-hors-dossier", display, 1, "fichier")]
    if path.suffix != ".md":
        return None, [problem("fichier-extension", display, 1, "fichier", extension=path.suffix,
                              attendu=path.stem + ".md")]
    if path.is_symlink():
        return None, [problem("fichier-lien-symbolique", display, 1, "fichier")]
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since the test above
            return None, [problem("fichier-lien-symbolique", display, 1, "fichier")]
        return None, [problem("fichier-illisible", display, 1, "fichier", detail=exc.strerror or str(exc))]
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return None, [problem("fichier-pas-ordinaire", display, 1, "fichier", nom=path.name, nature=_nature(info.st_mode))]
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            return None, [problem("fichier-illisible", display, 1, "fichier", detail=exc.strerror or str(exc))]
    if len(data) > MAX_BYTES:
        return None, [problem("fichier-trop-volumineux", display, 1, "fichier",
                              taille=max(info.st_size, len(data)) / 1_000_000, maximum=MAX_BYTES // 1000)]
    return data, []


def load(path: Path, display: str | None = None) -> tuple[RawSheet | None, list[Problem]]:
    """Read one sheet. Returns (sheet, []) or (None, problems)."""
    display = display or str(path)
    data, problems = read(path, display)
    if data is None:
        return None, problems
    return parse(path, display, data)


def parse(path: Path, display: str, data: bytes) -> tuple[RawSheet | None, list[Problem]]:
    """A sheet from the bytes of its file (see `read`)."""
    kind = kind_of(path)
    assert kind is not None
    text, problems = _decode(data, display)
    if text is None:
        return None, problems
    split = split_front_matter(text, display)
    if isinstance(split, Problem):
        return None, [split]
    front, body, body_line = split
    # YAML lines are counted from the line after the opening "---".
    doc, issues = yaml_strict.parse(front, first=2, lines=False)
    problems += [replace(i, path=display) for i in issues]
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [problem("en-tete-pas-des-champs", display, 2, "yaml")]
    # The schema line helps editors (completion) but is not required: the
    # committee's space (Sveltia CMS) writes no comment. A line that names the
    # other kind's schema is still refused: the editor would check the wrong fields.
    first = front.split("\n", 1)[0].strip()
    match = SCHEMA_LINE.match(first)
    expected = SCHEMA_FILES[kind]
    if match and not match.group(1).endswith(expected):
        problems.append(problem("ligne-schema-fausse", display, 2, "schema", schema=expected, trouve=match.group(1)))
    sheet = RawSheet(path, display, kind, doc.data, body, body_line, text)
    return sheet, problems
