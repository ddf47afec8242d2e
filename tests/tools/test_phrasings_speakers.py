"""Phrasings from many kinds of speakers, through the real normalizer and grammar: word
order from other languages, dialect words, kin before a contact's name, the room after
what is done."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import parse_world
from sottovoce.tools import Registry

_WORLD: dict[str, Any] = {
    "name": "speakers",
    "clock": "2026-03-10T18:00:00",
    "listener": {"area": "den"},
    "areas": [
        {"name": "den", "floor": "downstairs"},
        {"name": "bedroom 2", "floor": "upstairs"},
        {"name": "nursery", "floor": "upstairs"},
    ],
    "devices": [
        {"id": "cover.b2", "kind": "cover", "name": "bedroom 2 blind", "area": "bedroom 2"},
        {"id": "cover.nursery", "kind": "cover", "name": "nursery blind", "area": "nursery"},
        {"id": "fan.tower", "kind": "fan", "name": "tower fan", "area": "den"},
        {"id": "lock.stair", "kind": "lock", "name": "stair door", "area": "den"},
        {"id": "media_player.tv", "kind": "media_player", "name": "den tv", "area": "den"},
        {
            "id": "media_player.speaker",
            "kind": "media_player",
            "name": "nursery speaker",
            "area": "nursery",
        },
        {
            "id": "binary_sensor.smoke",
            "kind": "binary_sensor",
            "name": "den smoke alarm",
            "area": "den",
            "state": {"on": False, "device_class": "smoke"},
        },
        {
            "id": "sensor.humidity",
            "kind": "sensor",
            "name": "den humidity",
            "area": "den",
            "state": {"value": 45, "unit": "%"},
        },
    ],
    "contacts": [{"name": "Raj", "phone": "1"}, {"name": "Mum", "phone": "2"}],
    "media_library": [{"title": "Autobahn", "artist": "Kraftwerk", "kind": "album"}],
}


def _route(text: str) -> tuple[str, dict[str, Any]] | None:
    grammar = Grammar(Registry.builtin(), parse_world(_WORLD, "test.yaml", virtual=True))
    found = grammar.best(normalize(text))
    return (found.call.tool, found.call.args) if found is not None else None


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("blinds down in bedroom 2", "cover_close", {"name": "blinds", "area": "bedroom 2"}),
        ("close all the blinds upstairs", "cover_close", {"name": "blinds", "area": "upstairs"}),
        ("nursery blind halfway please", "cover_set_position", {"name": "cover.nursery"}),
        ("make the tower fan speed to medium", "fan_set_speed", {"percent": 66}),
        ("make the music louder", "media_volume_step", {}),
        ("turn the speaker down", "media_volume_step", {"direction": "down"}),
        ("volume down on the tv", "media_volume_step", {"direction": "down"}),
        ("play Autobahn from Kraftwerk", "media_play_media", {"artist": "Kraftwerk"}),
        ("is the nursery speaker playing anything", "media_now_playing", {}),
        ("what will be the weather tomorrow", "weather_get", {"day": "tomorrow"}),
        ("do I need a brolly today", "weather_will_it", {"condition": "rain"}),
        ("how is the humidity in my room", "sensor_quantity", {"quantity": "humidity"}),
        ("is there anything left on in the den", "devices_ask", {"ask": "any", "state": "on"}),
        ("is the smoke alarm in the den going off", "binary_sensor_check", {"area": "den"}),
        ("is the stair door snibbed", "lock_status", {"name": "lock.stair"}),
        ("open the stair door", "lock_unlock", {"name": "lock.stair"}),
        ("ring my mum", "call_place", {"contact": "Mum"}),
        ("call my brother Raj", "call_place", {"contact": "Raj"}),
        ("send to Raj a message that I am late", "message_send", {"text": "i am late"}),
    ],
)
def test_how_speakers_put_it(text: str, tool: str, args: dict[str, Any]) -> None:
    found = _route(text)
    assert found is not None, text
    assert found[0] == tool
    assert found[1] | args == found[1]
