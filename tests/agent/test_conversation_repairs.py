"""A conversation's second turns: corrections ("no, I meant the hall light"), a new value
for the timer just set, "it" read as the device asked about, and regional words."""

from __future__ import annotations

import pytest

from sottovoce.agent.dialogue import is_yes
from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Flat",
    "clock": "2026-11-21T19:45:00",
    "areas": [{"name": "living room"}, {"name": "kitchen"}, {"name": "hall"}, {"name": "bedroom"}],
    "listener": {"area": "living room"},
    "contacts": [{"name": "Callum"}],
    "lists": {"shopping": ["milk"], "christmas": ["selection box"]},
    "devices": [
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
        {
            "id": "binary_sensor.bedroom_window",
            "kind": "binary_sensor",
            "name": "bedroom window",
            "area": "bedroom",
            "state": {"on": True, "device_class": "window"},
        },
        {
            "id": "cover.bedroom_curtains",
            "kind": "cover",
            "name": "bedroom curtains",
            "area": "bedroom",
            "state": {"position": 100},
        },
        {
            "id": "lock.front",
            "kind": "lock",
            "name": "front door",
            "area": "hall",
            "state": {"locked": True},
        },
        {"id": "light.hall", "kind": "light", "name": "hall light", "area": "hall"},
        {
            "id": "light.reading",
            "kind": "light",
            "name": "reading lamp",
            "area": "bedroom",
            "state": {"on": True},
        },
        {
            "id": "thermostat.hive",
            "kind": "thermostat",
            "name": "hive thermostat",
            "area": "hall",
            "state": {"mode": "heat", "target": 19, "current": 18.5},
        },
        {
            "id": "vacuum.robo",
            "kind": "vacuum",
            "name": "roborock",
            "aliases": ["hoover"],
            "area": "living room",
        },
    ],
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    "correction",
    [
        "no, I meant the hall light",
        "sorry, I meant the hall light",
        "no, I said the hall light",
        "no, I meant the hall one",
    ],
)
def test_a_correction_moves_the_last_command_to_the_device_meant(correction: str) -> None:
    h = _harness()
    h.say("turn off the kitchen light")
    h.say(correction)
    assert h.state("light.hall")["on"] is False


@pytest.mark.parametrize(
    ("first", "then", "remaining_s"),
    [
        ("set a timer for 15 minutes", "actually make it 20", 1200),
        ("set a pasta timer for 10 minutes", "make it 8", 480),
        ("set a timer for 25 minutes", "take 5 minutes off it", 1200),
    ],
)
def test_a_new_value_changes_the_timer_just_set(first: str, then: str, remaining_s: int) -> None:
    h = _harness()
    h.say(first)
    h.say(then)
    timers = h.snapshot()["timers"]
    assert [t["remaining_s"] for t in timers] == [remaining_s]


def test_the_other_of_two_timers_is_cancelled_by_its_name_and_one() -> None:
    h = _harness()
    h.say("set a timer for the oven for 40 minutes")
    h.say("and another one for 15 minutes for the rice")
    h.say("cancel the rice one")
    assert [t["label"] for t in h.snapshot()["timers"]] == ["oven"]


def test_it_after_a_question_is_the_device_asked_about_in_any_phrasing() -> None:
    h = _harness()
    h.say("what's the heating set to")
    h.say("put it up")  # read only as "put the hive thermostat up"
    assert h.state("thermostat.hive")["target"] == 20


def test_it_after_a_clarifying_question_is_the_device_named() -> None:
    h = _harness()
    h.say("the hoover")
    h.say("start it")
    assert h.state("vacuum.robo")["status"] == "cleaning"


def test_a_room_this_home_lacks_is_not_heard_as_another_name() -> None:
    h = _harness()
    reply = h.say("turn off the landing light").reply
    assert "landing" in reply.lower()
    assert h.state("light.reading")["on"] is True


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("can ye switch off the hall light", "switch off the hall light"),
        ("I cannae see a thing", "i can not see a thing"),
        ("dinnae touch that", "do not touch that"),
        ("what day is it the day", "what day is it today"),
        ("will it rain the morn?", "will it rain tomorrow"),
    ],
)
def test_regional_words_are_read_as_meant(said: str, read: str) -> None:
    assert normalize(said) == read


@pytest.mark.parametrize(
    "text", ["och, turn the hall light on", "fine, just put the hall light on then"]
)
def test_openers_and_closers_of_everyday_speech_leave_the_command(text: str) -> None:
    h = _harness()
    h.say(text)
    assert h.state("light.hall")["on"] is True


