"""`tools check`: imports, schemas, kinds, names, templates that compile and route to their tool."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from hassil import SlotList, parse_sentence
from hassil.errors import MissingListError

from sottovoce.agent.agent import Agent
from sottovoce.agent.slot_lists import world_lists
from sottovoce.devices import World, default_world_path, load_world
from sottovoce.eval.plugincheck import BASE_LISTS, check_plugins, slot_lists
from sottovoce.eval.samples import draw_samples
from sottovoce.testing import AgentHarness
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.tools.builtin import BUILTIN_PLUGINS
from sottovoce.tools.check import Loaded, load_targets


def _world() -> World:
    return load_world(default_world_path(), virtual=True)


def _builtins() -> Loaded:
    return load_targets((t.rsplit(".", 1)[-1].partition(":")[0], t) for t in BUILTIN_PLUGINS)


def _lines(loaded: Loaded, **options: object) -> list[str]:
    report = check_plugins(loaded, _world(), samples=3, **options)  # type: ignore[arg-type]
    return [problem.line() for problem in report.problems]


def _rival() -> Plugin:
    rival = Plugin("rival", "A plugin with every kind of mistake.", kinds=["light"])

    @rival.tool(kinds=["light"], sentences=["start [a] timer for {duration_s:seconds} seconds"])
    def rival_timer(ctx: ToolContext, seconds: int) -> str:
        """Copy the timers plugin's words."""
        return ""

    @rival.tool(sentences=["do not disturb"])
    def quiet(ctx: ToolContext) -> str:
        """Words the agent reads as a negation."""
        return ""

    @rival.tool(sentences=["(unclosed [group"])
    def broken_words(ctx: ToolContext) -> str:
        """A template hassil cannot parse."""
        return ""

    @rival.tool(sentences=["glow [the] {light:name} softly"])
    def glow(ctx: ToolContext, name: str) -> str:
        """Words nobody else uses: these route here."""
        return ""

    @rival.tool()
    def timer_start(ctx: ToolContext) -> str:
        """A name the timers plugin already has."""
        return ""

    return rival


def test_the_builtin_plugins_pass_clean() -> None:
    loaded = _builtins()
    report = check_plugins(loaded, _world(), samples=1)
    assert [p.line() for p in report.problems] == []
    assert report.summary_line() == "16 plugins, 89 tools checked: 0 problems"
    assert report.samples >= 800  # one example for each built-in template


@pytest.mark.slow
def test_the_builtin_plugins_pass_clean_with_many_examples() -> None:
    report = check_plugins(_builtins(), _world(), samples=20)
    assert [p.line() for p in report.problems] == []
    assert report.samples > 10_000


def test_every_kind_of_problem_is_one_line_naming_plugin_and_tool() -> None:
    loaded = _builtins()
    loaded.plugins.append(_rival())
    loaded.failures["gone"] = "ModuleNotFoundError: No module named 'gone'"
    lines = _lines(loaded, only="rival")
    assert lines[:2] == [
        "rival.timer_start: tool name taken by timers.timer_start;"
        " rename the tool (the agent skips this plugin)",
        "rival.broken_words: template '(unclosed [group' does not compile: ParseError:"
        " Unable to find end of group ')' from index 0 in: ((unclosed [group)",
    ]
    # Its other tools are still routed, against the grammar of every plugin.
    timers = [line for line in lines if line.startswith('rival.rival_timer: "start')]
    assert timers and all(line.endswith(' seconds" routes to timer_start') for line in timers)
    assert lines[-1] == 'rival.quiet: "do not disturb" routes nowhere (Okay, I won\'t.)'
    assert len(lines) == 3 + len(timers)  # glow's own words route to glow
    assert _lines(loaded, only="gone") == [
        "gone: does not import: ModuleNotFoundError: No module named 'gone'"
    ]


def test_kinds_are_checked_against_the_known_kinds_and_the_plugins() -> None:
    odd = Plugin("odd", "Kinds nobody knows.", kinds=["light", "hot_tub"])

    @odd.tool(kinds=["hot_tub"])
    def soak(ctx: ToolContext) -> str:
        """Fill the hot tub."""
        return ""

    @odd.tool(kinds=["light"])
    def glow(ctx: ToolContext) -> str:
        """Glow."""
        return ""

    odd.tools[1] = replace(odd.tools[1], kinds=("lock",))  # as a hand-built tool might
    lines = _lines(Loaded(plugins=[odd], names={"odd": "odd"}))
    assert lines[0].startswith("odd: declares unknown device kinds hot_tub (known: light, ")
    assert lines[1].startswith("odd.soak: declares unknown device kinds hot_tub")
    assert lines[2] == "odd.glow: declares kinds lock outside its plugin's kinds (light, hot_tub)"


