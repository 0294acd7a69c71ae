"""`banque verifier-liens`: do the sheets' external addresses still answer?

Internal links and anchors are checked at every build (mkdocs strict). The
web addresses a sheet cites (`sources[].url`, an outil's `url`, links in the
body) can only be checked over the network: this runs on demand, never in
the build nor in the offline tests. Each address is asked once, however many
sheets cite it: a HEAD request first, then a GET if the server refuses HEAD.
The number of addresses, the parallel requests and the wait for each answer
are bounded.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from banque.sheets.bank import Bank, Sheet

USER_AGENT = "banque-experiences/verifier-liens (+https://github.com/banque-alliances/banque-experiences)"
_BODY_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
_TRAILING = ".,;:!?»"
# Servers that refuse HEAD answer these; GET then tells whether the page exists.
_RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 500, 501, 502, 503}


@dataclass(frozen=True)
class Link:
    sheet: str  # the sheet's file, as shown to the user
    field: str  # where the address is: "sources[0].url", "url", "corps (Contexte)"
    url: str


@dataclass(frozen=True)
class Answer:
    ok: bool
    detail: str  # French: "HTTP 404", "pas de réponse en 5 s"…


def links_of(sheet: Sheet) -> list[Link]:
    links: list[Link] = []
    model = sheet.model
    if getattr(model, "url", None):
        links.append(Link(sheet.raw.display, "url", model.url))
    for i, source in enumerate(getattr(model, "sources", [])):
        if source.url:
            links.append(Link(sheet.raw.display, f"sources[{i}].url", source.url))
    for title, text in sheet.sections:
        for found in _BODY_URL.findall(text):
            links.append(Link(sheet.raw.display, f"corps ({title})", found.rstrip(_TRAILING)))
    return links


def bank_links(bank: Bank) -> list[Link]:
    return [link for sheet in bank.experiences + bank.outils for link in links_of(sheet)]


class _KeepHead(urllib.request.HTTPRedirectHandler):
    """Follow a redirection with the same HEAD (some Pythons switch to GET)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_OPENER = urllib.request.build_opener(_KeepHead)


def _ask(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to know the page comes; never the whole page
            return response.status
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code


def check_url(url: str, timeout: float) -> Answer:
    """HEAD, then GET if HEAD is refused; redirections are followed."""
    try:
        status = _ask(url, "HEAD", timeout)
        if status in _RETRY_WITH_GET:
            status = _ask(url, "GET", timeout)
    except (TimeoutError, socket.timeout):
        return Answer(False, f"pas de réponse en {timeout:g} s")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            return Answer(False, f"pas de réponse en {timeout:g} s")
        return Answer(False, f"serveur injoignable ({exc.reason})")
    except (OSError, ValueError) as exc:
        return Answer(False, f"adresse injoignable ({exc})")
    if status >= 400:
        label = {404: "page introuvable", 410: "page supprimée", 403: "accès refusé"}.get(status, "erreur")
        return Answer(False, f"{label} (HTTP {status})")
    return Answer(True, f"HTTP {status}")


def check_all(urls: list[str], timeout: float, workers: int) -> dict[str, Answer]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(urls, pool.map(lambda u: check_url(u, timeout), urls)))


def report(links: list[Link], answers: dict[str, Answer], skipped: list[str]) -> str:
    by_sheet: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_sheet[link.sheet].append(link)
    lines: list[str] = []
    for sheet in sorted(by_sheet):
        checked = [l for l in by_sheet[sheet] if l.url in answers]
        broken = [l for l in checked if not answers[l.url].ok]
        waiting = len(by_sheet[sheet]) - len(checked)
        if broken:
            lines.append(f"✗ {sheet}")
            lines += [f"    {l.field} : {l.url} — {answers[l.url].detail}" for l in broken]
        else:
            lines.append(f"✓ {sheet} : {len(checked)} adresse{'s' if len(checked) > 1 else ''} "
                         f"qui répond{'ent' if len(checked) > 1 else ''}")
        if waiting:
            lines.append(f"    {waiting} adresse{'s' if waiting > 1 else ''} non vérifiée{'s' if waiting > 1 else ''} (limite --max)")
    bad = sorted(u for u, a in answers.items() if not a.ok)
    lines.append("")
    if bad:
        lines.append(f"✗ {len(bad)} adresse{'s' if len(bad) > 1 else ''} cassée{'s' if len(bad) > 1 else ''} "
                     f"sur {len(answers)} vérifiée{'s' if len(answers) > 1 else ''}. "
                     "Corrigez l'adresse dans la fiche, ou remplacez-la par une copie archivée (web.archive.org).")
    else:
        lines.append(f"✓ {len(answers)} adresse{'s' if len(answers) > 1 else ''} vérifiée{'s' if len(answers) > 1 else ''}, "
                     "toutes répondent.")
    if skipped:
        lines.append(f"{len(skipped)} adresse{'s' if len(skipped) > 1 else ''} non vérifiée{'s' if len(skipped) > 1 else ''} : "
                     "relancez avec un --max plus grand.")
    return "\n".join(lines)


def run(content: Path, timeout: float, limit: int, workers: int, log=print) -> int:
    """Check the external addresses of the valid sheets of `content`; 1 if any is broken."""
    from banque.sheets.check import collect, validate

    bank, problems = validate([content], content)
    links = bank_links(bank)
    urls = sorted({link.url for link in links})
    checked, skipped = urls[:limit], urls[limit:]
    invalid = len({p.path for p in problems if p.severity == "erreur"})
    log(f"{len(urls)} adresse{'s' if len(urls) > 1 else ''} externe{'s' if len(urls) > 1 else ''} dans "
        f"{len(collect([content])) - invalid} fiches ; {len(checked)} vérifiée{'s' if len(checked) > 1 else ''}, "
        f"{workers} à la fois, {timeout:g} s au plus pour chacune.")
    if invalid:
        log(f"{invalid} fiche{'s' if invalid > 1 else ''} invalide{'s' if invalid > 1 else ''} ignorée{'s' if invalid > 1 else ''} : "
            "lancez « banque valider » pour les corriger.")
    answers = check_all(checked, timeout, workers)
    log("")
    log(report(links, answers, skipped))
    return 1 if any(not a.ok for a in answers.values()) else 0
