"""Reply text cut into the pieces the voice speaks one at a time.

Each sentence is synthesized and queued as soon as it is ready, so the first
is heard while the rest are made. Piper's memory grows with the length of
what it synthesizes at once (about 21 MiB per second of speech, kept by
onnxruntime), so a long sentence is spoken a clause at a time.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+(?=\S)")
# 100 characters is about 6 s of speech.
MAX_PIECE_CHARS = 100


def split_sentences(text: str) -> list[str]:
    """The sentences of a reply, in order; a long one in clauses of at most ~100 characters."""
    sentences = [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]
    return [piece for sentence in sentences for piece in _pieces(sentence)]


def _pieces(sentence: str) -> list[str]:
    if len(sentence) <= MAX_PIECE_CHARS:
        return [sentence]
    parts = _CLAUSE_END.split(sentence)
    if len(parts) == 1:
        parts = sentence.split()  # no clause to break at: words, packed below
    pieces: list[str] = []
    for part in parts:
        if pieces and len(pieces[-1]) + 1 + len(part) <= MAX_PIECE_CHARS:
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return pieces
