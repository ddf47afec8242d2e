"""Lists (shopping, to do, ...) and notes: add, remove, read and clear.

Lists live in the plugin's records as `name -> items` (see lists_records). A
spoken list name is matched to an existing list first (exact, spacing-insensitive,
a shopping synonym, or a near miss); otherwise it names a new list, created on the
first add. With no list named, "the list" is the shopping list, or the only list
if there is just one.

Items are stored lower-case, once each. Several items in one breath are split on
commas and on "and"/"plus": "eggs, milk and bread" is three items. A phrase that
is already a known item on some list ("mac and cheese") is kept whole. The
agent's normalization removes commas, so "eggs milk and bread" splits into
"eggs milk" and "bread": it cannot be told apart from "olive oil and salt".
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin.lists_items import (
    NOT_ITEMS,
    capitalized,
    find_item,
    join_words,
    known_items,
    refuse_non_things,
    split_items,
)
from sottovoce.tools.builtin.lists_manage import (
    LIST_CREATE_SENTENCES,
    LIST_NAMES_SENTENCES,
    list_create,
    list_names,
)
from sottovoce.tools.builtin.lists_names import (
    DEFAULT_LIST,
    IT_LIST,
    clean_list_name,
    holding_list,
    split_destination,
    target_list,
)
from sottovoce.tools.builtin.lists_notes import (
    NOTE_ADD_SENTENCES,
    NOTE_DELETE_SENTENCES,
    NOTE_READ_SENTENCES,
    note_add,
    note_delete_all,
    note_read,
)
from sottovoce.tools.builtin.lists_query import LIST_HAS_SENTENCES, list_has
from sottovoce.tools.builtin.lists_records import (
    save_lists,
    stored_lists,
    stored_notes,
)

plugin = Plugin("lists", "Shopping and other lists, and short notes.")
Items = Annotated[str, Field(description="one or more items, e.g. 'eggs, milk and bread'")]
ListName = Annotated[
    str | None, Field(description="which list, e.g. 'shopping' or 'to do'; omit for shopping")
]
SHOP = {"list_name": DEFAULT_LIST}
# A thing to buy holds no clause of its own: "add salt and pepper and stir it through
# before it goes in the oven" is a recipe read out, not a list.
_STEPS = re.compile(r" (?:before|after|until|once|while|because|so that) (?:it|they|you|we|i) ")
_POINTING = frozenset({"this", "that", "these", "those"})
THE = "[my|the|our]"
LIST = THE + " {list_name} list"
_IT = "(it|that|that list|there)"
_WISH = "[(i|we) (want|need|would like) to|please] "
# An item told by its place on the list: "the first item", "the last one", "the second row".
_PLACES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_RANK = {
    "list_rank": {
        "values": [
            {"in": f"{place} {noun}", "out": f"#{index}"}
            for place, index in _PLACES.items()
            for noun in ("item", "one", "thing", "row", "entry", "line")
        ]
    }
}


@plugin.tool(
    sentences=[
        "(add|put|stick|write|pop|include) {text:items} (to|on|onto|in|into) " + LIST,
        # Without the word "list", "put", "stick" and "pop" are too common ("put it on
        # high", "pop the lamp on, would you") to mean a list.
        "(add|write|include) {text:items} (to|on|onto) " + THE + " {list_name}",
        "(add|put|stick|write|pop) {text:items} (to|on|onto) " + THE + " list",
        "add {text:items}",
        "(add|put) {text:items} on the list",
        # The list said first: "shopping list add cat food", "on the to do list put ...".
        "[on] " + LIST + " (add|put) {text:items}",
        {
            # "Add hot dogs to it" after making a list: the list just used.
            "sentences": ["(add|put|stick|write|pop) {text:items} (to|on|onto|in|into) " + _IT],
            "slots": IT_LIST,
        },
        {
            # "Put it back on" after taking bread off: the items just taken off.
            "sentences": ["(put|add) (it|that|them|those) back [on] [the list|it|there]"],
            "slots": {"items": "that", **IT_LIST},
        },
        {
            "sentences": [
                "(i|we) need [to (buy|get|pick up)] [some|more] {text:items}",
                "(i|we) need [some|more] {text:items} from the (store|shop|supermarket)",
                "(we are|i am|we have|i have) (out of|run out of|running low on|low on|"
                "running out of|nearly out of) {text:items}",
                "(we|i) (ran|have run|are running|are) out of {text:items}",
                "(remember|do not forget) to (buy|get|pick up) {text:items}",
                "(we|i) should (buy|get|pick up) [some|more] {text:items}",
                # "Put irn bru on the shopping": the shopping is a list's name.
                "(put|stick|pop|chuck) {text:items} (on|onto) " + THE + " (shopping|groceries)",
            ],
            "slots": SHOP,
        },
    ]
)
def list_add(ctx: ToolContext, items: Items, list_name: ListName = None) -> str:
    """Add one or more items to a list (the shopping list unless another is named)."""
    if list_name is None:
        items, list_name = split_destination(ctx, items)
    return _add(ctx, *_things_to_add(ctx, items, list_name))


def _add(ctx: ToolContext, key: str, wanted: list[str]) -> str:
    lists = stored_lists(ctx)
    current = lists.get(key, [])
    added = [item for item in wanted if find_item(current, item, fuzzy=False) is None]
    present = [item for item in wanted if item not in added]
    lists[key] = [*current, *added]
    save_lists(ctx, lists)
    return _added_reply(key, added, present)


def _things_to_add(ctx: ToolContext, items: str, list_name: str | None) -> tuple[str, list[str]]:
    """The list and the items for an add, or ToolError when they are no things for a list."""
    key = target_list(ctx, list_name, create=True)
    wanted = split_items(items, known_items(ctx))
    if key == DEFAULT_LIST or key not in stored_lists(ctx):
        # An existing to-do list may hold "check traffic" or "book a meeting".
        refuse_non_things(wanted, "" if key == DEFAULT_LIST else key)
    if wanted[0].startswith("to ") or wanted[0] in NOT_ITEMS:
        raise ToolError(f"What should I add to your {key} list?")
    if any(_STEPS.search(f" {item} ") for item in wanted):
        raise ToolError("That sounded like instructions, not things for a list: I added nothing.")
    if items.split()[0] in _POINTING or items.endswith(" or not"):
        # "Add this song to my favourites": what is playing, not a thing named; "I need
        # a jacket after ten or not" asks.
        raise ToolError(f"I can only add things you name to your {key} list: I added nothing.")
    return key, wanted


@plugin.tool(sentences=["(i|we) [really|still] need (a|an|another) {text:items}"])
def list_offer(ctx: ToolContext, items: Items) -> str:
    """Offer to put a thing the user says they need on the shopping list, and add it on yes."""
    # "I need a drink" is as often a wish for now as a thing to buy: ask, never guess.
    if split_items(items, ())[0] in NOT_ITEMS:  # "i need a break": nothing a list holds
        raise ToolError("I can only put things to buy on your shopping list.")
    key, wanted = _things_to_add(ctx, items, DEFAULT_LIST)
    article = "an" if items[:1] in tuple("aeiou") else "a"
    ctx.confirm(f"Should I add {article} {items} to your {key} list?")
    return _add(ctx, key, wanted)


def _added_reply(key: str, added: list[str], present: list[str]) -> str:
    there = "is" if len(present) == 1 else "are"
    if not added:
        return f"{capitalized(join_words(present))} {there} already on your {key} list."
    reply = f"I added {join_words(added)} to your {key} list."
    if present:
        reply += f" {capitalized(join_words(present))} {there} already there."
    return reply


@plugin.tool(
    sentences=[
        _WISH + "(remove|delete|take|take out|cross|strike|scratch|erase|tick|check) "
        "{text:items} (from|off|off of|in|on) " + LIST,
        _WISH + "(remove|delete|take|take out|cross|strike|scratch|erase) {text:items} "
        "(from|off|off of) " + THE + " {list_name}",
        _WISH + "(remove|delete|take|take out|cross|strike|scratch|erase|tick|check) "
        "{text:items} (from|off|off of) " + THE + " list",
        # "delete the first item on the list", "delete last item listed": by its place.
        _WISH + "(remove|delete|take off|cross off|erase) [the] {list_rank:items} "
        "[(on|from|in) (" + LIST + "|" + THE + " list)|listed|on it]",
        "(cross|take|strike|scratch|tick|check) off {text:items}",
        "(cross|strike|scratch|tick|check|take) {text:items} off",
        "(cross|take|strike|scratch|tick|check) off {text:items} (from|on) " + LIST,
        # "Cross out bread from the shopping list", "cancel the milk from the list".
        "(cross|strike|scratch|rub|black) out {text:items} (from|off|on|in) " + LIST,
        "(cancel|drop|get rid of) {text:items} (from|off|off of) " + LIST,
        "(we|i) (do not|no longer) need {text:items} [anymore|any more]",
        {
            "sentences": [
                "(remove|delete|take|cross|strike|scratch|erase|tick) {text:items} "
                "(from|off|off of) " + _IT,
            ],
            "slots": IT_LIST,
        },
    ],
    lists=_RANK,
)
def list_remove(ctx: ToolContext, items: Items, list_name: ListName = None) -> str:
    """Remove one or more items from a list."""
    if items.startswith("#"):
        return _remove_at(ctx, int(items[1:]), list_name)
    if list_name is None:
        items, list_name = split_destination(ctx, items)
    wanted = split_items(items, known_items(ctx))
    key = holding_list(ctx, list_name, wanted)
    lists = stored_lists(ctx)
    current = lists[key]
    found: list[str] = []
    for item in wanted:
        stored = find_item(current, item)
        if stored is None:
            raise ToolError(f"{capitalized(item)} is not on your {key} list.")
        found.append(stored)
    lists[key] = [item for item in current if item not in found]
    save_lists(ctx, lists)
    return f"I removed {join_words(found)} from your {key} list."


def _remove_at(ctx: ToolContext, place: int, list_name: str | None) -> str:
    """Remove the item at a place of the list (1 the first, -1 the last)."""
    lists = stored_lists(ctx)
    if list_name is None and len(lists) > 1:  # "delete the last line" of which list?
        raise ToolError("Which list do you mean?")
    key = target_list(ctx, list_name, create=False)
    items = lists.get(key, [])
    index = place - 1 if place > 0 else place
    if not -len(items) <= index < len(items):
        raise ToolError(f"Your {key} list has {len(items) or 'no'} item{'s' * (len(items) != 1)}.")
    gone = items.pop(index)
    save_lists(ctx, lists)
    return f"I removed {gone} from your {key} list."


@plugin.tool(
    reads_only=True,
    sentences=[
        "what is [there] (on|in) " + LIST,
        "what is (on|in) " + THE + " list",
        "what (items|things) are (on|in) " + LIST,
        "what (do (i|we) have|have (i|we) got|did (i|we) put|have (i|we) put) (on|in) " + LIST,
        "(read|show|tell me|give me|check|open|repeat|read back|read out) [me] [what is on] "
        + LIST
        + " [back] [to me|for me]",
        "list [the|all the] (items|things) (on|in) " + LIST,
        "(read|show|tell me|give me|check) [me] [what is on] " + THE + " list",
        "(read|show|tell me) [me] " + THE + " {list_name} (items|things)",
        "(is there|do (i|we) have) anything (on|in) " + LIST,
        "do (i|we) have (a|an) {list_name} list [ready|made|started|going]",
        "how many (items|things) are (on|in) " + LIST,
        # "What is on it?" after adding: the list the user was just talking about.
        "what (is|else is|have (i|we) got|do (i|we) have) (on|in) (it|that|there) [list]"
        " [now|so far]",
        "(read|tell me|show me) what is (on|in) (it|that|there) [list] [now|so far]",
        "(read|show) (it|that) [list] [back] [out] [to me]",
        "what is (left|still|there|remaining) (on|in) (it|that|there|the list) [now]",
        "what is left [on it|on that|on there]",
        {
            "sentences": [
                "what (do|should|did) (i|we) [need to|have to|want to] (buy|get|pick up)",
                "what do (i|we) need (from|at) the (store|shop|supermarket|grocery store|market)",
                "what (groceries|shopping) do (i|we) need",
                "what is on [my|the|our] shopping",
            ],
            "slots": SHOP,
        },
    ],
)
def list_read(ctx: ToolContext, list_name: ListName = None) -> str:
    """Read out the items on a list."""
    key = target_list(ctx, list_name, create=False)
    items = stored_lists(ctx).get(key, [])
    if not items:
        return f"Your {key} list is empty."
    return f"Your {key} list has {join_words(items)}."


@plugin.tool(
    sentences=[
        "(clear|empty|erase|wipe|reset|delete) [out] " + LIST,
        # A list is deleted by emptying it, as "delete my shopping list" is.
        "(remove|throw away|get rid of|trash|discard|scrap) " + LIST + " [please]",
        "(remove|delete|throw away|get rid of|trash|discard|scrap|clear) [the|my|our] list "
        "(called|named|for|of [my|our]) {list_name}",
        "(clear|empty|wipe) [out] " + THE + " list",
        "(remove|delete|cross off|take off|erase) (everything|all items|all the items|"
        "all things|all the things|all) (from|on|off|in) " + LIST,
        "start " + THE + " {list_name} list (over|again|fresh)",
        # ("Clear it" alone is the timers' cancelling: it must name its list or say "out".)
        {
            "sentences": ["(empty|wipe) (it|that|that list) [out]", "clear (it|that) out"]
            + ["clear that list [out]"],
            "slots": IT_LIST,
        },
    ]
)
def list_clear(ctx: ToolContext, list_name: ListName = None) -> str:
    """Remove every item from a list (the list itself stays)."""
    if list_name is not None and clean_list_name(list_name) is None:
        raise ToolError("Which list do you mean?")  # "get rid of a list": none is named
    lists = stored_lists(ctx)
    full = [name for name, items in lists.items() if items]
    if list_name is None and len(full) > 1:  # "clear the list": emptying a guess loses items
        if len(full) > 4:  # a long question is no help by ear
            raise ToolError(f"Which list do you mean? {len(full)} of your lists have items.")
        listed = ", ".join(full[:-1]) + " or " + full[-1]
        raise ToolError(f"Which list do you mean: your {listed} list?")
    key = target_list(ctx, list_name, create=False)
    if not lists.get(key):
        return f"Your {key} list is already empty."
    lists[key] = []
    save_lists(ctx, lists)
    return f"I cleared your {key} list."


plugin.tool(sentences=LIST_CREATE_SENTENCES)(list_create)
plugin.tool(reads_only=True, sentences=LIST_NAMES_SENTENCES)(list_names)
plugin.tool(reads_only=True, sentences=LIST_HAS_SENTENCES)(list_has)
plugin.tool(sentences=NOTE_ADD_SENTENCES)(note_add)
plugin.tool(reads_only=True, sentences=NOTE_READ_SENTENCES)(note_read)
plugin.tool(sentences=NOTE_DELETE_SENTENCES)(note_delete_all)


@plugin.setup
def seed_from_world(ctx: ToolContext) -> None:
    """Add the world file's initial lists that the records do not hold yet."""
    lists = stored_lists(ctx)
    # A list the user already has (and may have changed) keeps its items.
    new = {name: list(items) for name, items in ctx.world.lists.items() if name not in lists}
    if new:
        save_lists(ctx, {**lists, **new})


@plugin.names("list_name")
def list_name_words(ctx: ToolContext) -> list[str]:
    """The lists' names, for recognition."""
    return list(stored_lists(ctx))


@plugin.section("lists")
def lists_section(ctx: ToolContext) -> dict[str, list[str]]:
    """The lists, name -> items."""
    return stored_lists(ctx)


@plugin.section("notes")
def notes_section(ctx: ToolContext) -> list[str]:
    """The notes, oldest first."""
    return stored_notes(ctx)
