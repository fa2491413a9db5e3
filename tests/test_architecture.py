"""The folder tree is the architecture: imports point one way and never circle.

Every module of ``crawler`` and ``provenance`` is read as text (nothing is
imported) and each ``import`` inside it, at any depth, becomes an arrow. Two
rules are checked: no circle between modules, and no arrow from a lower layer
up to a higher one. The layers, from the top: the command (``provenance.app``,
with the demo site), the crawler, the stages and reports, the store, the text
toolkit. ``docs/architecture.md`` draws the same picture.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "provenance")

# Higher numbers may import lower ones (and their own layer), never higher ones.
LAYERS = {
    "provenance.text": 0,
    "provenance.store": 1,
    "provenance.quotes": 2,
    "provenance.link": 2,
    "provenance.report": 3,
    "provenance.alerts": 3,
    "crawler": 4,
    "provenance.sample": 4,
    "provenance.app": 5,
    "provenance": 5,  # the package itself: __main__ runs the command
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found[_module_name(path)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports, anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # a module by that name, else a name in ``base``
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else base)
    resolved = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            resolved.add(target)
    return resolved


def _layer(module: str) -> int:
    best = max((k for k in LAYERS if module == k or module.startswith(k + ".")), key=len)
    return LAYERS[best]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def test_every_module_belongs_to_a_layer() -> None:
    for module in _graph():
        assert _layer(module) >= 0, module


def test_no_import_points_up_a_layer() -> None:
    upward = [
        f"{source} -> {target}"
        for source, targets in _graph().items()
        for target in targets
        if _layer(target) > _layer(source)
    ]
    assert upward == []


def test_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path: Path) -> None:
    """The rules above can fail: a planted circle and a planted upward import."""
    known = {"provenance.store.a", "provenance.app.b"}
    a = tmp_path / "a.py"
    a.write_text("from provenance.app.b import run\n")
    b = tmp_path / "b.py"
    b.write_text("def run():\n    from provenance.store.a import x\n")
    arrows_a = _imports("provenance.store.a", a, known)
    arrows_b = _imports("provenance.app.b", b, known)
    assert arrows_a == {"provenance.app.b"} and arrows_b == {"provenance.store.a"}
    assert _layer("provenance.app.b") > _layer("provenance.store.a")  # a's arrow is upward


def test_every_folder_says_what_it_is_for() -> None:
    for package in PACKAGES:
        for folder in [ROOT / package, *(p for p in (ROOT / package).rglob("*") if p.is_dir())]:
            if folder.name == "__pycache__" or not any(folder.glob("*.py")):
                continue
            init = folder / "__init__.py"
            doc = ast.get_docstring(ast.parse(init.read_text())) if init.exists() else None
            assert doc or (folder / "README.md").exists(), f"{folder.relative_to(ROOT)}"


def test_every_module_is_under_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for package in (*PACKAGES, "bench", "evalsets", "tools")
        for path in (ROOT / package).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= 600
    }
    assert long == {}
