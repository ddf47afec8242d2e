"""Talking over the agent: is every word heard, how soon does it stop, how much echo is left?

In simulated rooms (from a dry desk to a reverberant kitchen with the
television on) the agent's piper voice comes back into the microphone while
a user (espeak-ng's voice, or `--user-voice piper`: the agent's own) asks a
question, then speaks a command over a reply: the second reply of the
conversation (`--over first`: the first, while the canceller is still
learning the room).
Each room is run with WebRTC's canceller (the default) and with the earlier
delay-and-gain canceller (`echo_baseline.py`, which muted the input until it
had found the echo), same rooms, same run. Per trial: the command heard word
for word, the time from the user's voice to the stop of playback, whether the
agent took its own voice for the user's, and the echo return loss
enhancement (ERLE: microphone over cleaned level while only the agent speaks).

    python bench/barge_in.py [--after 0.6 1.2] [--over first|second] [--user-voice espeak|piper]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import numpy as np

from sottovoce.agent.agent import Agent
from sottovoce.app import load_registry
from sottovoce.cli.speak import open_voice
from sottovoce.cli.speech import open_stt, speech_prompt
from sottovoce.devices import default_world_path, load_world
from sottovoce.models.vad import SileroVAD, VADConfig
from sottovoce.voice.audio import AudioChunk, resample_s16
from sottovoce.voice.audio.acoustics import RoomShape, impulse_response
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.bargein import BargeInDetector
from sottovoce.voice.echo import Cleaned, WebRTCCanceller
from sottovoce.voice.events import Event, Interrupted, UserSaid
from sottovoce.voice.hearing import Listener
from sottovoce.voice.outputs import RoomOut
from sottovoce.voice.voiceloop import LoopConfig, VoiceLoop

sys.path.insert(0, str(Path(__file__).parent))
from echo_baseline import EchoCanceller  # noqa: E402

ASK = "What's on the shopping list?"
COMMAND = "Turn on the kitchen lights."
TV = "And now the weather for the weekend: sunny spells in the south, showers in the north."
ROOMS: dict[str, dict[str, Any]] = {
    "desk, dry": {"echo_gain": 0.5, "echo_delay_s": 0.05},
    "living room": {"echo_gain": 0.6, "echo_delay_s": 0.04, "rt60_s": 0.4, "distortion": 0.2},
    "kitchen, tv on": {
        "echo_gain": 0.8,
        "echo_delay_s": 0.08,
        "rt60_s": 0.7,
        "distortion": 0.3,
        "tv": 0.1,
    },
}


class Baseline:
    """The earlier canceller as the loop used it: muted input until it had found the echo."""

    def __init__(self) -> None:
        self.inner = EchoCanceller()

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        out = self.inner.process(mic, ref)
        out = bytes(len(out)) if self.inner.muting else out
        return Cleaned(out, out)


class Metered:
    """Wraps a canceller and adds up levels where only the agent is heard."""

    def __init__(self, inner: Any, user_from: list[float]) -> None:
        self.inner, self.user_from = inner, user_from
        self.mic_energy = self.out_energy = 0.0
        self.at_s = 0.0

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        cleaned = self.inner.process(mic, ref)
        out = cleaned.detect
        n = len(mic) // 2
        before_user = not self.user_from or self.at_s + n / 16000 < self.user_from[0]
        if any(ref) and before_user and self.at_s > 0.3:
            m = np.frombuffer(mic, "<i2").astype(np.float64)
            o = np.frombuffer(out, "<i2").astype(np.float64)
            self.mic_energy += float(np.dot(m, m))
            self.out_energy += float(np.dot(o, o))
        self.at_s += n / 16000
        return cleaned

    def erle_db(self) -> float | None:
        if not self.mic_energy:
            return None
        return float(10 * np.log10(self.mic_energy / max(self.out_energy, 1.0)))


def make_room(settings: dict[str, Any], tv: bytes) -> SimulatedRoom:
    """A room from one of the ROOMS settings."""
    rt60 = settings.get("rt60_s")
    response = impulse_response(RoomShape(rt60_s=rt60)) if rt60 else None
    level = settings.get("tv", 0.0)
    background = (np.frombuffer(tv, "<i2") * level).astype("<i2").tobytes() if level else b""
    return SimulatedRoom(
        echo_gain=settings["echo_gain"],
        echo_delay_s=settings["echo_delay_s"],
        response=response,
        distortion=settings.get("distortion", 0.0),
        background=background,
        noise_rms=30,
    )


def trial(
    models: dict[str, Any], room_name: str, canceller: Any, after_s: float, over: int
) -> dict[str, Any]:
    """One conversation: ask (`over` times), then speak over the last reply `after_s` into it."""
    room = make_room(ROOMS[room_name], models["tv"])
    room.say(bytes(9600) + models["ask"])
    asked = [1]
    world = load_world(default_world_path(), virtual=True)
    events: list[Event] = []
    onset: list[float] = []
    metered = Metered(canceller, onset)
    quick = SileroVAD(VADConfig(min_speech_ms=60, trailing_silence_ms=100, pad_ms=0))
    loop = VoiceLoop(
        Agent(load_registry(), world),
        Listener(models["stt"], SileroVAD(), speech_prompt(default_world_path())),
        models["voice"],
        out=RoomOut(room, models["voice"].sample_rate),
        barge_in=BargeInDetector(quick),
        canceller=metered,
        on_event=events.append,
        config=LoopConfig(pace="fast"),
        advance_clock=world.clock.advance,  # type: ignore[attr-defined]
    )
    lead = float(np.argmax(np.abs(np.frombuffer(models["command"], "<i2")) > 1000)) / 16000

    async def chunks() -> AsyncIterator[AudioChunk]:
        quiet = 0.0
        while (
            room.now_s < max(5.0, room.speaking_until_s + 1.0)
            or (not loop.idle and room.now_s < 40.0)
            or asked[0] < over
        ):
            playing = loop.playback.current
            quiet = quiet + 0.03 if loop.idle and room.now_s > room.speaking_until_s else 0.0
            if asked[0] < over and quiet > 0.8:
                room.say(models["ask"])  # again, once the agent has answered
                asked[0] += 1
            ready = asked[0] == over and len([e for e in events if isinstance(e, UserSaid)]) == over
            if ready and not onset and playing is not None and playing.played_s >= after_s:
                onset.append(room.say(models["command"])[0] + lead)
            yield room.next_chunk()

    asyncio.run(loop.run(chunks()))
    stops = [e for e in events if isinstance(e, Interrupted)]
    heard = [e.text for e in events if isinstance(e, UserSaid)]
    return {
        "whole": _words(COMMAND) in [_words(text) for text in heard],
        "stop_s": stops[0].at_s - onset[0] if stops and onset else None,
        "own_voice_taken": any(_words(t) not in (_words(ASK), _words(COMMAND)) for t in heard)
        or len(heard) > over + 1,
        "erle_db": metered.erle_db(),
        "heard": heard,
    }


def _espeak(text: str) -> bytes:
    """`text` in espeak-ng's American voice, 16 kHz: a user who does not sound like the agent."""
    from sottovoce.voice.audio import FileSource

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "user.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(path), text], check=True)
        return b"".join(chunk.pcm for chunk in FileSource(path))