@pytest.mark.parametrize(
    "text",
    [
        "I love the kitchen light on like that",
        "Callum's forever leaving the hall light on",
        "now add a little salt and pepper and stir it through before it goes in the oven",
    ],
)
def test_remarks_and_recipes_change_nothing(text: str) -> None:
    h = _harness()
    before = h.snapshot()
    h.say(text)
    assert h.snapshot() == before


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("what's the weather doing in Edinburgh", "edinburgh"),
        ("what notes have I got", "notes"),
    ],
)
def test_everyday_questions_are_answered(text: str, reply: str) -> None:
    h = _harness()
    assert reply in h.say(text).reply.lower()


@pytest.mark.parametrize(
    "yes", ["on you go", "go on then", "aye go on", "yeah go on", "go on so", "do", "sound"]
)
def test_regional_yes_confirms(yes: str) -> None:
    assert is_yes(normalize(yes))


def test_in_there_is_the_room_of_the_device_just_asked_about() -> None:
    h = _harness()
    h.say("is the bedroom window open")
    h.say("close the curtains in there then")
    assert h.state("cover.bedroom_curtains")["position"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "can you unlock the front door for Callum",
        "let's get the front door unlocked",
        "unlock the front door, Callum's forgot his keys",
    ],
)
def test_unlocking_said_in_everyday_ways_is_asked_then_done(text: str) -> None:
    h = _harness()
    assert "unlock" in h.say(text).reply.lower()
    h.say("yes please")
    assert h.state("lock.front")["locked"] is False


def test_an_aside_after_an_opener_leaves_the_command() -> None:
    h = _harness()
    h.say("open the bedroom curtains")
    h.say("och no, it's dark out, close them again")
    assert h.state("cover.bedroom_curtains")["position"] == 0


def test_and_the_other_list_reads_it() -> None:
    h = _harness()
    h.say("what's on the shopping list")
    assert "selection box" in h.say("and the christmas list?").reply


def test_items_joined_by_and_still_go_to_the_list_named() -> None:
    h = _harness()
    h.say("add eggs and orange juice to my shopping list")
    assert h.snapshot()["lists"]["shopping"] == ["milk", "eggs", "orange juice"]


def test_put_it_back_on_after_the_heating_went_off_heats_again() -> None:
    h = _harness()
    h.say("turn the heating off")
    h.say("no wait, put it back on")
    assert h.state("thermostat.hive")["mode"] == "heat"


def test_put_it_at_a_number_sets_the_device_asked_about() -> None:
    h = _harness()
    h.say("what's the heating set to")
    h.say("put it at 21")
    assert h.state("thermostat.hive")["target"] == 21


@pytest.mark.parametrize(
    "text", ["turn the hall light up full", "I cannae see a thing, put the hall light up full"]
)
def test_up_full_sets_the_light_to_full(text: str) -> None:
    h = _harness()
    h.say(text)
    assert h.state("light.hall")["brightness"] == 100


def test_up_by_a_number_is_still_a_step_not_a_level() -> None:
    h = _harness()
    h.say("turn the heating up 2")
    assert h.state("thermostat.hive")["target"] > 19  # warmer, not set to 2 degrees


def test_it_after_a_door_sensor_question_is_the_door_lock() -> None:
    h = AgentHarness(
        include_builtins=True,
        world={
            **WORLD,
            "devices": [
                *WORLD["devices"],  # type: ignore[list-item]
                {
                    "id": "binary_sensor.front_door",
                    "kind": "binary_sensor",
                    "name": "front door sensor",
                    "area": "hall",
                    "state": {"on": True, "device_class": "door"},
                },
            ],
        },
    )
    h.say("unlock the front door")
    h.say("yes")
    assert "open" in h.say("is the front door open?").reply.lower()
    assert "unlocked" in h.say("and is it locked?").reply.lower()
    h.say("well lock it at least")
    assert h.state("lock.front")["locked"] is True


@pytest.mark.parametrize(
    ("turns", "lists"),
    [
        (["make a list called cookout", "add buns and coal to it"], {"cookout": ["buns", "coal"]}),
        (["what's on the christmas list", "clear it out"], {"christmas": []}),
        (["what's on the christmas list", "take the selection box off it"], {"christmas": []}),
        (["put eggs on the shopping list", "actually take that off"], {"shopping": ["milk"]}),
        (["take milk off the shopping list", "put it back on"], {"shopping": ["milk"]}),
        (["create a list called hardware", "put screws on it"], {"hardware": ["screws"]}),
    ],
)  # fmt: skip
def test_it_is_the_list_just_used(turns: list[str], lists: dict[str, list[str]]) -> None:
    h = _harness()
    for turn in turns:
        h.say(turn)
    stored = h.snapshot()["lists"]
    assert {name: stored[name] for name in lists} == lists


