"""The voice loop on fakes: a turn end to end, echo, barge-in, announcements, traces."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import numpy as np
import pytest

from sottovoce.agent.agent import Agent
from sottovoce.devices import default_world_path, load_world
from sottovoce.testing import EnergyVAD, silence
from sottovoce.tools import Registry
from sottovoce.voice.audio import AudioChunk
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.bargein import BargeInDetector
from sottovoce.voice.echo import Canceller, Cleaned, NoCanceller, WebRTCCanceller
from sottovoce.voice.events import Event, Ignored, Interrupted, Speaking, TurnDone, UserSaid
from sottovoce.voice.hearing import Listener
from sottovoce.voice.playback import Playback
from sottovoce.voice.sentences import MAX_PIECE_CHARS, split_sentences
from sottovoce.voice.talkgate import TalkGate
from sottovoce.voice.voiceloop import LoopConfig, VoiceLoop
from tests.voice.speech_fakes import PhraseSTT, RoomOut, ToneVoice, words

PHRASES = {
    4: "turn on the coffee maker",
    3: "what time is it",
    5: "set a timer for 3 seconds",
    2: "unlock it",
}


def _loop(
    room: SimulatedRoom, canceller: Canceller | None = None, gate: TalkGate | None = None
) -> tuple[VoiceLoop, list[Event], RoomOut]:
    world = load_world(default_world_path(), virtual=True)
    agent = Agent(Registry.builtin(), world)
    events: list[Event] = []
    out = RoomOut(room)
    listener = Listener(PhraseSTT(PHRASES), EnergyVAD())
    loop = VoiceLoop(
        agent,
        listener,
        ToneVoice(),
        out=out,
        barge_in=BargeInDetector(EnergyVAD(min_silence_s=0.1)),
        canceller=canceller or WebRTCCanceller(),
        gate=gate,
        on_event=events.append,
        config=LoopConfig(pace="fast"),
        advance_clock=world.clock.advance,  # type: ignore[attr-defined]
    )
    return loop, events, out


async def _chunks(room: SimulatedRoom, until: Callable[[], bool]) -> AsyncIterator[AudioChunk]:
    while not until():
        yield room.next_chunk()


def _run(loop: VoiceLoop, room: SimulatedRoom, seconds: float, *, wait: bool = True) -> None:
    """Run for `seconds` of room audio, and (with `wait`) until the loop has nothing left to do."""
    asyncio.run(loop.run(_chunks(room, lambda: room.now_s >= seconds and (loop.idle or not wait))))


async def _talk_over(
    room: SimulatedRoom, loop: VoiceLoop, barged: list[float], after_s: float = 0.5
) -> AsyncIterator[AudioChunk]:
    """The room's chunks; `after_s` into the agent's reply the user says three words
    over it (where they start is put in `barged`)."""
    while room.now_s < 6.0 or not loop.idle:
        speaking = loop.playback.current
        if not barged and speaking is not None and speaking.played_s > after_s:
            barged.append(room.say(words(3))[0])  # "what time is it", over the agent
        yield room.next_chunk()


def _of(kind: type, events: list[Event]) -> list:  # type: ignore[type-arg]
    return [event for event in events if isinstance(event, kind)]


def test_sentences_split_at_their_ends() -> None:
    assert split_sentences("It is 9 am. The kettle is on! Sure?") == [
        "It is 9 am.",
        "The kettle is on!",
        "Sure?",
    ]
    assert split_sentences("  ") == []


def test_a_long_sentence_is_spoken_in_clauses() -> None:
    items = ", ".join(f"item number {n}" for n in range(20))
    pieces = split_sentences(f"Your list has {items}. Done.")
    assert all(len(piece) <= MAX_PIECE_CHARS for piece in pieces), pieces
    assert " ".join(pieces) == f"Your list has {items}. Done."
    assert pieces[-1] == "Done."
    words = " ".join(["word"] * 60)
    assert all(len(piece) <= MAX_PIECE_CHARS for piece in split_sentences(words))
    assert " ".join(split_sentences(words)) == words


def test_a_spoken_command_is_done_and_answered_out_loud() -> None:
    room = SimulatedRoom()
    room.say(silence(0.3) + words(4))
    loop, events, out = _loop(room)
    _run(loop, room, 6.0)
    said = _of(UserSaid, events)
    assert [s.text for s in said] == ["turn on the coffee maker"]
    done = _of(TurnDone, events)[0].result
    assert loop.agent.world.devices["switch.coffee_maker"].state()["on"] is True
    spoken = _of(Speaking, events)
    assert spoken and spoken[0].text == split_sentences(done.reply)[0]
    assert spoken[0].at_s > said[0].end_s  # it answered after the user stopped
    trace = loop.traces[0]
    assert list(trace.stage_s) == ["final", "routed", "tools_done", "first_audio"]
    assert all(v >= 0 for v in trace.stage_s.values())
    assert out.last_audible_s() > spoken[0].at_s


def test_the_agent_does_not_take_its_own_voice_for_the_user() -> None:
    def converse(canceller: Canceller | None) -> list[Event]:
        room = SimulatedRoom(echo_gain=0.7, echo_delay_s=0.08, noise_rms=20)
        room.say(silence(0.3) + words(3))  # "what time is it": a reply of a few words
        loop, events, _ = _loop(room, canceller)
        _run(loop, room, 6.0, wait=False)  # talking to itself, it would never stop
        return events

    events = converse(None)
    assert [s.text for s in _of(UserSaid, events)] == ["what time is it"]
    assert not _of(Interrupted, events)
    # With no echo handling, the agent's voice in the microphone cuts itself off.
    control = converse(NoCanceller())
    assert _of(Interrupted, control) or len(_of(UserSaid, control)) > 1


def test_user_speaking_over_the_reply_stops_it_within_200_ms() -> None:
    room = SimulatedRoom(echo_gain=0.5, echo_delay_s=0.06, noise_rms=20)
    room.say(silence(0.3) + words(5))  # a timer: a reply of several words
    loop, events, out = _loop(room)

    barged: list[float] = []
    asyncio.run(loop.run(_talk_over(room, loop, barged)))
    stops = _of(Interrupted, events)
    assert barged and stops
    assert stops[0].at_s - barged[0] <= 0.2
    assert [s.text for s in _of(UserSaid, events)][-1] == "what time is it"
    assert len(_of(TurnDone, events)) == 2
    assert not _of(Ignored, events)


def test_a_timer_that_comes_due_is_announced_after_the_current_sentence() -> None:
    room = SimulatedRoom()
    room.say(silence(0.3) + words(5))  # set a timer for 3 seconds
    loop, events, _ = _loop(room)
    _run(loop, room, 9.0)
    spoken = _of(Speaking, events)
    announced = [s for s in spoken if s.announcement]
    assert len(announced) == 1 and "timer" in announced[0].text.lower()
    assert loop.agent.world.snapshot()["timers"] == []


def test_an_announcement_waits_for_the_sentence_playing_then_goes_first() -> None:
    playback = Playback(16000)
    tone = bytes(range(256)) * 125  # 1 s of 16 kHz audio
    playback.enqueue("First.", tone, 16000)
    playback.enqueue("Second.", tone, 16000)
    playback.advance(0.3)
    playback.enqueue("Your tea timer is done.", tone, 16000, announcement=True)
    order = []
    while playback.busy:
        order += [sentence.text for sentence in playback.advance(0.1).started]
    assert order == ["Your tea timer is done.", "Second."]
    assert playback.now_s == pytest.approx(3.0, abs=0.05)


@pytest.mark.parametrize("pressed", [False, True])
def test_with_a_talk_button_only_a_press_interrupts(pressed: bool) -> None:
    room = SimulatedRoom()
    gate = TalkGate("push")
    gate.press()
    room.say(silence(0.3) + words(5))  # set a timer: a reply of several words
    loop, events, _ = _loop(room, gate=gate)
    over: list[float] = []

    async def chunks() -> AsyncIterator[AudioChunk]:
        while room.now_s < 6.0 or not loop.idle:
            playing = loop.playback.current
            if not over and playing is not None and playing.played_s > 0.5:
                over.append(room.say(words(3))[0])  # "what time is it", over the agent
                if pressed:
                    gate.press()
            yield room.next_chunk()

    asyncio.run(loop.run(chunks()))
    heard = [s.text for s in _of(UserSaid, events)]
    assert heard == (["set a timer for 3 seconds", "what time is it"] if pressed else heard[:1])
    assert bool(_of(Interrupted, events)) is pressed


class _MutesOnsets:
    """A suppressor's habit while both talk: the first quarter second of a voice is muted."""

    def __init__(self) -> None:
        self.loud_s = 0.0  # how long the current run of loud input has lasted
        self.quiet_s = 1.0  # how long the input has been quiet

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        samples = np.frombuffer(mic, dtype="<i2").astype(np.float64)
        seconds = len(samples) / 16000
        if np.sqrt(np.mean(samples**2)) > 1000:
            self.loud_s = self.loud_s + seconds if self.quiet_s < 0.1 else seconds
            self.quiet_s = 0.0
        else:
            self.quiet_s += seconds
        muted = any(ref) and self.loud_s <= 0.25 and self.quiet_s == 0.0
        return Cleaned(bytes(len(mic)) if muted else mic, mic)


