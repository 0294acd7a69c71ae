"""The package's layering: what imports what, read from the source with ast.

The wings depend one way: committee → sheets and site → sheets, never between
site and committee (the preview's dashboard reaches the site through an
explicit interface, site.render.ExtraPages, joined by the CLI), and sheets
depends on neither. The graph has no cycle. The live
preview talks to the hooks through an object, never through the environment.
"""

from __future__ import annotations

import ast
from pathlib import Path

from banque.paths import PROJECT

SCRIPTS = PROJECT / "scripts"
PACKAGE = SCRIPTS / "banque"


def module_name(path: Path) -> str:
    parts = path.relative_to(SCRIPTS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of the file (lazy imports too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: import relatif (les imports du paquet sont absolus)"
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    # `from banque.cli import committee` names the package itself: not an edge.
    return {name: {m for m in imported(path) if m in modules and m != name} for name, path in modules.items()}


def in_wing(module: str, wing: str) -> bool:
    return module == f"banque.{wing}" or module.startswith(f"banque.{wing}.")


def crossings(source: str, target: str) -> list[str]:
    return sorted(f"{m} → {i}" for m, imports in graph().items() if in_wing(m, source)
                  for i in imports if in_wing(i, target))


def test_the_site_imports_nothing_from_the_committee():
    assert crossings("site", "committee") == []


def test_the_committee_imports_nothing_from_the_site():
    assert crossings("committee", "site") == []


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (its modules in order), or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path, node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, node])):
                return cycle
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state and (cycle := visit(start, [])):
            return cycle
    return []


def test_the_import_graph_has_no_cycle():
    assert find_cycle(graph()) == []


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_sheets_import_neither_the_site_nor_the_committee():
    assert crossings("sheets", "site") + crossings("sheets", "committee") == []


def test_the_graph_reader_sees_imports_at_any_depth(tmp_path):
    sample = tmp_path / "exemple.py"
    sample.write_text("def f():\n    from banque.committee import dashboard\n    import banque.site.build\n", encoding="utf-8")
    assert {"banque.committee", "banque.committee.dashboard", "banque.site.build"} <= imported(sample)
    assert crossings("cli", "site") and crossings("cli", "committee")  # the CLI may join both wings


def environment_names(path: Path) -> set[str]:
    """The names of the environment variables a file reads or writes through os.environ or os.getenv."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
            names.add(ast.unparse(node.slice))
        elif isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-2:] in (
                ["environ", "get"], ["environ", "setdefault"], ["environ", "pop"], ["os", "getenv"], ["os", "putenv"]):
            names.add(ast.unparse(node.args[0]) if node.args else "?")
    return names


def test_no_banque_environment_variable():
    files = [p for p in SCRIPTS.rglob("*") if p.is_file() and p.suffix in (".py", ".js", ".html", ".j2", ".yml")]
    assert [str(p) for p in files if "BANQUE_" in p.read_text(encoding="utf-8")] == []
    used = {name for p in SCRIPTS.rglob("*.py") for name in environment_names(p)}
    assert used == {"'SOURCE_DATE_EPOCH'"}  # the standard variable of reproducible builds, and no other


def test_environment_reader_finds_reads_and_writes(tmp_path):
    sample = tmp_path / "exemple.py"
    sample.write_text('import os\nos.environ["A"] = "1"\nos.environ.get("B")\nos.getenv("C")\n', encoding="utf-8")
    assert environment_names(sample) == {"'A'", "'B'", "'C'"}
