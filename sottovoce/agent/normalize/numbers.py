"""Spoken numbers as digits: "forty five" -> "45", "two point five" -> "2.5"."""

from __future__ import annotations

from sottovoce.agent.normalize.durations import UNIT_SECONDS

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS: dict[str, tuple[int, str]] = {
    **{w: (n, "unit" if n < 10 else "teen") for n, w in enumerate(_SMALL) if n},
    **{w: (10 * n, "tens") for n, w in enumerate(_TENS, start=2)},
}
# Which word may come before a unit, teen or tens word inside one number ("" = none).
_AFTER_BIG = frozenset({"", "hundred", "scale", "and"})
_MAY_PRECEDE = {"unit": _AFTER_BIG | {"tens"}, "teen": _AFTER_BIG, "tens": _AFTER_BIG}
_COUNTS = ("unit", "teen", "tens")
_SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_MULTIPLIERS = frozenset({"hundred", "dozen", *_SCALES})
_ORDINALS = frozenset(
    "first third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth "
    "fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth".split()
)
# "the other one", "which one", "the red one": "one" is a pronoun there, not a count.
_ONE_PRONOUN_BEFORE = frozenset(
    "the that this which other another each every any no only same last next first big "
    "small little large new old left right front back top bottom main red green blue "
    "yellow white black orange purple pink warm cool bright dark".split()
)


_DETERMINERS = frozenset({"the", "that", "this", "my", "our", "your"})
# Words after which "one" is a count: "set it to one", "turn it up by one".
_COUNT_BEFORE = frozenset(
    "to at by on of for is was be than under over about around and or plus minus times"
    " number level volume channel speed setting percent degrees".split()
)


def _read_number(tokens: list[str], i: int) -> tuple[int, int, str] | None:
    """Parse a cardinal starting at i: (value, end, kind of its last word)."""
    n, total, current, last, j = len(tokens), 0, 0, "", i
    if tokens[i] == "zero":
        return 0, i + 1, "unit"
    if tokens[i] in ("a", "an") and tokens[i + 1 : i + 2] in (["hundred"], ["thousand"], ["dozen"]):
        current, last, j = 1, "unit", i + 1
    elif tokens[i].isdecimal():
        if tokens[i + 1 : i + 2] == [] or tokens[i + 1] not in _MULTIPLIERS:
            return int(tokens[i]), i + 1, "digit"
        current, last, j = int(tokens[i]), "unit", i + 1
    while j < n:
        tok, after = tokens[j], tokens[j + 1] if j + 1 < n else ""
        value, kind = _NUMBER_WORDS.get(tok, (0, ""))
        if kind and last in _MAY_PRECEDE[kind]:
            current += value
        elif tok == "hundred" and last in _COUNTS and 0 < current < 100:
            current, kind = current * 100, "hundred"
        elif tok == "dozen" and last in _COUNTS:
            current, kind = current * 12, "unit"
        elif tok in _SCALES and last in (*_COUNTS, "hundred") and current > 0:
            total, current, kind = total + current * _SCALES[tok], 0, "scale"
        elif tok == "and" and last in ("hundred", "scale") and after in _NUMBER_WORDS:
            kind = "and"
        else:
            break
        last, j = kind, j + 1
    return (total + current, j, last) if j > i else None


def _is_pronoun_one(tokens: list[str], i: int, end: int, before: list[str]) -> bool:
    """Whether a lone "one" at i means a thing ("that one") rather than a count."""
    after = tokens[end] if end < len(tokens) else ""
    if tokens[i] != "one" or end != i + 1 or after in UNIT_SECONDS:
        return False
    prev = before[-1:]
    if _ONE_PRONOUN_BEFORE.intersection(prev) or after == "of":
        return True
    # "the bathroom one", "the living room one": a noun phrase a determiner opened,
    # unless the word before asks for a count ("set it to one").
    opened = any(word in _DETERMINERS for word in before[-3:-1])
    return bool(prev) and opened and prev[0] not in _COUNT_BEFORE and not prev[0].isdecimal()


def number_at(tokens: list[str], i: int, before: list[str]) -> tuple[str, int] | None:
    """Spoken number at i as digits ("forty five" -> "45", "two point five" -> "2.5")."""
    parsed = _read_number(tokens, i)
    if parsed is None:
        return None
    value, end, last = parsed
    after = tokens[end] if end < len(tokens) else ""
    # "the twenty second" is a date; "a twenty second timer" is a duration.
    ordinal_next = last != "digit" and (
        after in _ORDINALS or (after == "second" and before[-1:] == ["the"])
    )
    # "two thousand thousand" is garbled; digits would merge with the rest on a second pass.
    if ordinal_next or after in _MULTIPLIERS or _is_pronoun_one(tokens, i, end, before[-3:]):
        return " ".join(tokens[i:end]), end
    return _fraction(tokens, end, tokens[i] if last == "digit" else str(value))


def _fraction(tokens: list[str], j: int, text: str) -> tuple[str, int]:
    """Append "point five" or "and a half" after a whole number: (text, new end)."""
    digits: list[str] = []
    if j + 1 < len(tokens) and tokens[j] == "point":
        k = j + 1
        # Digit words only: a "1" here may come from "a second" on an earlier pass.
        while k < len(tokens) and tokens[k] in _SMALL[:10]:
            digits.append(str(_SMALL.index(tokens[k])))
            k += 1
        if digits:
            return f"{text}.{''.join(digits)}", k
    if tokens[j : j + 3] in (["and", "a", "half"], ["and", "a", "quarter"]):
        return f"{text}.{'5' if tokens[j + 2] == 'half' else '25'}", j + 3
    return text, j
