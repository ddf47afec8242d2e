"""A simulated world on a virtual clock, and an agent around it that a test can talk to.

`AgentHarness` runs the real agent (grammar, router, executor, dialogue) on
the plugins under test. `say` is a typed turn; `hear` is a spoken one that
goes through the real voice loop (VAD, endpointing, streaming recognition,
speech out) with the scripted recognizer and the silent voice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import TurnResult
from sottovoce.devices import (
    Store,
    VirtualClock,
    World,
    default_world_path,
    load_yaml,
    parse_world,
    read_world_data,
)
from sottovoce.models.llm import LLMEngine
from sottovoce.testing.fakes import EnergyVAD, ScriptedSTT, SilentTTS, silence
from sottovoce.tools import Plugin, Registry
from sottovoce.voice.audio import AudioChunk, MemorySource
from sottovoce.voice.events import Event, Speaking, TurnDone, UserSaid
from sottovoce.voice.hearing import Listener
from sottovoce.voice.voiceloop import LoopConfig, VoiceLoop

# Where a world without a `clock` starts, so that tests do not depend on the day they run.
DEFAULT_START = datetime(2026, 6, 1, 8, 30)

WorldSource = World | Mapping[str, Any] | str | Path | None


def make_world(
    source: WorldSource = None, *, start: datetime | None = None, store: Path | None = None
) -> World:
    """A simulated world on a virtual clock.

    `source` is a mapping (the world file's data), YAML text, the path of a
    world file (a `Path`, or a one-line string ending in .yaml/.yml), a
    `World` (returned as it is), or None for the built-in demo home. The
    clock starts at `start`, else the world's `clock`, else 2026-06-01 08:30.
    `store` is a SQLite store file to keep the records in (made if absent),
    as `chat` and `run` keep them in their data directory; else in memory.
    """
    if isinstance(source, World):
        return source
    data, name = _world_data(source)
    if not isinstance(data, Mapping) or ("clock" not in data and start is None):
        start = start or DEFAULT_START
    clock = VirtualClock(start) if start is not None else None
    kept = Store.open_sqlite(store) if store is not None else None
    return parse_world(data, name, clock=clock, store=kept, virtual=True)


def _world_data(source: WorldSource) -> tuple[Any, str]:
    if source is None:
        source = default_world_path()
    if isinstance(source, str) and "\n" not in source and source.endswith((".yaml", ".yml")):
        source = Path(source)
    if isinstance(source, Path):
        return read_world_data(source), str(source)
    if isinstance(source, str):
        return load_yaml(source, "world"), "world"
    return dict(source), "world"  # type: ignore[arg-type]


@dataclass
class SpokenTurn:
    """What happened when the user spoke: what was heard, done and said back."""

    heard: list[str]  # each final transcript, in order
    results: list[TurnResult]  # each turn the agent took
    spoken: list[str]  # each sentence the voice said (announcements too), in order
    events: list[Event] = field(default_factory=list)  # everything the voice loop reported

    @property
    def reply(self) -> str:
        """All the agent said, as one text."""
        return " ".join(self.spoken)


class AgentHarness:
    """The real agent on a simulated world with a virtual clock, for tests.

    `AgentHarness(plugins=[plugin], world={...})` loads only the given
    plugins; `include_builtins=True` adds the built-in ones (lights,
    timers, ...). `llm` is the language model for what the grammar does not
    match (a `ScriptedLLM`); without one, only sentences are understood.
    `use_grammar=False` sends every turn to `llm`; `start` sets the clock;
    `store` keeps the records in a SQLite file (two harnesses on one file act
    as two processes sharing a store).
    """

    def __init__(
        self,
        plugins: Iterable[Plugin] = (),
        world: WorldSource = None,
        *,
        include_builtins: bool = False,
        llm: LLMEngine | None = None,
        use_grammar: bool = True,
        start: datetime | None = None,
        store: Path | None = None,
    ) -> None:
        registry = Registry.builtin() if include_builtins else Registry()
        for plugin in plugins:
            registry.add(plugin)
        self.registry = registry
        # Two harnesses on one store file are two processes sharing it.
        self.world = make_world(world, start=start, store=store)
        self.llm = llm
        self.agent = Agent(registry, self.world, llm, use_grammar=use_grammar)
        self.stt = ScriptedSTT()
        self.voice = SilentTTS()
        self.turns: list[TurnResult] = []

    @property
    def clock(self) -> VirtualClock:
        """The world's virtual clock."""
        clock = self.world.clock
        if not isinstance(clock, VirtualClock):
            raise TypeError("this world runs on a real clock, not a virtual one")
        return clock

    def say(self, text: str, *, area: str | None = None) -> TurnResult:
        """One typed turn; `area` is where the user speaks from (default: the listener's)."""
        result = asyncio.run(self.agent.handle(text, area=area))
        self.turns.append(result)
        return result

    def converse(self, *lines: str) -> list[str]:
        """Several typed turns in a row; their replies."""
        return [self.say(line).reply for line in lines]

    def advance(self, seconds: float) -> list[str]:
        """Move the virtual clock; what came due (timers, reminders) is announced and returned."""
        self.clock.advance(seconds)
        return self.agent.take_announcements()

    def state(self, device_id: str) -> dict[str, Any]:
        """A device's current state."""
        return self.world.devices[device_id].state()

    def snapshot(self) -> dict[str, Any]:
        """The whole world's state (SPEC.md section 2 shape)."""
        return self.world.snapshot()

    def hear(self, text: str, *, pause_s: float = 1.0) -> SpokenTurn:
        """The user says `text` out loud: one utterance through the real voice loop.

        The scripted recognizer hears `text`; the silent voice answers. The
        virtual clock does not move while the loop runs.
        """
        pcm = silence(0.3) + self.stt.speech(text) + silence(pause_s)
        return asyncio.run(self._hear(pcm))

    async def _hear(self, pcm: bytes) -> SpokenTurn:
        events: list[Event] = []
        with Listener(self.stt, EnergyVAD()) as listener:
            loop = VoiceLoop(
                self.agent,
                listener,
                self.voice,
                on_event=events.append,
                config=LoopConfig(pace="virtual"),
            )
            await loop.run(_chunks(pcm))
        results = [event.result for event in events if isinstance(event, TurnDone)]
        self.turns += results
        return SpokenTurn(
            heard=[event.text for event in events if isinstance(event, UserSaid)],
            results=results,
            spoken=[event.text for event in events if isinstance(event, Speaking)],
            events=events,
        )


async def _chunks(pcm: bytes) -> AsyncIterator[AudioChunk]:
    for chunk in MemorySource(pcm):
        yield chunk
