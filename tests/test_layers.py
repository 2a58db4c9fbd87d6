"""The package's shape: data flows one way, errors → model → formats → analysis → views → cli.

Every import counts, the ones inside functions included (a lazy import is still a dependency);
imports under ``if TYPE_CHECKING:`` count for the direction of layers but not for cycles,
since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "argmap"

#: Each module's layer is the first prefix that matches; a module may import only its own
#: layer or lower ones. ``argmap`` itself (the public facade, lazy) sits above them all.
LAYERS: list[tuple[str, int]] = [
    ("argmap.errors", 0),
    ("argmap.losses", 0),
    ("argmap.progress", 0),
    ("argmap.memory", 0),
    ("argmap.files", 0),
    ("argmap.version", 0),
    ("argmap.model", 1),
    ("argmap.argumentation.framework", 1),
    ("argmap.formats", 2),
    ("argmap.analysis", 3),
    ("argmap.argumentation", 3),
    ("argmap.store", 3),
    ("argmap.views", 4),
    ("argmap.cli", 5),
    ("argmap.__main__", 5),
    ("argmap", 6),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    for prefix, rank in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported argmap module, runs at import or call time) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    known = {module_name(p) for p in SRC.rglob("*.py")}

    def visit(node: ast.AST, runs: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_runs = runs and not _type_checking_block(child)
            if isinstance(child, ast.Import):
                found.extend((a.name, runs) for a in child.names if a.name.startswith("argmap"))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1] + [base])
                    base = base.rstrip(".")
                if base.startswith("argmap"):
                    for alias in child.names:
                        sub = f"{base}.{alias.name}"
                        found.append((sub if sub in known else base, runs))
            visit(child, child_runs)

    visit(tree, True)
    return found


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def test_every_import_points_down_or_sideways() -> None:
    wrong = [
        f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)})"
        for name, path in all_modules().items()
        for target, _ in imports(path)
        if name != "argmap" and layer(target) > layer(name)
    ]
    assert wrong == []


def test_no_import_cycle_lazy_imports_included() -> None:
    modules = all_modules()
    edges = {
        name: sorted({t for t, runs in imports(path) if runs and t in modules and t != name})
        for name, path in modules.items()
    }
    # A package's __init__ is entered before any of its modules, so a module importing its
    # own package's facade is the usual Python shape, not a cycle of ours.
    cycles = []
    state: dict[str, int] = {}
    for start in edges:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            targets = [t for t in edges[node] if not (node.startswith(t + ".") and t != "argmap")]
            if i < len(targets):
                stack.append((node, i + 1))
                target = targets[i]
                if state.get(target) == 1:
                    cycles.append(" -> ".join([*path[path.index(target) :], target]))
                elif not state.get(target):
                    stack.append((target, 0))
            else:
                state[node] = 2
                path.pop()
    assert cycles == []


@pytest.mark.parametrize("name", sorted(all_modules()))
def test_module_stays_under_700_lines(name: str) -> None:
    lines = all_modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 700, f"{name} has {lines} lines: split it by job"


def test_no_function_over_80_lines() -> None:
    long = []
    for name, path in all_modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 80:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert long == []
