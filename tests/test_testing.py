"""sottovoce.testing: the fakes and the harness that plugin authors test with."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest

from sottovoce.devices import WorldError
from sottovoce.testing import (
    DEFAULT_START,
    AgentHarness,
    EnergyVAD,
    PluginNotLoaded,
    ScriptedLLM,
    ScriptedSTT,
    SilentTTS,
    VirtualClock,
    call,
    installed_plugin,
    make_world,
    silence,
)
from sottovoce.tools import Plugin, ToolContext, ToolError, registry
from sottovoce.tools.targets import find_one
from sottovoce.voice.audio import MemorySource
from sottovoce.voice.hearing import Listener

HOSE_WORLD = """
areas: [garden]
devices:
  - {id: valve.hose, kind: valve, name: hose, area: garden}
"""


def _hose_plugin() -> Plugin:
    plugin = Plugin("garden", "Water the garden.")

    @plugin.tool(kinds=["valve"], sentences=["open [the] {valve:name}"])
    def hose_open(ctx: ToolContext, name: str) -> str:
        """Open a valve."""
        valve = find_one(ctx, ["valve"], name)
        if valve.state()["position"] == 100:
            raise ToolError(f"The {valve.name} is already open.")
        valve.set(position=100)
        return f"The {valve.name} is open."

    return plugin


def test_worlds_come_from_text_data_and_files_on_a_fixed_virtual_clock(tmp_path: Path) -> None:
    from_text = make_world(HOSE_WORLD)
    from_data = make_world({"devices": [{"id": "valve.hose", "kind": "valve", "name": "hose"}]})
    path = tmp_path / "garden.yaml"
    path.write_text(HOSE_WORLD, encoding="utf-8")
    for world in (from_text, from_data, make_world(path), make_world(str(path))):
        assert isinstance(world.clock, VirtualClock)
        assert world.clock.now() == DEFAULT_START
        assert list(world.devices) == ["valve.hose"]
    own_clock = make_world(HOSE_WORLD + 'clock: "2030-01-02T03:04:05"\n')
    assert own_clock.clock.now().year == 2030
    assert make_world(None).name  # the demo home
    assert make_world(from_text) is from_text


def test_a_bad_world_is_a_one_line_world_error(tmp_path: Path) -> None:
    with pytest.raises(WorldError, match="valve.hose"):
        make_world({"devices": [{"id": "valve.hose", "kind": "hot_tub", "name": "tub"}]})
    with pytest.raises(WorldError, match="missing.yaml"):
        make_world(tmp_path / "missing.yaml")


def test_the_harness_talks_to_a_plugin_alone() -> None:
    h = AgentHarness(plugins=[_hose_plugin()], world=HOSE_WORLD)
    assert [spec.name for spec in h.registry] == ["hose_open"]
    result = h.say("open the hose")
    assert (result.route, result.reply) == ("grammar", "The hose is open.")
    assert h.state("valve.hose")["position"] == 100
    assert h.say("open the hose").reply == "The hose is already open."
    assert h.converse("what a lovely day", "turn on the hot tub") == [
        "Sorry, I didn't understand that.",
        "Sorry, there is no hot tub here.",
    ]
    assert len(h.turns) == 4


def test_built_ins_can_join_and_the_clock_fires_timers() -> None:
    h = AgentHarness(include_builtins=True)
    assert h.say("set a timer for 2 minutes").reply == "Timer set for 2 minutes."
    assert h.advance(119) == []
    assert h.advance(1) == ["Your 2 minute timer is done."]
    assert h.snapshot()["timers"] == []


def test_the_scripted_model_answers_by_rule() -> None:
    llm = ScriptedLLM({"splash": call("hose_open", name="hose"), "joke": "No jokes today."})
    h = AgentHarness(plugins=[_hose_plugin()], world=HOSE_WORLD, llm=llm)
    result = h.say("open up the hose for a splash")
    assert (result.route, result.reply) == ("llm", "The hose is open.")
    assert llm.offered() == [["hose_open"]]
    assert h.say("tell me a joke").reply == "No jokes today."
    assert h.say("what is the meaning of life").reply == "Sorry, I didn't understand that."


def test_the_scripted_recognizer_hears_each_utterance_and_any_piece_of_it() -> None:
    stt = ScriptedSTT(["open the hose"])
    first, second = stt.speech("open the hose"), stt.speech("yes")
    assert stt.transcribe(first).text == "open the hose"
    assert stt.transcribe(second[: len(second) // 3]).text == "yes"
    quiet = stt.transcribe(silence(0.5))
    assert (quiet.text, quiet.no_speech) == ("", True)
    assert stt.heard == ["open the hose", "yes", ""]


def test_the_energy_vad_and_the_listener_cut_scripted_speech_into_utterances() -> None:
    stt = ScriptedSTT()
    pcm = silence(0.3) + stt.speech("one") + silence(1.0) + stt.speech("two") + silence(1.0)
    assert len(EnergyVAD().speech_spans(pcm)) == 2
    with Listener(stt, EnergyVAD()) as listener:
        for chunk in MemorySource(pcm):
            listener.feed(chunk)
        finals = listener.finish()
    assert [final.text for final in finals] == ["one", "two"]
    assert finals[0].start_s == pytest.approx(0.3, abs=0.05)


def test_the_silent_voice_takes_as_long_as_the_words() -> None:
    voice = SilentTTS()
    short, long = voice.speak("Hi."), voice.speak("The garden hose is on for ten minutes.")
    assert short.sample_rate == 22050 and set(short.pcm) == {0}
    assert short.duration_s == pytest.approx(0.3)
    assert 2.0 < long.duration_s < 3.5
    assert voice.said == ["Hi.", "The garden hose is on for ten minutes."]


def test_hear_runs_spoken_turns_through_the_voice_loop() -> None:
    h = AgentHarness(include_builtins=True)
    asked = h.hear("unlock the front door")
    assert asked.heard == ["unlock the front door"]
    assert asked.spoken == ["Unlock the front door?"]
    assert h.state("lock.front_door")["locked"] is True
    done = h.hear("yes")
    assert done.results[0].reply == "The front door is unlocked."
    assert done.reply == "The front door is unlocked."
    assert h.state("lock.front_door")["locked"] is False
    assert h.voice.said == ["Unlock the front door?", "The front door is unlocked."]
    assert h.clock.now() == make_world(None).clock.now()  # hearing does not move the clock


def _installed_also(monkeypatch: pytest.MonkeyPatch, *extra: EntryPoint) -> None:
    real = list(entry_points(group=registry.ENTRY_POINT_GROUP))
    monkeypatch.setattr(registry, "entry_points", lambda group: [*real, *extra])


def test_an_installed_plugin_is_loaded_as_the_agent_loads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    timers = installed_plugin("timers")
    assert timers is not None and timers.name == "timers"
    assert installed_plugin("garden_hose") is None  # not installed: a test skips
    # One that the agent would skip (here: it does not import) fails the test, saying why.
    _installed_also(monkeypatch, EntryPoint("broken", "no_such_plugin_module:plugin", "x"))
    with pytest.raises(PluginNotLoaded, match="plugin broken is installed but the agent skips it"):
        installed_plugin("broken")
    assert installed_plugin("timers") is timers
