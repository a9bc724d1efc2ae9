"""The layout keeps its promises: layers below domains, domains in one order, one owner of commits.

Read from the code's own imports (ast), so it holds for every module, old and new.
The order of the domains is the one docs/architecture.md draws; a new room must be
placed in it before its first import passes.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"
# The shared layers, lowest first: each may import only the ones before it.
LAYERS = ("core", "web")
# The app's own wiring at the top: it may import anything, nothing imports it but itself.
TOP = {"portal", "portal.cli", "portal.wiring", "portal.models", "portal.config"}
# Modules that own a unit of work: they, and only they, commit.
ENTRY_POINT = re.compile(r"(^|_)(views|cli|jobs|tasks)$")
UNIT_OF_WORK_HELPERS = {"portal.core.unit_of_work", "portal.web.unit_of_work", "portal.cli"}


def domain_order() -> list[str]:
    """The domains, lowest first, as docs/architecture.md draws them (`a → b → c`)."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    line = next(line for line in text.splitlines() if line.strip().startswith("`auth` →"))
    return re.findall(r"`(\w+)`", line)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module, or the module a name was imported from
    name: str | None  # the imported name, for `from target import name`
    line: int
    in_function: bool
    bound_as: str  # the name the importing module uses for it


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(), str(p))
            for p in sorted(PORTAL.rglob("*.py")) if "migrations" not in p.parts}


def imports_of(module: str, tree: ast.Module) -> list[Import]:
    in_function = {id(node) for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                   for node in ast.walk(fn)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("portal"):
            for alias in node.names:
                found.append(Import(module, node.module, alias.name, node.lineno, id(node) in in_function,
                                    alias.asname or alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("portal"):
                    found.append(Import(module, alias.name, None, node.lineno, id(node) in in_function,
                                        alias.asname or alias.name.split(".")[0]))
    return found


def room(module: str, known: set[str]) -> str:
    """The layer or domain a module belongs to ("top" for the app's wiring)."""
    if module in TOP:
        return "top"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in known else "top"


def target_room(imp: Import, known: set[str]) -> str:
    full = imp.target if imp.name is None else f"{imp.target}.{imp.name}"
    # `from portal import tickets` imports the room itself; `from portal.tickets import x` too.
    for candidate in (full, imp.target):
        parts = candidate.split(".")
        if len(parts) > 1 and parts[1] in known:
            return parts[1]
    return "top"


@pytest.fixture(scope="module")
def code():
    return sources()


@pytest.fixture(scope="module")
def rooms():
    return {p.name for p in PORTAL.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def test_every_room_is_a_layer_or_has_its_place_in_the_domain_order(rooms):
    placed = set(LAYERS) | set(domain_order())
    assert rooms - placed == set(), "place these rooms in docs/architecture.md's domain order"
    assert set(domain_order()) - rooms == set(), "the documented order names rooms that do not exist"


def test_rooms_depend_one_way(code, rooms):
    order = list(LAYERS) + domain_order()
    rank = {name: i for i, name in enumerate(order)}
    wrong = []
    for module, tree in code.items():
        source = room(module, rooms)
        for imp in imports_of(module, tree):
            target = target_room(imp, rooms)
            if source == target or source == "top":
                continue
            if target == "top":
                if imp.target != "portal.config" or source in LAYERS:
                    wrong.append(f"{module}:{imp.line} ({source}) imports the app's wiring: {imp.target}")
            elif rank[target] > rank[source]:
                kind = "a layer imports" if source in LAYERS else "imports a later room,"
                wrong.append(f"{module}:{imp.line} ({source}) {kind} {target}: {imp.target}")
    assert wrong == [], "imports against the layout:\n" + "\n".join(sorted(set(wrong)))


def test_no_pair_of_rooms_imports_each_other(code, rooms):
    edges = {(room(m, rooms), target_room(i, rooms)) for m, t in code.items() for i in imports_of(m, t)}
    pairs = sorted({tuple(sorted(e)) for e in edges if e[0] != e[1] and e[::-1] in edges
                    and "top" not in e})
    assert pairs == [], f"rooms that import each other: {pairs}"


def test_no_module_uses_another_rooms_private_names(code, rooms):
    wrong = []
    for module, tree in code.items():
        source = room(module, rooms)
        aliases = {}
        for imp in imports_of(module, tree):
            if imp.name and imp.name.startswith("_") and target_room(imp, rooms) != source:
                wrong.append(f"{module}:{imp.line} imports {imp.target}.{imp.name}")
            if target_room(imp, rooms) != source:
                aliases[imp.bound_as] = imp.target
        # `services._audit(...)` through an imported module is the same thing.
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and isinstance(node.value, ast.Name) and node.value.id in aliases):
                wrong.append(f"{module}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert wrong == [], "private names used across rooms:\n" + "\n".join(sorted(set(wrong)))


def test_only_entry_points_commit(code):
    wrong = []
    for module, tree in code.items():
        if ENTRY_POINT.search(module.rsplit(".", 1)[-1]) or module in UNIT_OF_WORK_HELPERS:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "commit" and not node.args):
                wrong.append(f"{module}:{node.lineno}")
    assert wrong == [], ("services flush, entry points (views, cli, jobs, tasks) commit; "
                         "commits found in:\n" + "\n".join(wrong))


def test_top_level_modules_are_the_apps_wiring_only():
    loose = sorted(p.stem for p in PORTAL.glob("*.py") if p.stem != "__init__")
    assert loose == ["cli", "config", "models", "wiring"]


def test_no_module_imports_itself_back_through_others(code):
    """No circle of module-level imports (a circle works only by the order modules load in)."""
    graph: dict[str, set[str]] = {}
    for module, tree in code.items():
        targets = set()
        for imp in imports_of(module, tree):
            if imp.in_function:
                continue
            full = f"{imp.target}.{imp.name}" if imp.name else imp.target
            targets.add(full if full in code else imp.target)
        graph[module] = {t for t in targets if t in code and t != module}
    # A package's __init__ importing its own submodules is how a package offers its API.
    for module in graph:
        graph[module] = {t for t in graph[module] if not (module.startswith(t + ".") and t in code)}
    circles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(" → ".join(path[path.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == [], "module-level import circles:\n" + "\n".join(circles)
