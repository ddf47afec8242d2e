"""Merging a turn's change to a record with what another process saved meanwhile."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.devices.store_merge import MISSING, merge


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged"),
    [
        # lists are bags: both additions stay, a removal takes the item out
        (["a"], ["a", "b"], ["a", "c"], ["a", "c", "b"]),
        (["a", "b"], ["b"], ["a", "b", "c"], ["b", "c"]),
        (["a", "a"], ["a"], ["a", "a", "x"], ["a", "x"]),  # one of two taken: the last
        (["a"], ["a", "a"], ["a"], ["a", "a"]),
        (
            [["Anna", "hi"]],
            [["Anna", "hi"], ["Bob", "yo"]],
            [["Anna", "hi"], ["Cy", "ok"]],
            [["Anna", "hi"], ["Cy", "ok"], ["Bob", "yo"]],
        ),  # fmt: skip
        # maps are merged key by key, recursively
        ({"s": ["a"]}, {"s": ["a", "b"]}, {"s": ["a"], "t": ["x"]}, {"s": ["a", "b"], "t": ["x"]}),
        ({"s": ["a"], "t": []}, {"s": ["a"]}, {"s": ["a", "c"], "t": []}, {"s": ["a", "c"]}),
        ({"n": 1, "m": 1}, {"n": 2, "m": 1}, {"n": 1, "m": 5}, {"n": 2, "m": 5}),
        # the same record made by both: both parts kept, ours appended
        (MISSING, {"s": ["e", "a"]}, {"s": ["e", "p"]}, {"s": ["e", "p", "a"]}),
        (MISSING, ["e", "a"], ["e"], ["e", "a"]),
        # anything else: ours replaces
        (1, 2, 3, 2),
        ({"a": 1}, [1], {"a": 1, "b": 2}, [1]),
        # removed here: removed; removed there while changed here: stays removed
        ({"a": 1}, MISSING, {"a": 2}, MISSING),
        ({"a": 1}, {"a": 2}, MISSING, MISSING),
        (MISSING, {"a": 1}, MISSING, {"a": 1}),
    ],
)
def test_merge(base: Any, ours: Any, theirs: Any, merged: Any) -> None:
    assert merge(base, ours, theirs) == merged


def test_new_keys_come_after_theirs_in_our_order() -> None:
    merged = merge({}, {"b": 1, "a": 2}, {"z": 0})
    assert list(merged) == ["z", "b", "a"]


def test_merge_leaves_its_inputs_alone() -> None:
    base, ours, theirs = ["a"], ["a", "b"], ["a", "c"]
    merge(base, ours, theirs)
    assert (base, ours, theirs) == (["a"], ["a", "b"], ["a", "c"])
