"""Text made safe to print and speak: no control characters, cut on a word boundary."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sottovoce.models.safetext import clip, printable

CONTROLS = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("plain words, kept as they are", "plain words, kept as they are"),
        ("\x1b[2J\x1b[H\x1b[1;31mred\x1b[0m", "red"),  # clear screen, cursor home, colour
        ("\x1b]0;window title\x07after", "after"),  # OSC ended by BEL
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink, ended by ST
        ("\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"),  # DCS string
        ("\x1bc reset", " reset"),  # ESC c resets the terminal
        ("\x9b31mbright\x9b0m", "bright"),  # 8-bit CSI
        ("a\x00b\x07c\x08d\x7fe\x85f", "abcde f"),  # NUL, BEL, BS, DEL; NEL is a break
        ("one\ttwo\nthree\r\nfour\u2028five", "one two three  four five"),
        ("\u202eevil\u202c \u2066iso\u2069 \u200ezero\u200bwidth\ufeff", "evil iso zerowidth"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("café ☕ 日本 ñ 🙂", "café ☕ 日本 ñ 🙂"),
    ],
)
def test_printable_removes_what_a_terminal_or_a_voice_would_act_on(text: str, clean: str) -> None:
    assert printable(text) == clean


@given(st.text(alphabet=st.characters(codec=None), max_size=200))
def test_printable_leaves_no_control_character(text: str) -> None:
    clean = printable(text)
    assert not [c for c in clean if unicodedata.category(c) in CONTROLS]
    assert printable(clean) == clean


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("short", 10, "short"),
        ("hello world again", 11, "hello world"),
        ("hello world again", 13, "hello world"),
        ("one, two, three", 9, "one, two"),
        ("one, two, three", 6, "one"),
        ("x" * 50, 10, "x" * 10),  # one long word: cut inside it
    ],
)
def test_clip_cuts_on_a_word_boundary(text: str, limit: int, cut: str) -> None:
    assert clip(text, limit) == cut


@given(st.text(max_size=300), st.integers(min_value=1, max_value=200))
def test_clip_is_within_the_limit(text: str, limit: int) -> None:
    cut = clip(text, limit)
    assert len(cut) <= limit and text.startswith(cut)
