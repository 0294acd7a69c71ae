"""Which characters a sheet may hold, and the form of a text every check reads.

Three families are refused (each compiled once into a regex: validation reads
every character of every sheet):

- control characters and what XML 1.0 forbids (NUL, C0 and C1 controls,
  surrogates, U+FFFE, U+FFFF and the other noncharacters): they break the feed
  and the exports, and no editor types them. Refused in every field and in the
  body (the body keeps tabs and line breaks);
- invisible characters: format characters (bidi overrides and isolates,
  zero-width spaces and joiners, the BOM, the soft hyphen) and the line and
  paragraph separators U+2028 and U+2029. They hide what a text says (a name
  that looks like another, a title read backwards): refused in fields;
- words that mix Latin letters with Cyrillic or Greek ones (« Саmille » with a
  Cyrillic « а »): look-alikes, refused in fields.

`checked_form` is the text the checks read: NFKC-normalised, so a full-width
« ＜ » is seen as « < » and a ligature as its letters. The value kept is the
text as written (NFKC would turn the French no-break spaces into plain ones).
"""

from __future__ import annotations

import re
import sys
import unicodedata


def _ranges(codes: list[int]) -> str:
    """A regex character class body for a sorted list of code points."""
    parts: list[str] = []
    start = prev = codes[0]
    for code in codes[1:] + [-1]:
        if code == prev + 1:
            prev = code
            continue
        parts.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = code
    return "".join(parts)


def _tables() -> tuple[list[int], list[int]]:
    """(control characters, XML-forbidden and noncharacters; invisible characters).

    Controls (Cc) and surrogates (Cs) are fixed by the standard; format characters
    and separators are only found in these planes (checked by the tests), so the
    import does not ask unicodedata about a million code points."""
    control = [c for c in range(0xE000) if unicodedata.category(chr(c)) in ("Cc", "Cs")]
    control += list(range(0xFDD0, 0xFDF0)) + [p + end for p in range(0, sys.maxunicode + 1, 0x10000) for end in (0xFFFE, 0xFFFF)]
    invisible = [c for plane in (range(0x20000), range(0xE0000, 0xE1000)) for c in plane
                 if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")]
    return control, invisible


_CONTROL_CODES, _INVISIBLE_CODES = _tables()
# Refused everywhere; the body keeps tab and line feed (CR was turned into LF when read).
CONTROL = re.compile(f"[{_ranges(_CONTROL_CODES)}]")
CONTROL_IN_BODY = re.compile(f"[{_ranges([c for c in _CONTROL_CODES if c not in (9, 10)])}]")
INVISIBLE = re.compile(f"[{_ranges(_INVISIBLE_CODES)}]")

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")  # Greek, Cyrillic
_WORD = re.compile(r"\w+")

# Cyrillic and Greek letters drawn like Latin ones: the skeleton a name is compared by.
_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁһԛԝкмтнвАВЕКМНОРСТХІЈЅ" "αορνιυκτΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhqwkmthbABEKMHOPCTXIJS" "aopviuktABEZHIKMNOPTYX",
)


_NAMES = {"\t": "tabulation", "\n": "retour à la ligne", "\r": "retour chariot"}


def describe(char: str) -> str:
    """How a message shows a character nobody sees: « tabulation », « U+FFFE »."""
    return _NAMES.get(char, f"U+{ord(char):04X}")


def checked_form(text: str) -> str:
    """The text every check reads: NFKC-normalised."""
    return unicodedata.normalize("NFKC", text)


def mixed_script_word(text: str) -> str | None:
    """The first word of `text` that mixes Latin letters with Cyrillic or Greek ones, or None."""
    if not _FOREIGN.search(text):
        return None  # most texts: no Greek or Cyrillic letter at all
    for word in _WORD.findall(text):
        if _LATIN.search(word) and _FOREIGN.search(word):
            return word
    return None


def skeleton(text: str) -> str:
    """`text` with Cyrillic and Greek look-alikes read as the Latin letters they imitate."""
    return checked_form(text).translate(_LOOK_ALIKES)


def field_problem(text: str) -> str | None:
    """Why a field's value is refused on its characters (French), or None."""
    found = CONTROL.search(text)
    if found:
        return f"caractère de contrôle interdit ({describe(found.group())})"
    found = INVISIBLE.search(text)
    if found:
        return f"caractère invisible interdit ({describe(found.group())}) : retapez le texte sans le copier-coller"
    word = mixed_script_word(checked_form(text))
    if word:
        return (f"le mot « {word} » mêle des lettres latines et cyrilliques ou grecques qui se ressemblent : "
                "retapez-le au clavier")
    return None
