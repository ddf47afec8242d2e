"""Phrasing families across the built-in plugins, through the real normalizer and grammar.

The world here is deliberately unlike the default one (other names, areas and
floors), so the sentences check families of phrasings, not one world's names.
A "last plugin" column stands for the agent's tie-break ("pause it" after a
timer goes to timers, after music to media).
"""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import KINDS, World, parse_world
from sottovoce.tools import Registry, ToolContext
from sottovoce.tools.builtin import covers, home, lists


def _device(device_id: str, name: str, area: str, **extra: Any) -> dict[str, Any]:
    kind = device_id.split(".")[0]
    return {"id": device_id, "kind": kind, "name": name, "area": area, **extra}


def make_world() -> World:
    data: dict[str, Any] = {
        "name": "phrasings",
        "clock": "2026-03-10T18:00:00",
        "listener": {"area": "den"},
        "areas": [
            {"name": "den", "floor": "ground floor"},
            {"name": "scullery", "floor": "ground floor"},
            {"name": "attic room", "floor": "top floor"},
            {"name": "conservatory", "floor": "ground floor"},
        ],
        "devices": [
            _device("light.den_spot", "den spotlight", "den"),
            _device("light.attic", "attic pendant", "attic room"),
            _device("light.scullery", "scullery strip", "scullery"),
            _device("switch.espresso", "espresso machine", "scullery"),
            _device("fan.attic", "attic fan", "attic room", state={"on": True, "speed": 33}),
            _device("thermostat.hall", "hall thermostat", "den"),
            _device("media_player.tv", "den television", "den", aliases=["telly"]),
            _device("cover.shutters", "conservatory shutters", "conservatory"),
            _device("vacuum.bot", "dustbot", "scullery", state={"status": "cleaning"}),
        ],
        "scenes": [
            {
                "name": "cinema",
                "sets": {
                    "light.den_spot": {"on": False},
                    "cover.shutters": {"position": 0},
                    "media_player.tv": {"status": "playing"},
                    "thermostat.hall": {"target": 22},
                },
            }
        ],
    }
    return parse_world(data, "test.yaml", virtual=True)


def grammar(world: World) -> Grammar:
    return Grammar(Registry.builtin(), world)


def route(text: str, last: str | None = None) -> tuple[str, dict[str, Any]] | None:
    found = grammar(make_world()).best(normalize(text), last)
    return (found.call.tool, found.call.args) if found is not None else None


