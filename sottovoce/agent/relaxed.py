"""Relaxed forms of an utterance: the same words without discourse fillers around them.

"Actually, turn the lights on now please" -> "turn the lights on". The grammar
tries the exact text first and these forms after, so a filler never hides a
command, and a word that matters is never dropped from the exact match. The
words themselves are defined in `normalize/fillers.py`.
"""

from __future__ import annotations

from sottovoce.agent.normalize.fillers import (
    DISCOURSE_CLOSERS,
    DISCOURSE_INNER,
    DISCOURSE_OPENERS,
    INNER_SWAPS,
)

# Longest first: the first phrase that matches is the one removed.
_OPENERS = sorted(DISCOURSE_OPENERS, key=len, reverse=True)
_CLOSERS = sorted(DISCOURSE_CLOSERS, key=len, reverse=True)


def relaxed_forms(text: str) -> list[str]:
    """The text, then without discourse words ("actually", "now", "a bit") if it had any."""
    relaxed = f" {text} "
    for inner in DISCOURSE_INNER:
        relaxed = relaxed.replace(inner, " ")
    for inner, plain in INNER_SWAPS:
        relaxed = relaxed.replace(inner, plain)
    words = relaxed.split()
    changed = True
    while changed and words:
        changed = False
        for phrase in _OPENERS:
            size = len(phrase.split())
            if " ".join(words[:size]) == phrase and len(words) > size:
                words, changed = words[size:], True
                break
        for phrase in _CLOSERS:
            size = len(phrase.split())
            if " ".join(words[-size:]) == phrase and len(words) > size:
                words, changed = words[:-size], True
                break
    result = " ".join(words)
    return [text] if result == text or not result else [text, result]
