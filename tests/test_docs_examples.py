"""The plugin examples in docs/plugins.md run as written: each plugin, then its tests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"


def test_plugin_example_runs(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(), re.S)
    plugin_code, *test_code = blocks[:3]
    assert "AgentHarness" in test_code[0] and "ScriptedLLM" in test_code[1]
    (tmp_path / "my_garden_plugin.py").write_text(plugin_code, encoding="utf-8")
    script = "\n".join(test_code) + "\nprint(replies)\n"
    (tmp_path / "use_it.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "use_it.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Watering with the hose for 10 minutes." in done.stdout


def test_records_and_due_example_runs(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(), re.S)
    [plugin_code, test_code] = [b for b in blocks if "coffee_plugin" in b or "@plugin.due" in b]
    assert "ctx.records" in plugin_code and "advance" in test_code
    (tmp_path / "coffee_plugin.py").write_text(plugin_code, encoding="utf-8")
    (tmp_path / "use_it.py").write_text(test_code + "\nprint('ok')\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "use_it.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
