"""Text folding shared by every wing (and mirrored in the site's JavaScript,
assets/javascripts/texte.js, tested against this module on the same cases)."""

from __future__ import annotations

import re
import unicodedata


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """Lowercase, accents and punctuation removed: how readers and editors type names."""
    return re.sub(r"[^a-z0-9]+", " ", _ascii_lower(text)).strip()


def slugify(text: str) -> str:
    """A page address from a name: lowercase ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii_lower(text)).strip("-")
