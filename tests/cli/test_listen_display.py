"""How `sottovoce listen` shows partial and final transcripts."""

from __future__ import annotations

import pytest

from sottovoce.cli.speech import _show_final, _show_live
from sottovoce.voice.hearing import Final
from sottovoce.voice.partials import Partial


def test_partials_go_to_standard_error_one_line_each_off_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _show_live(Partial("turn on", "the kit"))
    _show_live(Partial("", ""))  # nothing heard yet: nothing shown
    _show_live(Partial("turn on the", "kitchen"))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "… turn on the kit\n… turn on the kitchen\n"


def test_finals_go_to_standard_output_with_their_span(capsys: pytest.CaptureFixture[str]) -> None:
    _show_final(Final("Turn on the kitchen light.", 0.5, 2.25, 0.0))
    _show_final(Final("", 3.0, 3.5, 0.0))  # whisper heard nothing in it
    assert capsys.readouterr().out == "[   0.50-   2.25] Turn on the kitchen light.\n"


def test_on_a_terminal_a_partial_is_rewritten_in_place(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _show_live(Partial("turn", "on"))
    _show_final(Final("Turn on.", 0.0, 1.0, 0.0))
    captured = capsys.readouterr()
    assert captured.err == "\r\x1b[K… turn on\r\x1b[K"
    assert captured.out == "[   0.00-   1.00] Turn on.\n"
