"""The voice loop: audio in, turns handled, the reply spoken, one asyncio pipeline.

Each input chunk advances the timeline: the reply audio for that stretch is
played (and kept as the echo canceller's reference), the microphone audio is
cleaned of the agent's own voice, a voice over the agent's stops playback
(barge-in), and the talk gate and streaming listener turn the rest into
utterances. Turns run in a task of their own, one at a time: the agent acts,
then the reply is synthesized sentence by sentence and each sentence is
queued to play as soon as it is ready. Timers and reminders that come due are
announced after the sentence that is playing. Every step is reported as a
typed event (`voice/events.py`).

Pacing: live input (a microphone) sets its own pace. Files and simulated
rooms run in real time while anything is in progress (an utterance, a turn,
synthesis) and skip ahead through quiet stretches where nothing is, so
latencies are real and idle time costs nothing. In virtual time the input
waits while anything is being computed (recognition, a turn, synthesis): what
happens, and when on the input's timeline, no longer depends on the machine's
speed or load (tests, reproducible runs), at the price of latencies that
count no computing time.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from sottovoce.agent.agent import Agent
from sottovoce.models.safetext import printable
from sottovoce.models.tts import SpokenAudio
from sottovoce.voice.audio import AudioChunk
from sottovoce.voice.bargein import BargeInDetector, utterance_start
from sottovoce.voice.echo import Canceller, NoCanceller
from sottovoce.voice.events import (
    Event,
    Ignored,
    Interrupted,
    PartialHeard,
    Problem,
    Speaking,
    TurnDone,
    TurnTrace,
    UserSaid,
    Woke,
)
from sottovoce.voice.hearing import Final, Listener
from sottovoce.voice.ownvoice import OwnVoice
from sottovoce.voice.partials import Partial
from sottovoce.voice.playback import Playback, Played
from sottovoce.voice.sentences import split_sentences
from sottovoce.voice.talkgate import TalkGate, without_wake_words

Pace = Literal["live", "realtime", "fast", "virtual"]
BARGE_IN_GRACE_S = 1.0
BEFORE_ONSET_S = 0.25  # of held input handed on before the voice's onset: context for the VAD
HELD_S = 2.0  # of input kept while the agent speaks: detecting a voice takes well under this


class Voice(Protocol):
    """Text to speech (`PiperTTS`, or a fake)."""

    sample_rate: int

    def speak(self, text: str) -> SpokenAudio:
        """All of `text` as audio."""
        ...


class AudioOut(Protocol):
    """Where played audio goes: a speaker, a file, a simulated room."""

    def write(self, played: Played) -> None:
        """One window of playback (silence included)."""
        ...

    def stop(self) -> None:
        """Drop whatever is still buffered (barge-in)."""
        ...


@dataclass
class LoopConfig:
    """How the loop paces and behaves."""

    pace: Pace = "live"
    follow_up_s: float = 5.0  # after a reply, a follow-up needs no wake word for this long
    announce_every_s: float = 0.25
    drain_s: float = 60.0  # after the input ends, how long to finish what is in progress
    barge_in: bool = True


class VoiceLoop:
    """One conversation, spoken: input chunks in, events and played audio out."""

    def __init__(
        self,
        agent: Agent,
        listener: Listener,
        voice: Voice | None,
        *,
        gate: TalkGate | None = None,
        out: AudioOut | None = None,
        barge_in: BargeInDetector | None = None,
        canceller: Canceller | None = None,
        on_event: Callable[[Event], None] = lambda event: None,
        config: LoopConfig | None = None,
        advance_clock: Callable[[float], None] | None = None,
    ) -> None:
        self.agent, self.listener, self.voice = agent, listener, voice
        self.gate = gate or TalkGate("always")
        self.out, self.barge_in, self.on_event = out, barge_in, on_event
        self.canceller = canceller or NoCanceller()
        self.config = config or LoopConfig()
        self.advance_clock = advance_clock
        self.playback = Playback(voice.sample_rate if voice else 22050)
        self.traces: list[TurnTrace] = []
        self.now_s = 0.0
        self._barged_until = 0.0
        # Cleaned input while the agent speaks: (for the barge-in detector, for the listener).
        self._held: deque[tuple[AudioChunk, AudioChunk]] = deque()
        listener.on_final = self._final_ready
        listener.on_partial = self._partial
        self._finals: asyncio.Queue[tuple[Final, float]] = asyncio.Queue()
        self._fed: deque[tuple[float, float]] = deque(maxlen=2000)  # (stream end, wall time)
        self._tasks: set[asyncio.Task[None]] = set()
        self._turns_running = 0
        self._generation = 0  # bumped by barge-in: synthesis of older replies stops
        self._own = OwnVoice()
        self._anchor: tuple[float, float] | None = None
        self._next_announce_s = 0.0
        self._follow_until: float | None = None

    @property
    def idle(self) -> bool:
        """Nothing heard, thought about or said is in progress."""
        return not (self._working() or self.playback.busy)

    async def run(self, chunks: AsyncIterator[AudioChunk]) -> None:
        """Run until the input ends and everything in progress is finished."""
        worker = asyncio.create_task(self._turn_worker())
        self.listener.on_ready = self._wake_on(asyncio.get_running_loop())
        try:
            async for chunk in chunks:
                await self.step(chunk)
            await self._drain()
        finally:
            self.listener.on_ready = None
            worker.cancel()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(worker, *self._tasks, return_exceptions=True)

    def _wake_on(self, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
        """A transcription finished (in the worker's thread): deliver it now, not with a chunk."""

        def wake() -> None:
            try:
                loop.call_soon_threadsafe(self.listener.poll)
            except RuntimeError:  # the loop has closed: nothing is waiting for the words
                pass

        return wake

    async def step(self, chunk: AudioChunk) -> None:
        """Take one chunk of input audio."""
        if self.config.pace == "virtual":
            await self._settle()
        await self._pace(chunk)
        self.now_s = chunk.end_s
        self._fed.append((chunk.end_s, time.perf_counter()))
        played = self.playback.advance(chunk.duration_s)
        for sentence in played.started:
            self.on_event(Speaking(played.start_s, sentence.text, sentence.announcement))
        if self.out is not None:
            self.out.write(played)
        if played.audible:
            self._own.audible(played.start_s, chunk.end_s)
        cleaned = self.canceller.process(chunk.pcm, played.ref)
        detect = AudioChunk(cleaned.detect, chunk.start_s)
        listen = AudioChunk(cleaned.listen, chunk.start_s)
        onset = self._check_barge_in(detect, listen, cleaned.echo_rms, playing=played.audible)
        if played.audible and onset is None and self._holds_input():
            self._hold(detect, listen)
        else:
            self._release_held(onset)
            # Until the user is heard, the listener is spared what is left of the agent's
            # voice; from then on (and from a barge-in, before its VAD has caught up)
            # it gets the signal that keeps every word.
            user = self.listener.in_utterance or self.now_s < self._barged_until
            self._listen(listen if user else detect)
        if self.advance_clock is not None:
            self.advance_clock(chunk.duration_s)
        self._announce_due()
        await asyncio.sleep(0)

    def _working(self) -> bool:
        return (
            self.listener.busy
            or self.now_s < self._barged_until
            or not self._finals.empty()
            or self._turns_running > 0
            or any(not task.done() for task in self._tasks)
        )

    async def _settle(self) -> None:
        """Virtual time: let everything being computed finish before time moves on."""
        while True:
            self.listener.poll()
            computing = (
                self.listener.recognizing
                or not self._finals.empty()
                or self._turns_running > 0
                or any(not task.done() for task in self._tasks)
            )
            if not computing:
                return
            await asyncio.sleep(0.002)

    async def _pace(self, chunk: AudioChunk) -> None:
        if self.config.pace in ("live", "virtual"):
            return
        if self.config.pace == "fast" and not self._working():
            self._anchor = None
            return
        now = time.perf_counter()
        if self._anchor is None:
            self._anchor = (now, chunk.start_s)
        due = self._anchor[0] + chunk.end_s - self._anchor[1]
        if due > now:
            await asyncio.sleep(due - now)

    async def _drain(self) -> None:
        """The input ended: go on with silence until what is in progress is done."""
        limit = self.now_s + self.config.drain_s
        await self._silence_until_idle(limit)
        for final in await asyncio.to_thread(self.listener.finish):
            del final  # delivered through on_final
        await self._silence_until_idle(limit)

    async def _silence_until_idle(self, limit: float) -> None:
        step = 0.03
        while not self.idle and self.now_s < limit:
            if self.config.pace == "live":
                # Live input paced itself; its silence after the end must take real
                # time too, or a slow turn would find the drain's minute spent at once.
                await asyncio.sleep(step)
            await self.step(AudioChunk(bytes(int(step * 16000) * 2), self.now_s))

    def _holds_input(self) -> bool:
        """While the agent speaks, input waits for a barge-in instead of going to the listener."""
        # The listener would only hear what is left of the agent's own voice; a
        # barge-in hands it the user's words from their onset. An utterance the
        # user had begun before the agent spoke goes on being heard.
        if not self.config.barge_in or self.listener.in_utterance:
            return False
        return self.barge_in is not None or self.gate.mode == "push"

    def _hold(self, detect: AudioChunk, listen: AudioChunk) -> None:
        self._held.append((detect, listen))
        while self._held and detect.end_s - self._held[0][0].start_s > HELD_S:
            self._held.popleft()

    def _release_held(self, onset: float | None) -> None:
        """Hand the listener the held input from just before the user's voice began, if it did."""
        if not self._held:
            return
        held, self._held = list(self._held), deque()
        if onset is None:
            return  # only the agent's voice, cancelled
        if self.barge_in is not None and self.gate.mode != "push":
            detected = [detect for detect, _ in held]
            onset = utterance_start(detected, onset, self.barge_in.min_level)
        for _, listen in held:
            if listen.end_s > onset - BEFORE_ONSET_S:
                # The signal that keeps every word, from before the onset too: the onset
                # is found in the suppressed signal, which mutes a voice's first sound
                # ("Please" was heard as "Leave"); the echo left in the other is faint.
                self._listen(listen)

    def _check_barge_in(
        self, clean: AudioChunk, listen: AudioChunk, echo_rms: float, *, playing: bool
    ) -> float | None:
        """Where the user's voice began over the agent's, once the agent has been stopped for it."""
        if self.gate.mode == "push":
            # With a talk button, pressing it while the agent talks is the barge-in:
            # a voice alone (the radio, someone else) must not cut the agent off.
            if playing and self.gate.is_open and self.config.barge_in:
                self._interrupt(self.now_s)
                return self.now_s
            return None
        if self.barge_in is None or not self.config.barge_in:
            return None
        if not playing:
            began = self.barge_in.voice_since  # the agent fell silent as the user began
            self.barge_in.background(clean)  # no VAD runs while the agent is silent
            return began
        began = self.barge_in.feed(clean, listen=listen, echo_rms=echo_rms)
        if began is not None:
            # The user is talking to the agent: no wake word or press needed.
            self.gate.press()
            self.gate.follow_up()
            self._interrupt(began)
        return began

    def _interrupt(self, speech_at_s: float) -> None:
        # The quick detector hears the user before the listener's VAD does: until
        # the utterance is under way (or clearly never comes) the loop is not idle.
        self._barged_until = self.now_s + BARGE_IN_GRACE_S
        self.playback.stop()
        self._generation += 1
        if self.out is not None:
            self.out.stop()
        self.on_event(Interrupted(self.now_s, speech_at_s))

    def _listen(self, chunk: AudioChunk) -> None:
        self._manage_follow_up()
        was_open = self.gate.is_open
        admitted = self.gate.admit(chunk)
        if not was_open:
            self.listener.poll()
            if admitted and self.gate.woken_by:
                self.on_event(Woke(chunk.end_s, self.gate.woken_by))
        for piece in admitted:
            if self.listener.feed(piece) is not None:
                self.gate.utterance_done()

    def _manage_follow_up(self) -> None:
        """Keep the gate open while the agent speaks and shortly after, for a follow-up."""
        if self.gate.mode != "wake":
            return
        if self.playback.busy or self._turns_running:
            self._follow_until = None
            return
        if self._follow_until is None or self.listener.busy:
            return
        if self.now_s >= self._follow_until:
            self._follow_until = None
            # Only the window's own opening ends: a gate a wake word opened (the
            # user began a new command as the window ran out) stays open.
            self.gate.end_follow_up()

    def _partial(self, partial: Partial) -> None:
        self.on_event(PartialHeard(partial.text))

    def _final_ready(self, final: Final) -> None:
        text = final.text.strip()
        if not text:
            self.on_event(Ignored("", "no words were recognized"))
        elif self._own.heard_in(text, final.start_s, final.end_s):
            self.on_event(Ignored(text, "it was the agent's own voice"))
        else:
            self._finals.put_nowait((final, self._wall_at(final.end_s)))

    def _wall_at(self, stream_s: float) -> float:
        """The wall time at which the input reached `stream_s`."""
        for end_s, wall in self._fed:
            if end_s >= stream_s - 1e-6:
                return wall
        return time.perf_counter()

    async def _turn_worker(self) -> None:
        while True:
            final, ended_at = await self._finals.get()
            self._turns_running += 1
            try:
                await self._turn(final, ended_at)
            except Exception as exc:  # a failed turn must not end the conversation
                self.on_event(Problem(f"turn failed: {type(exc).__name__}: {exc}"))
            finally:
                self._turns_running -= 1

    async def _turn(self, final: Final, ended_at: float) -> None:
        if self.gate.wake_words:
            final = replace(final, text=without_wake_words(final.text, self.gate.wake_words))
        self.on_event(UserSaid(final.text, final.start_s, final.end_s))
        trace = TurnTrace(final.text, final.end_s)
        trace.stage_s["final"] = max(0.0, final.ready_at - ended_at)
        began = time.perf_counter()
        result = await self.agent.handle(final.text)
        trace.stage_s["routed"] = began + result.timings_s.get("route", 0.0) - ended_at
        trace.stage_s["tools_done"] = time.perf_counter() - ended_at
        self.on_event(TurnDone(result))
        if self.gate.mode == "wake":
            self.gate.follow_up()  # a follow-up or a "yes" needs no wake word
        await self._speak(result.reply, trace=trace, ended_at=ended_at)
        self._follow_until = self.now_s + self.config.follow_up_s
        self.traces.append(trace)
        self.on_event(trace)

    async def _speak(
        self,
        text: str,
        *,
        announcement: bool = False,
        trace: TurnTrace | None = None,
        ended_at: float = 0.0,
    ) -> None:
        text = printable(text)  # what is shown (Speaking) and said holds no control characters
        if self.voice is None:  # no voice: the words are all there is
            self.on_event(Speaking(self.now_s, text, announcement))
            return
        generation = self._generation
        for index, sentence in enumerate(split_sentences(text)):
            audio = await asyncio.to_thread(self.voice.speak, sentence)
            if generation != self._generation:
                return  # the user spoke over this reply
            self._own.said(sentence)
            self.playback.enqueue(sentence, audio.pcm, audio.sample_rate, announcement=announcement)
            if index == 0 and trace is not None:
                trace.stage_s["first_audio"] = time.perf_counter() - ended_at

    def _announce_due(self) -> None:
        if self.now_s < self._next_announce_s:
            return
        self._next_announce_s = self.now_s + self.config.announce_every_s
        for text in self.agent.take_announcements():
            task = asyncio.create_task(self._speak(text, announcement=True))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
