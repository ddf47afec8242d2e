"""Numeric bounds survive into the llama.cpp grammar (the converter itself drops them)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from llama_cpp.llama_grammar import json_schema_to_gbnf

from sottovoce.models import ToolSchema
from sottovoce.models.gbnf import _number_rule, schema_to_gbnf
from sottovoce.models.toolcall import PROPERTY_ORDER, decision_schema, inline_refs


def _regex(rule: str) -> re.Pattern[str]:
    """The language of a one-line GBNF rule body, as a regex (enough for our number rules)."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|\{\d+,\d+\}|space|[()|?]', rule)
    parts = []
    for token in tokens:
        if token.startswith('"'):
            parts.append(re.escape(token[1:-1]))
        elif token == "space":
            parts.append(" ?")
        else:
            parts.append(token)
    return re.compile("".join(parts))


def _accepts(node: dict[str, object], text: str) -> bool:
    rule = _number_rule(node)
    assert rule is not None
    return _regex(rule).fullmatch(text) is not None


SECONDS = {"type": "number", "exclusiveMinimum": 0, "maximum": 10_000_000}


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_whole_numbers_in_range_and_only_those(value: int) -> None:
    assert _accepts(SECONDS, str(value)) == (0 < value <= 10_000_000)


@pytest.mark.parametrize(
    ("node", "good", "bad"),
    [
        (SECONDS, ["0.5", "90", "12.25"], ["0", "-3", "1e9", "00"]),
        ({"type": "integer", "minimum": 1}, ["1", "365"], ["0", "1.5", "-1"]),
        ({"type": "number", "minimum": 0}, ["0", "0.5", "42"], ["-0.5", "01"]),
    ],
)
def test_examples(node: dict[str, object], good: list[str], bad: list[str]) -> None:
    assert all(_accepts(node, text) for text in good)
    assert not any(_accepts(node, text) for text in bad)


def test_negative_or_unbounded_numbers_are_left_to_the_converter() -> None:
    assert _number_rule({"type": "number"}) is None
    assert _number_rule({"type": "number", "minimum": -40}) is None


def test_small_ranges_become_enums() -> None:
    flat = inline_refs(
        {"properties": {"d": {"type": "number", "exclusiveMinimum": 0, "maximum": 10}}}
    )
    assert flat["properties"]["d"] == {"enum": list(range(1, 11))}


def test_the_grammar_uses_the_bounded_rule() -> None:
    tool = ToolSchema("timer_start", "Start a timer.", {"properties": {"seconds": SECONDS}})
    grammar = schema_to_gbnf(decision_schema([tool]), json_schema_to_gbnf, PROPERTY_ORDER)
    assert "bounded-number-0 ::=" in grammar and "__sottovoce" not in grammar


def test_strings_admit_no_control_characters_or_unicode_escapes() -> None:
    grammar = schema_to_gbnf(decision_schema([]), json_schema_to_gbnf, PROPERTY_ORDER)
    [char] = [line for line in grammar.splitlines() if line.startswith("char ::=")]
    assert r"\x00-\x1F" in char and '"u"' not in char