@pytest.mark.parametrize(
    ("text", "last", "tool", "args"),
    [
        # vacuum: pronoun forms send it home
        ("send it home", "home", "vacuum_return", {"name": "it"}),
        ("send it back to the dock", "home", "vacuum_return", {"name": "it"}),
        ("send it back", "home", "vacuum_return", {"name": "it"}),
        ("dock it", "home", "vacuum_return", {"name": "it"}),
        ("stop it", "home", "vacuum_return", {"name": "it"}),
        ("tell it to go back to its base", "home", "vacuum_return", {"name": "it"}),
        ("send the dustbot back to the charger", None, "vacuum_return", {"name": "vacuum.bot"}),
        # timers: label before duration, "another", pronouns
        (
            "start a timer called bread for 25 minutes",
            None,
            "timer_start",
            {"label": "bread", "seconds": 1500},
        ),
        (
            "set another timer for 3 minutes named rice",
            None,
            "timer_start",
            {"label": "rice", "seconds": 180},
        ),
        ("set a second timer for 2 minutes", None, "timer_start", {"seconds": 120}),
        ("pause it", "timers", "timer_pause", {}),
        ("pause that", "timers", "timer_pause", {}),
        ("resume it", "timers", "timer_resume", {}),
        ("continue it", "timers", "timer_resume", {}),
        ("cancel it", "timers", "timer_cancel", {}),
        ("stop it", "timers", "timer_cancel", {}),
        ("pause it", "media", "media_pause", {"name": "it"}),
        # lists: create, read "it", "put" needs "list"
        ("create a new list called hiking", None, "list_create", {"list_name": "hiking"}),
        ("make a birthday list", None, "list_create", {"list_name": "birthday"}),
        ("start a new hardware list", None, "list_create", {"list_name": "hardware"}),
        ("make a new list for garden jobs", None, "list_create", {"list_name": "garden jobs"}),
        ("what's on it now", "lists", "list_read", {}),
        ("what is on that", "lists", "list_read", {}),
        ("put rope on the hiking list", None, "list_add", {"items": "rope", "list_name": "hiking"}),
        ("put rope on my list", None, "list_add", {"items": "rope"}),
        # fans: pronoun speeds, speed questions
        ("put it on high", "switches", "fan_set_speed", {"name": "it", "percent": 100}),
        ("set it to low", "switches", "fan_set_speed", {"name": "it", "percent": 33}),
        ("turn it up to medium", "switches", "fan_set_speed", {"name": "it", "percent": 66}),
        ("put it on high", None, "fan_set_speed", {"name": "it", "percent": 100}),
        ("what speed is the attic fan set to", None, "device_status", {"name": "fan.attic"}),
        ("how fast is the attic fan spinning", None, "device_status", {"name": "fan.attic"}),
        ("what is the fan speed", None, "device_status", {"name": "fan"}),
        ("how fast is the fan", None, "device_status", {"name": "fan"}),
        # thermostat: readings and terse targets
        (
            "what's the current temperature on the thermostat",
            None,
            "climate_status",
            {},
        ),
        ("what does the thermostat say", None, "climate_status", {}),
        ("what is the heating reading", None, "climate_status", {}),
        (
            "I want the thermostat at twenty one",
            None,
            "climate_set_temperature",
            {"temperature": 21},
        ),
        (
            "thermostat to 19",
            None,
            "climate_set_temperature",
            {"temperature": 19},
        ),
        ("heating to 22", None, "climate_set_temperature", {"temperature": 22}),
        (
            "hall thermostat 20 degrees",
            None,
            "climate_set_temperature",
            {"name": "thermostat.hall", "temperature": 20},
        ),
        # media: terse volume
        (
            "telly volume twelve",
            None,
            "media_set_volume",
            {"name": "media_player.tv", "percent": 12},
        ),
        ("volume 30", None, "media_set_volume", {"percent": 30}),
        (
            "den television volume to 25",
            None,
            "media_set_volume",
            {"name": "media_player.tv", "percent": 25},
        ),
        # switches: appliances start and stop
        ("start the espresso machine", None, "device_turn_on", {"name": "switch.espresso"}),
        ("run the espresso machine", None, "device_turn_on", {"name": "switch.espresso"}),
        ("stop the espresso machine", None, "device_turn_off", {"name": "switch.espresso"}),
        # lights: pronoun levels, floors before or after "lights"
        ("set it to half", "lights", "light_set_brightness", {"name": "it", "percent": 50}),
        ("set it to 50 percent", "lights", "light_set_brightness", {"name": "it", "percent": 50}),
        ("dim it to 30", "lights", "light_set_brightness", {"name": "it", "percent": 30}),
        ("make it brighter", "lights", "light_brighter", {"name": "it"}),
        ("set it to 50 percent", "switches", "fan_set_speed", {"name": "it", "percent": 50}),
        ("set it to 50 percent", "media", "media_set_volume", {"name": "it", "percent": 50}),
        ("turn on all the lights top floor", None, "light_turn_on", {"area": "top floor"}),
        (
            "turn off the lights on the ground floor",
            None,
            "light_turn_off",
            {"area": "ground floor"},
        ),
        ("turn on the top floor lights", None, "light_turn_on", {"area": "top floor"}),
        ("turn the lights off in the scullery", None, "light_turn_off", {"area": "scullery"}),
        # extras: terse fan percent, vacuum "get it going", timers "another one", valves
        ("attic fan to 75 percent", None, "fan_set_speed", {"name": "fan.attic", "percent": 75}),
        ("get the dustbot going", None, "vacuum_start", {"name": "vacuum.bot"}),
        ("set another one for 5 minutes", "timers", "timer_start", {"seconds": 300}),
        (
            "a timer for 20 minutes for the bath",
            None,
            "timer_start",
            {"seconds": 1200, "label": "bath"},
        ),
        (
            "how cold is it on the top floor",
            None,
            "sensor_quantity",
            {"quantity": "temperature", "area": "top floor"},
        ),
        # crowd-style: status of X, wishes, complaints, colloquial verbs, rooms
        ("what is the status of the attic fan", None, "device_status", {"name": "fan.attic"}),
        ("dustbot status", None, "vacuum_status", {"name": "vacuum.bot"}),
        (
            "tell me the state of the conservatory shutters",
            None,
            "cover_status",
            {"name": "cover.shutters"},
        ),
        ("status of the den lights", None, "light_status", {"area": "den"}),
        ("i want the room cooler", None, "climate_cooler", {}),
        ("we'd like the den warmer", None, "climate_warmer", {"area": "den"}),
        ("i can't hear the telly", None, "media_volume_step", {"name": "media_player.tv"}),
        ("kill the music", None, "media_stop", {}),
        ("get the dustbot to clean the floors", None, "vacuum_start", {"name": "vacuum.bot"}),
        ("open the conservatory", None, "cover_open", {"area": "conservatory"}),
        ("make it 40 percent", "lights", "light_set_brightness", {"name": "it", "percent": 40}),
        ("set one for 20 minutes", None, "timer_start", {"seconds": 1200}),
        (
            "turn the espresso machine on in the scullery",
            None,
            "device_turn_on",
            {"name": "switch.espresso", "area": "scullery"},
        ),
        ("light up every room in the house", None, "light_turn_on", {"area": "house"}),
        ("whats the temp outside", None, "weather_outside_temperature", {}),
        ("what's the weather like in paris", None, "weather_get", {"place": "paris"}),
        (
            "remove 5 minutes from the timer for 1 hour",
            None,
            "timer_remove_time",
            {"seconds": 300, "timer_s": 3600},
        ),
        (
            "increase the 10 minute timer by 2 minutes",
            None,
            "timer_add_time",
            {"seconds": 120, "timer_s": 600},
        ),
        ("pause the timer for 1 hour", None, "timer_pause", {"seconds": 3600}),
        ("add five minutes to that", "timers", "timer_add_time", {"seconds": 300}),
        ("get rid of all my timers", None, "timer_cancel_all", {}),
        ("what's the hall thermostat set at", None, "climate_status", {"name": "thermostat.hall"}),
        ("turn the heating down a notch", None, "climate_cooler", {"degrees": 1}),
        (
            "is the window in the den open",
            None,
            "binary_sensor_check",
            {"device_class": "window", "area": "den"},
        ),
        ("is the dustbot cleaning at the moment", None, "vacuum_status", {"name": "vacuum.bot"}),
        ("put the cinema scene on", None, "scene_activate", {"scene": "cinema"}),
        (
            "attic pendant on full brightness",
            None,
            "light_set_brightness",
            {"name": "light.attic", "percent": 100},
        ),
        ("pop the attic pendant on", None, "light_turn_on", {"name": "light.attic"}),
        ("add two more minutes to it", "timers", "timer_add_time", {"seconds": 120}),
        (
            "conservatory shutters to 30 percent",
            None,
            "cover_set_position",
            {"name": "cover.shutters", "percent": 30},
        ),
        (
            "put the heating on twenty and a half",
            None,
            "climate_set_temperature",
            {"temperature": 20.5},
        ),
        (
            "put a timer on for the bread for 1 hour 20 minutes",
            None,
            "timer_start",
            {"label": "bread", "seconds": 4800},
        ),
        ("a 3 minute timer for the tea", None, "timer_start", {"seconds": 180, "label": "tea"}),
        (
            "attic pendant to half",
            None,
            "light_set_brightness",
            {"name": "light.attic", "percent": 50},
        ),
        (
            "did someone leave the den lights on",
            None,
            "light_status",
            {"area": "den", "left_on": True},
        ),
        ("conservatory shutters up", None, "cover_open", {"name": "cover.shutters"}),
        (
            "did anyone leave the conservatory shutters open",
            None,
            "cover_status",
            {"name": "cover.shutters"},
        ),
        (
            "is there anyone moving around in the den",
            None,
            "binary_sensor_check",
            {"device_class": "motion", "area": "den"},
        ),
        ("bread timer 12 minutes", None, "timer_start", {"label": "bread", "seconds": 720}),
        ("what's it like out", None, "weather_get", {}),
        ("cinema", None, "scene_activate", {"scene": "cinema"}),
        ("lock up for the night", None, "lock_lock", {"area": "house"}),
    ],
)
def test_phrasing_reaches_tool(
    text: str, last: str | None, tool: str, args: dict[str, Any]
) -> None:
    assert route(text, last) == (tool, args)


