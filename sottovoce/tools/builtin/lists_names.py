"""Which list a spoken name means: an existing list, a shopping synonym, a near miss, or new."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.lists_items import capitalized, find_item, join_words
from sottovoce.tools.builtin.lists_records import stored_lists

DEFAULT_LIST = "shopping"
# "Add eggs to it", "clear it": the list the conversation is about; the agent says which.
LIST_PRONOUNS = frozenset({"it", "that", "this", "there", "that one"})
IT_LIST = {"list_name": "that one"}
LIST_CUTOFF = 85.0
COMPACT_CUTOFF = 80.0  # for the name without its spaces: a word heard in two
# Names people use for the one list that holds groceries.
SHOPPING_NAMES = frozenset(
    {"shopping", "grocery", "groceries", "grocery shopping", "food shopping", "supermarket"}
)
# "eggs to my shopping list" left in the items when a wildcard swallowed the destination.
DESTINATION = re.compile(
    r"^(?P<items>.+?)\s+(?:to|on|onto|in|into|from|off|off of)\s+"
    r"(?:(?:my|the|our)\s+)?(?P<name>.+?)(?P<list>\s+list)?$"
)


_WHEN_WORDS = frozenset(
    "today tonight tomorrow monday tuesday wednesday thursday friday saturday sunday"
    " weekend week".split()
)


def clean_list_name(spoken: str | None) -> str | None:
    """'My Shopping List' -> 'shopping'; None for nothing or just 'list'."""
    if spoken is None:
        return None
    words = re.sub(r"[-_]", " ", spoken.lower()).split()
    while words and words[0] in ("my", "the", "our", "a"):
        words = words[1:]
    if words[:2] in (["list", "of"], ["list", "for"]):  # "my list of errands"
        words = words[2:]
    if len(words) > 2 and words[-2] == "for" and words[-1] in _WHEN_WORDS:
        words = words[:-2]  # "errands for saturday": the list is "errands"
    # Words after "list" are not its name: "the shopping list later, not sure yet".
    if "list" in words[1:-1]:
        words = words[: words.index("list", 1)]
    while words and words[-1] in ("list", "lists"):
        words = words[:-1]
    return " ".join(words) or None


# A name never ends in a word that leads to another ("i need to make a list" names none).
_LEADING = frozenset("to from of for a an the my our in on with and at into by".split())


def not_a_name(name: str) -> bool:
    """Whether the words heard where a new list's name goes cannot be one ('to make a')."""
    words = name.split()
    return not words or words[0] in ("to", "new", "a", "an") or words[-1] in _LEADING


def find_list(ctx: ToolContext, name: str) -> str | None:
    """The existing list a cleaned spoken name means, or None."""
    names = list(stored_lists(ctx))
    compact = name.replace(" ", "")
    for key in names:
        if key == name or key.replace(" ", "").replace("-", "") == compact:
            return key
    for key in names:  # "groceries" is the grocery list even where a shopping list is kept
        if _singular(key) == _singular(name):
            return key
    if name in SHOPPING_NAMES:
        for key in names:
            if key in SHOPPING_NAMES:
                return key
    best = process.extractOne(name, names, scorer=fuzz.ratio, score_cutoff=LIST_CUTOFF)
    if best is not None:
        return str(best[0])
    # Heard in pieces: "cost go" for the Costco list (compared without the spaces).
    compacts = {key.replace(" ", ""): key for key in names}
    near = process.extractOne(
        compact, list(compacts), scorer=fuzz.ratio, score_cutoff=COMPACT_CUTOFF
    )
    return compacts[str(near[0])] if near is not None else None


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def default_list(ctx: ToolContext) -> str:
    lists = stored_lists(ctx)
    found = find_list(ctx, DEFAULT_LIST)
    if found is not None:
        return found
    if len(lists) == 1:
        return next(iter(lists))
    return DEFAULT_LIST


def target_list(ctx: ToolContext, list_name: str | None, create: bool) -> str:
    """The key of the list meant; a new name when `create`, else ToolError if unknown."""
    name = clean_list_name(list_name)
    if name is None:
        return default_list(ctx)
    if name in LIST_PRONOUNS:  # "add eggs to it" with no list said before
        raise ToolError("Which list do you mean?")
    found = find_list(ctx, name)
    if found is not None:
        return found
    if create:
        return name
    raise ToolError(f"You have no {name} list.")


def split_destination(ctx: ToolContext, items: str) -> tuple[str, str | None]:
    """Pull a trailing "to my X list" out of the items text, if it is really there."""
    match = DESTINATION.match(items.strip().lower())
    if match is None:
        return items, None
    name = clean_list_name(match["name"])
    if name and (match["list"] or find_list(ctx, name) is not None):
        return match["items"], name
    return items, None


def holding_list(ctx: ToolContext, list_name: str | None, wanted: list[str]) -> str:
    """The named list; unnamed, the default list or else the one list holding the item."""
    lists = stored_lists(ctx)
    if list_name is not None or not lists:
        key = target_list(ctx, list_name, create=False)
        if key not in lists:
            raise ToolError(f"Your {key} list is empty.")
        return key
    default = default_list(ctx)
    if find_item(lists.get(default, []), wanted[0]) is not None:
        return default
    holding = [k for k, items in lists.items() if find_item(items, wanted[0])]
    if len(holding) == 1:
        return holding[0]
    if holding:
        raise ToolError(
            f"Which list? {capitalized(wanted[0])} is on your {join_words(holding)} lists."
        )
    raise ToolError(f"{capitalized(wanted[0])} is not on your {default} list.")
