"""The command line: eval, tools and chat, including bad input (one line, exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sottovoce.cli import main

WORLD = """
name: Tiny
clock: "2026-06-01T08:30:00"
areas: [kitchen]
listener: {area: kitchen}
devices:
  - {id: light.kitchen, kind: light, name: kitchen light, area: kitchen}
"""
CASES = """
world: world.yaml
cases:
  - id: on
    say: turn on the kitchen light
    expect: {state: {devices: {light.kitchen: {"on": true}}}, reply: "(?i)on"}
  - id: wrong
    say: turn on the kitchen light
    expect: {state: {devices: {light.kitchen: {"on": false}}}}
"""


def _files(tmp_path: Path, world: str = WORLD, cases: str = CASES) -> Path:
    (tmp_path / "world.yaml").write_text(world, encoding="utf-8")
    path = tmp_path / "cases.yaml"
    path.write_text(cases, encoding="utf-8")
    return path


def test_eval_prints_failures_and_the_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.json"
    code = main(["eval", str(_files(tmp_path)), "--json", str(out)])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    assert lines[-1] == "1 passed, 1 failed"
    assert lines[0].startswith("FAIL wrong: ")
    report = json.loads(out.read_text())
    assert (report["passed"], report["failed"], report["errors"]) == (1, 1, 0)
    turn = report["cases"][0]["turns"][0]
    assert turn["route"] == "grammar"
    assert turn["calls"] == [{"tool": "light_turn_on", "args": {"name": "light.kitchen"}}]
    assert set(turn["timings_s"]) >= {"route", "tools"}
    assert "p50_turn" in report["summary_s"]


@pytest.mark.parametrize(
    ("world", "cases", "problem"),
    [
        ("devices: [", CASES, "world.yaml"),
        (WORLD.replace("kind: light", "kind: hottub"), CASES, "unknown kind 'hottub'"),
        (WORLD, "cases:\n  - id: x\n    expect: {}\n", "needs 'say' or 'audio'"),
        (WORLD, "cases: {", "cases.yaml"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], world: str, cases: str, problem: str
) -> None:
    code = main(["eval", str(_files(tmp_path, world, cases))])
    err = capsys.readouterr().err
    assert code == 2
    assert problem in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_files_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: no such case file" in capsys.readouterr().err
    cases = _files(tmp_path)
    assert main(["eval", str(cases), "--world", str(tmp_path / "gone.yaml")]) == 2
    assert "gone.yaml: no such world file" in capsys.readouterr().err


def test_tools_lists_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tools", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    by_name = {tool["name"]: tool for tool in listing}
    assert by_name["lock_unlock"]["confirm"] is True
    assert "properties" in by_name["timer_start"]["parameters"]
    assert main(["tools", "--plugins"]) == 0
    assert "sottovoce.tools.builtin.lights:plugin" in capsys.readouterr().out


def _chat(data_dir: Path, world: Path, *lines: str) -> str:
    env = {**os.environ, "SOTTOVOCE_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "sottovoce.cli", "chat", "--world", str(world)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout


@pytest.mark.slow
def test_chat_keeps_lists_and_timers_across_restarts(tmp_path: Path) -> None:
    from sottovoce.devices import default_world_path

    world = default_world_path()
    first = _chat(tmp_path, world, "add kiwis to my shopping list", "set a timer for 2 hours")
    assert "kiwis" in first.lower()
    second = _chat(tmp_path, world, "what's on my shopping list?", "how much time is left")
    assert "kiwis" in second.lower()
    assert "hour" in second.lower()


@pytest.mark.slow
def test_chat_demo_runs(tmp_path: Path) -> None:
    env = {**os.environ, "SOTTOVOCE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "sottovoce.cli", "chat", "--demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert done.stdout.count("sottovoce:") >= 8
    assert "Traceback" not in done.stderr


def test_unreadable_store_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "store.sqlite3").write_bytes(b"this is not a database" * 100)
    code = main(["chat", "--data-dir", str(tmp_path), "--demo"])
    err = capsys.readouterr().err
    assert code == 2 and "store.sqlite3" in err and err.count("\n") == 1


@pytest.mark.slow
def test_nothing_is_lost_when_chat_is_killed_between_turns(tmp_path: Path) -> None:
    from sottovoce.devices import default_world_path

    env = {**os.environ, "SOTTOVOCE_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "sottovoce.cli", "chat", "--world", str(default_world_path())]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("take a note the spare key is under the mat\n")
    process.stdin.flush()
    reply = process.stdout.readline()
    process.kill()  # no clean shutdown: the turn must already be on disk
    process.wait(timeout=10)
    process.stdin.close()
    process.stdout.close()
    assert reply.startswith("sottovoce:")
    after = _chat(tmp_path, default_world_path(), "read my notes")
    assert "spare key is under the mat" in after
