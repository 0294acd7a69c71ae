"""Text folding shared by every wing (and mirrored in the site's JavaScript,
assets/javascripts/texte.js, tested against this module on the same cases)."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80

# "l'insertion" gives "insertion": the elided article adds nothing to an
# identifier, and "l-insertion" reads badly. Only at a word start, so
# "aujourd'hui" or "presqu'île" keep their letters.
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]", re.IGNORECASE)
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ](?=\w)")  # "aujourd'hui" is one word
# Ligatures NFKD leaves alone.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def unaccent(text: str) -> str:
    """Lowercase with accents removed; punctuation kept (an e-mail address stays one)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """Lowercase, accents and punctuation removed: how readers and editors type names."""
    return re.sub(r"[^a-z0-9]+", " ", unaccent(text)).strip()


def slugify(text: str) -> str:
    """A page address from a name: lowercase ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", unaccent(text)).strip("-")


def sheet_slug(title: str, max_length: int = MAX_SLUG) -> str:
    """A sheet's identifier (and file name) from its title: `slugify` without the
    elided articles, with ligatures spelled out, cut at a word boundary."""
    text = _INNER_APOSTROPHE.sub("", _ELISION.sub("", title).translate(_LIGATURES))
    slug = slugify(text)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")
