"""Repairing near-miss names in what speech recognition heard.

"turn on the reading lamb" fails the exact grammar; here every run of one to
four words is compared with the world's names (devices, aliases, areas,
contacts, scenes, media), and runs close enough to a name are replaced by it,
so that the exact grammar can match the repaired text.

A run is repaired only when one of its words is unexplained: not a word of
any name and not a word the sentences use. "Turn off room lights" has no
such word ("room" is part of "living room", "lights" is a sentence word), so
it is never turned into "the bedroom light".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from sottovoce.tools.targets import FUZZY_CUTOFF

# One cutoff for a device name, here (repairing what was heard) and in the tools.
CUTOFF = FUZZY_CUTOFF
# Speech recognition keeps the head noun and garbles the rest ("sealing fan"): a run
# that ends in the same word as a name may be further from it.
SAME_HEAD_CUTOFF = 66.0
_MAX_WORDS = 4
# Words that never start or end a name run: they glue commands together.
_GLUE = frozenset(
    {"the", "a", "an", "and", "to", "in", "on", "off", "of", "my", "it", "is", "at", "for", "set"}
)


# Rooms every home may have: one this home lacks ("the landing light") is said right and
# is not a mishearing of another name ("the reading light"); the reply says it is not here.
ROOM_WORDS = frozenset(
    "landing attic loft cellar basement porch garage hall hallway study den nursery pantry"
    " conservatory kitchen bathroom bedroom lounge office laundry utility garden patio deck"
    " balcony shed driveway playroom closet".split()
)


@dataclass(frozen=True)
class _Fix:
    start: int
    end: int
    name: str
    score: float


class NameRepair:
    """Replaces near misses of known names with the names themselves."""

    def __init__(self, names: Iterable[str], words: Iterable[str] = ()) -> None:
        self._names = sorted({n for n in names if len(n) >= 3})
        self._known = frozenset(self._names)
        self._words = frozenset(words) | {w for n in self._names for w in n.split()} | ROOM_WORDS

    def knows(self, name: str) -> bool:
        """Whether `name` is exactly one of the known names."""
        return name in self._known

    def repair(self, text: str) -> str | None:
        """The text with near-miss names replaced, or None when nothing was close."""
        words = text.split()
        fixes = [fix for fix in self._candidates(words) if fix is not None]
        if not fixes:
            return None
        chosen: list[_Fix] = []
        for fix in sorted(fixes, key=lambda f: (-f.score, f.start)):
            if all(fix.end <= c.start or fix.start >= c.end for c in chosen):
                chosen.append(fix)
        for fix in sorted(chosen, key=lambda f: -f.start):
            words[fix.start : fix.end] = fix.name.split()
        return " ".join(words)

    def _candidates(self, words: list[str]) -> Iterable[_Fix | None]:
        for start in range(len(words)):
            for end in range(start + 1, min(start + _MAX_WORDS, len(words)) + 1):
                run = words[start:end]
                if run[0] in _GLUE or run[-1] in _GLUE or self._explained(run):
                    continue
                yield self._closest(" ".join(run), start, end)

    def _explained(self, run: list[str]) -> bool:
        """Whether every word of the run is a known word (so none of it was misheard).

        A compound heard as two words ("hall way") is a mishearing even so.
        """
        compound = any(a + b in self._words for a, b in zip(run, run[1:], strict=False))
        return not compound and all(word in self._words for word in run)

    def _closest(self, phrase: str, start: int, end: int) -> _Fix | None:
        if len(phrase) < 3 or phrase in self._known:
            return None
        found = process.extract(
            phrase, self._names, scorer=fuzz.ratio, score_cutoff=SAME_HEAD_CUTOFF, limit=5
        )
        for name, score, _ in found:
            if score >= CUTOFF or _same_head(phrase, name):
                return _Fix(start, end, name, float(score))
        return None


def _same_head(phrase: str, name: str) -> bool:
    """'sealing fan' for 'ceiling fan': the same last word, and a similar word before it."""
    said, _, head = phrase.rpartition(" ")
    known, _, known_head = name.rpartition(" ")
    return bool(said and known) and head == known_head and fuzz.ratio(said, known) >= 60
