"""`banque importer`: a correspondent's proposal becomes a sheet « en relecture ».

Input is untrusted (a GitHub issue body or a sheet sent by e-mail): it is size
limited, stripped of markup and control characters, mapped onto the schema's
ids, emitted through PyYAML's safe dumper (never by string concatenation),
and validated before anything is written. Either a valid sheet is written, or
nothing is and the caller gets the French list of what to fix.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from banque.committee.new_sheet import check_text, slugify, used_slugs
from banque.sheets import yaml_strict
from banque.sheets.check import display_path
from banque.sheets.load import SCHEMA_FILES, _split
from banque.sheets.models import TO_IDENTIFY, Experience
from banque.sheets.problem import ERROR
from banque.sheets.territory import territories
from banque.sheets.text import fold
from banque.sheets.vocabulary import sections, vocabulary

MAX_BYTES = 200_000
NO_RESPONSE = "_No response_"
KIND = "experiences"
CONSENT_OPTION = "Le référent accepte d'être cité dans la banque d'expériences"
EDITORIAL_ONLY = ("relecture", "date_publication", "mise_en_avant")


def model_label(libelle: str) -> str:
    return f"Modèle « {libelle} » : pourquoi il s'applique"


@cache
def labels() -> dict[str, str]:
    """The issue form's labels -> answer keys. Must match
    .github/ISSUE_TEMPLATE/proposer-une-experience.yml exactly (a test checks it)."""
    table = {
        "Titre de l'expérience": "titre",
        "Résumé": "resume",
        "Nature de l'expérience": "nature",
        **{model_label(t.libelle): f"modele:{t.id}" for t in vocabulary("modeles").terms},
        "Territoire": "territoire",
        "Thèmes": "themes",
        "Acteurs": "acteurs",
        "Année de début": "debut",
        "Année de fin": "fin",
        "Indicateurs d'impact": "indicateurs",
        "Sources": "sources",
        "Référent : prénom et nom": "referent_nom",
        "Référent : fonction": "referent_fonction",
        "Référent : structure": "referent_organisation",
        "Consentement du référent": "consentement",
        "Consentement : date (AAAA-MM-JJ)": "consentement_date",
        "Consentement : comment il a été donné": "consentement_moyen",
        **{title: f"section:{title}" for title, _ in sections()[KIND]},
        "Votre nom (correspondant local)": "correspondant",
    }
    return table


# Schema field (dotted, longest prefix wins) -> what the correspondent filled in.
FIELD_LABELS = {
    "slug": "Titre de l'expérience", "titre": "Titre de l'expérience", "resume": "Résumé",
    "nature": "Nature de l'expérience", "modeles": "Modèles (au moins un, avec sa justification)",
    "territoires": "Territoire", "themes": "Thèmes", "acteurs": "Acteurs", "periode": "Année de début",
    "periode.fin": "Année de fin", "indicateurs": "Indicateurs d'impact", "sources": "Sources",
    "referent": "Référent : prénom et nom", "referent.fonction": "Référent : fonction",
    "referent.organisation": "Référent : structure", "referent.consentement": "Consentement du référent",
    "referent.consentement.date": "Consentement : date (AAAA-MM-JJ)",
    "referent.consentement.moyen": "Consentement : comment il a été donné",
    "correspondant": "Votre nom (correspondant local)",
}


class Rejected(Exception):
    """The proposal cannot become a sheet; `errors` lists why, in French."""

    def __init__(self, errors: list[str], notes: list[str] | None = None):
        super().__init__("\n".join(errors))
        self.errors, self.notes = errors, notes or []


@dataclass
class Draft:
    data: dict[str, Any] = field(default_factory=dict)
    body: list[tuple[str, str]] = field(default_factory=list)  # (section title, markdown)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # fields already reported, not to report twice
    labels: dict[str, str] = field(default_factory=lambda: dict(FIELD_LABELS))

    def error(self, name: str, label: str, message: str) -> None:
        self.failed.add(name)
        self.errors.append(f"{label} : {message}")


# -- neutralising text ---------------------------------------------------------

_DANGEROUS = re.compile(r"<(script|style|iframe|object|embed|template)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
# A tag needs its ">": an unclosed "<" is left for escaping, so "a<b" keeps its text.
# "<https://…>" is a Markdown autolink, kept (its brackets are escaped later).
# Whatever is not recognised as a tag is escaped afterwards, so leniency here is safe.
# A tag name ends with a space, "/" or ">": "a<b, 3 > 2" stays text.
_TAG = re.compile(r"<!--.*?-->|</?(?!https?://)[A-Za-z][A-Za-z0-9-]*(?:[\s/][^>\n]*)?>", re.DOTALL)
# Links that run code when clicked; the site's sanitiser should catch them too, but a
# sheet in the repository must not carry them either.
_SCRIPT_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE | re.MULTILINE)
_QUOTE = re.compile(r"^(\s{0,3}(?:>\s?)*)(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BIG_HEADING = re.compile(r"^\s{0,3}#{1,2}(?=\s|$)")
_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def _strip_markup(text: str) -> str:
    # Entities first: "&lt;script&gt;" is a tag once a browser decodes it.
    text = html.unescape(text)
    return _TAG.sub("", _DANGEROUS.sub("", text))


def _drop_controls(text: str, keep_newlines: bool) -> str:
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif category != "Cf":  # bidi overrides and zero-width characters hide text from reviewers
            out.append(ch)
    return "".join(out)


def clean_short(text: str) -> str:
    """One line of plain text: what the schema accepts for titles and names."""
    text = _drop_controls(_strip_markup(text), keep_newlines=False)
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def clean_markdown(text: str, demote: bool = True) -> str:
    """Markdown without HTML: headings stay below the sheet's sections, fences are closed."""
    text = _SCRIPT_LINK.sub(r"\1#", _drop_controls(_strip_markup(text), keep_newlines=True))
    lines: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        quote, rest = _QUOTE.match(line.rstrip()).groups()  # type: ignore[union-attr]
        line = quote + rest.replace("<", "&lt;").replace(">", "&gt;")  # "> " opening a quotation is Markdown, not HTML
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and demote and _BIG_HEADING.match(line):
            line = "### " + line.lstrip().lstrip("#").strip()
        elif not in_fence and _UNDERLINE.match(line) and lines and lines[-1].strip():
            lines.append("")  # "Texte\n===" would be a heading; after a blank line it is not
        lines.append(line)
    if in_fence:
        lines.append("```")
    return "\n".join(lines).strip()


