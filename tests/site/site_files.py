"""Every file of a built site as text, for tests that look for a word anywhere in the output."""

from __future__ import annotations

import gzip
import html
from collections.abc import Iterator
from pathlib import Path


def site_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(relative path, text) of every file under `folder`; Pagefind's gzip files decompressed,
    and each text followed by its HTML-unescaped form (a name written with entities counts)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            yield path.relative_to(folder).as_posix(), text + "\n" + html.unescape(text)
