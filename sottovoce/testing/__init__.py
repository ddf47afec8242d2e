"""Test fakes for plugin authors (stable API): run the real agent in milliseconds, offline.

- `AgentHarness`: the agent on your plugins and a simulated world; `say`,
  `converse`, `hear` (spoken, through the voice loop), `advance` (the clock).
- `make_world`: a world from a mapping, YAML text or a file, on a virtual clock.
- `ScriptedLLM` and `call`: a language model that answers by rule.
- `ScriptedSTT`: a recognizer that hears scripted words; `SilentTTS`: a voice
  that says nothing for as long as the words take; `EnergyVAD`: speech by loudness.
- `VirtualClock`: the clock that moves only when told.
- `installed_plugin`: the plugin an installed entry point names, loaded as the
  agent loads it (`PluginNotLoaded` says why the agent would skip it).

Nothing here loads a model or touches the network.
"""

from sottovoce.devices import VirtualClock
from sottovoce.testing.fakes import (
    EnergyVAD,
    ScriptedLLM,
    ScriptedSTT,
    SilentTTS,
    call,
    silence,
)
from sottovoce.testing.harness import DEFAULT_START, AgentHarness, SpokenTurn, make_world
from sottovoce.testing.installed import PluginNotLoaded, installed_plugin

__all__ = [
    "DEFAULT_START",
    "AgentHarness",
    "EnergyVAD",
    "PluginNotLoaded",
    "ScriptedLLM",
    "ScriptedSTT",
    "SilentTTS",
    "SpokenTurn",
    "VirtualClock",
    "call",
    "installed_plugin",
    "make_world",
    "silence",
]
