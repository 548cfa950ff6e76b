"""The apps import one another only downward, in the order docs/architecture.md gives.

The order is read from the ```text block under the "Import order" heading, so the
document and the code cannot drift apart: an app may import any app listed before it,
never one listed after it. Imports inside functions count too (hiding an upward import
in a function does not make it go away). Tests and migrations are exempt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "pathways"
DOC = ROOT / "docs" / "architecture.md"


def documented_order() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"^## Import order\n.*?```text\n(.*?)```", text, re.M | re.S)
    assert match, f"{DOC} has no '## Import order' section with a ```text block"
    names = re.findall(r"^\s*\d+\.\s+([a-z_]+)\b", match.group(1), re.M)
    assert names, "the Import order block lists no apps (lines like '1. places  ...')"
    return names


def apps() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))


def imports_of(app: str) -> list[tuple[str, str, int]]:
    """(imported app, file, line) for every `pathways.<other>` import in an app."""
    found = []
    for path in sorted((PACKAGE / app).rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
                if node.module == "pathways":
                    modules = [f"pathways.{alias.name}" for alias in node.names]
            for module in modules:
                bits = module.split(".")
                if bits[0] == "pathways" and len(bits) > 1 and bits[1] != app:
                    found.append((bits[1], str(path.relative_to(ROOT)), node.lineno))
    return found


def test_every_app_is_placed_once_in_the_documented_order():
    order = documented_order()
    assert len(order) == len(set(order)), f"an app is listed twice: {order}"
    missing = sorted(set(apps()) - set(order))
    unknown = sorted(set(order) - set(apps()))
    assert not missing, (
        f"apps {missing} are not in the Import order of docs/architecture.md: "
        "add each where it belongs (after every app it imports)"
    )
    assert not unknown, f"the Import order names apps that do not exist: {unknown}"


def test_no_app_imports_a_higher_one():
    order = documented_order()
    rank = {name: i for i, name in enumerate(order)}
    upward = [
        f"{path}:{line}: {app} imports {other}"
        for app in apps()
        if app in rank
        for other, path, line in imports_of(app)
        if other in rank and rank[other] > rank[app]
    ]
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def test_the_checker_sees_imports_inside_functions(tmp_path):
    # A guard for the guard: ast.walk reaches a function body.
    source = "def f():\n    from pathways.api import api\n"
    tree = ast.parse(source)
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert modules == ["pathways.api"]
