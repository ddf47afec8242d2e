"""Listing plugins reads metadata only: no plugin module is imported."""

from __future__ import annotations

import subprocess
import sys


def test_listing_plugins_imports_none_of_them() -> None:
    code = (
        "import sys; from sottovoce.tools import available_plugins; "
        "names = [p.name for p in available_plugins()]; "
        "loaded = [m for m in sys.modules if m.startswith('sottovoce.tools.builtin.')]; "
        "print(len(names), loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, loaded = out.stdout.split(" ", 1)
    assert int(count) >= 14
    assert loaded.strip() == "[]"
