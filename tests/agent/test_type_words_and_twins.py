"""Second turns about which device: "the lamp" when the room has none (asked which,
answered "Jaden's", "the one in the den", "both of them"), "the TV" that is no kitchen
speaker, "nah, the other one", "now Mom's too", "no, I meant the fan"."""

from __future__ import annotations

from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Family house",
    "clock": "2026-04-12T16:20:00",
    "areas": [
        {"name": "kitchen", "floor": "downstairs"},
        {"name": "den", "floor": "downstairs"},
        {"name": "dining room", "floor": "downstairs"},
        {"name": "foyer", "floor": "downstairs"},
        {"name": "master bedroom", "floor": "upstairs"},
        {"name": "Jaden's room", "floor": "upstairs"},
    ],
    "listener": {"area": "kitchen"},
    "devices": [
        *(
            {"id": f"light.{key}", "kind": "light", "name": name, "area": area}
            for key, name, area in [
                ("kitchen", "kitchen ceiling light", "kitchen"),
                ("den_ceiling", "den ceiling light", "den"),
                ("den_lamp", "den floor lamp", "den"),
                ("jaden_lamp", "Jaden's lamp", "Jaden's room"),
                ("mom", "Mom's reading lamp", "master bedroom"),
                ("dad", "Dad's reading lamp", "master bedroom"),
                ("dining", "dining room chandelier", "dining room"),
                ("foyer", "foyer chandelier", "foyer"),
                ("master", "master bedroom light", "master bedroom"),
            ]
        ),
        {"id": "fan.master", "kind": "fan", "name": "bedroom fan", "area": "master bedroom"},
        *(
            {
                "id": f"media_player.{key}",
                "kind": "media_player",
                "name": name,
                "area": area,
                "state": {"status": status, "volume": volume},
            }
            for key, name, area, status, volume in [
                ("sonos", "kitchen Sonos", "kitchen", "playing", 35),
                ("den_tv", "den TV", "den", "paused", 30),
                ("living_tv", "living room TV", "foyer", "stopped", 25),
            ]
        ),
    ],
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


def _on(h: AgentHarness, device: str) -> bool:
    return bool(h.world.devices[device].state()["on"])


def test_the_lamp_in_a_room_without_one_asks_which_and_a_possessive_answers() -> None:
    h = _harness()
    asked = h.say("turn on the lamp")
    assert "which lamp" in asked.reply.lower()
    assert not _on(h, "light.kitchen")  # the kitchen's ceiling light is no lamp
    h.say("Jaden's")
    assert _on(h, "light.jaden_lamp")
    assert not _on(h, "light.den_lamp")


def test_which_lamp_answered_by_room_and_by_both() -> None:
    h = _harness()
    h.say("turn on the lamp")
    h.say("the one in the den")
    assert _on(h, "light.den_lamp") and not _on(h, "light.den_ceiling")
    h = _harness()
    h.say("switch the lamp on")
    h.say("all of them")
    assert all(_on(h, d) for d in ("light.den_lamp", "light.jaden_lamp", "light.mom"))


def test_the_lamp_where_the_room_has_one_is_that_lamp() -> None:
    h = _harness()
    h.say("turn on the lamp", area="den")
    assert _on(h, "light.den_lamp") and not _on(h, "light.den_ceiling")


def test_the_tv_is_not_the_kitchen_speaker() -> None:
    h = _harness()
    asked = h.say("turn the TV down")
    assert "which tv" in asked.reply.lower()
    assert h.world.devices["media_player.sonos"].state()["volume"] == 35
    h.say("the one in the den")
    assert h.world.devices["media_player.den_tv"].state()["volume"] == 20


def test_the_other_one_moves_the_command_to_the_twin() -> None:
    h = _harness()
    h.say("turn on the dining room chandelier")
    h.say("nah, the other one")
    assert _on(h, "light.foyer")


def test_the_other_one_prefers_the_twin_in_the_same_room() -> None:
    h = _harness()
    h.say("turn on Mom's reading lamp")
    h.say("no, the other one")
    assert _on(h, "light.dad")


def test_another_owners_one_too() -> None:
    h = _harness()
    h.say("set Dad's reading lamp to full brightness")
    h.say("now Mom's too")
    assert h.world.devices["light.mom"].state()["brightness"] == 100


def test_a_correction_by_kind_is_the_same_room() -> None:
    h = _harness()
    h.say("turn on the master bedroom light")
    h.say("no wait, I meant the fan")
    assert h.world.devices["fan.master"].state()["on"]


def test_a_name_with_its_room_after_it() -> None:
    h = _harness()
    h.say("turn on the ceiling light in the den")
    assert _on(h, "light.den_ceiling") and not _on(h, "light.den_lamp")


def test_the_radio_or_tv_in_a_room_is_the_player_there() -> None:
    h = _harness()
    h.say("pause the tv in the den")
    h.say("stop the music in the kitchen")
    assert h.world.devices["media_player.sonos"].state()["status"] != "playing"


def test_his_and_her_are_the_owner_just_spoken_of() -> None:
    h = _harness()
    h.say("turn on Mom's reading lamp")
    h.say("turn off the dining room chandelier")
    h.say("turn on Dad's reading lamp")
    h.say("and turn off his lamp again")
    assert not _on(h, "light.dad") and _on(h, "light.mom")


def test_a_sensor_reply_names_a_possessive_room_without_the() -> None:
    h = AgentHarness(
        include_builtins=True,
        world={
            **WORLD,
            "devices": [
                {
                    "id": "sensor.jaden",
                    "kind": "sensor",
                    "name": "Jaden's room temperature",
                    "area": "Jaden's room",
                    "state": {"value": 25, "unit": "°C"},
                }
            ],
        },
    )
    assert "in Jaden's room" in h.say("how warm is it in Jaden's room?").reply


def test_the_lamp_in_a_room_and_and_the_lamp_after_its_ceiling_light() -> None:
    h = _harness()
    h.say("turn on the lamp in the den")
    assert _on(h, "light.den_lamp") and not _on(h, "light.den_ceiling")
    h = _harness()
    h.say("turn on the den ceiling light")
    h.say("and the lamp")
    assert _on(h, "light.den_lamp")


def test_a_device_named_in_a_statement_before_the_command_is_it() -> None:
    h = _harness()
    h.say("turn on the den floor lamp")
    h.say("set a timer for 5 minutes")
    h.say("somebody left the den floor lamp on again, cut it off")
    assert not _on(h, "light.den_lamp")
    assert h.snapshot()["timers"]  # the timer was not what "it" meant


def test_her_in_a_message_is_not_an_owner() -> None:
    h = AgentHarness(include_builtins=True, world={**WORLD, "contacts": [{"name": "Declan"}]})
    h.say("turn on Mom's reading lamp")
    assert "tell her i'm late" in h.say("text Declan tell her I'm late").reply.lower()
