"""Corrections inside one sentence: "dim it to 40, no, 60", "open the left, sorry, the right door".

People repair what they say while they say it: a marker ("no", "wait no",
"sorry", "I mean") and then the part said again. The repair replaces the
words it stands for: from the last word before the marker that starts the
same way (the same preposition, "the", a number for a number, "off" for
"on"). Where nothing before the marker starts like the repair, the words are
left as they are ("add milk, no sugar" is no correction).
"""

from __future__ import annotations

# Longest first, so "wait no" is one marker, not "wait" and then "no".
_MARKERS = sorted(
    (
        "no", "wait no", "no wait", "sorry", "no sorry", "sorry no", "i mean", "i meant",
        "actually no", "no actually", "or rather", "make that", "oops", "wait", "nope",
    ),
    key=lambda marker: -len(marker.split()),
)  # fmt: skip
# Words that stand for one another in a repair: "on ... no, off".
_SAME = ({"on", "off"}, {"up", "down"}, {"open", "close"}, {"lock", "unlock"})
_MAX_REPAIR_WORDS = 6


def repaired(text: str) -> str | None:
    """The sentence with its correction put in place, or None if it has none."""
    words = text.split()
    for k in range(1, len(words) - 1):
        for marker in _MARKERS:
            size = len(marker.split())
            if " ".join(words[k : k + size]) != marker or k + size >= len(words):
                continue
            fixed = _put_in_place(words[:k], words[k + size :])
            if fixed is not None:
                return " ".join(fixed)
    return None


def _put_in_place(before: list[str], repair: list[str]) -> list[str] | None:
    """`before` with its end from the word the repair starts like replaced by the repair."""
    first = repair[0]
    if len(before) < 2 or len(repair) > _MAX_REPAIR_WORDS and first not in _switch_words():
        return None
    for k in range(len(before) - 1, 0, -1):
        if _alike(before[k], first):
            if first.replace(".", "", 1).isdigit() or first in _switch_words():
                # "to 40 no 60": the value only; "on ... no off the light": the rest kept.
                rest = repair[1:] if len(repair) > 1 else before[k + 1 :]
                return [*before[:k], first, *rest]
            # "Turn the big light off, wait, no, the lamp": the lamp, off.
            kept = before[-1:] if before[-1] in _PARTICLES and repair[-1] not in _PARTICLES else []
            return [*before[:k], *repair, *kept]
    return None


_PARTICLES = frozenset({"on", "off", "up", "down"})


def _alike(said: str, repair: str) -> bool:
    if said == repair:
        return True
    if said.replace(".", "", 1).isdigit() and repair.replace(".", "", 1).isdigit():
        return True
    return any(said in group and repair in group for group in _SAME)


def _switch_words() -> frozenset[str]:
    return frozenset(word for group in _SAME for word in group)
