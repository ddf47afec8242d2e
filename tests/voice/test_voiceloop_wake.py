"""The voice loop hears words when the recognizer finishes, not when the next chunk arrives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from sottovoce.agent.agent import Agent
from sottovoce.devices import default_world_path, load_world
from sottovoce.testing import EnergyVAD, silence
from sottovoce.tools import Registry
from sottovoce.voice.audio import AudioChunk
from sottovoce.voice.events import Event, UserSaid
from sottovoce.voice.hearing import Listener
from sottovoce.voice.voiceloop import LoopConfig, VoiceLoop
from tests.voice.speech_fakes import FakeSTT, chunks, words


def test_words_ready_between_chunks_start_the_turn_without_another_chunk() -> None:
    # A microphone that has delivered the command and its trailing silence and
    # then delivers nothing more: the words, finished afterwards, still reach
    # the agent (before, the listener was polled only when a chunk came in).
    stt = FakeSTT("what time is it")
    stt.gate.clear()  # the recognizer finishes only when the test lets it
    listener = Listener(stt, EnergyVAD())
    agent = Agent(Registry.builtin(), load_world(default_world_path(), virtual=True))
    events: list[Event] = []
    loop = VoiceLoop(agent, listener, None, on_event=events.append, config=LoopConfig())

    async def main() -> None:
        fed, heard = asyncio.Event(), asyncio.Event()
        loop.on_event = lambda event: (events.append(event), heard.set())[0]

        async def microphone() -> AsyncIterator[AudioChunk]:
            for chunk in chunks(silence(0.3) + words(4) + silence(1.0)):
                yield chunk
            fed.set()
            # Nothing more comes until the words have been heard (or never).
            while not any(isinstance(e, UserSaid) for e in events):
                heard.clear()
                await asyncio.wait_for(heard.wait(), 5)

        running = asyncio.create_task(loop.run(microphone()))
        await asyncio.wait_for(fed.wait(), 5)
        assert listener.busy and not any(isinstance(e, UserSaid) for e in events)
        stt.gate.set()
        await asyncio.wait_for(running, 10)

    asyncio.run(main())
    said = [e.text for e in events if isinstance(e, UserSaid)]
    assert said == ["what time is it"]
