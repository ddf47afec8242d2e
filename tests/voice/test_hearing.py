"""Streaming hearing: speculative finals, partials that do not flicker, a feeder never held up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from sottovoce.testing import EnergyVAD, silence
from sottovoce.voice.audio import AudioChunk, FileSource, MemorySource, read_all
from sottovoce.voice.hearing import Final, Hearing, Listener
from sottovoce.voice.partials import Partial
from tests.voice.speech_fakes import FakeSTT, chunks, hear_whole, words

AUDIO = Path(__file__).parent.parent / "data" / "audio"
TWELVE = "one two three four five six seven eight nine ten eleven twelve"


def _feed_until(listener: Listener, pieces: Iterator[AudioChunk], done: object) -> None:
    for chunk in pieces:
        listener.feed(chunk)
        if callable(done) and done():
            return
    raise AssertionError("the audio ended first")


def test_the_speculative_transcript_becomes_the_final() -> None:
    stt = FakeSTT()
    stt.gate.clear()  # the recognizer holds every transcription until the test says so
    with Listener(stt, EnergyVAD()) as listener:
        pieces = iter(chunks(silence(0.3) + words(4) + silence(1.0)))
        _feed_until(listener, pieces, lambda: listener.endpointer.paused)
        # Recognition of the utterance so far began during the trailing silence...
        assert stt.started.acquire(timeout=2)
        cut = None
        while cut is None:
            cut = listener.feed(next(pieces))
        # ...and the endpoint, confirmed later, needs no transcription of its own.
        stt.gate.set()
        finals = listener.finish()
    assert [final.text for final in finals] == ["turn on the kitchen"]
    assert stt.calls == [4]
    assert finals[0].end_s == cut.end_s


def test_speech_going_on_after_a_pause_discards_the_speculation() -> None:
    stt, partials = FakeSTT(), []
    stt.gate.clear()
    options = {"on_partial": partials.append, "partial_every_s": 60.0}
    with Listener(stt, EnergyVAD(), **options) as listener:  # type: ignore[arg-type]
        pieces = iter(chunks(words(2) + silence(0.4) + words(2) + silence(1.0)))
        _feed_until(listener, pieces, lambda: listener.endpointer.paused)
        assert stt.started.acquire(timeout=2)  # "turn on" is being recognized, speculatively
        _feed_until(listener, pieces, lambda: listener.endpointer.speaking)
        stt.gate.set()
        listener.wait_until(time.perf_counter() + 0.2)  # its words arrive as a partial
        assert partials == [Partial("", "turn on")]
        for chunk in pieces:
            listener.feed(chunk)
        finals = listener.finish()
    assert [final.text for final in finals] == ["turn on the kitchen"]
    assert stt.calls == [2, 4]


def test_partials_only_ever_add_committed_words() -> None:
    def garble(said: list[str]) -> list[str]:
        # Until the end, the last word heard is always a wrong guess.
        return said if len(said) == 12 else [*said[:-1], "uh"]

    stt, partials = FakeSTT(TWELVE, garble=garble), []
    listener = Listener(stt, EnergyVAD(), on_partial=partials.append, partial_every_s=0.5)
    with listener:
        started = time.perf_counter()
        for chunk in chunks(silence(0.2) + words(12) + silence(1.0)):
            listener.wait_until(started + chunk.end_s / 4)  # four times real time
            listener.feed(chunk)
        finals = listener.finish()
    assert [final.text for final in finals] == [TWELVE]
    assert len(partials) >= 3
    committed = [partial.committed for partial in partials]
    assert all(later.startswith(earlier) for earlier, later in pairwise(committed))
    assert committed[-1] and "uh" not in " ".join(committed)
    assert all(p.tentative.endswith("uh") for p in partials if len(p.text.split()) < 12)


def _timed(pcm: bytes, requested: list[float]) -> Iterator[AudioChunk]:
    for chunk in MemorySource(pcm):
        requested.append(time.perf_counter())
        yield chunk
    requested.append(time.perf_counter())


def test_a_slow_recognizer_never_holds_up_the_audio() -> None:
    pcm = silence(0.2) + words(6) + silence(1.0)
    hearing, requested, partials = Hearing(FakeSTT(delay_s=0.8), EnergyVAD()), [], []
    heard = hearing.hear(_timed(pcm, requested), realtime=True, on_partial=partials.append)
    # Each chunk was taken in on time, though the recognizer took 0.8 s a time
    # (the margin is for a busy machine's scheduling, not for the recognizer).
    ends = [chunk.end_s for chunk in MemorySource(pcm)]
    late = [at - requested[0] - end for at, end in zip(requested[1:], ends, strict=True)]
    assert max(late) < 0.3, max(late)
    assert heard.text == "turn on the kitchen light please" and partials


def test_streaming_is_ready_sooner_than_the_whole_clip() -> None:
    pcm = silence(0.1) + words(3) + silence(1.0)
    hearing = Hearing(FakeSTT(delay_s=0.5), EnergyVAD())
    streamed = hearing.hear(MemorySource(pcm), realtime=True)
    whole = hear_whole(hearing, MemorySource(pcm), realtime=True)
    assert streamed.text == whole.text == "turn on the"
    assert streamed.speech_end_s == pytest.approx(whole.speech_end_s)
    # The whole clip waits out the second of silence, then recognizes.
    assert whole.stt_final_s > 1.4
    assert streamed.stt_final_s < whole.stt_final_s - 0.4


def test_utterances_far_apart_are_joined_and_reported_in_order() -> None:
    pcm = words(2) + silence(1.5) + words(3) + silence(0.3)
    finals: list[Final] = []
    with Listener(FakeSTT(), EnergyVAD(), on_final=finals.append) as listener:
        for chunk in chunks(pcm):
            listener.feed(chunk)
        assert listener.finish() == finals
    assert [final.text for final in finals] == ["turn on", "turn on the"]
    assert finals[0].end_s < finals[1].start_s
    heard = Hearing(FakeSTT(), EnergyVAD()).hear(MemorySource(pcm))
    assert heard.text == "turn on turn on the"
    assert heard.speech_end_s == pytest.approx(finals[1].end_s)
    assert heard.duration_s == pytest.approx(len(pcm) / 32000)


def test_silence_is_heard_as_nothing() -> None:
    stt = FakeSTT()
    heard = Hearing(stt, EnergyVAD()).hear(MemorySource(silence(1.0)))
    assert (heard.text, heard.speech_end_s, heard.stt_final_s) == ("", None, 0.0)
    assert stt.calls == []


@pytest.mark.slow
def test_real_speech_is_final_sooner_streamed_with_the_same_words() -> None:
    from sottovoce.cli.speech import open_stt
    from sottovoce.models.vad import SileroVAD

    # A microphone goes on delivering silence after the user stops.
    pcm = read_all(FileSource(AUDIO / "kitchen-light-on.wav")) + silence(1.5)
    stt = open_stt(None)
    stt.transcribe(pcm)  # the first transcription is slower: neither path pays for it
    hearing = Hearing(stt, SileroVAD())
    streamed = hearing.hear(MemorySource(pcm), realtime=True)
    whole = hear_whole(hearing, MemorySource(pcm), realtime=True)
    assert "kitchen light" in streamed.text.lower()
    assert streamed.text == whole.text
    assert streamed.stt_final_s < whole.stt_final_s


def _end_of(listener: Listener, pcm: bytes) -> tuple[float, float]:
    """(where speech ended, how far into the stream the utterance was cut), in seconds."""
    for chunk in chunks(pcm):
        cut = listener.feed(chunk)
        if cut is not None:
            return cut.end_s, chunk.end_s
        # Words recognized in the pause are weighed as soon as they are ready.
        while listener.recognizing:
            listener.wait_until(time.perf_counter() + 0.01)
    raise AssertionError("the utterance never ended")


def test_a_whole_command_ends_the_utterance_without_waiting_out_the_silence() -> None:
    heard: list[str] = []

    def complete(text: str) -> bool:
        heard.append(text)
        return text == "turn on the kitchen"

    with Listener(FakeSTT(), EnergyVAD(), complete=complete) as listener:
        speech_end, cut_at = _end_of(listener, silence(0.3) + words(4) + silence(2.0))
        finals = listener.finish()
    assert heard == ["turn on the kitchen"]
    assert [final.text for final in finals] == ["turn on the kitchen"]
    # Ended once the pause was seen and its words recognized: not 0.6 s of silence later.
    assert cut_at - speech_end < 0.45, (speech_end, cut_at)


def test_a_whole_command_followed_by_a_comma_s_pause_is_not_cut_there() -> None:
    # "Yes, please": "yes" is whole, but the pause at the comma (up to 0.26 s in
    # piper's speech) is shorter than the silence a whole command waits for.
    whole = {"yes"}
    with Listener(
        FakeSTT("yes please"), EnergyVAD(min_silence_s=0.1), complete=whole.__contains__
    ) as listener:
        _end_of(listener, silence(0.3) + words(1) + silence(0.25) + words(1) + silence(2.0))
        finals = listener.finish()
    assert [final.text for final in finals] == ["yes please"]


def test_an_incomplete_command_waits_the_usual_silence() -> None:
    with Listener(FakeSTT(), EnergyVAD(), complete=lambda text: False) as listener:
        speech_end, cut_at = _end_of(listener, silence(0.3) + words(4) + silence(2.0))
    assert 0.6 <= cut_at - speech_end < 0.9, (speech_end, cut_at)


def test_words_that_promise_more_wait_longer_for_it() -> None:
    # "turn on the" ends on "the": the user is looking for a word.
    with Listener(FakeSTT(), EnergyVAD(), complete=lambda text: True) as listener:
        speech_end, cut_at = _end_of(listener, silence(0.3) + words(3) + silence(2.0))
    assert cut_at - speech_end >= 1.0, (speech_end, cut_at)


def test_a_whole_command_ending_on_a_particle_does_not_wait_longer() -> None:
    # "turn the lights on": "on" may promise more, but not after a whole command.
    with Listener(
        FakeSTT("turn the lights on"), EnergyVAD(), complete=lambda text: True
    ) as listener:
        speech_end, cut_at = _end_of(listener, silence(0.3) + words(4) + silence(2.0))
    assert cut_at - speech_end < 0.45, (speech_end, cut_at)


def test_a_particle_after_words_that_are_not_whole_waits_longer() -> None:
    # "turn on": the device is still to come.
    with Listener(FakeSTT("turn on"), EnergyVAD(), complete=lambda text: False) as listener:
        speech_end, cut_at = _end_of(listener, silence(0.3) + words(2) + silence(2.0))
    assert cut_at - speech_end >= 1.0, (speech_end, cut_at)
