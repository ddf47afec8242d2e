"""Subset matching and the strict change check of SPEC.md section 3."""

from __future__ import annotations

from sottovoce.eval.compare import mismatches, unexpected_changes


def test_subset_match_of_mappings_lists_and_numbers() -> None:
    actual = {"devices": {"light.a": {"on": True, "brightness": 25}}, "lists": {"s": ["milk"]}}
    assert mismatches({"devices": {"light.a": {"brightness": 25.0}}}, actual) == []
    assert mismatches({"lists": {"s": ["milk"]}}, actual) == []
    assert mismatches({"lists": {"s": []}}, actual) != []
    assert mismatches({"devices": {"light.a": {"on": False}}}, actual) == [
        "devices.light.a.on: expected False, got True"
    ]


def test_list_elements_match_in_order_as_subsets() -> None:
    actual = {"timers": [{"label": None, "duration_s": 600, "remaining_s": 600}]}
    assert mismatches({"timers": [{"duration_s": 600}]}, actual) == []
    assert mismatches({"timers": [{"label": None}]}, actual) == []
    assert mismatches({"timers": [{"label": "eggs"}]}, actual) != []


def test_true_is_not_one() -> None:
    assert mismatches({"x": 1}, {"x": True}) != []


def test_missing_key_is_reported() -> None:
    assert mismatches({"devices": {"light.z": {"on": True}}}, {"devices": {}}) == [
        "devices.light.z: missing"
    ]


def test_strict_check_flags_unmentioned_changes_only() -> None:
    before = {"devices": {"light.a": {"on": False, "brightness": 100}, "light.b": {"on": False}}}
    after = {"devices": {"light.a": {"on": True, "brightness": 100}, "light.b": {"on": True}}}
    problems = unexpected_changes(before, after, {"devices": {"light.a": {"on": True}}})
    assert len(problems) == 1 and problems[0].startswith("devices.light.b")
    assert unexpected_changes(before, before, {}) == []


def test_mentioning_a_list_covers_changes_inside_it() -> None:
    before = {"timers": []}
    after = {"timers": [{"label": None, "duration_s": 60}]}
    assert unexpected_changes(before, after, {"timers": [{"duration_s": 60}]}) == []
    assert unexpected_changes(before, after, {}) != []
