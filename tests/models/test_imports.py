"""Every module of ``models/`` imports on its own first: no import cycle hides behind an order that happens to work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import models

SCRIPT = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "models" or m.startswith("models.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed.append(f"{name}: {exc}")
print("\\n".join(failed))
"""


def test_each_module_imports_first() -> None:
    names = sorted(
        f"models.{path.stem}" for path in Path(models.__file__).parent.glob("*.py") if path.stem != "__init__"
    )
    result = subprocess.run([sys.executable, "-c", SCRIPT, *names], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
