"""The decision schema as a llama.cpp grammar, with numeric bounds the converter ignores.

llama-cpp-python's JSON-schema converter drops `minimum`/`maximum`, so a
model could write "degrees": 40 where 10 is the most, or a timer of -5
seconds. Small ranges are turned into enums before conversion (in
`toolcall`); here, non-negative numbers with wider ranges are marked, converted,
and their rule replaced by one that admits only digits in range.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

_MARK = "__sottovoce_number_{}__"
# The converter's string character admits raw control characters (invalid in
# JSON) and \uXXXX escapes (six characters, several tokens, for one letter):
# plain characters and the short escapes keep strings valid and short in tokens.
_CHAR_RULE = r'char ::= [^"\\\x00-\x1F\x7F] | "\\" (["\\/bfnrt])'


def schema_to_gbnf(
    schema: Mapping[str, Any], convert: Callable[[str, list[str]], str], order: list[str]
) -> str:
    """GBNF for `schema`, `convert` being llama-cpp-python's `json_schema_to_gbnf`."""
    rules: dict[str, str] = {}
    marked = _mark(schema, rules)
    grammar = convert(json.dumps(marked), order)
    grammar = "\n".join(
        _CHAR_RULE if line.startswith("char ::=") else line for line in grammar.splitlines()
    )
    for index, rule in rules.items():
        grammar = grammar.replace(f'"\\"{_MARK.format(index)}\\""', f"bounded-number-{index}")
        grammar += f"\nbounded-number-{index} ::= {rule}"
    return grammar


def _mark(node: Any, rules: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_mark(item, rules) for item in node]
    if not isinstance(node, Mapping):
        return node
    rule = _number_rule(node)
    if rule is not None:
        index = str(len(rules))
        rules[index] = rule
        return {"enum": [_MARK.format(index)]}
    return {key: _mark(value, rules) for key, value in node.items()}


def _number_rule(node: Mapping[str, Any]) -> str | None:
    """A GBNF rule for a number bounded below by 0 or 1, or None for anything else."""
    kind = node.get("type")
    if kind not in ("number", "integer") or "enum" in node:
        return None
    low = node.get("minimum", node.get("exclusiveMinimum"))
    if low not in (0, 1):
        return None
    high = node.get("maximum", node.get("exclusiveMaximum"))
    limited = isinstance(high, int | float) and high >= 1
    # Whole parts of at most this many digits stay below the maximum.
    digits = max(1, int(math.log10(high))) if limited else 9
    tail = f" [0-9]{{0,{digits - 1}}}" if digits > 1 else ""
    positive = f"[1-9]{tail}"
    if "exclusiveMinimum" in node or low == 1:
        whole = positive
        fraction = '"0." [0-9]? [1-9]' if kind == "number" and low == 0 else None
    else:
        whole, fraction = f'"0" | {positive}', None
    body = f"({whole})" if kind == "integer" else f'({whole}) ("." [0-9]{{1,2}})?'
    options = [body, *([fraction] if fraction else [])]
    if limited and "maximum" in node and float(high).is_integer():
        options.append(f'"{int(high)}"')
    return f"({' | '.join(options)}) space"