def test_whats_left_on_it_reads_the_list_just_used() -> None:
    h = _harness()
    h.say("add gravy to the christmas list")
    assert "selection box and gravy" in h.say("what's left on it?").reply.lower()


def test_a_list_said_as_it_with_none_before_is_asked_about() -> None:
    h = _harness()
    assert "which list" in h.say("add milk to it").reply.lower()
    assert h.snapshot()["lists"] == WORLD["lists"]


@pytest.mark.parametrize("resume", ["start it back up", "ok, start it back", "start it again"])
def test_start_it_back_resumes_what_was_paused(resume: str) -> None:
    h = _harness()
    h.say("set a timer for 10 minutes")
    h.say("pause it")
    h.say(resume)
    assert h.snapshot()["timers"][0]["paused"] is False


@pytest.mark.parametrize(
    ("text", "device", "on"),
    [
        ("knock off the reading lamp", "light.reading", False),
        ("stick on the hall light there", "light.hall", True),
        ("flick on the kitchen light so", "light.kitchen", True),
    ],
)
def test_everyday_switching_verbs_and_tags(text: str, device: str, on: bool) -> None:
    h = _harness()
    h.say(text)
    assert h.state(device)["on"] is on


def test_more_heat_and_another_degree() -> None:
    h = _harness()
    h.say("give us a bit more heat")
    assert h.state("thermostat.hive")["target"] == 20
    h.say("and another degree")
    assert h.state("thermostat.hive")["target"] == 21


def test_set_it_back_to_heat_after_switching_the_heating_off() -> None:
    h = _harness()
    h.say("turn off the heating, we're going out")
    h.say("actually no, set it back to heat")
    assert h.state("thermostat.hive")["mode"] == "heat"


def test_and_a_kind_in_another_room_repeats_the_change_there() -> None:
    h = _harness()
    h.say("close the curtains in the bedroom")
    h.say("turn on the kitchen light")
    h.say("and the lights in the hall")
    assert h.state("light.hall")["on"] is True


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what reminders have I?", "reminder_list", {}),
        ("what's it like out tomorrow?", "weather_get", {"day": "tomorrow"}),
    ],
)
def test_questions_in_irish_and_british_word_order(
    text: str, tool: str, args: dict[str, str]
) -> None:
    calls = _harness().say(text).calls
    assert [(call.tool, call.args) for call in calls] == [(tool, args)]


def test_a_remark_about_how_things_always_are_changes_nothing() -> None:
    h = _harness()
    before = h.snapshot()
    h.say("that kitchen light is always on too bright")
    assert h.snapshot() == before


def test_a_command_then_there_is_aside() -> None:
    h = _harness()
    h.say("turn on the hall light")
    h.say("ah turn it off again, sure there's no one out there")
    assert h.state("light.hall")["on"] is False


def test_all_the_way_after_halfway() -> None:
    h = _harness()
    h.say("open the bedroom curtains halfway")
    h.say("ah no, all the way")
    assert h.state("cover.bedroom_curtains")["position"] == 100


def test_they_after_a_command_on_the_doors() -> None:
    h = _harness()
    h.say("lock all the doors")
    assert "locked" in h.say("are they all locked now?").reply.lower()


def test_and_another_room_to_a_value() -> None:
    h = AgentHarness(
        include_builtins=True,
        world={
            **WORLD,
            "devices": [
                *WORLD["devices"],  # type: ignore[list-item]
                {
                    "id": "thermostat.upstairs",
                    "kind": "thermostat",
                    "name": "upstairs thermostat",
                    "area": "bedroom",
                    "state": {"mode": "heat", "target": 18, "current": 18},
                },
            ],
        },
    )
    h.say("set the hive thermostat to 21")
    h.say("and the bedroom to 22")
    assert h.state("thermostat.upstairs")["target"] == 22


def test_a_list_name_that_is_an_aside_is_no_list() -> None:
    h = _harness()
    h.say("what's on the christmas list")
    h.say("take the selection box off, we still got some")
    assert h.snapshot()["lists"]["christmas"] == []


@pytest.mark.parametrize("text", ["lock up all the doors", "Lord, not that again, lock up"])
def test_lock_up(text: str) -> None:
    h = _harness()
    h.say("unlock the front door")
    h.say("yes")
    h.say(text)
    assert h.state("lock.front")["locked"] is True