# -- reading the issue form --------------------------------------------------------

_FORM_HEADING = re.compile(r"^###\s+(.+?)\s*#*\s*$")
# Answers to the form's one-line inputs.
SINGLE_LINE = {"titre", "debut", "fin", "referent_nom", "referent_fonction", "referent_organisation",
               "consentement_date", "consentement_moyen", "correspondant"}


def parse_form(text: str, draft: Draft) -> dict[str, str]:
    """`### Label` blocks -> {key: answer}. Unknown headings start an ignored block,
    except inside a body section, where they are the correspondent's sub-headings."""
    answers: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        heading = _FORM_HEADING.match(line)
        if heading:
            key = labels().get(heading.group(1))
            if key is None and current and current.startswith("section:"):
                answers[current].append(line)
                draft.notes.append(f"sous-titre « {clean_short(heading.group(1))[:80]} » gardé dans la section "
                                   f"« {current.removeprefix('section:')} »")
                continue
            if key is None:
                draft.notes.append(f"rubrique inconnue ignorée : « {clean_short(heading.group(1))[:80]} »")
            elif key in answers:
                draft.error(key, clean_short(heading.group(1)), "rubrique présente deux fois")
            else:
                answers[key] = []
            current = key if key and key not in draft.failed else None
            continue
        if current:
            answers[current].append(line)
    result = {}
    for key, lines in answers.items():
        value = "\n".join(lines).strip()
        value = "" if value == NO_RESPONSE else value
        if key in SINGLE_LINE and "\n" in value:
            # The form's inputs are one line: more means the body was edited by hand.
            value = value.split("\n", 1)[0]
            draft.notes.append(f"« {_form_label(key)} » : seule la première ligne a été gardée")
        result[key] = value
    return result


def _form_label(key: str) -> str:
    return next(label for label, k in labels().items() if k == key)


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


# -- territories -------------------------------------------------------------------

_LEVEL_WORDS = {"commune": "commune", "ville": "commune", "departement": "departement", "region": "region",
                "epci": "epci", "intercommunalite": "epci", "arrondissement": "arrondissement_municipal"}
_LEVEL_NAMES = {"commune": "commune", "departement": "département", "region": "région", "epci": "epci",
                "arrondissement_municipal": "arrondissement", "international": "international"}
