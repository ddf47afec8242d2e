"""Hearing spoken turns: audio in, partial and final transcripts and their timings out.

The streaming path (`Listener`, and `Hearing.hear` on top of it) recognizes
while the audio arrives. The endpointer cuts the stream into utterances.
While the user speaks, and someone shows partials, the utterance so far is
transcribed again after each second or so of new speech (less often when
transcribing is slow), and LocalAgreement turns those hypotheses into partial
transcripts that do not flicker. As soon as the VAD sees the speech stop, the
utterance so far is transcribed speculatively, while the trailing silence
that confirms the end is still arriving. If the user goes on speaking, that
result only updates the partial; if the endpoint is confirmed, it covers the
same audio as the utterance and is the final transcript.

The end is not always waited for. When the speculative words are a whole
command (`complete`, from the agent: its grammar would act on them as they
are, or they answer a question it asked) and the user is still silent, the
utterance ends there and then. When they end on a word that promises more
("and", "uh", "to", "the"; "on" and "in" only when the words are not already
a whole command), the end waits longer than usual. Recognition runs in
one worker thread, so feeding the audio never waits for the model.

Timings: `speech_end_s` is where speech ended in the clip; `stt_final_s` is
how long after that moment the final transcript was ready.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol

from sottovoce.models.stt import Transcript
from sottovoce.voice.audio import AudioChunk
from sottovoce.voice.endpoint import Endpointer, SpeechFinder, Utterance, voice_frames
from sottovoce.voice.partials import LocalAgreement, Partial

PARTIAL_EVERY_S = 1.0  # of new speech between two partial transcripts
PAUSE_S = 0.12  # silence after which the utterance so far is recognized speculatively
CHECK_EVERY_S = 0.06  # how often the VAD looks in speech; a pause is seen at most this late
IDLE_EVERY_S = 0.1  # how often it looks while no one speaks
MORE_TO_COME_S = 0.4  # more silence needed after words that promise more
# Silence before a whole command ends the turn early. Recognition starts after
# PAUSE_S, but a pause at a comma ("Yes, please", "Well, what time is it") may
# be longer: frame-scored, up to 0.21 s in piper's speech at its own pace and
# 0.33 s at 1.4 times as slow (bench/comma_pauses.py). Cut there, "please"
# would be a turn of its own. While whisper works (0.3 s or more here) this
# much silence has mostly passed anyway.
CUT_AFTER_S = 0.35
_MORE_TO_COME = frozenset(
    "and or but then uh um er erm to for of the a an in on at with from into my your".split()
)
# Of those, the ones that also end whole commands as particles ("turn the
# lights on", "let me in"): there they promise nothing.
_PARTICLES = frozenset({"on", "in"})


class SpeechToText(Protocol):
    """A speech recognizer (`WhisperSTT`, or a fake in tests)."""

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The words in `pcm` (16 kHz mono s16)."""
        ...


@dataclass(frozen=True)
class Heard:
    """What a turn's audio said."""

    text: str
    speech_end_s: float | None  # in the clip; None when no speech was found
    stt_final_s: float  # from the end of speech to the transcript
    duration_s: float
    # From the end of speech to the words alone (the endpoint may be confirmed
    # later: then the final waited for silence, not for the recognizer).
    words_s: float = 0.0


@dataclass(frozen=True)
class Final:
    """The final transcript of one utterance."""

    text: str
    start_s: float
    end_s: float  # where speech ended in the stream
    ready_at: float  # time.perf_counter() when both the words and the endpoint were known
    words_at: float = 0.0  # time.perf_counter() when the words alone were known


@dataclass
class RecognitionCost:
    """How long the latest transcription took, shared by the turns of one recognizer."""

    last_s: float = 0.0


@dataclass
class _Job:
    """One transcription handed to the worker, and what it was for."""

    utterance: Utterance
    future: Future[tuple[str, float]]  # the words, and perf_counter() when they were ready
    turn: int  # which utterance of the stream
    cut_at: float = 0.0  # for finals: when the endpoint was confirmed
    final_of: Utterance | None = None  # for finals: the utterance as it was cut
    judged: bool = False  # for speculations: their words were weighed for the endpoint
    whole: bool | None = None  # for speculations: their words are a whole command

    def covers(self, utterance: Utterance) -> bool:
        """Whether this job read exactly the audio of `utterance`."""
        # Exactly: whisper's words can change with a tenth of a second more
        # silence after them, and the final must read what the endpoint cut.
        mine = self.utterance
        return (
            abs(mine.start_s - utterance.start_s) < 1e-6
            and abs(mine.end_s - utterance.end_s) < 1e-6
        )


