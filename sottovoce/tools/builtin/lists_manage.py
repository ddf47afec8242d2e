"""Lists as a whole: create a new, empty list and say which lists exist.

Registered as tools by `lists.py`, whose plugin owns the records.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.lists_items import join_words
from sottovoce.tools.builtin.lists_names import clean_list_name, find_list, not_a_name
from sottovoce.tools.builtin.lists_records import save_lists, stored_lists


def _create_sentences() -> list[str]:
    make = "(create|make|start|begin|set up|open|add)"
    new = "[a|an|another] [new|fresh|empty]"
    called = "(called|named|for|titled|of [my|our])"
    return [
        f"{make} {new} list {called} {{list_name}}",
        f"{make} {new} {{list_name}} list",
        f"(i need|i want|give me) {new} {{list_name}} list",
        f"(i need|i want|give me) {new} list {called} {{list_name}}",
        "new {list_name} list",
        f"new list {called} {{list_name}}",
    ]


LIST_CREATE_SENTENCES = _create_sentences()

LIST_NAMES_SENTENCES = [
    "(what|which) lists (do (i|we) have|are there|exist|have (i|we) got)",
    "(show|read|list|tell me) [me] [all] [my|the|our] lists",
    # Apart from the short form above: together they pass the fixed-command limit and
    # "show lists" would leave the speech prompt (voice/vocabulary.py).
    "(show|read|list|tell me|give me) [me] [all] [of] [my|the|our] (available|current|existing)"
    " lists [(i|we) have|on this device|you have]",
    "(give me|list) [all] [of] [my|the|our] lists [(i|we) have|on this device|you have]",
    "what are [all] [my|the|our] [available|current|existing] lists",
    "how many lists (do (i|we) have|have (i|we) got|are there|(i|we) have)",
    "do (i|we) have any lists",
]


def list_create(
    ctx: ToolContext, list_name: Annotated[str, Field(description="the new list's name")]
) -> str:
    """Create a new, empty list."""
    name = clean_list_name(list_name)
    if name is None or not_a_name(name):
        raise ToolError("What should the list be called?")
    found = find_list(ctx, name)
    lists = stored_lists(ctx)
    if found is not None:
        count = len(lists[found])
        items = "no items" if not count else f"{count} item{'s' if count != 1 else ''}"
        return f"You already have a {found} list, with {items}."
    lists[name] = []
    save_lists(ctx, lists)
    return f"I created your {name} list. It is empty."


def list_names(ctx: ToolContext) -> str:
    """Say which lists exist."""
    names = list(stored_lists(ctx))
    if not names:
        return "You have no lists."
    if len(names) == 1:
        return f"You have one list: {names[0]}."
    return f"You have {len(names)} lists: {join_words(names)}."
