"""Merging one process's change to a record with what other processes saved meanwhile.

Every plugin's record is a JSON value. A turn changes some of them; by the time
it saves, another process may have saved its own changes to the same records.
`merge` applies only this turn's change (from `base`, what the turn started from,
to `ours`) onto `theirs` (what is stored now), so nobody's item is lost:

- a map is merged key by key (recursively);
- a list is merged item by item, as a bag: what we added is appended, what we
  removed is taken out (its last occurrence), the others' items and order stay;
- anything else (a number, a text, a map that became a list) is replaced by ours.

A record we removed is removed. A record that someone else removed while we
changed it stays removed (a timer announced by another process and paused here
is gone). Two processes that create the same record both keep their parts.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Final


class _Missing:
    """No value: a key that is absent."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def merge(base: Any, ours: Any, theirs: Any) -> Any:
    """Our change from `base` to `ours`, made on `theirs` (MISSING: absent)."""
    if ours is MISSING:
        return MISSING
    if theirs is MISSING:
        return ours if base is MISSING else MISSING
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_maps(base if isinstance(base, dict) else {}, ours, theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        return _merge_bags(base if isinstance(base, list) else None, ours, theirs)
    return ours


def _merge_maps(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> Any:
    merged = dict(theirs)
    for key in [*ours, *(k for k in base if k not in ours)]:
        before, after = base.get(key, MISSING), ours.get(key, MISSING)
        if _same(before, after):
            continue
        value = merge(before, after, theirs.get(key, MISSING))
        if value is MISSING:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _merge_bags(base: list[Any] | None, ours: list[Any], theirs: list[Any]) -> list[Any]:
    if base is None:  # both made it: add what we have beyond what they have
        extra = Counter(map(_key, ours))
        extra.subtract(Counter(map(_key, theirs)))
        return [*theirs, *_take(ours, extra)]
    change = Counter(map(_key, ours))
    change.subtract(Counter(map(_key, base)))
    removed = Counter({k: -n for k, n in change.items() if n < 0})
    kept: list[Any] = []
    for item in reversed(theirs):  # a removal takes the last occurrence
        key = _key(item)
        if removed[key] > 0:
            removed[key] -= 1
        else:
            kept.append(item)
    kept.reverse()
    return [*kept, *_take(ours, +change)]


def _take(items: list[Any], counts: Counter[str]) -> list[Any]:
    """The items (in order) that `counts` says to take, the last occurrences first."""
    left = Counter(counts)
    taken: list[Any] = []
    for item in reversed(items):
        if left[_key(item)] > 0:
            left[_key(item)] -= 1
            taken.append(item)
    return taken[::-1]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return bool(a == b)
