"""Bad input through the real command line: one line on stderr, exit code 2, nothing half-done.

Each case was a traceback, a hang or a runaway allocation before (issue 15).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from sottovoce.cli import main
from sottovoce.models.limits import MAX_NESTING, MAX_SPEAK_CHARS, TOO_LONG_REPLY

CASES = "cases:\n  - say: turn on the kitchen light\n    expect: {state: {}}\n"


def _one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sottovoce: error: ")
    return lines[0]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# ------------------------------------------------------------------ eval


@pytest.mark.parametrize(
    ("cases", "says"),
    [
        ("cases:\n  - say: hi\n    expect: {state: " + "{a: " * 900 + "1" + "}" * 900 + "}\n",
         f"nest more than {MAX_NESTING}"),
        ("cases:\n  - say: hi\n    advance: .inf\n", "'advance' must be"),
        ("cases:\n  - say: hi\n    advance: .nan\n", "'advance' must be"),
        ("cases:\n  - say: hi\n    advance: -1\n", "'advance' must be"),
        ("cases:\n  - say: hi\n    advance: 1.0e300\n", "'advance' must be"),
        ("cases: &a [*a]\n", "contains itself"),
    ],
)  # fmt: skip
def test_eval_refuses_a_bad_case_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cases: str, says: str
) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(cases, encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["eval", str(path), "--engine", "none", "--json", str(report)]) == 2
    captured = capsys.readouterr()
    assert says in _one_error_line(captured.err)
    assert str(path) in captured.err
    assert captured.out == "" and not report.exists()


@pytest.mark.parametrize(
    ("world", "says"),
    [
        ("name: x\nx-deep: " + "[" * 900 + "]" * 900 + "\n", "nest more than"),
        ("name: x\naliases: [" + "a" * 300 + "]\n", "longer than 200"),
        ("name: x\nx-pad: '" + "p" * (1024 * 1024) + "'\n", "larger than the limit"),
    ],
)
def test_eval_refuses_a_bad_world_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], world: str, says: str
) -> None:
    (tmp_path / "cases.yaml").write_text(CASES, encoding="utf-8")
    (tmp_path / "world.yaml").write_text(world, encoding="utf-8")
    argv = ["eval", str(tmp_path / "cases.yaml"), "--world", str(tmp_path / "world.yaml")]
    assert main([*argv, "--engine", "none"]) == 2
    assert says in _one_error_line(capsys.readouterr().err)


def test_eval_answers_an_over_long_say_without_acting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    say = "turn on the kitchen light and " * 3000  # 90 KB: it acted, slowly, before
    path = tmp_path / "cases.yaml"
    path.write_text(f'cases:\n  - say: "{say}"\n    expect: {{state: {{}}, reply: "too long"}}\n')
    assert main(["eval", str(path), "--engine", "none"]) == 0
    assert capsys.readouterr().out.strip().endswith("1 passed, 0 failed")


# ------------------------------------------------------------------ chat and the config


def test_chat_answers_an_over_long_line_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    long_line = "turn off the kitchen light and " * 3000
    _stdin(monkeypatch, f"{long_line}\nwhat lights are on\n".encode())
    assert main(["chat", "--data-dir", str(tmp_path), "--engine", "none"]) == 0
    out = capsys.readouterr().out
    assert TOO_LONG_REPLY in out
    assert out.count(TOO_LONG_REPLY) == 1  # the next line was answered as usual


class _Lines(io.StringIO):
    """Standard input that records the most it was asked to read at once."""

    most = 0

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        _Lines.most = max(_Lines.most, size if size >= 0 else 10**12)
        return super().readline(size)


def test_chat_reads_a_huge_line_in_bounded_pieces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Lines("x" * 3_000_000 + "\nwhat lights are on\n"))
    assert main(["chat", "--data-dir", str(tmp_path), "--engine", "none"]) == 0
    assert 0 < _Lines.most <= 64 * 1024  # never the whole line at once
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"sottovoce: {TOO_LONG_REPLY}" and " on" in out[1]


@pytest.mark.parametrize(
    ("config", "says"),
    [
        (b'[llm]\nmodel = "\xff"\n', "is not UTF-8 text"),
        (b"a = " + b"[" * 900 + b"]" * 900 + b"\n", "nests deeper than"),
        (b"[llm]\ncontext = 99999999999\n", "[llm] context must be from"),
        (b'[llm]\nbase_url = "localhost:8080"\n', "must start with http://"),
    ],
)
def test_chat_refuses_a_bad_config_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    config: bytes,
    says: str,
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(config)
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(path))
    _stdin(monkeypatch, b"turn on the kitchen light\n")
    assert main(["chat", "--data-dir", str(tmp_path / "data"), "--engine", "none"]) == 2
    captured = capsys.readouterr()
    assert says in _one_error_line(captured.err)
    assert "kitchen" not in captured.out  # nothing was said, nothing done


@pytest.mark.parametrize("url", ["http://[::1", "ftp://x", "localhost:8080", ""])
def test_chat_refuses_a_malformed_llm_url_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    _stdin(monkeypatch, b"turn on the kitchen light\n")
    argv = ["chat", "--data-dir", str(tmp_path), "--engine", "openai", "--llm-url", url]
    assert main(argv) == 2
    assert "--llm-url" in _one_error_line(capsys.readouterr().err)


# ------------------------------------------------------------------ speak


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"hello\x00world", "control character (U+0000"),
        (b"hello \xff\xfe world", "not UTF-8"),
        (b"\x1b[2Jhello", "control character (U+001B"),
        (b"a" * (MAX_SPEAK_CHARS + 1), f"limit of {MAX_SPEAK_CHARS} characters"),
        (b"\x00" * 10_000_000, f"limit of {MAX_SPEAK_CHARS} characters"),
    ],
)
def test_speak_refuses_bad_standard_input_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    says: str,
) -> None:
    _stdin(monkeypatch, data)
    out = tmp_path / "out.wav"
    assert main(["speak", "-", "--output", str(out)]) == 2
    assert says in _one_error_line(capsys.readouterr().err)
    assert not out.exists()


@pytest.mark.parametrize("scale", ["1000000", "0.01", "nan", "inf", "-1"])
def test_speak_refuses_an_absurd_length_scale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scale: str
) -> None:
    out = tmp_path / "out.wav"
    assert main(["speak", "hello", "--length-scale", scale, "--output", str(out)]) == 2
    assert "--length-scale must be from 0.25 to 4.0" in _one_error_line(capsys.readouterr().err)
    assert not out.exists()


def test_speak_refuses_undecodable_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = b"bad \xff arg".decode("utf-8", "surrogateescape")  # as Python hands over argv
    assert main(["speak", text, "--output", str(tmp_path / "o.wav")]) == 2
    assert "not UTF-8" in _one_error_line(capsys.readouterr().err)


# ------------------------------------------------------------------ options


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["speak", "hi", "--length-scale", "fast"], "argument --length-scale"),
        (["run", "--wake-threshold", "nan"], "argument --wake-threshold"),
        (["run", "--wake-threshold", "7"], "from 0.0 to 1.0"),
        (["demo", "--seed", "99999999999999999999"], "argument --seed"),
        (["tools", "check", "--samples", "100000000"], "from 1 to 1000"),
        (["listen", "--wake-threshold", "-3"], "argument --wake-threshold"),
        (["speak"], "required: TEXT"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    line = _one_error_line(capsys.readouterr().err)
    assert says in line and "--help" in line


@pytest.mark.parametrize("command", ["run", "listen"])
def test_an_absurd_silence_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    argv = [command, "--input", str(tmp_path / "none.wav"), "--silence-ms", "99999999999"]
    if command == "run":
        argv += ["--data-dir", str(tmp_path / "data")]
    assert main(argv) == 2
    assert "--silence-ms must be" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("option", ["--timeout", "--stall-timeout"])
def test_pull_refuses_a_wait_that_overflows_the_socket(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    assert main(["models", "pull", "phi-4-mini", option, "1e308"]) == 2
    assert "must be at most 3600 seconds" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("presses", ["nan\n", "inf\n", "-1\n", "0.5 nan\n", "1\n" * 600_000])
def test_push_to_talk_press_times_must_be_times(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    presses: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(presses))
    clip = tmp_path / "clip.wav"
    clip.write_bytes(b"")  # refused before the file is read
    assert main(["listen", "--input", str(clip), "--push-to-talk"]) == 2
    assert "press times in seconds" in _one_error_line(capsys.readouterr().err)
