"""Accessibility helpers: run axe-core in a Playwright page and read its verdict.

axe-core comes from the pinned PyPI package axe-playwright-python, which
bundles axe-core's own axe.min.js (MPL-2.0): no npm needed on a fresh machine.
Only that file is used; the run itself is done here, so the rules and the
report are ours.

Injection: the site forbids inline scripts with a Content-Security-Policy, so
`page.add_script_tag(content=…)` would be refused. axe is installed with
`context.add_init_script`, which the browser runs through the DevTools
protocol, outside the page's CSP: the page under test keeps its real policy
(a CSP that broke a stylesheet or a script would still show up here), and
nothing in the site is loosened for the test.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
# The bundled file starts with "/*! axe v4.12.1": the version the statement cites.
AXE_VERSION = re.match(r"/\*! axe v(\d+\.\d+\.\d+)", AXE_SOURCE).group(1)

# RGAA 4.1 follows WCAG 2.1 level AA: the rules axe tags for A and AA, 2.0 and 2.1.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")


@dataclass
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]
    summaries: list[str]

    def describe(self, limit: int = 5) -> str:
        lines = [f"  [{self.impact}] {self.rule} : {self.help} ({len(self.targets)} élément(s))"]
        for target, summary in list(zip(self.targets, self.summaries, strict=False))[:limit]:
            lines.append(f"      {target} — {' '.join(summary.split())}")
        return "\n".join(lines)


def install_axe(context) -> None:
    """Make axe available in every page the context opens (CSP-proof, see above)."""
    context.add_init_script(script=AXE_SOURCE)


def run_axe(page, tags: list[str] = WCAG_TAGS) -> list[Violation]:
    """axe-core's violations on the page as it is now, for the WCAG A/AA rules."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise AssertionError(f"axe-core n'est pas chargé dans {page.url} : appelez install_axe(context) avant goto")
    result = page.evaluate(
        """async (tags) => {
             // Material fades the header title in and out: measure colours at
             // rest, not in the middle of a transition.
             await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                resultTypes: ['violations']});
             return r.violations.map(v => ({
               rule: v.id, impact: v.impact || 'minor', help: v.help,
               targets: v.nodes.map(n => n.target.join(' ')),
               summaries: v.nodes.map(n => n.failureSummary || ''),
             }));
           }""",
        tags,
    )
    return [Violation(**v) for v in result]


def count_by_impact(violations: list[Violation]) -> dict[str, int]:
    """Number of violated rules per impact, every impact listed (0 included)."""
    counts = Counter(v.impact for v in violations)
    return {impact: counts.get(impact, 0) for impact in IMPACTS}


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING]


def report(url: str, violations: list[Violation]) -> str:
    if not violations:
        return f"{url} : aucune violation"
    counts = ", ".join(f"{n} {impact}" for impact, n in count_by_impact(violations).items() if n)
    return f"{url} : {counts}\n" + "\n".join(v.describe() for v in violations)
