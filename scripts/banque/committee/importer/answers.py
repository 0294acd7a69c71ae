"""The form's answers mapped onto the schema: labels become ids, lines become lists."""

from __future__ import annotations

import re
from typing import Any

from banque.committee.importer.clean import clean_markdown, clean_short
from banque.committee.importer.draft import KIND, Draft
from banque.committee.importer.form import model_label, parse_form
from banque.committee.importer.territory import parse_territories
from banque.sheets.models import TO_IDENTIFY
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError, problem
from banque.sheets.text import fold
from banque.sheets.vocabulary import sections, vocabulary


def lookup(name: str, text: str) -> str | None:
    """A vocabulary id from its id, its label, its plural or one side of "A / B"."""
    wanted = fold(text)
    for term in vocabulary(name).terms:
        names = {fold(term.id), fold(term.libelle), fold(term.pluriel), *(fold(p) for p in term.libelle.split("/"))}
        if wanted and wanted in names:
            return term.id
    return None


def _choices(name: str) -> str:
    return ", ".join(t.libelle for t in vocabulary(name).terms)


def _rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        if line:
            rows.append([clean_short(part) for part in line.split(";")])
    return rows


def _year(text: str) -> int | None:
    match = re.fullmatch(r"\s*(\d{4})\s*", text)
    return int(match.group(1)) if match else None


def _choice(draft: Draft, answers: dict, key: str, vocab: str, label: str, name: str) -> None:
    text = clean_short(answers.get(key, ""))
    if text:
        found = lookup(vocab, text)
        if found:
            draft.data[name] = found
        else:
            draft.error(name, label, "proposition-valeur-inconnue", valeur=text, valeurs=_choices(vocab))


def _themes(draft: Draft, answers: dict) -> None:
    found = []
    for part in re.split(r"[,\n]", answers.get("themes", "")):
        part = clean_short(part)
        if part:
            theme = lookup("themes", part)
            if theme is None:
                draft.error("themes", "Thèmes", "proposition-valeur-inconnue", valeur=part, valeurs=_choices("themes"))
            elif theme not in found:
                found.append(theme)
    if found:
        draft.data["themes"] = found


def _models(draft: Draft, answers: dict) -> None:
    uses: list[dict[str, str]] = []
    for term in vocabulary("modeles").terms:
        justification = clean_short(answers.get(f"modele:{term.id}", ""))
        if justification:
            draft.labels[f"modeles[{len(uses)}]"] = model_label(term.libelle)
            uses.append({"modele": term.id, "justification": justification})
    if uses:
        draft.data["modeles"] = uses


def _actors(draft: Draft, answers: dict) -> None:
    actors = []
    for row in _rows(answers.get("acteurs", "")):
        if len(row) != 3:
            draft.error("acteurs", "Acteurs", "proposition-acteur-format", ligne=" ; ".join(row))
            continue
        kind, role = lookup("types_acteurs", row[1]), lookup("roles", row[2])
        if kind is None:
            draft.error("acteurs", "Acteurs", "proposition-acteur-type-inconnu", valeur=row[1], valeurs=_choices("types_acteurs"))
        if role is None:
            draft.error("acteurs", "Acteurs", "proposition-acteur-role-inconnu", valeur=row[2], valeurs=_choices("roles"))
        actors.append({"nom": row[0], "type": kind, "role": role})
    if actors and "acteurs" not in draft.failed:
        draft.data["acteurs"] = actors


def _indicators(draft: Draft, answers: dict) -> None:
    found = []
    for row in _rows(answers.get("indicateurs", "")):
        year = _year(row[-1]) if len(row) == 3 else None
        if year is None:
            draft.error("indicateurs", "Indicateurs d'impact", "proposition-indicateur-format", ligne=" ; ".join(row))
            continue
        found.append({"libelle": row[0], "valeur": row[1], "annee": year})
    if found and "indicateurs" not in draft.failed:
        draft.data["indicateurs"] = found


def _sources(draft: Draft, answers: dict) -> None:
    found = []
    for row in _rows(answers.get("sources", "")):
        source: dict[str, Any] = {"titre": row[0]}
        for part in row[1:]:  # in any order: a date and an address are recognised, then author, then passage
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
                source["date"] = part
            elif re.match(r"https?://", part):
                source["url"] = part
            elif part:
                source["passage" if "auteur" in source else "auteur"] = part
        found.append(source)
    if found:
        draft.data["sources"] = found


def _period(draft: Draft, answers: dict) -> None:
    period: dict[str, int] = {}
    for key, label in (("debut", "Année de début"), ("fin", "Année de fin")):
        text = clean_short(answers.get(key, ""))
        year = _year(text) if text else None
        if text and year is None:
            draft.error("periode", label, "proposition-annee-invalide", valeur=text)
        elif year is not None:
            period[key] = year
    if period and "periode" not in draft.failed:
        draft.data["periode"] = period


def _referent(draft: Draft, answers: dict) -> None:
    name = clean_short(answers.get("referent_nom", ""))
    role = clean_short(answers.get("referent_fonction", ""))
    org = clean_short(answers.get("referent_organisation", ""))
    checked = bool(re.search(r"^\s*-\s*\[[xX]\]", answers.get("consentement", ""), re.MULTILINE))
    day, how = clean_short(answers.get("consentement_date", "")), clean_short(answers.get("consentement_moyen", ""))
    if not name:
        draft.data["referent"] = TO_IDENTIFY
        if checked or day or how:
            draft.error("referent", "Consentement du référent", "proposition-consentement-sans-referent")
        elif role or org:
            draft.note("proposition-referent-a-identifier", referent=TO_IDENTIFY)
        return
    referent: dict[str, Any] = {"nom": name}
    if role:
        referent["fonction"] = role
    if org:
        referent["organisation"] = org
    referent["contact"] = policy().contact.via_committee  # never an address from a public issue
    if checked:
        # The correspondent attests an agreement to be reached through the committee.
        referent["consentement"] = {**{k: v for k, v in (("date", day), ("moyen", how)) if v},
                                    "portee": policy().consent_scope.via_committee, "reponse": policy().consent_answer.agreed}
    elif day or how:
        draft.error("referent", "Consentement du référent", "proposition-consentement-non-coche")
    draft.data["referent"] = referent


def from_form(text: str, draft: Draft) -> None:
    answers = parse_form(text, draft)
    if not answers and not draft.errors:
        raise ProblemsError([problem("proposition-non-reconnue"), *draft.notes])
    for key, name in (("titre", "titre"), ("correspondant", "correspondant")):
        if clean_short(answers.get(key, "")):
            draft.data[name] = clean_short(answers[key])
    resume = clean_short(answers.get("resume", ""))
    if resume:
        draft.data["resume"] = resume
    _choice(draft, answers, "nature", "natures", "Nature de l'expérience", "nature")
    _models(draft, answers)
    parse_territories(answers.get("territoire", ""), draft)
    _themes(draft, answers)
    _actors(draft, answers)
    _period(draft, answers)
    _indicators(draft, answers)
    _sources(draft, answers)
    _referent(draft, answers)
    for title, _ in sections()[KIND]:
        draft.body.append((title, clean_markdown(answers.get(f"section:{title}", ""))))
