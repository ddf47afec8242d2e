"""List items said in one breath: split, cleaned, and matched to the items stored."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.lists_records import stored_lists

ITEM_CUTOFF = 80.0
ARTICLES = ("a", "an", "some", "the", "more", "any", "extra", "my", "our")
# "I need help" is not shopping: things that "I need ..." catches but no list holds.
NOT_ITEMS = frozenset(
    {"help", "hand", "break", "minute", "moment", "rest", "sleep", "you"}
    # Nor words that stand for a thing named before: "we should get a new one".
    | {"one", "new one", "another one", "another", "it", "them", "that", "this", "those"}
    | {"these", "something", "anything", "item", "an item", "items", "thing", "things"}
)
# What is looked up, not bought or done: "i need the stock price", "the opening stock
# price of apple" (with no list of that name yet) ask for an answer.
_LOOKED_UP = frozenset(
    "price prices cost weather forecast temperature news headlines score scores"
    " result results answer answers information info details update updates directions"
    " traffic definition meaning exchange".split()
)
ITEM_SPLIT = re.compile(r"\s*,\s*|\s+(?:and|plus|as well as|&)\s+")
# An item is a thing, never a clause: "paper towels, it's for the kitchen" adds the
# towels; the clause after them is what the user said about them.
_CLAUSE = re.compile(
    r"[\s,]+\b(?:it's|it is|that's|that is|they're|they are|we're|we are|i'm|i am"
    r"|we've|we have|there's|there is)\b.*$"
)


def join_words(words: Sequence[str]) -> str:
    """'eggs', 'eggs and milk', 'eggs, bread and milk'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def capitalized(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def known_items(ctx: ToolContext) -> set[str]:
    """Every item on any list."""
    return {item for items in stored_lists(ctx).values() for item in items}


# "One kg onions" is written "1 kg onions": a number word before a measure, in digits.
_NUMBER_WORDS = dict(
    zip(
        "one two three four five six seven eight nine ten".split(),
        map(str, range(1, 11)),
        strict=True,
    )
)
_MEASURES = frozenset(
    "kg kgs kilo kilos kilogram kilograms g gram grams litre litres liter liters l ml lb lbs"
    " dozen".split()
)


def _clean_item(text: str) -> str:
    words = text.lower().split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    if len(words) > 2 and words[0] in _NUMBER_WORDS and words[1] in _MEASURES:
        words[0] = _NUMBER_WORDS[words[0]]
    while words and words[-1] in ("too", "also", "please"):
        words = words[:-1]
    if words[-2:] == ["as", "well"]:
        words = words[:-2]
    return " ".join(words)


def looked_up(items: Sequence[str]) -> bool:
    """Whether an item is a thing one asks about ('the stock price'), not a thing."""
    return any(_asks(item.split()) for item in items)


def _asks(words: list[str]) -> bool:
    """'the stock price', 'the stock price for amazon'; not 'price tags'."""
    ends = {len(words) - 1} | {k - 1 for k, w in enumerate(words) if w in ("for", "of", "in")}
    return any(words[k] in _LOOKED_UP for k in ends if 0 <= k < len(words))


# A new list's name with a clock time in it is an event's day and time ("on feb 4 at 14:00").
_WHEN = re.compile(r"\d:\d\d")
_EVENTS = frozenset(
    "meeting meetings appointment appointments reminder reminders event events standup"
    " standups stand-up stand-ups".split()
)
# A new list named after the calendar is the calendar ("add shopping to my calendar for
# tomorrow", "add conference call at four pm to my reminders for today").
_CALENDAR = re.compile(r"\b(calendar|schedule|agenda|diary|planner|reminders?)\b")
# "next week's lunch put on the calendar" is for the calendar; "a calendar" may be bought.
_ON_CALENDAR = re.compile(r"\b(on|in|to|into) (the |my |our )?(calendar|schedule|diary|agenda)\b")
# "a lunch with mike" is an event; "cereal with raisins" is still a thing to buy.
_MEAL_WITH = re.compile(r"\b(lunch|dinner|breakfast|brunch|drinks|date|party) with\b")
# "an alarm set for 530 am tomorrow" is no thing to buy; "an alarm clock" may be.
_ALARM = re.compile(r"\b(alarm|alarms|wake up call)\b(?! clock)")


def calendar_like(items: Sequence[str]) -> bool:
    """Whether an item is an event ('a meeting with the cfo on thursday'), not a thing."""
    # Whole words and their hyphenated parts: "stand-up", and "standup" in "daily-standup".
    return any(_EVENTS & {*item.split(), *re.split(r"[\s-]+", item)} for item in items) or any(
        _ALARM.search(item) or _ON_CALENDAR.search(item) or _MEAL_WITH.search(item)
        for item in items
    )


# Music is not a thing for a list: "add nuba to my metal party playlist", "add the album
# to the hot 50 playlist", "add a song to indie hipster", "add farhad darya songs in ...".
_PLAYLIST = re.compile(r"\b(?:playlists?|sound ?tracks?|tracks)\b")
_MUSIC_ITEM = re.compile(
    r"^(?:(?:the|a|an|this|that|current|some|one)\s+)*(?:album|track|song|tune|artist|record"
    r"|single)s?$|\bsongs\b|\b(?:the|this|that) (?:album|track|song|tune)$"
)


def music_like(items: Sequence[str], new_list: str = "") -> bool:
    """Whether a playlist is meant ("add nuba to my metal party playlist"), not a list."""
    said = [new_list, *items]
    return any(_PLAYLIST.search(text) for text in said) or any(
        _MUSIC_ITEM.search(item) for item in items
    )


def refuse_non_things(items: Sequence[str], new_list: str = "") -> None:
    """ToolError for a question ("i need the stock price"), an event ("i need a meeting
    with the cfo on thursday", "add my practice on feb 4 at 14:00") or music ("add nuba to
    my metal party playlist") heard as things to buy or as a new list's name."""
    if music_like(items, new_list):
        raise ToolError("I can't change playlists, only play them: I added nothing.")
    if looked_up(items):
        raise ToolError("That sounded like something to look up, not a thing for a list.")
    if calendar_like(items) or _WHEN.search(new_list) or _CALENDAR.search(new_list):
        raise ToolError(
            "That sounded like an event, not a thing for a list: tell me its day and "
            "time, and I'll put it in your calendar."
        )


def split_items(text: str, known: Iterable[str]) -> list[str]:
    """Items said in one breath, lower-case, without articles or repeats."""
    text = _CLAUSE.sub("", text.lower()) or text
    whole = _clean_item(text)
    if whole in set(known):
        return [whole]
    found: list[str] = []
    for part in ITEM_SPLIT.split(text.lower()):
        item = _clean_item(part)
        if item and item not in found:
            found.append(item)
    if not found:
        raise ToolError("I didn't catch what to add.")
    return found


def find_item(items: Sequence[str], wanted: str, fuzzy: bool = True) -> str | None:
    """The stored item a spoken one means: exact, singular/plural, or a near miss."""
    if wanted in items:
        return wanted
    for variant in (wanted + "s", wanted + "es", wanted.removesuffix("s"), wanted[:-2]):
        if len(variant) > 1 and variant in items:
            return variant
    if not fuzzy:
        # Adding "peas" next to "pears" is a new item, not a near miss.
        return None
    # "The dal" for the one item that ends so ("toor dal").
    bare = wanted.removeprefix("the ")
    ending = [item for item in items if item == bare or item.endswith(" " + bare)]
    if len(ending) == 1:
        return ending[0]
    best = process.extractOne(wanted, list(items), scorer=fuzz.ratio, score_cutoff=ITEM_CUTOFF)
    return str(best[0]) if best is not None else None
