"""The rules are data: schema/regles.yml, read by policy(), checked against the
vocabularies; and no code or template names a vocabulary term as a literal."""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

import jinja2
import pytest

from banque.committee.review_checks import check_acronyms, check_sections, check_summary
from banque.sheets import policy as policy_module
from banque.sheets.load import load
from banque.sheets.policy import RULES, load_policy, policy
from banque.sheets.problem import ProblemsError
from banque.sheets.territory import territories
from banque.sheets.text import fold
from banque.sheets.vocabulary import vocabulary
from banque.sheets.yaml_strict import load_data_file
from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "banque"
VOCABULARIES = ROOT / "schema" / "vocabulaires"


# -- the policy file ---------------------------------------------------------------


def test_every_role_names_a_term_of_its_vocabulary():
    rules = policy()
    for vocab, roles in (("statuts", rules.status), ("modes_contact", rules.contact),
                         ("niveaux_territoire", rules.level)):
        ids = vocabulary(vocab).ids
        for f in fields(roles):
            assert getattr(roles, f.name) in ids, f"{vocab}.{f.name}"
        # One role per term: two roles on one term would make them the same rule.
        assert len({getattr(roles, f.name) for f in fields(roles)}) == len(fields(roles))
    for vocab, terms in rules.examples.items():
        assert set(terms) <= set(vocabulary(vocab).ids), vocab


def test_regions_and_scopes_are_territories():
    rules = policy()
    assert set(rules.regions) <= set(territories().regions)
    assert len(set(rules.regions)) == len(rules.regions)
    assert set(rules.scopes) == {rules.level.national, rules.level.international}
    assert 0 < rules.summary_min < rules.summary_max


def test_regions_are_listed_metropolitan_then_overseas_each_alphabetically():
    """Issue 12: the order every list and filter follows (« Île-de-France » sorts as I)."""
    names = territories().regions
    codes = policy().regions
    overseas = [c for c in codes if c.startswith("0")]  # the DROM's INSEE codes: 01 to 06
    metropolitan = [c for c in codes if not c.startswith("0")]
    assert list(codes) == metropolitan + overseas
    for group in (metropolitan, overseas):
        assert group == sorted(group, key=lambda c: fold(names[c]["nom"]))
    assert codes.index("11") == [names[c]["nom"] for c in codes].index("Hauts-de-France") + 1


def test_templates_see_the_same_rules():
    data = policy().for_templates()
    assert data["statut"]["published"] == policy().status.published
    assert data["contact"]["masked"] == policy().contact.masked
    assert data["niveau"]["national"] == policy().level.national
    assert data["resume"] == {"min": policy().summary_min, "max": policy().summary_max}
    assert data["portees"] == policy().scopes


def _rules_file(tmp_path: Path, old: str, new: str, name: str = "regles-essai.yml") -> Path:
    text = RULES.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        # a role pointing at a term that no vocabulary has
        ("    published: publiee\n", "    published: publie\n", ["roles.statuts.published", "« publie »", "statuts.yml"]),
        ("    masked: masque\n", "    masked: cache\n", ["roles.modes_contact.masked", "« cache »"]),
        # a role missing, or one the code does not know
        ("    archived: archivee\n", "", ["« archived »", "roles.statuts"]),
        ("    region: region\n", "    region: region\n    canton: commune\n", ["« canton »", "roles.niveaux_territoire"]),
        # a limit missing or not a number, an example that is not a term, a scope not a level
        ("  min: 120\n", "", ["« resume.min »"]),
        ("  relecture_mois: 24\n", "  relecture_mois: deux ans\n", ["« renouvellement.relecture_mois »"]),
        ("  roles: [porteur]\n", "  roles: [meneur]\n", ["exemples.roles", "« meneur »"]),
        ("  - niveau: international\n", "  - niveau: region\n", ["portees", "international"]),
    ],
)
def test_a_wrong_rules_file_is_refused_in_french(tmp_path: Path, old: str, new: str, named: list[str]):
    path = _rules_file(tmp_path, old, new)
    with pytest.raises(ProblemsError) as error:
        load_policy(path)
    [found] = error.value.problems
    assert found.code.startswith("regles-") and found.path == "regles-essai.yml"
    message = str(error.value)
    assert message.startswith("regles-essai.yml\u00a0: ")
    for part in named:
        assert part.replace("« ", "«\u00a0").replace(" »", "\u00a0»") in message, message


def test_the_untouched_copy_loads(tmp_path: Path):
    assert load_policy(_rules_file(tmp_path, "  max: 450\n", "  max: 450\n")) == policy()


# -- the rules change what the code does -----------------------------------------------------


@pytest.fixture
def rules_from(monkeypatch: pytest.MonkeyPatch):
    """Point policy() at another rules file for one test."""

    def use(path: Path) -> None:
        monkeypatch.setattr(policy_module, "RULES", path)
        policy.cache_clear()

    yield use
    policy.cache_clear()  # monkeypatch has put RULES back: the next call reads it again


def _sheet(tmp_path: Path, front: str, body: str = ""):
    folder = tmp_path / "experiences"
    folder.mkdir(exist_ok=True)
    path = folder / "essai.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    raw, _ = load(path)
    return raw


def test_the_summary_limits_follow_the_rules_file(tmp_path: Path, rules_from):
    raw = _sheet(tmp_path, f"resume: {'a' * 100}")
    assert [p.message for p in check_summary(raw)] == ["résumé trop court (100 caractères ; 120 au moins conseillés)"]
    rules_from(_rules_file(tmp_path, "  min: 120\n", "  min: 80\n"))
    assert check_summary(raw) == []
    rules_from(_rules_file(tmp_path, "  max: 450\n", "  max: 90\n", "regles-2.yml"))
    assert [p.message for p in check_summary(raw)] == ["résumé trop long (100 caractères ; 90 au plus conseillés)"]


