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
import ssl
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from banque.sheets.bank import Bank, Sheet
from banque.sheets.load import RawSheet
from banque.sheets.problem import Problem, errors, fragment, problem
from banque.sheets.report import count, plural, spoken

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
    line: int = 0  # in the sheet's file


@dataclass(frozen=True)
class Answer:
    """What the server said; a broken address becomes a problem in `broken`."""

    ok: bool
    detail: str  # French: "HTTP 404", "pas de réponse en 5 s"…


def _body_line(raw: RawSheet, url: str) -> int:
    lines = raw.source_text.split("\n")
    return next((n for n in range(raw.body_line, len(lines) + 1) if url in lines[n - 1]), raw.body_line)


def links_of(sheet: Sheet) -> list[Link]:
    links: list[Link] = []
    model, raw = sheet.model, sheet.raw
    if getattr(model, "url", None):
        links.append(Link(raw.display, "url", model.url, raw.line_of(("url",))))
    for i, source in enumerate(getattr(model, "sources", [])):
        if source.url:
            links.append(Link(raw.display, f"sources[{i}].url", source.url, raw.line_of(("sources", i, "url"))))
    for title, text in sheet.sections:
        for found in _BODY_URL.findall(text):
            url = found.rstrip(_TRAILING)
            links.append(Link(raw.display, f"corps ({title})", url, _body_line(raw, url)))
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


# The system's reasons are English (« Name or service not known »): the committee
# reads a French one, chosen by the kind of error, most specific first.
_REASONS: tuple[tuple[type, str], ...] = (
    (socket.gaierror, "lien-raison-nom-inconnu"),
    (ssl.SSLCertVerificationError, "lien-raison-certificat"),
    (ssl.SSLError, "lien-raison-chiffrement"),
    (ConnectionRefusedError, "lien-raison-refus"),
    (ConnectionError, "lien-raison-coupure"),
    (ValueError, "lien-raison-adresse"),
)


def _reason(error: object) -> str:
    return fragment(next((code for kind, code in _REASONS if isinstance(error, kind)), "lien-raison-reseau"))


def check_url(url: str, timeout: float) -> Answer:
    """HEAD, then GET if HEAD is refused; redirections are followed."""
    try:
        status = _ask(url, "HEAD", timeout)
        if status in _RETRY_WITH_GET:
            status = _ask(url, "GET", timeout)
    except TimeoutError:  # socket.timeout too (an alias)
        return Answer(False, fragment("lien-sans-reponse", delai=timeout))
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return Answer(False, fragment("lien-sans-reponse", delai=timeout))
        return Answer(False, fragment("lien-serveur-injoignable", raison=_reason(exc.reason)))
    except (OSError, ValueError) as exc:
        return Answer(False, fragment("lien-adresse-injoignable", raison=_reason(exc)))
    if status >= 400:
        name = {404: "lien-http-404", 410: "lien-http-410", 403: "lien-http-403"}.get(status, "lien-http-erreur")
        return Answer(False, fragment(name, statut=status))
    return Answer(True, fragment("lien-http-ok", statut=status))


def check_all(urls: list[str], timeout: float, workers: int) -> dict[str, Answer]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(urls, pool.map(lambda u: check_url(u, timeout), urls), strict=True))


def broken(links: list[Link], answers: dict[str, Answer]) -> list[Problem]:
    """A problem for each citation of an address that did not answer."""
    return [problem("lien-casse", link.sheet, link.line, link.field, url=link.url, reponse=answers[link.url].detail)
            for link in links if link.url in answers and not answers[link.url].ok]


def report(links: list[Link], answers: dict[str, Answer], skipped: list[str]) -> str:
    problems = broken(links, answers)
    by_sheet: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_sheet[link.sheet].append(link)
    lines: list[str] = []
    for sheet in sorted(by_sheet):
        checked = len([link for link in by_sheet[sheet] if link.url in answers])
        found = [p for p in problems if p.path == sheet]
        waiting = len(by_sheet[sheet]) - checked
        if found:
            lines.append(f"✗ {sheet}")
            lines += [f"    {spoken(p, place=False)}" for p in found]
        else:
            lines.append(f"✓ {sheet} : {count(checked, 'adresse')} qui {plural(checked, 'répond', 'répondent')}")
        if waiting:
            lines.append(f"    {count(waiting, 'adresse')} non {plural(waiting, 'vérifiée')} (limite --max)")
    bad = sorted(u for u, a in answers.items() if not a.ok)
    lines.append("")
    if bad:
        lines.append(f"✗ {count(len(bad), 'adresse')} {plural(len(bad), 'cassée')} "
                     f"sur {len(answers)} {plural(len(answers), 'vérifiée')}. {problems[0].hint}")
    else:
        lines.append(f"✓ {count(len(answers), 'adresse')} {plural(len(answers), 'vérifiée')}, toutes répondent.")
    if skipped:
        lines.append(f"{count(len(skipped), 'adresse')} non {plural(len(skipped), 'vérifiée')} : "
                     "relancez avec un --max plus grand.")
    return "\n".join(lines)


@dataclass(frozen=True)
class Survey:
    """What a check of the bank's addresses found."""

    links: list[Link]
    answers: dict[str, Answer]
    skipped: list[str]  # beyond --max
    sheets: int  # valid sheets read
    invalid: int  # sheets left aside: not valid

    def broken_count(self) -> int:
        return len([a for a in self.answers.values() if not a.ok])


def survey(content: Path, timeout: float, limit: int, workers: int) -> Survey:
    """Check the external addresses of the valid sheets of `content`."""
    from banque.sheets.check import validate
    from banque.sheets.collect import collect

    bank, problems = validate([content], content)
    links = bank_links(bank)
    urls = sorted({link.url for link in links})
    invalid = len({p.path for p in errors(problems)})
    answers = check_all(urls[:limit], timeout, workers)
    return Survey(links, answers, urls[limit:], len(collect([content])) - invalid, invalid)


def run(content: Path, timeout: float, limit: int, workers: int, log=print) -> int:
    """Check the external addresses of the valid sheets of `content`; 1 if any is broken."""
    found = survey(content, timeout, limit, workers)
    total = len(found.answers) + len(found.skipped)
    log(f"{count(total, 'adresse')} {plural(total, 'externe')} dans "
        f"{found.sheets} fiches ; {len(found.answers)} {plural(len(found.answers), 'vérifiée')}, "
        f"{workers} à la fois, {timeout:g} s au plus pour chacune.")
    if found.invalid:
        log(f"{count(found.invalid, 'fiche')} {plural(found.invalid, 'invalide')} {plural(found.invalid, 'ignorée')} : "
            "lancez « banque valider » pour les corriger.")
    log("")
    log(report(found.links, found.answers, found.skipped))
    return 1 if found.broken_count() else 0
