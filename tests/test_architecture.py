"""The package's shape, as the README describes it: data flows one way, one stage per
package; no stage imports a later one or another module's private names; no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "phrasewatch"

# Each entry may import itself and anything listed before it, never after.
LAYERS = (
    ("errors", "resources"),
    ("lexicon",),
    ("text", "countries"),
    ("catalogue",),
    ("match",),
    ("attribution",),
    ("corpus", "duplicates"),
    ("options", "tables"),
    ("pipeline",),
    ("store",),
    ("run", "result"),
    ("scan", "cluster"),
    ("score", "check", "compare", "discovery"),
    ("coverage", "kwic"),
    ("report", "ci"),
    ("cli",),
    ("__init__", "__main__"),
)
_RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        if "_bundled" in path.parts:
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path) -> list[tuple[str, str | None, bool]]:
    """(module imported, name imported or None, at module level) for every import."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if not module.startswith("phrasewatch"):
                continue
            for alias in node.names:
                found.append((module, alias.name, id(node) in top))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, None, id(node) in top) for alias in node.names if alias.name.startswith("phrasewatch"))
    return found


def _component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = _modules()


def test_every_module_has_a_layer():
    assert sorted({_component(m) for m in MODULES} - set(_RANK)) == []


def test_no_stage_imports_a_later_stage():
    upward = []
    for name, path in MODULES.items():
        mine = _component(name)
        for module, imported, _ in _imports(name, path):
            target = module if imported is None or f"{module}.{imported}" not in MODULES else f"{module}.{imported}"
            theirs = _component(target)
            if theirs != mine and _RANK[theirs] > _RANK[mine]:
                upward.append(f"{name} imports {target}")
    assert upward == []


def test_no_module_imports_another_modules_private_names():
    private = []
    for name, path in MODULES.items():
        for module, imported, _ in _imports(name, path):
            if imported is not None and imported.startswith("_") and module != name:
                private.append(f"{name} imports {imported} from {module}")
            # a private module is its package's own: only its package imports it
            target = f"{module}.{imported}" if imported is not None and f"{module}.{imported}" in MODULES else module
            last = target.rsplit(".", 1)
            if len(last) == 2 and last[1].startswith("_") and not last[1].startswith("__"):
                if not name.startswith(last[0] + ".") and name != last[0]:
                    private.append(f"{name} imports the private module {target}")
    assert private == []


def test_module_level_imports_have_no_cycle():
    graph = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, imported, at_top in _imports(name, path):
            if not at_top:
                continue
            target = f"{module}.{imported}" if imported is not None and f"{module}.{imported}" in MODULES else module
            if target in MODULES and target != name:
                graph[name].add(target)
    # a package imports its own modules (its __init__ gathers them): not a cycle back
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            if node.startswith(nxt + "."):
                continue  # a module importing from its own package's __init__
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_scan_module_reads_as_the_pipeline():
    """The entry points only: the stages live in their packages."""
    assert len((PACKAGE / "scan.py").read_text(encoding="utf-8").splitlines()) < 250


def test_the_readme_column_reference_is_the_tables_module():
    from phrasewatch.tables import reference_markdown

    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- columns: begin -->\n", 1)[1].split("<!-- columns: end -->", 1)[0]
    assert block == reference_markdown(), "regenerate the README's column reference: python -m phrasewatch.tables"
