"""Comparing world snapshots the way SPEC.md section 3 says.

`mismatches` is the subset match of an expected state against a snapshot;
`unexpected_changes` is the strict check: whatever changed during a turn must
be mentioned by the expectation. A mapping is checked key by key; a list is
one value (mentioning it covers any change inside it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where `actual` fails the subset match of `expected`, one line each."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or 'state'}: expected a mapping, got {_show(actual)}"]
        problems = []
        for key, want in expected.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in actual:
                problems.append(f"{where}: missing")
            else:
                problems += mismatches(want, actual[key], where)
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {_show(expected)}, got {_show(actual)}"]
        problems = []
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            problems += mismatches(want, got, f"{path}[{index}]")
        return problems
    if not _scalar_equal(expected, actual):
        return [f"{path}: expected {_show(expected)}, got {_show(actual)}"]
    return []


def _scalar_equal(expected: Any, actual: Any) -> bool:
    # bool is an int in Python; true must not equal 1 here.
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return float(expected) == float(actual)
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.strip().lower() == actual.strip().lower()
    return bool(expected == actual)


def unexpected_changes(before: Any, after: Any, expected: Any) -> list[str]:
    """Changes from `before` to `after` that `expected` does not mention."""
    return [
        f"{path}: changed to {_show(value)} but the case does not expect it"
        for path, value in _changes(before, after, expected, "")
    ]


def _changes(before: Any, after: Any, expected: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in list(before) + [k for k in after if k not in before]:
            old, new = before.get(key), after.get(key)
            if old == new and (key in before) == (key in after):
                continue
            where = f"{path}.{key}" if path else str(key)
            if isinstance(expected, dict) and key in expected:
                if isinstance(expected[key], dict):
                    yield from _changes(old, new, expected[key], where)
                continue
            if isinstance(old, dict) and isinstance(new, dict):
                yield from _changes(old, new, None, where)  # name the changed leaf
            else:
                yield where, new
    elif before != after and expected is None:
        yield path, after


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
