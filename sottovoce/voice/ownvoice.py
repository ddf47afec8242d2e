"""The agent's own voice heard back: what it said lately and when it was audible.

Echo cancellation leaves traces; a transcript that is (nearly) a sentence the
agent just said, or a fragment of one heard while it played, is the agent
hearing itself, not the user, and must not become a turn.
"""

from __future__ import annotations

import re
from collections import deque
from difflib import SequenceMatcher

SIMILAR = 0.75  # similarity above which a transcript is taken for one of the agent's sentences
_MERGE_GAP_S = 0.1  # playback stretches closer than this are one stretch
_AFTER_S = 0.3  # a transcript ending this soon after playback still overlapped it


class OwnVoice:
    """Remembers the agent's recent sentences and stretches of playback (stream time)."""

    def __init__(self) -> None:
        self._said: deque[str] = deque(maxlen=6)
        self._audible: deque[list[float]] = deque(maxlen=20)

    def said(self, sentence: str) -> None:
        """The agent queued `sentence` to be spoken."""
        self._said.append(sentence)

    def audible(self, start_s: float, end_s: float) -> None:
        """The agent's voice played from `start_s` to `end_s`."""
        if self._audible and start_s - self._audible[-1][1] < _MERGE_GAP_S:
            self._audible[-1][1] = end_s
        else:
            self._audible.append([start_s, end_s])

    def heard_in(self, text: str, start_s: float, end_s: float) -> bool:
        """Words that are (nearly) a sentence the agent said, or a piece of one heard over it."""
        words = _words(text)
        overlapped = any(a < end_s and start_s < b + _AFTER_S for a, b in self._audible)
        for said in self._said:
            theirs = _words(said)
            if SequenceMatcher(None, words, theirs).ratio() >= SIMILAR:
                return True
            if overlapped and _within(words, theirs):
                return True  # echo that leaked through: a fragment of what was playing
        return False


def _within(part: list[str], whole: list[str]) -> bool:
    """Every word of `part`, in order, is a word of `whole`."""
    rest = iter(whole)
    return bool(part) and all(word in rest for word in part)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())
