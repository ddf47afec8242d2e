"""Loose phrasings through the real normalizer and grammar: music by a description or a
part of an artist's name, lights said to a room ("make the room brighter", "full brightness
in the kitchen", "I can't see a thing"), and how much too hot or cold it is."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import media
from sottovoce.tools.builtin.media_library import find_title

_WORLD: dict[str, Any] = {
    "name": "loose",
    "clock": "2026-12-09T08:10:00",
    "listener": {"area": "lounge"},
    "areas": ["lounge", "kitchen", "bedroom"],
    "devices": [
        {"id": "light.lounge", "kind": "light", "name": "lounge light", "area": "lounge"},
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
        {"id": "light.bedroom", "kind": "light", "name": "bedroom light", "area": "bedroom"},
        {"id": "thermostat.hp", "kind": "thermostat", "name": "heat pump", "area": "lounge"},
        {"id": "media_player.stereo", "kind": "media_player", "name": "stereo", "area": "lounge"},
        {"id": "media_player.radio", "kind": "media_player", "name": "radio", "area": "kitchen"},
    ],
    "media_library": [
        {"title": "Relaxing Piano", "kind": "playlist"},
        {"title": "Christmas in the Sun", "kind": "playlist"},
        {"title": "Music for Airports", "artist": "Brian Eno", "kind": "album"},
        {"title": "Loyal", "artist": "Dave Dobbyn", "kind": "album"},
        {"title": "Elvis Gold", "artist": "Elvis Presley", "kind": "album"},
        {"title": "Blue Hawaii", "artist": "Elvis Presley", "kind": "album"},
        {"title": "Kind of Blue", "artist": "Miles Davis", "kind": "album"},
        {"title": "Bitches Brew", "artist": "Miles Davis", "kind": "album"},
        {"title": "Time Out", "artist": "Dave Brubeck", "kind": "album"},
    ],
}


def _world() -> World:
    return parse_world(_WORLD, "test.yaml", virtual=True)


@cache
def _grammar() -> Grammar:
    return Grammar(Registry.builtin(), _world())


def _route(text: str) -> tuple[str, dict[str, Any]] | None:
    found = _grammar().best(normalize(text))
    return (found.call.tool, found.call.args) if found is not None else None


@pytest.mark.parametrize(
    ("media_said", "artist_said", "title"),
    [
        ("something relaxing", None, "Relaxing Piano"),
        ("some christmas music", None, "Christmas in the Sun"),
        ("a bit of christmas stuff", None, "Christmas in the Sun"),
        ("music for airports", None, "Music for Airports"),  # generic words of a title
        ("dobbyn", None, "Loyal"),  # no title: a part of one artist's name
        ("some brubeck tunes", None, "Time Out"),
        ("something by elvis", None, "Elvis Gold"),
        (None, "elvis", "Elvis Gold"),  # a part of one artist's name: the first title
        (None, "presley", "Elvis Gold"),
        ("blue", "miles", "Kind of Blue"),
    ],
)
def test_find_title_by_a_loose_description(
    media_said: str | None, artist_said: str | None, title: str
) -> None:
    assert find_title(ToolContext(world=_world()), media_said, artist_said) == title


@pytest.mark.parametrize(
    ("media_said", "artist_said"),
    [
        ("something", None),  # nothing but generic words
        ("dave", None),  # a part of two artists' names
        (None, "dave"),
        ("heavy metal", None),
    ],
)
def test_find_title_refuses_what_fits_nothing_or_several(
    media_said: str | None, artist_said: str | None
) -> None:
    with pytest.raises(ToolError):
        find_title(ToolContext(world=_world()), media_said, artist_said)


def test_play_a_part_of_an_artists_name_on_the_player_here() -> None:
    world = _world()
    reply = media.media_play_media(ToolContext(world=world, area="lounge"), media="elvis")
    assert reply == "Playing Elvis Gold by Elvis Presley on the stereo."


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("play something by elvis", {"artist": "elvis"}),
        ("put on some songs by dobbyn in the kitchen", {"artist": "dobbyn", "area": "kitchen"}),
        ("i want to listen to elvis", {"media": "elvis"}),
        ("i'd like to hear some dobbyn", {"media": "some dobbyn"}),
        ("can we listen to something by presley", {"artist": "presley"}),
        ("i wanna hear christmas music on the radio", {"name": "media_player.radio"}),
        # An exact name still wins over the free-text reading.
        ("play something by elvis presley", {"artist": "Elvis Presley"}),
        ("i want to listen to loyal", {"media": "Loyal"}),
    ],
)
def test_loose_media_phrasings_reach_the_library(text: str, args: dict[str, Any]) -> None:
    found = _route(text)
    assert found is not None, text
    assert found[0] == "media_play_media"
    assert found[1] | args == found[1], found


def test_a_wish_to_hear_a_player_plays_it() -> None:
    assert _route("i'd like to listen to the radio") == (
        "media_play",
        {"name": "media_player.radio"},
    )
    assert _route("i want to hear some music") == ("media_play", {})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("make the room brighter", "light_brighter", {}),
        ("make the room darker", "light_dimmer", {}),
        ("make this room a bit brighter", "light_brighter", {}),
        ("make it a little darker in the bedroom", "light_dimmer", {"area": "bedroom"}),
        ("make the kitchen brighter", "light_brighter", {"area": "kitchen"}),
        ("i can't see a thing in here", "light_brighter", {}),
        ("i can't see anything", "light_brighter", {}),
        ("we can barely see in the kitchen", "light_brighter", {"area": "kitchen"}),
        ("full brightness in the kitchen", "light_set_brightness", {"percent": 100}),
        ("max brightness in the bedroom", "light_set_brightness", {"area": "bedroom"}),
        ("lights on full in the kitchen", "light_set_brightness", {"area": "kitchen"}),
        ("half brightness in here", "light_set_brightness", {"percent": 50}),
        ("kitchen lights full brightness", "light_set_brightness", {"percent": 100}),
    ],
)
def test_lights_said_to_a_room(text: str, tool: str, args: dict[str, Any]) -> None:
    found = _route(text)
    assert found is not None, text
    assert found[0] == tool
    assert found[1] | args == found[1], found


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("it's way too hot in here", "climate_cooler"),
        ("it's far too cold", "climate_warmer"),
        ("it's really too warm", "climate_cooler"),
        ("it's a bit too hot", "climate_cooler"),
        ("it's a little chilly in here", "climate_warmer"),
        ("i'm much too cold", "climate_warmer"),
    ],
)
def test_how_much_too_hot_or_cold(text: str, tool: str) -> None:
    found = _route(text)
    assert found is not None and found[0] == tool, (text, found)