class Listener:
    """Streaming recognition of one audio stream: partials while speaking, a final per utterance."""

    def __init__(
        self,
        stt: SpeechToText,
        vad: SpeechFinder,
        prompt: str | None = None,
        *,
        on_partial: Callable[[Partial], None] | None = None,
        on_final: Callable[[Final], None] | None = None,
        partial_every_s: float = PARTIAL_EVERY_S,
        pause_s: float = PAUSE_S,
        cost: RecognitionCost | None = None,
        complete: Callable[[str], bool] | None = None,
    ) -> None:
        self.stt = stt
        self.complete = complete  # whether words are a whole command: the end need not wait
        self.prompt = prompt
        self.on_partial = on_partial
        self.on_final = on_final
        self.partial_every_s = partial_every_s
        self.endpointer = Endpointer(
            vad,
            check_every_s=CHECK_EVERY_S,
            pause_s=pause_s,
            idle_every_s=IDLE_EVERY_S,
            frames=voice_frames(vad),
        )
        self.finals: list[Final] = []
        # One worker: the model runs one transcription at a time anyway.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stt")
        self._agreement = LocalAgreement()
        self._turn = 0
        self._partial_at_s: float | None = None  # stream time of the last partial's audio end
        self.cost = cost or RecognitionCost()
        self._speculation: _Job | None = None
        self._hypotheses: list[_Job] = []  # transcriptions that can only update the partial
        self._waiting: list[_Job] = []  # finals not yet delivered, in order
        self._ended_early: Utterance | None = None  # cut on its words, not yet reported
        # Called from the worker's thread as each transcription finishes: a
        # loop fed by a microphone would otherwise see the words only with the
        # next chunk, up to a chunk's length (30 ms) later.
        self.on_ready: Callable[[], None] | None = None
        self._delivering = threading.Lock()  # poll() may then run in two threads at once

    def __enter__(self) -> Listener:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)

    @property
    def busy(self) -> bool:
        """An utterance is under way, or words are still being recognized."""
        return self.endpointer.speech_start_s is not None or bool(self._running() or self._waiting)

    @property
    def in_utterance(self) -> bool:
        """The user has begun an utterance whose end has not been cut yet."""
        return self.endpointer.speech_start_s is not None

    @property
    def recognizing(self) -> bool:
        """A transcription is running or waiting to run."""
        return bool(self._running())

    def feed(self, chunk: AudioChunk) -> Utterance | None:
        """Take a chunk; returns the utterance it completed, if any (its words come later)."""
        utterance = self.endpointer.feed(chunk)
        if utterance is not None:
            self._confirm(utterance)
        elif self.endpointer.paused:
            self._speculate()
        elif self.endpointer.speaking:
            self._drop_speculation()
            self._maybe_partial()
        self.poll()
        if utterance is None and self._ended_early is not None:
            utterance, self._ended_early = self._ended_early, None
        return utterance

    def poll(self) -> None:
        """Deliver the partials and finals whose transcriptions have finished."""
        with self._delivering:
            self._deliver()

    def _deliver(self) -> None:
        self._judge_speculation()
        for job in [job for job in self._hypotheses if job.future.done()]:
            self._hypotheses.remove(job)
            if job.turn == self._turn and not job.future.cancelled() and self.on_partial:
                self.on_partial(self._agreement.update(job.future.result()[0]))
        while self._waiting and self._waiting[0].future.done():
            job = self._waiting.pop(0)
            text, ready_at = job.future.result()
            cut = job.final_of or job.utterance
            final = Final(text, cut.start_s, cut.end_s, max(ready_at, job.cut_at), ready_at)
            self.finals.append(final)
            if self.on_final is not None:
                self.on_final(final)

    def wait_until(self, deadline: float) -> None:
        """Deliver results as they come until `deadline` (a time.perf_counter() value)."""
        while (remaining := deadline - time.perf_counter()) > 0:
            running = self._running()
            if not running:
                time.sleep(remaining)
                return
            wait(running, remaining, FIRST_COMPLETED)
            self.poll()

    def finish(self) -> list[Final]:
        """End of input: cut the last utterance, wait for every final, return them all."""
        with self._delivering:  # a poll in another thread may be cutting too
            utterance = self.endpointer.finish()
            if utterance is not None:
                self._confirm(utterance)
            waiting = [job.future for job in self._waiting]
        wait(waiting)
        self.poll()
        return self.finals

    def _running(self) -> list[Future[tuple[str, float]]]:
        jobs = [*self._hypotheses, *self._waiting]
        if self._speculation is not None:
            jobs.append(self._speculation)
        return [job.future for job in jobs if not job.future.done()]

    def _submit(self, utterance: Utterance) -> _Job:
        future = self._worker.submit(self._transcribe, utterance.pcm)
        future.add_done_callback(self._ready)
        return _Job(utterance, future, self._turn)

    def _ready(self, future: Future[tuple[str, float]]) -> None:
        if self.on_ready is not None and not future.cancelled():
            self.on_ready()

    def _transcribe(self, pcm: bytes) -> tuple[str, float]:
        began = time.perf_counter()
        text = self.stt.transcribe(pcm, self.prompt).text
        ready = time.perf_counter()
        self.cost.last_s = ready - began
        return text, ready

    def _speculate(self) -> None:
        """Recognize the utterance so far while the silence goes on; it may be the final."""
        pending = self.endpointer.pending()
        if pending is None or not pending.pcm:
            return
        if self._speculation is not None and self._speculation.covers(pending):
            return
        self._drop_speculation()
        self._speculation = self._submit(pending)

    def _judge_speculation(self) -> None:
        """Words recognized in a pause: end the utterance now, or wait longer, as they say."""
        job = self._speculation
        if job is None or not job.future.done() or job.future.cancelled() or job.judged:
            return
        job.judged = True
        pending = self.endpointer.pending()
        if not self.endpointer.paused or pending is None or not job.covers(pending):
            return
        text = job.future.result()[0]
        words = text.lower().replace(",", " ").replace(".", " ").split()
        if not words:
            return
        last = words[-1]
        if last in _MORE_TO_COME and not (last in _PARTICLES and self._whole(job, text)):
            self.endpointer.extra_silence_s = MORE_TO_COME_S
            return
        if not self._whole(job, text):
            return
        if self.endpointer.scored_silence_s() < CUT_AFTER_S:
            job.judged = False  # weighed again as more silence arrives
            return
        utterance = self.endpointer.cut_now()
        if utterance is not None:
            self._confirm(utterance)
            self._ended_early = utterance

    def _whole(self, job: _Job, text: str) -> bool:
        """Whether the job's words are a whole command (asked once per job)."""
        if job.whole is None:
            job.whole = self.complete is not None and self.complete(text)
        return job.whole

    def _drop_speculation(self) -> None:
        """Speech went on: a speculative transcript can only be a partial now."""
        if self._speculation is not None:
            if not self._speculation.future.cancel():
                self._hypotheses.append(self._speculation)
            self._speculation = None

    def _maybe_partial(self) -> None:
        """Transcribe the utterance so far, if a partial is due and the worker is idle."""
        pending = self.endpointer.pending(to_now=True)
        if self.on_partial is None or pending is None or self._running():
            return  # a partial waits for no one and never queues before a final
        since = self._partial_at_s if self._partial_at_s is not None else pending.start_s
        # A transcription cannot be interrupted, and one running when speech
        # stops delays the final: keep the worker idle at least half the time.
        every = max(self.partial_every_s, 2 * self.cost.last_s)
        if self.endpointer.now_s - since >= every:
            self._partial_at_s = self.endpointer.now_s
            self._hypotheses.append(self._submit(pending))

    def _confirm(self, utterance: Utterance) -> None:
        """The endpoint is confirmed: the speculation is the final if it read the same audio."""
        cut_at = time.perf_counter()
        job = self._speculation
        self._speculation = None
        if job is None or not job.covers(utterance):
            if job is not None:
                job.future.cancel()
            job = self._submit(utterance)
        job.cut_at, job.final_of = cut_at, utterance
        self._waiting.append(job)
        self._turn += 1
        self._agreement.reset()
        self._partial_at_s = None


