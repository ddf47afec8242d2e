"""`sottovoce plugin new`: the package it makes installs offline, is listed, and its tests pass."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sottovoce.cli import main

EXPECTED_FILES = {
    "pyproject.toml",
    "plugin_build.py",
    "README.md",
    "sottovoce_garden_hose/__init__.py",
    "sottovoce_garden_hose/py.typed",
    "tests/test_garden_hose.py",
}


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _run(*args: str, cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_it_makes_the_package_and_says_what_to_do_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugin", "new", "Garden_Hose", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    folder = tmp_path / "garden_hose"
    assert _files(folder) == EXPECTED_FILES
    assert f"pip install -e {folder}" in out
    assert f"pytest {folder}" in out
    # Every tool it made, as `sottovoce tools` will list them.
    assert "# lists garden_hose.garden_hose_run, garden_hose.garden_hose_stop\n" in out
    pyproject = (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert 'garden_hose = "sottovoce_garden_hose:plugin"' in pyproject
    assert "requires = []" in pyproject  # installing needs no package index
    code = (folder / "sottovoce_garden_hose" / "__init__.py").read_text(encoding="utf-8")
    assert "def garden_hose_run(" in code and "__" not in code.replace("__future__", "")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("9lives", "starts with a digit"),
        ("garden-hose", "'garden_hose'"),
        ("jardín", "not a plain Python identifier"),
        ("_hidden", "not a plain Python identifier"),
        ("class", "Python keyword"),
        ("lights", "sottovoce's own plugins"),
        ("Timers", "sottovoce's own plugins"),
        ("sottovoce", "the agent's own"),
        ("a" * 41, "too long"),
    ],
)
def test_bad_names_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, problem: str
) -> None:
    assert main(["plugin", "new", name, "--dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("sottovoce: error: plugin")
    assert captured.err.count("\n") == 1 and problem in captured.err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "garden_hose"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["plugin", "new", "garden_hose", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err
    assert _files(mine) == {"notes.txt"}
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert main(["plugin", "new", "garden_hose", "--dir", str(tmp_path / "nowhere")]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_the_editable_wheel_points_at_the_folder(tmp_path: Path) -> None:
    assert main(["plugin", "new", "garden_hose", "--dir", str(tmp_path)]) == 0
    folder = tmp_path / "garden_hose"
    code = "import plugin_build, sys; print(plugin_build.build_editable(sys.argv[1]))"
    built = _run("-c", code, str(tmp_path), cwd=folder)
    assert built.returncode == 0, built.stderr
    with zipfile.ZipFile(tmp_path / built.stdout.strip()) as wheel:
        names = set(wheel.namelist())
        assert wheel.read("__editable__.sottovoce_garden_hose.pth").decode().strip() == str(
            folder.resolve()
        )
        points = wheel.read("sottovoce_garden_hose-0.1.0.dist-info/entry_points.txt").decode()
    assert "sottovoce_garden_hose-0.1.0.dist-info/RECORD" in names
    assert "[sottovoce.plugins]\ngarden_hose = sottovoce_garden_hose:plugin" in points


@pytest.mark.slow
def test_made_installed_listed_and_its_own_tests_pass(tmp_path: Path) -> None:
    made = _run("-m", "sottovoce.cli", "plugin", "new", "garden_hose", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "pip install -e garden_hose" in made.stdout
    target = tmp_path / "site"
    # Into a folder of its own, from no index: the project's environment stays as it is.
    installed = _run(
        "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target), "./garden_hose",
        cwd=tmp_path,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    tools = _run("-m", "sottovoce.cli", "tools", cwd=tmp_path, pythonpath=target)
    assert tools.returncode == 0, tools.stderr
    assert "garden_hose.garden_hose_run: Turn the garden hose on for a while" in tools.stdout
    assert "garden_hose.garden_hose_stop" in tools.stdout
    plugins = _run("-m", "sottovoce.cli", "tools", "--plugins", cwd=tmp_path, pythonpath=target)
    assert "garden_hose\tsottovoce_garden_hose:plugin\tsottovoce-garden-hose" in plugins.stdout
    tested = _run(
        "-m", "pytest", "garden_hose", "-q", "-p", "no:cacheprovider", cwd=tmp_path,
        pythonpath=target,
    )  # fmt: skip
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "7 passed" in tested.stdout  # the entry-point test ran too: nothing skipped