def test_the_first_word_the_suppressor_muted_is_still_heard() -> None:
    # The voice's onset is found in the suppressed signal, a word late here; the
    # listener must get the signal that keeps every word from before that onset.
    room = SimulatedRoom(noise_rms=20)
    room.say(silence(0.3) + words(5))  # a timer: a reply of several words
    loop, events, _ = _loop(room, canceller=_MutesOnsets())
    barged: list[float] = []
    asyncio.run(loop.run(_talk_over(room, loop, barged)))
    stops = _of(Interrupted, events)
    assert barged and stops
    assert stops[0].speech_at_s >= barged[0] + 0.25  # the onset was found a word late
    assert [s.text for s in _of(UserSaid, events)][-1] == "what time is it"


class _SwallowsTheUser:
    """A suppressor at its worst: while the agent plays nothing comes through, the user's
    voice included; the echo-subtracted signal keeps the user, and the echo taken out of
    it was louder than them (as in the demo's room)."""

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        if not any(ref):
            return Cleaned(mic, mic)
        played = np.frombuffer(ref, dtype="<i2").astype(np.float64)
        return Cleaned(bytes(len(mic)), mic, 1.5 * float(np.sqrt(np.mean(played**2))))


def test_a_voice_the_suppressor_swallowed_whole_still_interrupts_and_is_heard() -> None:
    # Before, the detector read only the suppressed signal: it never confirmed the
    # voice, and the words said over the reply were dropped with the held input.
    room = SimulatedRoom(noise_rms=20)
    room.say(silence(0.3) + words(5))  # a timer: a reply of several words
    loop, events, _ = _loop(room, canceller=_SwallowsTheUser())
    barged: list[float] = []
    # A second into the reply: the detector trusts the echo-subtracted signal once it
    # has heard the agent alone, well cancelled, for most of a second.
    asyncio.run(loop.run(_talk_over(room, loop, barged, after_s=1.0)))
    stops = _of(Interrupted, events)
    assert barged and stops
    assert stops[0].at_s - barged[0] <= 0.35 and abs(stops[0].speech_at_s - barged[0]) <= 0.05
    assert [s.text for s in _of(UserSaid, events)][-1] == "what time is it"
