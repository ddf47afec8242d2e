"""Relaxed forms of an utterance: the same words without discourse fillers around them.

"Actually, turn the lights on now please" -> "turn the lights on". The grammar
tries the exact text first and these forms after, so a filler never hides a
command, and a word that matters is never dropped from the exact match.
"""

from __future__ import annotations

_LEADING = (
    "actually", "ok", "okay", "now", "so", "like", "well", "and", "then", "also", "alright",
    "oh", "right", "hey", "just", "maybe", "no", "yes", "um", "i said", "and then",
    "can you", "could you", "would you", "will you", "i want you to", "i need you to",
    "go ahead and", "please", "i want to", "let us",
)  # fmt: skip
_TRAILING = (
    "now", "again", "instead", "too", "as well", "then", "right now", "for me", "in here",
    "already", "a bit", "a little", "a little bit", "thanks", "thank you", "ok", "okay",
    "please", "for a bit", "for a while", "quickly",
)  # fmt: skip
_INNER = (" a little bit ", " a little ", " a bit ", " slightly ", " just ")
# "Turn the bedroom light up to full": the direction adds nothing to a level.
_INNER_SWAPS = ((" up to ", " to "), (" down to ", " to "), (" my ", " the "), (" our ", " the "))


def relaxed_forms(text: str) -> list[str]:
    """The text, then without discourse words ("actually", "now", "a bit") if it had any."""
    relaxed = f" {text} "
    for inner in _INNER:
        relaxed = relaxed.replace(inner, " ")
    for inner, plain in _INNER_SWAPS:
        relaxed = relaxed.replace(inner, plain)
    words = relaxed.split()
    changed = True
    while changed and words:
        changed = False
        for phrase in sorted(_LEADING, key=len, reverse=True):
            size = len(phrase.split())
            if " ".join(words[:size]) == phrase and len(words) > size:
                words, changed = words[size:], True
                break
        for phrase in sorted(_TRAILING, key=len, reverse=True):
            size = len(phrase.split())
            if " ".join(words[-size:]) == phrase and len(words) > size:
                words, changed = words[:-size], True
                break
    result = " ".join(words)
    return [text] if result == text or not result else [text, result]
