"""Every module imports on its own, first, in a fresh interpreter: no import cycle hides.

A cycle between two modules breaks only when one of them is imported first, so each
module is imported after every project module was dropped from `sys.modules` (the
third-party libraries stay loaded, which keeps this fast). .ci/check_layout.py checks the
import graph statically as well.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

DRIVER = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("pipeline", "models")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as e:
        failed.append(f"{name}: {type(e).__name__}: {e}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def _modules() -> list[str]:
    names = []
    for package in ("pipeline", "models"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__main__":  # runs the command when imported
                continue
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


def test_imports_every_module_first_in_a_fresh_interpreter() -> None:
    modules = _modules()
    assert len(modules) > 40 and "pipeline.run.dask_engine" in modules
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *modules], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