def _words(text: str) -> list[str]:
    return "".join(c for c in text.lower() if c.isalnum() or c in " '").split()


def main() -> None:
    """Run every room with both cancellers and print each trial and a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--after", type=float, nargs="+", default=[0.6, 1.2])
    parser.add_argument("--over", choices=["first", "second"], default="second")
    parser.add_argument("--user-voice", choices=["espeak", "piper"], default="espeak")
    args = parser.parse_args()
    voice = open_voice(None)

    def said(text: str) -> bytes:
        return resample_s16(voice.speak(text).pcm, voice.sample_rate)

    user = said if args.user_voice == "piper" else _espeak
    models = {"voice": voice, "stt": open_stt(None), "ask": user(ASK), "command": user(COMMAND)}
    models["tv"] = said(TV)
    over = 1 if args.over == "first" else 2
    for room_name in ROOMS:
        for name, make in (("webrtc", WebRTCCanceller), ("baseline", Baseline)):
            results = [trial(models, room_name, make(), after, over) for after in args.after]
            for after, result in zip(args.after, results, strict=True):
                print(f"{room_name} | {name} | {after:.1f} s in: {result}", flush=True)
            whole = sum(r["whole"] for r in results)
            stops = [r["stop_s"] for r in results if r["stop_s"] is not None]
            erle = [r["erle_db"] for r in results if r["erle_db"] is not None]
            own = sum(r["own_voice_taken"] for r in results)
            stop = f"{statistics.median(stops) * 1000:.0f} ms" if stops else "never"
            mean_erle = f"{statistics.mean(erle):.1f} dB" if erle else "-"
            print(
                f"== {room_name} | {name}: heard whole {whole}/{len(results)}, "
                f"stopped after {stop} (median), ERLE {mean_erle}, own voice taken {own}",
                flush=True,
            )


if __name__ == "__main__":
    main()
