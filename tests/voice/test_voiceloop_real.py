"""The voice loop with the real models in a simulated room: piper's voice echoes back into
the microphone, through a distorting loudspeaker and a reverberant room, while a piper-voiced
user speaks (agent voice + user voice in one stream)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import numpy as np
import pytest

from sottovoce.agent.agent import Agent
from sottovoce.app import load_registry
from sottovoce.cli.speak import open_voice
from sottovoce.cli.speech import open_stt, speech_prompt
from sottovoce.devices import default_world_path, load_world
from sottovoce.models.vad import SileroVAD, VADConfig
from sottovoce.voice.audio import AudioChunk, resample_s16
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.bargein import BargeInDetector
from sottovoce.voice.demo import demo_room
from sottovoce.voice.echo import Canceller, NoCanceller, WebRTCCanceller
from sottovoce.voice.events import Event, Interrupted, TurnDone, UserSaid
from sottovoce.voice.hearing import Listener
from sottovoce.voice.outputs import RoomOut
from sottovoce.voice.voiceloop import LoopConfig, VoiceLoop

pytestmark = pytest.mark.slow
ASK = "What's on the shopping list?"  # a reply long enough to speak over
BARGE = "Turn on the kitchen lights."


@pytest.fixture(scope="module")
def models() -> Iterator[dict[str, Any]]:
    voice = open_voice(None, seed=1)  # the same speech every run
    said = {text: resample_s16(voice.speak(text).pcm, voice.sample_rate) for text in (ASK, BARGE)}
    yield {"voice": voice, "stt": open_stt(None), "said": said}


def _loop(models: dict[str, Any], room: SimulatedRoom, canceller: Canceller | None):  # type: ignore[no-untyped-def]
    world = load_world(default_world_path(), virtual=True)
    events: list[Event] = []
    listener = Listener(models["stt"], SileroVAD(), speech_prompt(default_world_path()))
    quick = SileroVAD(VADConfig(min_speech_ms=60, trailing_silence_ms=100, pad_ms=0))
    loop = VoiceLoop(
        Agent(load_registry(), world),
        listener,
        models["voice"],
        out=RoomOut(room, models["voice"].sample_rate),
        barge_in=BargeInDetector(quick),
        canceller=canceller or WebRTCCanceller(),
        on_event=events.append,
        # Virtual pace: the room's clock waits for recognition, the turn and
        # synthesis, so what overlaps what does not depend on the machine's load.
        config=LoopConfig(pace="virtual"),
        advance_clock=world.clock.advance,  # type: ignore[attr-defined]
    )
    return loop, events, world


def _onset(pcm: bytes) -> float:
    """Seconds into `pcm` where the voice starts."""
    samples = np.abs(np.frombuffer(pcm, dtype="<i2"))
    return float(np.argmax(samples > 1000)) / 16000


def _room() -> SimulatedRoom:
    return demo_room()  # reverberant, a distorting speaker louder in the microphone than the user


def test_its_own_voice_in_the_microphone_is_not_taken_for_the_user(models: dict[str, Any]) -> None:
    def converse(canceller: Canceller | None) -> list[Event]:
        room = _room()
        room.say(bytes(9600) + models["said"][ASK])
        loop, events, _ = _loop(models, room, canceller)

        async def chunks() -> AsyncIterator[AudioChunk]:
            while room.now_s < 4.0 or (not loop.idle and room.now_s < 12.0):
                yield room.next_chunk()

        asyncio.run(loop.run(chunks()))
        return events

    events = converse(None)
    assert [e.text for e in events if isinstance(e, UserSaid)] == [ASK]
    assert len([e for e in events if isinstance(e, TurnDone)]) == 1
    assert not [e for e in events if isinstance(e, Interrupted)]
    control = converse(NoCanceller())
    assert [e for e in control if isinstance(e, Interrupted | UserSaid)] != [
        e for e in events if isinstance(e, Interrupted | UserSaid)
    ]


def test_speaking_over_the_reply_stops_it_and_every_word_is_heard(models: dict[str, Any]) -> None:
    # The first reply of all: WebRTC's canceller suppresses nearly everything for its
    # first 0.4 s or so, while it learns the room (the demo talks over a later one).
    room = _room()
    room.say(bytes(9600) + models["said"][ASK])
    loop, events, world = _loop(models, room, None)
    barged: list[float] = []

    async def chunks() -> AsyncIterator[AudioChunk]:
        while room.now_s < 5.0 or (not loop.idle and room.now_s < 15.0):
            playing = loop.playback.current
            if not barged and playing is not None and playing.played_s > 0.8:
                start, _ = room.say(models["said"][BARGE])
                barged.append(start + _onset(models["said"][BARGE]))
            yield room.next_chunk()

    asyncio.run(loop.run(chunks()))
    stops = [e for e in events if isinstance(e, Interrupted)]
    assert barged and stops, "the reply was never interrupted"
    # A voice is confirmed by the VAD after 60 ms of loud sound, or, when double
    # talk chops it, by lasting 0.25 s (bargein.py), and a chunk is 30 ms.
    assert stops[0].at_s - barged[0] <= 0.25 + 0.03, (stops, barged)
    heard = [e.text for e in events if isinstance(e, UserSaid)]
    assert heard[0] == ASK and heard[-1] == BARGE, events
    assert world.devices["light.kitchen_ceiling"].state()["on"] is True
