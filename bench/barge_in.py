"""Barge-in: how soon the agent stops talking once the user speaks over it, with the real models.

In a simulated room the agent's piper voice comes back into the microphone
(the echo, at the given level and delay) while a piper-voiced user asks a
question, then speaks a command over the reply at several moments. For each
trial: the time from the start of the user's voice to the stop of playback,
whether the command was heard and done, and whether the agent ever took its
own voice for the user's.

    python bench/barge_in.py [--trials-per-setting 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
from collections.abc import AsyncIterator
from typing import Any

import numpy as np

from sottovoce.agent.agent import Agent
from sottovoce.agent.bargein import BargeInDetector
from sottovoce.agent.events import Event, Interrupted, UserSaid
from sottovoce.agent.hearing import Listener
from sottovoce.agent.outputs import RoomOut
from sottovoce.agent.voiceloop import LoopConfig, VoiceLoop
from sottovoce.cli import load_registry
from sottovoce.cli_speak import open_voice
from sottovoce.cli_speech import open_stt, speech_prompt
from sottovoce.devices import default_world_path, load_world
from sottovoce.devices.audio import AudioChunk, resample_s16
from sottovoce.devices.audio.room import SimulatedRoom
from sottovoce.models.vad import SileroVAD, VADConfig

ASK = "What's on the shopping list?"
COMMAND = "Turn on the kitchen lights."


def trial(models: dict[str, Any], after_s: float, gain: float, delay_s: float) -> dict[str, Any]:
    """One conversation: ask, then speak over the reply `after_s` into it."""
    room = SimulatedRoom(echo_gain=gain, echo_delay_s=delay_s, noise_rms=30)
    room.say(bytes(9600) + models["ask"])
    world = load_world(default_world_path(), virtual=True)
    events: list[Event] = []
    quick = SileroVAD(VADConfig(min_speech_ms=60, trailing_silence_ms=100, pad_ms=0))
    loop = VoiceLoop(
        Agent(load_registry(), world),
        Listener(models["stt"], SileroVAD(), speech_prompt(default_world_path())),
        models["voice"],
        out=RoomOut(room, models["voice"].sample_rate),
        barge_in=BargeInDetector(quick),
        on_event=events.append,
        config=LoopConfig(pace="fast"),
        advance_clock=world.clock.advance,  # type: ignore[attr-defined]
    )
    onset: list[float] = []
    lead = float(np.argmax(np.abs(np.frombuffer(models["command"], "<i2")) > 1000)) / 16000

    async def chunks() -> AsyncIterator[AudioChunk]:
        while room.now_s < 5.0 or (not loop.idle and room.now_s < 20.0):
            playing = loop.playback.current
            if not onset and playing is not None and playing.played_s >= after_s:
                onset.append(room.say(models["command"])[0] + lead)
            yield room.next_chunk()

    asyncio.run(loop.run(chunks()))
    stops = [e for e in events if isinstance(e, Interrupted)]
    heard = [e.text for e in events if isinstance(e, UserSaid)]
    return {
        "stop_s": stops[0].at_s - onset[0] if stops and onset else None,
        "heard": heard,
        "done": world.devices["light.kitchen_ceiling"].state()["on"],
        "own_voice_taken": any(t not in (ASK, COMMAND) for t in heard),
    }


def main() -> None:
    """Run the trials and print each and a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials-per-setting", type=int, default=2)
    args = parser.parse_args()
    voice = open_voice(None)
    models = {
        "voice": voice,
        "stt": open_stt(None),
        "ask": resample_s16(voice.speak(ASK).pcm, voice.sample_rate),
        "command": resample_s16(voice.speak(COMMAND).pcm, voice.sample_rate),
    }
    stops = []
    for gain, delay in ((0.3, 0.05), (0.6, 0.12), (0.9, 0.2)):
        for after in (0.6, 1.0, 1.5)[: max(1, args.trials_per_setting + 1)]:
            result = trial(models, after, gain, delay)
            setting = f"echo {gain:.1f} @ {delay * 1000:.0f} ms, {after:.1f} s into the reply"
            print(f"{setting}: {result}")
            if result["stop_s"] is not None:
                stops.append(result["stop_s"])
    if stops:
        print(
            f"stop after the user's voice began: median {statistics.median(stops) * 1000:.0f} ms, "
            f"max {max(stops) * 1000:.0f} ms over {len(stops)} interrupted trials"
        )


if __name__ == "__main__":
    main()