def test_put_it_on_high_is_not_a_list() -> None:
    found = route("put it on high", "lists")
    assert found is not None and found[0] != "list_add"


def test_scene_declares_every_kind() -> None:
    spec = next(t for t in home.plugin.tools if t.name == "scene_activate")
    assert set(spec.kinds) == set(KINDS)
    world = make_world()
    home.scene_activate(ToolContext(world=world, area="den"), scene="cinema")
    assert world.snapshot()["devices"]["thermostat.hall"]["target"] == 22


def test_list_create_makes_an_empty_list_once() -> None:
    world = make_world()
    Registry([lists.plugin]).attach(world)
    ctx = ToolContext(world=world, area="den", plugin="lists")
    assert "camping" in lists.list_create(ctx, list_name="the camping list")
    assert world.snapshot()["lists"]["camping"] == []
    lists.list_add(ctx, "tent", "camping")
    reply = lists.list_create(ctx, list_name="camping")
    assert reply == "You already have a camping list, with 1 item."
    assert world.snapshot()["lists"]["camping"] == ["tent"]


def test_singular_kind_word_finds_the_one_cover_called_so() -> None:
    world = make_world()
    reply = covers.cover_open(ToolContext(world=world, area="den"), name="shutter")
    assert world.snapshot()["devices"]["cover.shutters"]["position"] == 100
    assert "conservatory shutters" in reply