def test_the_section_limit_and_known_acronyms_follow_the_rules_file(tmp_path: Path, rules_from):
    raw = _sheet(tmp_path, "titre: Un projet de la CAF", "## Contexte\n\nUn texte court.\n")
    assert [p.field for p in check_sections(raw)] == ["corps.Contexte"]
    assert [p.field for p in check_acronyms(raw)] == ["jargon"]
    rules_from(_rules_file(tmp_path, "section:\n  min: 200\n", "section:\n  min: 10\n"))
    assert check_sections(raw) == []
    rules_from(_rules_file(tmp_path, "sigles_connus: [UE,", "sigles_connus: [CAF, UE,", "regles-2.yml"))
    assert check_acronyms(raw) == []


# -- no vocabulary term written as a literal ---------------------------------------------------


def term_ids() -> dict[str, str]:
    """Every term id of schema/vocabulaires/*.yml (the lists of `id:`) → its vocabulary."""
    found: dict[str, str] = {}
    for path in sorted(VOCABULARIES.glob("*.yml")):
        data = load_data_file(path.read_text(encoding="utf-8"), str(path))
        if isinstance(data, list):  # sections.yml has another shape: titles, no ids
            for entry in data:
                found.setdefault(str(entry["id"]), path.stem)
    return found


def python_strings(source: str) -> list[tuple[int, str]]:
    """(line, value) of every string constant of a Python module, f-string parts included."""
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


_SINGLE_QUOTED_ATTRIBUTE = re.compile(r"=\s*'([^'\n]*)'")
_DOUBLE_QUOTED = re.compile(r'"([^"\n]*)"')


def template_strings(source: str) -> list[tuple[int, str]]:
    """String literals of a jinja template (its lexer's) and the quoted values of its
    markup. Apostrophes of French prose are not quotes."""
    found = []
    for line, kind, value in jinja2.Environment().lex(source):
        if kind == "string":
            found.append((line, value[1:-1]))
        elif kind == "data":
            for offset, text in enumerate(value.split("\n")):
                values = _SINGLE_QUOTED_ATTRIBUTE.findall(text) + _DOUBLE_QUOTED.findall(text)
                found += [(line + offset, v) for v in values]
    return found


def javascript_strings(source: str) -> list[tuple[int, str]]:
    """String and template literals of a script, outside comments and regular expressions."""
    found, i, line, n = [], 0, 1, len(source)
    last = ""  # the last significant character: tells a regex from a division
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2) + 2
            line += source.count("\n", i, end)
            i = end
        elif c in "\"'`" or (c == "/" and (not last or last in "(,=:[!&|?{};+-*%<>~^")):
            start, j = line, i + 1
            in_class = False
            while j < n and (source[j] != c or in_class):
                if source[j] == "\\":
                    j += 1
                elif c == "/" and source[j] in "[]":
                    in_class = source[j] == "["
                j += 1
            text = source[i + 1:j]
            line += text.count("\n")
            if c != "/" and "${" not in text:
                found.append((start, text))
            i, last = j + 1, c
        else:
            if c == "\n":
                line += 1
            elif not c.isspace():
                last = c
            i += 1
    return found


SCANNERS = {".py": python_strings, ".j2": template_strings, ".html": template_strings, ".js": javascript_strings}


def term_literals(paths: list[Path], ids: dict[str, str]) -> list[tuple[Path, int, str]]:
    """(file, line, term) of each literal equal to a term id."""
    return [(path, line, value) for path in paths
            for line, value in SCANNERS[path.suffix](path.read_text(encoding="utf-8")) if value in ids]


def test_no_code_or_template_names_a_vocabulary_term():
    paths = sorted(p for p in PACKAGE.rglob("*") if p.suffix in SCANNERS)
    assert any(p.suffix == ".js" for p in paths) and any(p.suffix == ".j2" for p in paths)
    ids = term_ids()
    hits = [f"{path.relative_to(ROOT)}:{line}: « {value} » ({ids[value]})"
            for path, line, value in term_literals(paths, ids)]
    assert not hits, "Termes de vocabulaire écrits en dur (lisez-les dans policy() ou regles) :\n" + "\n".join(hits)


@pytest.mark.parametrize(
    ("name", "source", "lines"),
    [
        ("a.py", 'x = 1\nif s == "publiee":\n    pass\n', [2]),
        ("a.py", 'msg = f"{n} en {\'region\'}"\nkey = data["nom"]\n', [1]),
        ("a.py", 'status = policy().status.published  # "publiee" in a comment\n', []),
        ("a.j2", '{% if e.statut != "publiee" %}\nL\'outil d\'une « publiee »\n{% endif %}\n', [1]),
        ("a.j2", "Texte d'abord.\n{{ x if y == 'masque' }}\n", [2]),
        ("a.j2", '<p>\n<div id="recherche" class="x"></div>\n', [2]),
        ("a.j2", "{% if e.statut != regles.statut.published %}l'aperçu{% endif %}\n", []),
        ("a.js", '// l\'explorateur\nvar a = 1 / 2, b = "national";\n', [2]),
        ("a.js", "/* l'outil */ var r = /[\"']/g;\nvar c = 'region';\n", [2]),
        ("a.js", "var t = `commune ${x}`;\nvar u = `\ncommune`;\nvar v = `epci`;\n", [4]),
        ("a.js", 'var s = "l\'outil", t = "\\"masque\\"";\n', []),
    ],
)
def test_the_literal_scan_finds_a_planted_term(tmp_path: Path, name: str, source: str, lines: list[int]):
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    assert [line for _, line, _ in term_literals([path], term_ids())] == lines
