"""Notes: "take a note that the plumber comes at nine", "read my notes", "delete my notes".

Notes are kept with the lists' records; the functions here are registered as
tools by `lists.py`, whose plugin owns the records.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.lists_records import save_notes, stored_notes


def _note_text(text: str) -> str:
    words = text.strip().split()
    while words and words[0] in ("that", "down", "to", "self"):
        words = words[1:]
    return " ".join(words)


NOTE_ADD_SENTENCES: list[str | dict[str, object]] = [
    "(take|make|write|jot|add|create|leave) [down] [a|an] [new|quick] note [that] {text}",
    "(take|make|add) [a] note of [the fact that] {text}",
    "(note|note down|jot down|write down|take note|take down) [that] {text}",
    "note to (self|myself) [that] {text}",
    "remember that {text}",
    "(keep|make) a note [that] {text}",
]


def note_add(
    ctx: ToolContext, text: Annotated[str, Field(description="what to write down")]
) -> str:
    """Write down a short note."""
    note = _note_text(text.lower())
    if not note:
        raise ToolError("What should I write down?")
    save_notes(ctx, [*stored_notes(ctx), note])
    return f"I noted: {note}."


NOTE_READ_SENTENCES: list[str | dict[str, object]] = [
    "what are [all] [my|the] notes",
    "(read|show|tell me|list|give me|check) [me] [all] [my|the] notes",
    "what notes do (i|we) have",
    "what is (in|on) [my|the] notes",
    "what notes (have i|have we|did i|did we) (got|made|written|taken|take|write)",
    "(do i|have i) (have|got) any notes",
    "what did i (note|note down|write down|jot down|ask you to note)",
    "what (did i tell you|have i told you|did i ask you) to remember",
]


def note_read(ctx: ToolContext) -> str:
    """Read out the notes."""
    notes = stored_notes(ctx)
    if not notes:
        return "You have no notes."
    if len(notes) == 1:
        return f"You have one note: {notes[0]}."
    return f"You have {len(notes)} notes: " + "; ".join(notes) + "."


NOTE_DELETE_SENTENCES: list[str | dict[str, object]] = [
    "(delete|clear|erase|remove|wipe|forget) (all|every) [of] [my|the] notes",
    "(delete|clear|erase|remove|wipe|forget) [my|the] notes",
]


def note_delete_all(ctx: ToolContext) -> str:
    """Delete every note."""
    count = len(stored_notes(ctx))
    if not count:
        return "You have no notes."
    save_notes(ctx, [])
    return "I deleted your note." if count == 1 else f"I deleted your {count} notes."