# Colloquial phrasings, end to end: the real agent on the default home, the state after.


def _said(text: str, area: str | None = None) -> tuple[str, dict[str, Any]]:
    from sottovoce.testing import AgentHarness

    harness = AgentHarness(include_builtins=True)
    if area is not None:
        harness.world.listener_area = area
    result = harness.say(text)
    return result.reply, harness.world.snapshot()["devices"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("knock the heating down two degrees", 19),
        ("knock the thermostat down by 2 degrees", 19),
        ("bump the heating up a degree", 22),
        ("nudge the thermostat up one degree", 22),
        ("push the heating up 3 degrees", 24),
        ("drop the temperature 2 degrees", 19),
        ("turn the heating down 2 degrees", 19),
        ("crank the heat up a couple of degrees", 23),
        ("knock the temperature down a bit", 20),
        ("turn the heating up", 22),
        ("turn the heating up to 23", 23),
    ],
)
def test_thermostat_steps_by_colloquial_verbs(text: str, target: float) -> None:
    _, devices = _said(text)
    assert devices["thermostat.main"]["target"] == target  # starts at 21


@pytest.mark.parametrize(
    ("text", "light", "brightness"),
    [
        ("turn the reading lamp up all the way", "light.reading_lamp", 100),
        ("set the reading lamp to the max", "light.reading_lamp", 100),
        ("make the reading lamp as bright as it goes", "light.reading_lamp", 100),
        ("put the desk lamp on full blast", "light.desk_lamp", 100),
        ("turn the bedside lamp down as low as it goes", "light.bedside_lamp", 1),
        ("turn the bedside lamp all the way down", "light.bedside_lamp", 1),
        ("knock the reading lamp down 20 percent", "light.reading_lamp", 40),
        ("bump the reading lamp up by 10 percent", "light.reading_lamp", 70),
        ("dim the reading lamp by 20 percent", "light.reading_lamp", 40),
        ("crank up the bedside lamp", "light.bedside_lamp", 60),
        ("turn the reading lamp on at 30 percent", "light.reading_lamp", 30),
        ("switch the desk lamp on at 45 percent", "light.desk_lamp", 45),
        ("turn on the bedside lamp at 25 percent", "light.bedside_lamp", 25),
    ],
)
def test_light_levels_by_colloquial_phrases(text: str, light: str, brightness: int) -> None:
    _, devices = _said(text)
    assert devices[light]["on"] is True
    assert devices[light]["brightness"] == brightness


