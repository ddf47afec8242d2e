"""The lists plugin's records: `lists` ({name: [item, ...]}) and `notes` ([text, ...]).

Records may have been written by another program or a careless hand, so they are
read defensively: a value of the wrong shape is skipped with a warning naming the
plugin and key, never a crash of the turn. Writing saves the cleaned value, so a
damaged record is replaced by what the user could still see of it.
"""

from __future__ import annotations

import logging
from typing import Any

from sottovoce.tools import ToolContext

log = logging.getLogger(__name__)

LISTS = "lists"
NOTES = "notes"


def _skip(ctx: ToolContext, key: str, what: str, value: Any) -> None:
    log.warning("plugin %s, record %s: skipping %s %.80r", ctx.plugin, key, what, value)


def _texts(ctx: ToolContext, key: str, value: Any) -> list[str]:
    """The text items of a stored list; anything else is skipped."""
    if not isinstance(value, list):
        _skip(ctx, key, "a value that is not a list:", value)
        return []
    kept = [item for item in value if isinstance(item, str)]
    if len(kept) != len(value):
        _skip(ctx, key, "items that are not text in", value)
    return kept


def stored_lists(ctx: ToolContext) -> dict[str, list[str]]:
    """The user's lists, name -> items, in the order they were made."""
    value = ctx.records.get(LISTS, {})
    if not isinstance(value, dict):
        _skip(ctx, LISTS, "a value that is not a map:", value)
        return {}
    return {name: _texts(ctx, f"{LISTS}/{name}", items) for name, items in value.items()}


def save_lists(ctx: ToolContext, lists: dict[str, list[str]]) -> None:
    """Store the user's lists (saved with the turn)."""
    ctx.records[LISTS] = lists


def stored_notes(ctx: ToolContext) -> list[str]:
    """The user's notes, oldest first."""
    return _texts(ctx, NOTES, ctx.records.get(NOTES, []))


def save_notes(ctx: ToolContext, notes: list[str]) -> None:
    """Store the user's notes (saved with the turn)."""
    ctx.records[NOTES] = notes