_NATIONAL = {"national", "nationale", "france", "france entiere", "toute la france"}
_CODE = r"(?:\d{2,9}|2[AB]|97\d|[A-Z]{2})"


@cache
def _names() -> dict[str, dict[str, list[str]]]:
    """Folded name -> codes, per level (communes share names: Saint-Denis exists four times)."""
    ref = territories()
    index: dict[str, dict[str, list[str]]] = {}
    for level, table in (("departement", ref.departements), ("commune", ref.communes),
                         ("arrondissement_municipal", ref.arrondissements)):
        for code, entry in table.items():
            index.setdefault(level, {}).setdefault(fold(entry["nom"]), []).append(code)
    return index


def _candidates(code: str) -> list[tuple[str, str, str]]:
    ref = territories()
    tables = (("commune", ref.communes), ("arrondissement_municipal", ref.arrondissements), ("epci", ref.epci),
              ("departement", ref.departements), ("region", ref.regions))
    found = [(level, code, table[code]["nom"]) for level, table in tables if code in table]
    if re.fullmatch(r"[A-Z]{2}", code):
        found.append(("international", code, code))
    return found


def _same_name(given: str, official: str) -> bool:
    a, b = fold(given), fold(official)
    return a == b or b.startswith(a + " ") or a.startswith(b + " ")


def _describe(place: tuple[str, str, str]) -> str:
    level, code, name = place
    return f"{name} ({vocabulary('niveaux_territoire').label(level).lower()} {code})"


def resolve_territory(item: str) -> tuple[str, str | None] | str:
    """(level, code) for one line such as "Saint-Denis (93066)", "région 44" or "Alsace";
    a French error message otherwise."""
    if fold(item) in _NATIONAL:
        return ("national", None)
    if fold(item) == "international":
        return ("international", None)
    level = None
    first = re.match(r"^\s*([^\s:]+)\s*:?\s*(.*)$", item)
    if first and fold(first.group(1)) in _LEVEL_WORDS and first.group(2):
        level, item = _LEVEL_WORDS[fold(first.group(1))], first.group(2)
    code_match = re.search(rf"\(\s*({_CODE})\s*\)\s*$", item, re.IGNORECASE) or re.fullmatch(rf"\s*({_CODE})\s*", item, re.IGNORECASE)
    if code_match:
        code, name = code_match.group(1).upper(), item[: code_match.start()].strip()
        found = [c for c in _candidates(code) if level in (None, c[0])]
        if name:
            named = [c for c in found if c[0] == "international" or _same_name(name, c[2])]  # no country names to check
            if found and not named:
                return f"« {item} » : le code {code} désigne {' ou '.join(map(_describe, found))}, pas « {name} »"
            found = named
    else:
        name = item.strip()
        found = []
        if level in (None, "region"):
            place = territories().resolve("region", name)
            if place:
                found.append(("region", place.ancien_nom or place.code, place.libelle))
        for lvl in ("departement", "commune", "arrondissement_municipal"):
            if level in (None, lvl):
                found += [(lvl, c, name) for c in _names().get(lvl, {}).get(fold(name), [])]
    if not found:
        return f"« {item} » : territoire inconnu ; indiquez le nom et le code officiel, par exemple « Saint-Denis (93066) »"
    if len(found) > 1:
        options = ", ".join(map(_describe, found[:4])) + ("…" if len(found) > 4 else "")
        if code_match:
            hint = f"précisez le niveau, par exemple « {_LEVEL_NAMES[found[0][0]]} {found[0][1]} »"
        else:
            hint = f"ajoutez le code entre parenthèses, par exemple « {item} ({found[0][1]}) »"
        return f"« {item} » : plusieurs territoires possibles ({options}) ; {hint}"
    return found[0][0], found[0][1]


def parse_territories(text: str, draft: Draft) -> None:
    label = "Territoire"
    levels: dict[str, list[str]] = {}
    for line in text.split("\n"):
        for item in re.split(r"[;,]", re.sub(r"^\s*[-*•]\s+", "", line)):
            item = clean_short(item)
            if not item:
                continue
            found = resolve_territory(item)
            if isinstance(found, str):
                draft.error("territoires", label, found)
                continue
            codes = levels.setdefault(found[0], [])
            if found[1] and found[1] not in codes:
                codes.append(found[1])
    if levels and "territoires" not in draft.failed:
        draft.data["territoires"] = [{"niveau": level, "codes": codes} for level, codes in levels.items()]