def test_lights_of_a_room_on_at_a_level_and_up_to_the_max() -> None:
    _, devices = _said("put the lights on at 20 percent in the living room")
    assert [devices[i]["brightness"] for i in ("light.reading_lamp", "light.light_strip")] == [
        20,
        20,
    ]
    _, devices = _said("turn the lights up to the max in the bedroom")
    assert devices["light.bedside_lamp"]["brightness"] == 100
    assert devices["light.bedroom_ceiling"]["on"] is True


@pytest.mark.parametrize(
    ("text", "fan", "speed"),
    [
        ("bedroom fan medium", "fan.ceiling_fan", 66),
        ("bedroom fan on low speed", "fan.ceiling_fan", 33),
        ("office fan high", "fan.desk_fan", 100),
        ("set the bedroom fan to medium", "fan.ceiling_fan", 66),
        ("turn the bedroom fan all the way up", "fan.ceiling_fan", 100),
        ("set the desk fan to the max", "fan.desk_fan", 100),
        ("turn the bedroom fan up as high as it goes", "fan.ceiling_fan", 100),
        ("put the bedroom fan on full blast", "fan.ceiling_fan", 100),
        ("turn the bedroom fan down as low as it goes", "fan.ceiling_fan", 33),
        ("put the bedroom fan on at 50 percent", "fan.ceiling_fan", 50),
        ("turn on the desk fan at 70 percent", "fan.desk_fan", 70),
        ("turn the bedroom fan up 20 percent", "fan.ceiling_fan", 86),
        ("knock the bedroom fan down by 20 percent", "fan.ceiling_fan", 46),
    ],
)
def test_fan_speeds_by_word_extreme_and_step(text: str, fan: str, speed: int) -> None:
    _, devices = _said(text)
    assert devices[fan] == {"on": True, "speed": speed}


@pytest.mark.parametrize(
    ("text", "player", "volume"),
    [
        ("crank the volume all the way up", "media_player.kitchen_radio", 100),
        ("turn the volume up to the max", "media_player.kitchen_radio", 100),
        ("put the volume on full blast", "media_player.kitchen_radio", 100),
        ("turn the music all the way down", "media_player.kitchen_radio", 0),
        ("turn the speaker up as loud as it goes", "media_player.living_room_speaker", 100),
        ("turn the radio all the way up", "media_player.kitchen_radio", 100),
        ("crank up the radio", "media_player.kitchen_radio", 50),
        ("crank the radio up 20 percent", "media_player.kitchen_radio", 60),
        ("knock the volume down 10", "media_player.kitchen_radio", 30),
        ("turn the radio down by 15 percent", "media_player.kitchen_radio", 25),
        ("bump the speaker up 5 percent", "media_player.living_room_speaker", 35),
    ],
)
def test_volume_extremes_and_steps(text: str, player: str, volume: int) -> None:
    _, devices = _said(text)
    assert devices[player]["volume"] == volume


