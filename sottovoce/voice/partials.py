"""Partial transcripts that do not flicker: the LocalAgreement-2 policy.

While the user speaks, the utterance so far is transcribed again every so
often. Each new hypothesis may change its last words, so a word is committed
only once two hypotheses in a row agree on it (and on every word before it),
as in whisper_streaming (Macháček et al., 2023). Committed words are never
taken back; the rest of the latest hypothesis is shown as tentative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_WORD = re.compile(r"[^\w']+")


@dataclass(frozen=True)
class Partial:
    """A partial transcript: words that will stay, then words that may change."""

    committed: str
    tentative: str

    @property
    def text(self) -> str:
        """The whole partial transcript."""
        return " ".join(part for part in (self.committed, self.tentative) if part)


def _key(word: str) -> str:
    # "Light." and "light" are the same word to a listener.
    return _NOT_WORD.sub("", word.lower())


def _agreed(one: list[str], other: list[str]) -> int:
    """How many leading words the two lists share, ignoring case and punctuation."""
    count = 0
    for a, b in zip(one, other, strict=False):
        if _key(a) != _key(b):
            break
        count += 1
    return count


class LocalAgreement:
    """Commits the words on which the last two hypotheses agree."""

    def __init__(self) -> None:
        self.committed: list[str] = []
        self._previous: list[str] | None = None

    def update(self, hypothesis: str) -> Partial:
        """Take a new hypothesis of the whole utterance so far; the partial to show."""
        words = hypothesis.split()
        if self._previous is not None:
            agreed = _agreed(self._previous, words)
            # Only ever grows: what was committed is not retracted, even when
            # the newest hypothesis disagrees with it.
            if agreed > len(self.committed):
                self.committed += words[len(self.committed) : agreed]
        self._previous = words
        return Partial(" ".join(self.committed), " ".join(words[len(self.committed) :]))

    def reset(self) -> None:
        """Start on a new utterance."""
        self.committed = []
        self._previous = None