class Hearing:
    """Turns a source of audio into words with one STT model and one VAD."""

    def __init__(
        self,
        stt: SpeechToText,
        vad: SpeechFinder,
        prompt: str | None = None,
        *,
        pause_s: float = PAUSE_S,
    ) -> None:
        self.stt = stt
        self.vad = vad
        self.prompt = prompt
        self.pause_s = pause_s
        self.cost = RecognitionCost()

    def hear(
        self,
        chunks: Iterable[AudioChunk],
        realtime: bool = False,
        on_partial: Callable[[Partial], None] | None = None,
        complete: Callable[[str], bool] | None = None,
    ) -> Heard:
        """Listen to a whole turn, recognizing as it arrives; utterances' words are joined.

        `complete` says when words are a whole command, so the utterance may end early.
        """
        # What recognition took in earlier turns paces this turn's partials.
        listener = Listener(
            self.stt,
            self.vad,
            self.prompt,
            on_partial=on_partial,
            pause_s=self.pause_s,
            cost=self.cost,
            complete=complete,
        )
        with listener:
            started = time.perf_counter()
            duration = 0.0
            for chunk in chunks:
                if realtime:
                    # A microphone delivers each chunk only once it has been spoken.
                    listener.wait_until(started + chunk.end_s)
                listener.feed(chunk)
                duration = max(duration, chunk.end_s)
            last_read = time.perf_counter()
            finals = listener.finish()
        if not finals:
            return Heard("", None, 0.0, duration)
        end = finals[-1].end_s
        # In real time, speech ended `end` seconds after the start; otherwise the
        # whole clip was available once it was read, and waiting counts from there.
        speech_ended_at = started + end if realtime else last_read
        ready = max(final.ready_at for final in finals)
        words = max(final.words_at for final in finals)
        text = " ".join(final.text for final in finals if final.text)
        since = max(0.0, ready - speech_ended_at)
        return Heard(text, end, since, duration, max(0.0, words - speech_ended_at))