@pytest.mark.parametrize(
    ("text", "player", "media"),
    [
        ("play me some miles davis", "media_player.kitchen_radio", "Kind of Blue"),
        ("play some beatles", "media_player.kitchen_radio", "Abbey Road"),
        ("stick on some miles davis", "media_player.kitchen_radio", "Kind of Blue"),
        (
            "play abbey road by the beatles in the living room",
            "media_player.living_room_speaker",
            "Abbey Road",
        ),
        (
            "play kind of blue by miles davis in the living room",
            "media_player.living_room_speaker",
            "Kind of Blue",
        ),
        (
            "put some miles davis on in the living room",
            "media_player.living_room_speaker",
            "Kind of Blue",
        ),
        (
            "i want to listen to miles davis in the living room",
            "media_player.living_room_speaker",
            "Kind of Blue",
        ),
    ],
)
def test_play_an_artist_or_title_by_artist_somewhere(text: str, player: str, media: str) -> None:
    reply, devices = _said(text)
    assert devices[player]["status"] == "playing"
    assert devices[player]["media"] == media
    assert reply.startswith(f"Playing {media}")


def test_an_unknown_artist_is_not_played() -> None:
    reply, devices = _said("play some beethoven")
    assert "can't find" in reply
    assert devices["media_player.kitchen_radio"]["media"] == "Morning Jazz"


@pytest.mark.parametrize(
    ("text", "cover", "position"),
    [
        ("open the blinds all the way", "cover.living_room_blinds", 100),
        ("open the living room blinds fully", "cover.living_room_blinds", 100),
        ("pull the curtains up all the way", "cover.bedroom_curtains", 100),
        ("raise the garage door all the way up", "cover.garage_door", 100),
    ],
)
def test_covers_open_all_the_way(text: str, cover: str, position: int) -> None:
    _, devices = _said(text)
    assert devices[cover]["position"] == position


def test_covers_close_all_the_way() -> None:
    from sottovoce.testing import AgentHarness

    harness = AgentHarness(include_builtins=True)
    harness.say("open the blinds halfway")
    assert harness.world.snapshot()["devices"]["cover.living_room_blinds"]["position"] == 50
    harness.say("close the blinds all the way")
    assert harness.world.snapshot()["devices"]["cover.living_room_blinds"]["position"] == 0
    harness.say("open the curtains to 40 percent")
    harness.say("lower the curtains all the way down")
    assert harness.world.snapshot()["devices"]["cover.bedroom_curtains"]["position"] == 0


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("did i leave the back door unlocked", "Yes, the back door is unlocked."),
        ("did i leave the front door unlocked", "No, the front door is locked."),
        ("did someone leave the kitchen door unlocked", "Yes, the back door is unlocked."),
        ("have i locked the front door", "The front door is locked."),
        # A yes/no question gets its answer first (agent/yesno.py).
        ("is the front door definitely locked", "Yes, the front door is locked."),
        ("is the back door still unlocked", "Yes, the back door is unlocked."),
    ],
)
def test_lock_questions_only_answer(text: str, reply: str) -> None:
    said, devices = _said(text)
    assert said == reply
    assert devices["lock.back_door"]["locked"] is False  # a question changes nothing
    assert devices["lock.front_door"]["locked"] is True


