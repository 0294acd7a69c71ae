"""`banque relire`: the committee's review report for one sheet.

Blocking errors come from `validate`, editorial warnings from review_checks.py.
Every check is deterministic: dates are compared with `today`, passed in by the
command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from banque.committee.review_checks import editorial_warnings, tool_index
from banque.sheets import report as reporter
from banque.sheets.check import validate
from banque.sheets.collect import display_path
from banque.sheets.load import load
from banque.sheets.problem import ERROR, Problem, errors
from banque.sheets.report import count, md_escape
from banque.sheets.vocabulary import vocabulary


@dataclass
class Report:
    display: str
    kind: str | None
    title: str | None
    status: str | None
    today: dt.date
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def review(path: Path, content: Path | None, today: dt.date) -> Report:
    context = content if content and content.exists() else None
    _, problems = validate([path], context)
    raw, _ = load(path, display_path(path))
    report = Report(display_path(path), raw.kind if raw else None, None, None, today)
    report.errors = errors(problems)
    report.warnings = [p for p in problems if p.severity != ERROR]
    if raw is not None:
        title, status = raw.data.get("titre"), raw.data.get("statut")
        report.title = title if isinstance(title, str) else None
        report.status = status if isinstance(status, str) else None
        report.warnings += editorial_warnings(raw, tool_index(context), today)
    return report


# -- rendering -------------------------------------------------------------------

CHECKLIST = (
    ("Format homogène", "sections dans l'ordre, résumé lisible seul, sigles développés"),
    ("Référent identifié et consentement", "référent nommé, consentement daté et conservé"),
    ("Sources citées", "chaque fait vient d'un document listé dans « sources »"),
    ("Territoire et thèmes", "codes officiels justes, thèmes et modèles justifiés"),
    ("Relecture", "« relecture: date, relecteurs » renseigné avant publication"),
)


def _status_label(status: str | None) -> str:
    terms = vocabulary("statuts").by_id
    return terms[status].libelle.lower() if status in terms else "inconnu"


def _verdict(report: Report) -> str:
    if report.errors:
        return "La fiche ne peut pas être publiée en l'état : corrigez d'abord les erreurs bloquantes."
    if report.warnings:
        return "Aucune erreur bloquante : examinez les avertissements avant de publier."
    return "Aucune erreur ni avertissement : la fiche est prête pour la décision du comité."


def as_text(report: Report) -> str:
    lines = [f"Relecture de {reporter.inert(report.display)}"]
    if report.title:
        lines.append(f"Titre : {reporter.inert(report.title)}")
    lines += [f"Statut : {_status_label(report.status)}", f"Date de référence : {report.today.isoformat()}", ""]
    lines += [reporter.as_grouped_text(report.errors + report.warnings), ""]
    lines.append(f"Bilan : {count(len(report.errors), 'erreur bloquante', 'erreurs bloquantes')}, "
                 f"{count(len(report.warnings), 'avertissement')}. {_verdict(report)}")
    return "\n".join(lines)


def as_markdown(report: Report) -> str:
    lines = [f"## Relecture de `{reporter.inert(report.display)}`", ""]
    title = f"**{md_escape(report.title)}** — " if report.title else ""
    lines += [f"{title}statut : *{_status_label(report.status)}* — date de référence : {report.today.isoformat()}", ""]
    lines += [reporter.as_markdown(report.errors + report.warnings), ""]
    lines += ["### Liste de contrôle du comité", ""]
    lines += [f"- [ ] **{name}** : {detail}" for name, detail in CHECKLIST]
    lines += ["", f"**Bilan** : {_verdict(report)}"]
    return "\n".join(lines)
