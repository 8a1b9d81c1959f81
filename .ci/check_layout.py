"""Layout checks of .ci/run: module sizes and import cycles in pipeline/ and models/.

- No module over MAX_LINES lines, except the data-only modules (tables, no logic: as
  price-parser keeps its 1,700 lines of currency data apart in `_currencies.py`).
- No import cycle between the project's modules: every import of a project module counts,
  at module level or inside a function (a deferred import still ties the two modules
  together), except those under `if TYPE_CHECKING:`, which never run.

Run from the repository root: `python .ci/check_layout.py`; exit status 1 on a finding.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "models")
MAX_LINES = 600
# Data only: hand-written currency rows, and tables generated from CLDR and lemminflect.
SIZE_EXEMPT = (
    "pipeline/amounts/_currencies.py",
    "pipeline/amounts/_cldr.py",
    "pipeline/link/_inflections.py",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in known}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def main() -> int:
    files = sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))
    problems = []
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and not rel.startswith(SIZE_EXEMPT):
            problems.append(f"{rel}: {lines} lines (at most {MAX_LINES}); split it")
    known = {module_name(p) for p in files}
    graph = {module_name(p): imports_of(p, known) - {module_name(p)} for p in files}
    cycle = find_cycle(graph)
    if cycle:
        problems.append("import cycle: " + " -> ".join(cycle))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"layout: {len(files)} modules checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
