"""Checks of one line of a sheet's body, outside code: images and classes.

- an image needs its alternative text (Markdown `![](…)` or `<img>` without `alt`);
- an image's source may not hold a backslash: browsers read « /\\attaquant.example »
  as « //attaquant.example », another site;
- no class, in raw HTML (`class="…"`) or in an attribute list (`{: .classe }`):
  a body could otherwise put on the site's own components (a referent's card,
  a « Contacter » button, the preview's banner) and imitate them.

Each check gives the problem code of what it finds, or nothing.
"""

from __future__ import annotations

import html
import re

_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\s*[(\[]")  # ![](…) and ![][ref]
# Raw HTML images too: the sanitiser keeps <img>, so its alt text is checked here.
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_MD_IMAGE_SOURCE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_CLASS_ATTRIBUTE = re.compile(r"<[A-Za-z][^>]*\sclass\s*=", re.I)
# `{: .classe }`, `{ .a .b }`, `{ class="x" }`: an attribute list that gives a class.
_LISTED_CLASS = re.compile(r"\{:?[^{}]*(?:(?:^|[\s:{])\.[A-Za-z_-]|\bclass\s*=)[^{}]*\}")


def _value(match: re.Match | None) -> str | None:
    return None if match is None else "".join(g or "" for g in match.groups())


def line_problems(line: str) -> list[str]:
    """The problem codes of one body line (outside code)."""
    if "!" not in line and "<" not in line and "{" not in line:
        return []  # no image, tag or attribute list possible: most lines, checked cheaply
    line = _CODE_SPAN.sub("", line)  # `<img …>` in backticks is shown as text
    found: list[str] = []
    tags = _HTML_IMAGE.findall(line)
    if _IMAGE_NO_ALT.search(line) or any(not (_value(_ALT.search(t)) or "").strip() for t in tags):
        found.append("image-sans-alternative")
    sources = _MD_IMAGE_SOURCE.findall(line) + [_value(_SRC.search(t)) or "" for t in tags]
    if any("\\" in html.unescape(s) for s in sources):
        found.append("image-adresse-antislash")
    if _CLASS_ATTRIBUTE.search(line) or _LISTED_CLASS.search(line):
        found.append("classe-dans-le-corps")
    return found