# -- from form answers to sheet data ---------------------------------------------------


def _choice(draft: Draft, answers: dict, key: str, vocab: str, label: str, name: str) -> None:
    text = clean_short(answers.get(key, ""))
    if text:
        found = lookup(vocab, text)
        if found:
            draft.data[name] = found
        else:
            draft.error(name, label, f"« {text} » inconnu (valeurs : {_choices(vocab)})")


def _themes(draft: Draft, answers: dict) -> None:
    found = []
    for part in re.split(r"[,\n]", answers.get("themes", "")):
        part = clean_short(part)
        if part:
            theme = lookup("themes", part)
            if theme is None:
                draft.error("themes", "Thèmes", f"« {part} » inconnu (valeurs : {_choices('themes')})")
            elif theme not in found:
                found.append(theme)
    if found:
        draft.data["themes"] = found


def _models(draft: Draft, answers: dict) -> None:
    uses = []
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
            draft.error("acteurs", "Acteurs", f"« {' ; '.join(row)} » : écrivez « nom ; type ; rôle »")
            continue
        kind, role = lookup("types_acteurs", row[1]), lookup("roles", row[2])
        if kind is None:
            draft.error("acteurs", "Acteurs", f"type « {row[1]} » inconnu (valeurs : {_choices('types_acteurs')})")
        if role is None:
            draft.error("acteurs", "Acteurs", f"rôle « {row[2]} » inconnu (valeurs : {_choices('roles')})")
        actors.append({"nom": row[0], "type": kind, "role": role})
    if actors and "acteurs" not in draft.failed:
        draft.data["acteurs"] = actors


def _indicators(draft: Draft, answers: dict) -> None:
    found = []
    for row in _rows(answers.get("indicateurs", "")):
        year = _year(row[-1]) if len(row) == 3 else None
        if year is None:
            draft.error("indicateurs", "Indicateurs d'impact", f"« {' ; '.join(row)} » : écrivez « libellé ; valeur ; année »")
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
        if text and _year(text) is None:
            draft.error("periode", label, f"« {text} » n'est pas une année (AAAA)")
        elif text:
            period[key] = _year(text)  # type: ignore[assignment]
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
            draft.error("referent", "Consentement du référent", "consentement indiqué sans nom de référent")
        elif role or org:
            draft.notes.append("fonction ou structure du référent sans nom : référent « à identifier »")
        return
    referent: dict[str, Any] = {"nom": name}
    if role:
        referent["fonction"] = role
    if org:
        referent["organisation"] = org
    referent["contact"] = "via_comite"  # never an address from a public issue
    if checked:
        referent["consentement"] = {k: v for k, v in (("date", day), ("moyen", how)) if v}
    elif day or how:
        draft.error("referent", "Consentement du référent", "date ou moyen indiqués mais case non cochée")
    draft.data["referent"] = referent


def from_form(text: str, draft: Draft) -> None:
    answers = parse_form(text, draft)
    if not answers and not draft.errors:
        raise Rejected(["aucune rubrique du formulaire reconnue : ce texte n'est ni une proposition "
                        "du formulaire ni une fiche (qui commencerait par « --- »)"], draft.notes)
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


# -- from a sheet sent by e-mail ---------------------------------------------------------

_VOCAB_FIELDS = {("nature",): "natures", ("themes", "*"): "themes", ("modeles", "*", "modele"): "modeles",
                 ("acteurs", "*", "type"): "types_acteurs", ("acteurs", "*", "role"): "roles",
                 ("territoires", "*", "niveau"): "niveaux_territoire", ("referent", "contact"): "modes_contact"}


def _sanitise(value: Any, path: tuple) -> Any:
    """Every string cleaned, labels mapped to ids; structure kept for the schema to judge."""
    if isinstance(value, dict):
        return {str(k): _sanitise(v, path + (str(k),)) for k, v in value.items()}
    if isinstance(value, list):
        return [_sanitise(v, path + ("*",)) for v in value]
    if not isinstance(value, str):
        return value
    text = clean_short(value)
    vocab = _VOCAB_FIELDS.get(path)
    return (lookup(vocab, text) or text) if vocab else text


