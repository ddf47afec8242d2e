"""Whether a thing is on a list: "is milk on my shopping list", "have we put eggs on it".

("Do we need X" is not read so: as often it asks about anything but a list.)

Registered as a tool by `lists.py`, whose plugin owns the records; it reads only.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.lists_items import find_item, join_words
from sottovoce.tools.builtin.lists_names import clean_list_name, target_list
from sottovoce.tools.builtin.lists_records import stored_lists

_THE = "[my|the|our]"
_LIST = _THE + " {list_name} list"
_ON = "(on|in)"
_WE = "(i|we)"
_ITEM = "{text:item}"

_NOT_THINGS = frozenset("to anything something everything nothing it that this them".split())

LIST_HAS_SENTENCES = [
    f"is [there] [any|some] {_ITEM} [already|still] {_ON} ({_LIST}|{_THE} list) [already|yet]",
    f"(are|is) {_ITEM} [already|still] {_ON} ({_LIST}|{_THE} list) [already|yet]",
    f"(do|did) {_WE} (have|put|add|write|get) [any|some] {_ITEM} {_ON} ({_LIST}|{_THE} list)"
    " [already|yet]",
    f"(have|did) {_WE} (added|put|add|written|write|got) [any|some] {_ITEM} (on|to|in)"
    f" ({_LIST}|{_THE} list) [already|yet]",
    f"(is|are) {_ITEM} (already|still) [written] down",
]


def list_has(
    ctx: ToolContext,
    item: Annotated[str, Field(description="the thing asked about, e.g. 'milk'")],
    list_name: Annotated[
        str | None, Field(description="which list; omit to look on every list")
    ] = None,
) -> str:
    """Say whether a thing is on a list (any list when none is named)."""
    wanted = item.strip().lower().removeprefix("the ").strip()
    words = wanted.split()
    # A clause or a plan is no thing on a list ("do we need to leave now", "anything").
    if not words or len(words) > 4 or words[0] in _NOT_THINGS:
        raise ToolError("Which thing do you mean? Ask me, for example, is milk on my list.")
    lists = stored_lists(ctx)
    if clean_list_name(list_name) is not None:
        key = target_list(ctx, list_name, create=False)
        found = find_item(lists.get(key, []), wanted)
        if found is None:
            return f"No, {wanted} {_is(wanted)} not on your {key} list."
        return f"Yes, {found} {_is(found)} on your {key} list."
    holding = [(key, find_item(items, wanted)) for key, items in lists.items()]
    holding = [(key, found) for key, found in holding if found is not None]
    if not holding:
        return f"No, {wanted} {_is(wanted)} not on any of your lists."
    found = holding[0][1] or wanted
    names = join_words([key for key, _ in holding])
    return f"Yes, {found} {_is(found)} on your {names} list{'s' * (len(holding) > 1)}."


def _is(thing: str) -> str:
    """'is' or 'are' for a thing as said ("milk is", "eggs are")."""
    last = thing.split()[-1]
    return "are" if last.endswith("s") and not last.endswith(("ss", "us")) else "is"