def test_only_the_named_plugin_is_reported() -> None:
    loaded = _builtins()
    loaded.plugins.append(_rival())
    report = check_plugins(loaded, _world(), only="timers", samples=1)
    assert report.problems == [] and (report.plugins, report.tools) == (1, 8)
    only_rival = check_plugins(loaded, _world(), only="rival", samples=1)
    assert {p.where.partition(".")[0] for p in only_rival.problems} == {"rival"}


def test_a_plugin_that_does_not_import_is_reported_and_the_rest_load() -> None:
    loaded = load_targets([("gone", "no_such_plugin_here:plugin"), ("lights", BUILTIN_PLUGINS[0])])
    assert loaded.failures["gone"].startswith("ModuleNotFoundError: No module named")
    assert [p.name for p in loaded.plugins] == ["lights"]
    assert loaded.knows("gone") and loaded.knows("lights") and not loaded.knows("garden")


def test_examples_are_distinct_repeatable_and_fill_every_list() -> None:
    lists: dict[str, SlotList] = {**world_lists(_world()), **slot_lists(BASE_LISTS)}
    sentence = parse_sentence("(set|start) [a] timer for {duration_s:seconds} seconds [{text}]")
    drawn = draw_samples(sentence, lists, 20, "seed")
    assert drawn == draw_samples(sentence, lists, 20, "seed")
    texts = [s.text for s in drawn]
    assert len(texts) == len(set(texts)) and 0 < len(texts) <= 20
    for text in texts:
        number = text.split(" for ")[1].split()[0]
        assert number in {"1", "1800", "3600"}, text  # ranges are sampled at a few points
    assert any(text.endswith("seconds eggs") for text in texts)
    with pytest.raises(MissingListError, match="unknown list"):
        draw_samples(parse_sentence("glow {nothing}"), lists, 3)


def test_what_the_check_found_in_the_builtins_stays_fixed() -> None:
    # "never mind ..." and "do not remind me ..." were taken for negations and did
    # nothing; "flip the lights on ..." was both a toggle and a turning on.
    agent = Agent(Registry.builtin(), _world())

    async def talk(*lines: str) -> list[list[str]]:
        return [[c.tool for c in (await agent.handle(line)).calls] for line in lines]

    said = (
        "set a timer for 5 minutes for the eggs",
        "never mind the eggs timer",
        "remind me at 7 pm to call mum",
        "don't remind me to call mum anymore",
        "flip the lights on the landing",
        "play morning jazz in the kitchen",
        "skip it",  # was taken for a "no" with nothing asked
    )
    assert asyncio.run(talk(*said)) == [
        ["timer_start"],
        ["timer_cancel"],
        ["reminder_add"],
        ["reminder_cancel"],
        ["light_turn_on"],
        ["media_play_media"],
        ["media_skip"],
    ]
    after = agent.world.snapshot()
    assert after["timers"] == [] and after["reminders"] == []


def _coffee(*sentences: str) -> Plugin:
    coffee = Plugin("coffee", "Order coffee.")
    drinks = {"values": ["latte", "flat white"]}
    sizes = {"values": ["large", "two shot"]}  # "two" is heard as "2": never matched

    @coffee.tool(sentences=list(sentences), lists={"drink": drinks, "size": sizes})
    def coffee_order(ctx: ToolContext, drink: str, size: str | None = None) -> str:
        """Order a coffee."""
        return f"One {drink} coming."

    return coffee


def _coffee_lines(coffee: Plugin) -> list[str]:
    report = check_plugins(Loaded(plugins=[coffee], names={"coffee": "coffee"}), _world())
    return [problem.line() for problem in report.problems]


def test_what_passes_the_check_matches_in_use() -> None:
    coffee = _coffee("i'd like a cup of {drink}", "can't you make me a {drink}, please")
    assert _coffee_lines(coffee) == []
    h = AgentHarness(plugins=[coffee], world=None)
    for said in ("I'd like a cup of latte.", "Can't you make me a flat white, please?"):
        assert [c.tool for c in h.say(said).calls] == ["coffee_order"], said


def test_words_that_are_never_heard_as_written_are_reported_with_what_to_write() -> None:
    coffee = _coffee("order a {size} {drink}")
    lines = _coffee_lines(coffee)
    assert lines and all("two shot" in line for line in lines)
    assert lines[0].startswith('coffee.coffee_order: "order a two shot ')
    assert lines[0].endswith(
        ' ("two" becomes "2"): write the value "two shot" of {size} as it is heard: "2 shot"'
    )
    # The check says what happens in use: the agent does not match it either.
    h = AgentHarness(plugins=[coffee], world=None)
    assert h.say("order a two shot latte").calls == []
    assert [c.tool for c in h.say("order a large latte").calls] == ["coffee_order"]
