"""One problem type, its messages in a table: messages.yml and the code agree.

The package is read as source (ast): every code and fragment it names must be
in the table, every entry of the table must be named somewhere, and each call
must give a message exactly the parameters its template names.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import replace
from functools import cache

import pytest
import yaml

from banque.sheets import yaml_problems, yaml_strict
from banque.sheets.problem import (
    ERROR,
    MESSAGES,
    WARNING,
    ProblemsError,
    errors,
    fragment,
    has_errors,
    parameters,
    problem,
    reading_order,
    suggestion,
    table,
)
from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "banque"
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@cache
def _sources() -> dict[str, ast.Module]:
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _takes_code(trees: dict[str, ast.Module]) -> dict[str, tuple[int, set[str]]]:
    """Functions that make a problem from a `code` argument: name -> (position of code, own parameters).

    `problem` itself, and any function with a `code` parameter that passes it on to `problem`."""
    found = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or node.args.kwarg is None:
                continue
            positional = [a.arg for a in node.args.posonlyargs + node.args.args]
            if "code" not in positional:
                continue
            forwards = any(isinstance(c, ast.Call) and _name(c.func) == "problem" and c.args
                           and isinstance(c.args[0], ast.Name) and c.args[0].id == "code" for c in ast.walk(node))
            if node.name == "problem" or forwards:
                own = set(positional + [a.arg for a in node.args.kwonlyargs])
                index = positional.index("code") - (positional[0] == "self")
                found[node.name] = (index, own - {"code"})
    return found


def _calls(trees, functions: dict[str, tuple[int, set[str]]]):
    """(module, line, name, keyword parameters or None if forwarded with **) of each literal use."""
    for module, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in functions:
                continue
            index, own = functions[_name(node.func)]
            if index >= len(node.args) or not isinstance(node.args[index], ast.Constant):
                continue  # a code passed on from a variable: checked where it is written
            keywords = {k.arg for k in node.keywords}
            params = None if None in keywords else keywords - own
            yield module, node.lineno, node.args[index].value, params


def _constants(trees) -> set[str]:
    return {n.value for tree in trees.values() for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _pydantic_codes() -> set[str]:
    found = set()
    for entry in table().pydantic.values():
        found |= set(entry.values()) if isinstance(entry, dict) else {entry}
    return found  # named by the table itself (see test_messages.py)


def _yaml_codes() -> set[str]:
    return {code for _, code in yaml_problems._table()["motifs"]}  # named by yaml_erreurs.yml


# -- the table ---------------------------------------------------------------------------


def test_table_reads_the_same_strictly():
    """No duplicate key, anchor or YAML 1.1 surprise: the strict reader gives the same data."""
    text = MESSAGES.read_text(encoding="utf-8")
    doc, issues = yaml_strict.parse(text)
    assert doc is not None and issues == []
    assert doc.data == yaml.safe_load(text)


def test_codes_are_kebab_case_and_templates_well_formed():
    for code, template in table().problems.items():
        assert CODE.match(code), code
        assert template.message, code
        assert template.parameters is not None  # braces well paired (string.Formatter raises otherwise)
    assert all(CODE.match(name) for name in table().fragments)


def test_severity_comes_from_the_table():
    assert problem("section-vide", "a.md", 3, "corps.Contexte").severity is ERROR
    warning = problem("sans-indicateur", "a.md", 0, "indicateurs")
    assert warning.severity is WARNING and not has_errors([warning]) and errors([warning]) == []
    assert ERROR == "erreur" and json.dumps(WARNING) == '"avertissement"'


def test_factory_fills_message_and_hint_from_parameters():
    p = problem("outil-introuvable", "x.md", 12, "outils[0]", slug="outil-x", suggestion=suggestion(["outil-y"]))
    assert (p.code, p.path, p.line, p.field) == ("outil-introuvable", "x.md", 12, "outils[0]")
    assert p.message == "outil « outil-x » introuvable dans content/outils/"
    assert p.hint.startswith("Vouliez-vous dire « outil-y » ? Créez la fiche outil")
    assert suggestion([]) == ""


def test_factory_refuses_missing_extra_or_unknown_parameters():
    with pytest.raises(TypeError, match="section-manquante"):
        problem("section-manquante", "x.md", 1, "corps")
    with pytest.raises(TypeError, match="section-vide"):
        problem("section-vide", "x.md", 1, "corps", section="Contexte")
    with pytest.raises(KeyError):
        problem("pas-de-tel-code")
    with pytest.raises(TypeError):
        fragment("valeur-citee")


def test_problems_are_values():
    p = problem("section-vide", "a.md", 3, "corps.Contexte")
    assert p == problem("section-vide", "a.md", 3, "corps.Contexte") and len({p, replace(p)}) == 1
    assert replace(p, path="b.md").path == "b.md"
    assert p.as_dict()["code"] == "section-vide" and p.as_dict()["severity"] == "erreur"
    later = problem("section-vide", "a.md", 2, "corps.Z")
    assert sorted([p, later], key=reading_order) == [later, p]


def test_problems_error_carries_its_problems():
    p = problem("yaml-tabulation", line=4, field="yaml")
    exc = ProblemsError([p])
    assert exc.problems == [p] and str(exc) == "tabulation interdite dans l'indentation YAML"


# -- the table and the code agree ----------------------------------------------------------


def test_every_code_the_package_names_is_in_the_table_with_its_parameters():
    trees = _sources()
    functions = _takes_code(trees)
    assert {"problem", "flag", "_warn"} <= set(functions), functions
    wrong = []
    for module, line, code, params in _calls(trees, functions):
        template = table().problems.get(code)
        if template is None:
            wrong.append(f"{module}:{line}: code « {code} » absent de messages.yml")
        elif params is not None and params != template.parameters:
            wrong.append(f"{module}:{line}: {code} reçoit {sorted(params)}, attend {sorted(template.parameters)}")
    fragments = {"fragment": (0, set())}
    for module, line, name, params in _calls(trees, fragments):
        text = table().fragments.get(name)
        if text is None:
            wrong.append(f"{module}:{line}: fragment « {name} » absent de messages.yml")
        elif params is not None and params != parameters(text):
            wrong.append(f"{module}:{line}: {name} reçoit {sorted(params)}, attend {sorted(parameters(text))}")
    assert not wrong, "\n".join(wrong)


def test_every_entry_of_the_table_is_used():
    named = _constants(_sources()) | _pydantic_codes() | _yaml_codes()
    unused = sorted(set(table().problems) - named) + sorted(set(table().fragments) - named)
    assert not unused, f"entrées de messages.yml que le code n'utilise pas : {unused}"


def test_code_never_compares_a_message_with_french_text():
    found = set()
    for module, tree in _sources().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            reads = any(isinstance(s, ast.Attribute) and s.attr in ("message", "hint") for s in sides)
            texts = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
            if reads and texts:
                found |= {(module, text) for text in texts}
    assert not found, f"comparez les codes des problèmes, pas leurs messages : {sorted(found)}"


def test_every_code_of_the_yaml_table_has_its_message():
    missing = sorted(_yaml_codes() - set(table().problems))
    assert not missing, f"yaml_erreurs.yml nomme des codes absents de messages.yml : {missing}"