def _loft() -> dict[str, Any]:
    return {
        "name": "loft",
        "listener": {"area": "kitchen"},
        "areas": [
            {"name": "kitchen", "floor": "downstairs"},
            {"name": "loft", "floor": "upstairs"},
        ],
        "devices": [
            _device(
                "sensor.loft_temp", "loft thermometer", "loft", state={"value": 24.5, "unit": "°C"}
            ),
            _device(
                "sensor.kitchen_temp",
                "kitchen thermometer",
                "kitchen",
                state={"value": 20, "unit": "°C"},
            ),
            _device(
                "binary_sensor.loft_motion",
                "loft motion sensor",
                "loft",
                state={"on": True, "device_class": "motion"},
            ),
            _device("light.loft", "loft light", "loft"),
        ],
    }


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("how warm is it in the loft", "It is 24.5 degrees in the loft."),
        ("how warm is it up in the loft", "It is 24.5 degrees in the loft."),
        ("how cold is it up there in the loft", "It is 24.5 degrees in the loft."),
        ("how hot is it upstairs", "It is 24.5 degrees in the loft."),
        ("what's the temperature like in the loft", "It is 24.5 degrees in the loft."),
        ("what is the temperature up in the loft", "It is 24.5 degrees in the loft."),
        ("how warm is it down in the kitchen", "It is 20 degrees in the kitchen."),
        ("what's the temperature in the kitchen", "It is 20 degrees in the kitchen."),
        ("is there any motion up in the loft", "Yes, there is motion in the loft."),
        ("is anyone upstairs", "Yes, there is motion in the loft."),
        ("is there anybody up in the loft", "Yes, there is motion in the loft."),
        ("is anyone in the loft", "Yes, there is motion in the loft."),
    ],
)
def test_questions_about_a_room(text: str, reply: str) -> None:
    from sottovoce.testing import AgentHarness

    harness = AgentHarness(include_builtins=True, world=_loft())
    before = harness.world.snapshot()["devices"]
    assert harness.say(text).reply == reply
    assert harness.world.snapshot()["devices"] == before


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("start a run on my watch", "run"),
        ("start a walk on my watch", "walk"),
        ("track my ride on the watch", "ride"),
        ("track my run", "run"),
        ("i'm going for a run", "run"),
        ("i'm heading out for a bike ride", "ride"),
        ("record a walk with my watch", "walk"),
        ("tell my watch to track a run", "run"),
    ],
)
def test_workout_starts(text: str, kind: str) -> None:
    from sottovoce.testing import AgentHarness

    harness = AgentHarness(include_builtins=True)
    reply = harness.say(text).reply
    assert reply == f"Tracking a {kind}. Have fun!"
    assert harness.world.snapshot()["workout"] == {"active": True, "kind": kind}


@pytest.mark.parametrize(
    "text",
    [
        "how long is left on the timer",
        "how long to go on the pasta timer",
        "how long is there to go on the pasta timer",
        "how much time is left on the pasta",
        "how long left on the pasta",
        "how long has the pasta timer got left",
        "how long have i got left on the timer",
        "how much time do i have left",
    ],
)
def test_timer_time_left(text: str) -> None:
    from sottovoce.testing import AgentHarness

    harness = AgentHarness(include_builtins=True)
    harness.say("set a pasta timer for 10 minutes")
    reply = harness.say(text).reply
    assert "pasta" in reply.lower() and "10 minutes" in reply
    assert len(harness.world.snapshot()["timers"]) == 1


@pytest.mark.parametrize(
    ("text", "player", "volume"),
    [
        ("turn the radio on at 20 percent", "media_player.kitchen_radio", 20),
        ("switch on the living room speaker at volume 35", "media_player.living_room_speaker", 35),
        ("put the speaker on at 15 percent", "media_player.living_room_speaker", 15),
    ],
)
def test_player_on_at_a_volume(text: str, player: str, volume: int) -> None:
    reply, devices = _said(text)
    assert devices[player]["status"] == "playing"
    assert devices[player]["volume"] == volume
    assert reply.endswith(f"at volume {volume}.")


@pytest.mark.parametrize(
    ("text", "target"),
    [("heating up 2 degrees", 23), ("thermostat down by 1 degree", 20)],
)
def test_terse_thermostat_steps(text: str, target: float) -> None:
    _, devices = _said(text)
    assert devices["thermostat.main"]["target"] == target