def from_sheet(text: str, draft: Draft) -> None:
    split = _split(text, "proposition")
    if not isinstance(split, tuple):
        raise Rejected([f"fiche : {split.message}"])
    front, body, _ = split
    doc, issues = yaml_strict.parse(front, first=2)
    if doc is None or issues or not isinstance(doc.data, dict):
        raise Rejected([f"ligne {i.line} : {i.message}" for i in issues] or ["l'en-tête n'est pas une liste de champs"])
    data = _sanitise(doc.data, ())
    for name in EDITORIAL_ONLY:
        if data.pop(name, None) is not None:
            draft.notes.append(f"champ « {name} » retiré : c'est au comité de le remplir")
    if data.get("statut") not in (None, "en_relecture"):
        draft.notes.append(f"statut « {data['statut']} » remplacé par « en_relecture »")
    draft.data = data
    draft.labels = {}  # an e-mailed sheet names its fields itself
    draft.body = [("", clean_markdown(body, demote=False))]


# -- writing ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with lists indented under their key (the house style)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D102
        return super().increase_indent(flow, False)

    def represent_list(self, data):  # noqa: D102
        # Lists of codes or ids on one line, as editors write them: codes: ['93066']
        flat = all(isinstance(item, (str, int)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat or None)


_Dumper.add_representer(list, _Dumper.represent_list)


def render(data: dict, body: list[tuple[str, str]]) -> str:
    ordered = {name: data[name] for name in Experience.model_fields if name in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})  # unknown fields: the schema reports them
    front = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88, default_flow_style=False)
    parts = [f"## {title}\n\n{text}" if title else text for title, text in body]
    return f"---\n# yaml-language-server: $schema=../../schema/{SCHEMA_FILES[KIND]}\n{front}---\n\n" + "\n\n".join(parts) + "\n"


def _label(draft: Draft, name: str) -> str:
    if name.startswith("corps."):
        return name[len("corps."):] if draft.labels else name
    key = max((k for k in draft.labels if name == k or name.startswith((k + ".", k + "["))), key=len, default=None)
    return draft.labels[key] if key else name


def _top(name: str) -> str:
    return re.split(r"[.\[]", name, maxsplit=1)[0]


@dataclass
class Imported:
    path: Path
    notes: list[str]


def import_text(raw: bytes, content: Path, correspondent: str | None = None) -> Imported:
    """Write the sheet for one proposal, or raise Rejected (nothing written)."""
    if len(raw) > MAX_BYTES:
        raise Rejected([f"proposition trop volumineuse ({len(raw) // 1000} ko, au plus {MAX_BYTES // 1000} ko)"])
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise Rejected(["le texte n'est pas en UTF-8"]) from None
    if not text.strip():
        raise Rejected(["proposition vide"])
    draft = Draft()
    if text.lstrip().startswith("---"):  # a filled sheet sent by e-mail
        from_sheet(text.lstrip(), draft)
    else:  # the body of an issue opened with the form
        from_form(text, draft)
    if correspondent and clean_short(correspondent):
        draft.data["correspondant"] = clean_short(correspondent)
    if not draft.data.get("correspondant"):
        draft.error("correspondant", _label(draft, "correspondant"), "réponse manquante (ou passez --correspondant NOM)")
    draft.data["statut"] = "en_relecture"
    given = draft.data.get("slug") if isinstance(draft.data.get("slug"), str) else draft.data.get("titre")
    slug = slugify(given) if isinstance(given, str) else ""
    draft.data["slug"] = slug or "proposition-sans-titre"  # only so the rest can be checked
    path = content / KIND / f"{draft.data['slug']}.md"
    if slug and (path.exists() or slug in used_slugs(content, KIND)):
        draft.error("slug", _label(draft, "titre"), f"une fiche porte déjà l'identifiant « {slug} » ({display_path(path)}) : "
                    "changez le titre, ou demandez au comité de compléter la fiche existante")
    text = render(draft.data, draft.body)
    for p in check_text(KIND, draft.data["slug"], text, content, path):
        if p.severity != ERROR or _top(p.field) in draft.failed:
            continue
        missing = p.message == "champ obligatoire manquant"
        message = "réponse manquante" if missing and draft.labels else p.message
        hint = "" if missing and draft.labels else p.hint
        draft.errors.append(f"{_label(draft, p.field)} : {message}" + (f" ({hint})" if hint else ""))
    if draft.errors:
        raise Rejected(list(dict.fromkeys(draft.errors)), draft.notes)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return Imported(path, draft.notes)
