"""The plugin example in docs/plugins.md runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"


def test_plugin_example_runs(tmp_path: Path) -> None:
    plugin_code, test_code = re.findall(r"```python\n(.*?)```", DOCS.read_text(), re.S)[:2]
    (tmp_path / "my_garden_plugin.py").write_text(plugin_code, encoding="utf-8")
    (tmp_path / "use_it.py").write_text(test_code + "\nprint(replies)\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "use_it.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Watering with the hose for 10 minutes." in done.stdout
