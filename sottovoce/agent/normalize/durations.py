"""Durations as "<N> seconds" ("an hour and a half" -> "5400 seconds"), and quantity words."""

from __future__ import annotations

import re

UNIT_SECONDS = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1, "minute": 60, "minutes": 60,
    "min": 60, "mins": 60, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600,
    "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
}  # fmt: skip
_VAGUE_COUNTS = {"half": 0.5, "quarter": 0.25, "couple": 2.0, "few": 3.0}
# "a second timer" is an ordinal; "wait a second" is a duration.
_AFTER_A_SECOND = frozenset({"", "and", "then", "or", "before", "after", "later", "from"})
_QUANTITY_WORDS = frozenset(
    {*UNIT_SECONDS, "percent", "degrees", "degree", "times", "x", "out", "stars", "points"}
)
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def quantity_follows(tokens: list[str], j: int) -> bool:
    """Whether the number before j is a quantity ("5 percent", "5 10")."""
    return j < len(tokens) and (tokens[j] in _QUANTITY_WORDS or tokens[j][:1].isdecimal())


def duration_at(tokens: list[str], i: int, before: list[str]) -> tuple[str, int] | None:
    """Duration at i as "<N> seconds" ("an hour and a half" -> "5400 seconds")."""
    found = _read_duration(tokens, i)
    if found is None:
        return None
    total, i, size = found
    # Sum "1 hour and 30 minutes", but not "5 minutes and 10 minutes" (two timers).
    while more := _read_duration(tokens, i + 1 if tokens[i : i + 1] == ["and"] else i):
        if more[2] >= size:
            break
        total, i, size = total + more[0], more[1], more[2]
    # "one minute thirty": a trailing count belongs to the next smaller unit.
    if size in (60, 3600) and tokens[i : i + 1] and tokens[i].isdecimal() and int(tokens[i]) < 60:
        if not quantity_follows(tokens, i + 1):
            total, i = total + int(tokens[i]) * size // 60, i + 1
    return f"{int(total + 0.5)} seconds", i


def _read_duration(tokens: list[str], i: int) -> tuple[float, int, int] | None:
    """Parse one amount of one unit at i: (seconds, end, unit size)."""
    amount = _read_amount(tokens, i) if i < len(tokens) else None
    if amount is None:
        return None
    count, j, article = amount
    if tokens[j : j + 1] in (["a"], ["an"]) and tokens[j - 1] in ("half", "quarter", "of"):
        j += 1  # "half an hour", "a quarter of an hour"
    if (
        tokens[j : j + 1] in (["more"], ["extra"])
        and tokens[j + 1 : j + 2]
        and (tokens[j + 1] in UNIT_SECONDS)
    ):
        j += 1  # "2 more minutes": the time to add is 2 minutes
    unit = tokens[j] if j < len(tokens) else ""
    size = UNIT_SECONDS.get(unit)
    if size is None or (article and size > 3600):
        return None
    if article and unit == "second" and (tokens[j + 1 : j + 2] or [""])[0] not in _AFTER_A_SECOND:
        return None
    seconds, j = count * size, j + 1
    if tokens[j : j + 3] == ["and", "a", "half"]:
        seconds, j = seconds + size / 2, j + 3
    elif tokens[j : j + 2] == ["and", "half"]:  # "one hour and half" (as learners say it)
        seconds, j = seconds + size / 2, j + 2
    return seconds, j, size


def _read_amount(tokens: list[str], i: int) -> tuple[float, int, bool] | None:
    """Parse how many units precede a unit word: (count, end, was an article)."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tok in ("a", "an") and nxt in ("half", "quarter", "couple", "few"):
        found = _read_amount(tokens, i + 1)
        return (found[0], found[1], False) if found else None
    if tok in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[tok], i + (2 if nxt == "of" else 1), False
    if tok in ("a", "an"):
        return 1, i + 1, True
    if not _DECIMAL.fullmatch(tok):
        return None
    count = float(tok)
    if nxt == "quarters":
        return count / 4, i + (3 if tokens[i + 2 : i + 3] == ["of"] else 2), False
    return count, i + 1, False
