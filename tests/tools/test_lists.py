"""Tests for the lists plugin: list items (add, remove, read, clear) and notes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import hassil
import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import Store, World, parse_world
from sottovoce.testing import AgentHarness
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import lists as L
from sottovoce.tools.builtin.lists_items import split_items

DATA: dict[str, Any] = {"clock": "2026-06-01T08:30:00", "areas": ["kitchen"]}


def make_world(lists: dict[str, list[str]] | None = None, store: Store | None = None) -> World:
    data = {**DATA, "lists": lists} if lists is not None else DATA
    world = parse_world(data, "test.yaml", virtual=True, store=store)
    Registry([L.plugin]).attach(world)  # its sections, and the world file's lists seeded
    return world


def make_ctx(lists: dict[str, list[str]] | None = None) -> ToolContext:
    return ToolContext(world=make_world(lists), area="kitchen", plugin="lists")


def lists_of(ctx: ToolContext) -> dict[str, list[str]]:
    result: dict[str, list[str]] = ctx.world.snapshot()["lists"]
    return result


def test_sentences_compile() -> None:
    for spec in L.plugin.tools:
        for group in spec.sentences:
            for sentence in group.sentences:
                hassil.parse_sentence(sentence)


def test_add_several_items_creates_the_list() -> None:
    ctx = make_ctx()
    reply = L.list_add(ctx, "eggs, milk and bread", "my shopping list")
    assert reply == "I added eggs, milk and bread to your shopping list."
    assert lists_of(ctx) == {"shopping": ["eggs", "milk", "bread"]}


def test_add_without_a_list_goes_to_shopping_or_the_only_list() -> None:
    ctx = make_ctx()
    L.list_add(ctx, "Milk")
    assert lists_of(ctx) == {"shopping": ["milk"]}
    ctx = make_ctx({"to do": ["call anna"]})
    assert L.list_add(ctx, "some paint") == "I added paint to your to do list."
    ctx = make_ctx({"to do": [], "groceries": ["eggs"]})
    L.list_add(ctx, "milk")
    assert lists_of(ctx)["groceries"] == ["eggs", "milk"]


def test_add_existing_item_says_so() -> None:
    ctx = make_ctx({"shopping": ["eggs"]})
    assert L.list_add(ctx, "eggs", "shopping") == "Eggs is already on your shopping list."
    reply = L.list_add(ctx, "egg and peas", "shopping")
    assert reply == "I added peas to your shopping list. Egg is already there."
    assert lists_of(ctx) == {"shopping": ["eggs", "peas"]}


def test_known_item_with_and_is_kept_whole() -> None:
    ctx = make_ctx({"shopping": [], "favourites": ["mac and cheese"]})
    L.list_add(ctx, "mac and cheese", "shopping")
    assert lists_of(ctx)["shopping"] == ["mac and cheese"]


def test_list_names_match_existing_lists() -> None:
    ctx = make_ctx({"to do": [], "groceries": []})
    L.list_add(ctx, "call the bank", "todo list")
    L.list_add(ctx, "flour", "grocery")
    L.list_add(ctx, "rice", "shopping")
    assert lists_of(ctx) == {"to do": ["call the bank"], "groceries": ["flour", "rice"]}
    L.list_add(ctx, "tent", "camping list")
    assert lists_of(ctx)["camping"] == ["tent"]


def test_destination_left_inside_the_items_is_recovered() -> None:
    ctx = make_ctx({"to do": []})
    L.list_add(ctx, "eggs and milk to my shopping list")
    L.list_add(ctx, "fix the door to the to do list")
    assert lists_of(ctx) == {"to do": ["fix the door"], "shopping": ["eggs", "milk"]}


def test_need_to_do_something_is_not_an_item() -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError):
        L.list_add(ctx, "to call anna", "shopping")
    assert lists_of(ctx) == {}


def test_something_to_look_up_is_not_an_item_unless_a_list_already_holds_such() -> None:
    ctx = make_ctx({"to do": []})
    asked = [("the stock price for amazon", "shopping"), ("the opening stock price", "apple")]
    for items, name in asked:
        with pytest.raises(ToolError, match="look up"):
            L.list_add(ctx, items, name)
    L.list_add(ctx, "check the traffic", "to do")
    L.list_add(ctx, "dates and thyme and price tags for the party", "shopping")
    shopping = ["dates", "thyme", "price tags for the party"]
    assert lists_of(ctx) == {"to do": ["check the traffic"], "shopping": shopping}


def test_music_for_a_playlist_is_not_a_list_item_unless_such_a_list_is_kept() -> None:
    ctx = make_ctx({"road trip playlist": ["abacab"], "shopping": []})
    asked = [
        ("nuba", "metal party playlist"),
        ("the album", "hot 50"),
        ("a song", "indie hipster"),
        ("kent james", "disney soundtrack"),
        ("farhad darya songs in virales de siempre", "shopping"),
    ]
    for items, name in asked:
        with pytest.raises(ToolError, match="playlists"):
            L.list_add(ctx, items, name)
    L.list_add(ctx, "porter wagoner", "road trip playlist")  # a list the user keeps by that name
    L.list_add(ctx, "a photo album and a song book", "shopping")
    shopping = ["photo album", "song book"]
    assert lists_of(ctx) == {
        "road trip playlist": ["abacab", "porter wagoner"],
        "shopping": shopping,
    }


def test_remove_with_fuzzy_match() -> None:
    ctx = make_ctx({"shopping": ["eggs", "bread", "tomatoes"]})
    assert L.list_remove(ctx, "egg", "shopping") == "I removed eggs from your shopping list."
    assert (
        L.list_remove(ctx, "bred and tomato")
        == "I removed bread and tomatoes from your shopping list."
    )
    assert lists_of(ctx) == {"shopping": []}


def test_remove_finds_the_list_holding_the_item() -> None:
    ctx = make_ctx({"shopping": ["eggs"], "to do": ["call anna"]})
    assert L.list_remove(ctx, "call anna") == "I removed call anna from your to do list."
    assert (
        L.list_remove(ctx, "eggs off my shopping list") == "I removed eggs from your shopping list."
    )


def test_remove_errors_change_nothing() -> None:
    ctx = make_ctx({"shopping": ["eggs", "milk"]})
    with pytest.raises(ToolError, match="Caviar is not on your shopping list."):
        L.list_remove(ctx, "milk and caviar", "shopping")
    with pytest.raises(ToolError, match="You have no camping list."):
        L.list_remove(ctx, "tent", "camping")
    assert lists_of(ctx) == {"shopping": ["eggs", "milk"]}


def test_read() -> None:
    ctx = make_ctx({"shopping": ["eggs", "bread", "milk"], "to do": []})
    assert L.list_read(ctx, "shopping") == "Your shopping list has eggs, bread and milk."
    assert L.list_read(ctx) == "Your shopping list has eggs, bread and milk."
    assert L.list_read(ctx, "to-do list") == "Your to do list is empty."
    with pytest.raises(ToolError, match="You have no camping list."):
        L.list_read(ctx, "camping")


def test_clear_keeps_the_list() -> None:
    ctx = make_ctx({"shopping": ["eggs"]})
    assert L.list_clear(ctx, "the shopping list") == "I cleared your shopping list."
    assert lists_of(ctx) == {"shopping": []}
    assert L.list_clear(ctx) == "Your shopping list is already empty."


def test_a_removed_list_is_emptied_and_a_list_is_named() -> None:
    ctx = make_ctx({"shopping": ["eggs"], "grocery": ["milk"]})
    assert L.list_clear(ctx, "groceries") == "I cleared your grocery list."
    with pytest.raises(ToolError, match="Which list"):
        L.list_clear(ctx, "a")
    assert lists_of(ctx) == {"shopping": ["eggs"], "grocery": []}


def test_clearing_an_unnamed_list_asks_which_when_several_hold_items() -> None:
    ctx = make_ctx({"shopping": ["eggs"], "to do": ["call mum"], "camping": []})
    with pytest.raises(ToolError, match="Which list do you mean: your shopping or to do list"):
        L.list_clear(ctx)
    assert lists_of(ctx) == {"shopping": ["eggs"], "to do": ["call mum"], "camping": []}
    many = make_ctx({f"list {n}": ["thing"] for n in range(6)})
    with pytest.raises(ToolError, match="6 of your lists have items"):
        L.list_clear(many)


@pytest.mark.parametrize("name", ["to make a", "item to", "to", "to remove apples from"])
def test_words_that_name_no_list_make_none(name: str) -> None:
    ctx = make_ctx({"shopping": ["eggs"]})
    with pytest.raises(ToolError, match="What should the list be called"):
        L.list_create(ctx, name)
    assert lists_of(ctx) == {"shopping": ["eggs"]}


def test_an_item_told_by_its_place() -> None:
    ctx = make_ctx({"shopping": ["eggs", "bread", "milk"]})
    assert L.list_remove(ctx, "#-1", "shopping") == "I removed milk from your shopping list."
    assert L.list_remove(ctx, "#1") == "I removed eggs from your shopping list."
    with pytest.raises(ToolError, match="has 1 item"):
        L.list_remove(ctx, "#3", "shopping")
    assert lists_of(ctx) == {"shopping": ["bread"]}
    L.list_create(ctx, "camping")
    with pytest.raises(ToolError, match="Which list"):  # two lists: which one's first?
        L.list_remove(ctx, "#1")


@pytest.mark.parametrize(
    "event",
    [
        "an alarm set for 530 am tomorrow",
        "a lunch with mike",
        "next weeks lunch put on the calendar",
    ],
)
def test_an_alarm_or_an_event_is_no_item(event: str) -> None:
    ctx = make_ctx({"shopping": []})
    with pytest.raises(ToolError):
        L.list_add(ctx, event)
    assert lists_of(ctx) == {"shopping": []}


def test_an_alarm_clock_a_calendar_and_a_party_hat_are_things() -> None:
    ctx = make_ctx({"shopping": []})
    L.list_add(ctx, "an alarm clock, a calendar and a party hat")
    assert lists_of(ctx) == {"shopping": ["alarm clock", "calendar", "party hat"]}


@pytest.mark.parametrize(
    ("said", "tool", "args"),
    [
        ("i want to remove apples from list", "list_remove", {"items": "apples"}),
        (
            "take out the milk from the shopping list",
            "list_remove",
            {"items": "the milk", "list_name": "shopping"},
        ),
        ("delete the first item on the list", "list_remove", {"items": "#1"}),
        ("delete last item listed", "list_remove", {"items": "#-1"}),
        ("repeat my shopping list", "list_read", {"list_name": "shopping"}),
        ("read back my grocery list to me", "list_read", {"list_name": "grocery"}),
        ("list items on my work list", "list_read", {"list_name": "work"}),
        ("what are my available lists", "list_names", {}),
        ("how many lists do i have", "list_names", {}),
        ("do i have a work list ready", "list_read", {"list_name": "work"}),
        ("remove the list called party time", "list_clear", {"list_name": "party time"}),
        ("throw away my to do list please", "list_clear", {"list_name": "to do"}),
    ],
)
def test_said_in_other_words(said: str, tool: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([L.plugin]), make_world({"shopping": [], "work": []}))
    call = grammar.match(said)
    assert call is not None and (call.tool, call.args) == (tool, args)


def test_list_names() -> None:
    assert L.list_names(make_ctx()) == "You have no lists."
    ctx = make_ctx({"shopping": [], "to do": []})
    assert L.list_names(ctx) == "You have 2 lists: shopping and to do."


def test_notes() -> None:
    ctx = make_ctx()
    assert L.note_read(ctx) == "You have no notes."
    assert L.note_add(ctx, "that Parking spot is level 3") == "I noted: parking spot is level 3."
    L.note_add(ctx, "the plumber comes friday")
    assert ctx.world.snapshot()["notes"] == ["parking spot is level 3", "the plumber comes friday"]
    assert L.note_read(ctx) == (
        "You have 2 notes: parking spot is level 3; the plumber comes friday."
    )
    assert L.note_delete_all(ctx) == "I deleted your 2 notes."
    assert ctx.world.snapshot()["notes"] == []
    with pytest.raises(ToolError):
        L.note_add(ctx, "that")


def test_the_world_files_lists_seed_only_lists_not_yet_held() -> None:
    ctx = make_ctx({"shopping": ["eggs"], "to do": []})
    L.list_add(ctx, "milk")
    ctx.world.lists = {"shopping": ["flour"], "camping": ["tent"]}
    Registry([L.plugin]).attach(ctx.world)
    assert lists_of(ctx) == {"shopping": ["eggs", "milk"], "to do": [], "camping": ["tent"]}
    assert ctx.world.record_names() == ["shopping", "to do", "camping"]


def test_a_damaged_lists_record_is_skipped_not_a_crash(caplog: pytest.LogCaptureFixture) -> None:
    ctx = make_ctx()
    ctx.records["lists"] = ["not", "a", "map"]
    with caplog.at_level(logging.WARNING):
        assert L.list_names(ctx) == "You have no lists."
        assert L.list_read(ctx) == "Your shopping list is empty."
    assert "plugin lists, record lists" in caplog.text
    assert lists_of(ctx) == {} and ctx.world.record_names() == []
    # Writing replaces what could not be read with what the user now has.
    assert L.list_add(ctx, "eggs") == "I added eggs to your shopping list."
    assert ctx.records["lists"] == {"shopping": ["eggs"]}


def test_items_and_notes_that_are_not_text_are_skipped() -> None:
    ctx = make_ctx()
    ctx.records["lists"] = {"shopping": ["eggs", 7, None, {"x": 1}], "to do": "call anna"}
    ctx.records["notes"] = ["parking spot is level 3", 42]
    assert L.list_read(ctx) == "Your shopping list has eggs."
    assert L.list_read(ctx, "to do") == "Your to do list is empty."
    assert L.list_remove(ctx, "eggs") == "I removed eggs from your shopping list."
    assert L.note_read(ctx) == "You have one note: parking spot is level 3."
    assert lists_of(ctx) == {"shopping": [], "to do": []}
    assert ctx.world.snapshot()["notes"] == ["parking spot is level 3"]


def test_lists_and_notes_survive_a_reopened_store(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    world = make_world({"shopping": ["eggs"]}, store=Store.open_sqlite(path))
    ctx = ToolContext(world=world, plugin="lists")
    L.list_add(ctx, "milk")
    L.list_create(ctx, "camping")
    L.note_add(ctx, "the plumber comes friday")
    world.store.commit()
    again = make_world({"shopping": ["flour"]}, store=Store.open_sqlite(path))
    snapshot = again.snapshot()
    assert snapshot["lists"] == {"shopping": ["eggs", "milk"], "camping": []}
    assert snapshot["notes"] == ["the plumber comes friday"]


def test_a_clause_after_the_items_is_no_item() -> None:
    assert split_items("paper towels, it's for the kitchen", []) == ["paper towels"]
    assert split_items("milk and eggs we are out", []) == ["milk", "eggs"]
    # A title that is a clause stays whole: nothing comes before it.
    assert split_items("it's a small world", []) == ["it's a small world"]


def test_a_thing_said_to_be_needed_is_offered_not_added() -> None:
    h = AgentHarness(include_builtins=True)
    before = h.snapshot()["lists"]
    assert h.say("i need a drink").reply == "Should I add a drink to your shopping list?"
    assert h.say("no").reply and h.snapshot()["lists"] == before
    h.say("we need a new kettle")
    assert "new kettle" in h.say("yes").reply
    assert h.snapshot()["lists"]["shopping"][-1] == "new kettle"


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("i need a break", "I can only put things to buy on your shopping list."),
        ("i need a meeting with the cfo on thursday", "That sounded like an event"),
    ],
)
def test_a_need_that_no_list_holds_is_not_offered(said: str, reply: str) -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError, match=reply):
        L.list_offer(ctx, said.split(" a ", 1)[1])
    assert lists_of(ctx) == {}
