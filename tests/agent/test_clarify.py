"""Clarifying questions: partial and ambiguous commands are asked about, answers complete them."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest
from agent_helpers import WORLD, make_registry, make_world

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import UnknownName
from sottovoce.agent.clarify import Clarifier
from sottovoce.agent.grammar import Grammar
from sottovoce.eval.cases import load_cases
from sottovoce.eval.evaluate import Evaluator
from sottovoce.tools import Registry

# A second thing on the desk: "the desk" is the desk lamp or the desk heater.
_HEATER = {"id": "switch.desk_heater", "kind": "switch", "name": "desk heater", "area": "study"}
_DEVICES = [*WORLD["devices"], _HEATER]


@functools.cache
def _grammar() -> Grammar:
    # Compiled once and shared, as eval does: every copy of the world has the same names.
    return Grammar(make_registry(), make_world(devices=_DEVICES))


def _agent() -> Agent:
    return Agent(make_registry(), make_world(devices=_DEVICES), grammar=_grammar())


def _clarifier() -> Clarifier:
    return Clarifier(make_registry(), make_world(devices=_DEVICES), _grammar())


def _say(agent: Agent, *lines: str) -> list[str]:
    async def run() -> list[str]:
        return [(await agent.handle(line)).reply for line in lines]

    return asyncio.run(run())


def _on(agent: Agent, device: str) -> bool:
    return bool(agent.world.devices[device].state()["on"])


def test_a_bare_name_is_asked_about_and_refers_to_the_device() -> None:
    asked = _clarifier().ask("the front door")
    assert asked is not None
    assert asked.question == "What should I do with the front door?"
    assert asked.referent == ("lock.front_door",)


def test_a_command_cut_before_its_value_asks_for_the_value() -> None:
    clarifier = _clarifier()
    for text in ("set the kitchen light to", "the kitchen light to", "set the kitchen light"):
        asked = clarifier.ask(text)
        assert asked is not None, text
        assert asked.question == "What should I set the kitchen light to?"
        assert clarifier.complete(asked, "40 percent") == ["set the kitchen light to 40 percent"]


def test_a_name_fitting_several_devices_asks_which_one() -> None:
    asked = _clarifier().ask("turn on the desk", UnknownName("desk"))
    assert asked is not None
    assert asked.question == "Which one: the desk lamp or the desk heater?"


def test_a_bare_partial_name_asks_which_one_then_what_to_do() -> None:
    clarifier = _clarifier()
    asked = clarifier.ask("the lamp")
    assert asked is not None
    assert asked.question == "Which one: the reading lamp or the desk lamp?"
    assert clarifier.complete(asked, "both") == ["reading lamp and desk lamp"]
    both = clarifier.ask("reading lamp and desk lamp")
    assert both is not None and both.referent == ("light.reading_lamp", "light.desk")


@pytest.mark.parametrize(
    ("answer", "texts"),
    [
        ("the heater", ["turn on the desk heater"]),
        ("lamp", ["turn on the desk lamp"]),
        ("the desk lamp", ["turn on the desk lamp"]),
        ("the second one", ["turn on the desk heater"]),
        ("both", ["turn on the desk lamp", "turn on the desk heater"]),
        ("all of them", ["turn on the desk lamp", "turn on the desk heater"]),
        ("the desk", None),
        ("turn on the kettle", None),
    ],
)
def test_which_one_answers(answer: str, texts: list[str] | None) -> None:
    clarifier = _clarifier()
    asked = clarifier.ask("turn on the desk", UnknownName("desk"))
    assert asked is not None
    assert clarifier.complete(asked, answer) == texts


@pytest.mark.parametrize(
    "text",
    ["what a beautiful day", "these lamps are ugly", "kitchen", "hello there", "the", "lights"],
)
def test_words_that_name_nothing_here_get_no_question(text: str) -> None:
    assert _clarifier().ask(text) is None


def test_an_unknown_name_is_not_asked_about() -> None:
    assert _clarifier().ask("turn on the hot tub", UnknownName("hot tub")) is None


def test_read_only_devices_get_no_question() -> None:
    sensor = {"id": "sensor.kitchen", "kind": "sensor", "name": "kitchen temperature"}
    registry = make_registry()
    world = make_world(devices=[*_DEVICES, sensor])
    assert Clarifier(registry, world, Grammar(registry, world)).ask("kitchen temperature") is None


def test_the_question_changes_nothing_and_the_answer_acts() -> None:
    agent = _agent()
    before = agent.world.snapshot()
    assert _say(agent, "the front door") == ["What should I do with the front door?"]
    assert agent.world.snapshot() == before
    assert _say(agent, "unlock") == ["Unlock the front door?"]
    _say(agent, "yes")
    assert agent.world.devices["lock.front_door"].state()["locked"] is False


def test_a_short_answer_completes_a_bare_name() -> None:
    agent = _agent()
    _say(agent, "the kitchen light", "on")
    assert _on(agent, "light.kitchen")


def test_it_in_the_answer_is_the_device_asked_about() -> None:
    agent = _agent()
    _say(agent, "the reading lamp", "set it to half")
    assert agent.world.devices["light.reading_lamp"].state()["brightness"] == 50


def test_a_value_completes_a_cut_command() -> None:
    agent = _agent()
    replies = _say(agent, "set the kitchen light to", "fifty percent")
    assert replies[0] == "What should I set the kitchen light to?"
    assert agent.world.devices["light.kitchen"].state()["brightness"] == 50


def test_which_one_then_a_pick_completes_the_command() -> None:
    agent = _agent()
    replies = _say(agent, "turn on the desk", "the heater one")
    assert replies[0] == "Which one: the desk lamp or the desk heater?"
    assert _on(agent, "switch.desk_heater") and not _on(agent, "light.desk")


def test_both_completes_the_command_for_every_candidate() -> None:
    agent = _agent()
    _say(agent, "turn on the desk", "both")
    assert _on(agent, "switch.desk_heater") and _on(agent, "light.desk")


def test_a_new_request_drops_the_question() -> None:
    agent = _agent()
    _say(agent, "the kitchen light", "turn on the kettle", "on")
    assert _on(agent, "switch.kettle")
    assert not _on(agent, "light.kitchen")


@pytest.mark.parametrize("words", ["never mind", "cancel", "no"])
def test_cancelling_drops_the_question(words: str) -> None:
    agent = _agent()
    before = agent.world.snapshot()
    replies = _say(agent, "set the kitchen light to", words, "50 percent")
    assert replies[1] == "Okay."
    assert agent.world.snapshot() == before


def test_full_commands_and_unknown_names_are_not_questions() -> None:
    agent = _agent()
    replies = _say(agent, "turn on the kitchen light", "turn on the hot tub")
    assert replies == ["The kitchen light is on.", "Sorry, there is no hot tub here."]


def test_the_question_turn_is_routed_clarify() -> None:
    agent = _agent()

    async def run() -> list[str]:
        return [(await agent.handle(t)).route for t in ("the kettle", "on")]

    assert asyncio.run(run()) == ["clarify", "grammar"]
    assert _on(agent, "switch.kettle")


def test_without_the_grammar_nothing_is_asked() -> None:
    agent = Agent(make_registry(), make_world(devices=_DEVICES), use_grammar=False)
    assert _say(agent, "the front door") == ["Sorry, I didn't understand that."]


def test_the_clarify_case_file_passes_on_the_default_world() -> None:
    cases = load_cases(Path(__file__).parents[1] / "data" / "clarify" / "cases.yaml")
    assert cases.world is not None
    report = asyncio.run(Evaluator(Registry.builtin(), cases.world).run(cases))
    failing = [f"{c.id}: {c.first_problem()}" for c in report.cases if not c.passed]
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("said", ["turn on my nightstand lamps", "turn on the nightstand lamps"])
def test_a_plural_name_that_fits_several_means_them_all(said: str) -> None:
    from sottovoce.testing import AgentHarness

    lamp = {"kind": "light", "area": "bedroom", "state": {"on": False}}
    world = {
        "clock": "2026-01-12T07:15:00",
        "areas": ["bedroom"],
        "devices": [
            {**lamp, "id": "light.left", "name": "left nightstand lamp"},
            {**lamp, "id": "light.right", "name": "right nightstand lamp"},
        ],
    }
    h = AgentHarness(world=world, include_builtins=True)
    h.say(said)
    devices = h.snapshot()["devices"]
    assert devices["light.left"]["on"] and devices["light.right"]["on"]
    # Said in the singular, it still asks which.
    assert h.say("turn off the nightstand lamp").reply.startswith("Which one")
