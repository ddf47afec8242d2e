"""Grammar-aware recognition: which of whisper's readings is taken, with a fake recognizer."""

from __future__ import annotations

from sottovoce.models.stt import Hypotheses, Hypothesis
from sottovoce.models.stt_choice import GrammarAwareSTT, choose
from sottovoce.testing import EnergyVAD, ScriptedSTT, silence
from sottovoce.voice.audio import MemorySource
from sottovoce.voice.hearing import Hearing

KNOWN = {"pause", "resume", "timer status"}


def accepts(text: str) -> bool:
    """A stand-in grammar: these commands, without case or punctuation."""
    return text.lower().strip(" .!?") in KNOWN


def readings(*pairs: tuple[str, float]) -> list[Hypothesis]:
    return [Hypothesis(text, score) for text, score in pairs]


def test_the_best_reading_stands_when_the_grammar_matches_it() -> None:
    choice = choose(readings(("Pause.", -0.4), ("Resume.", -0.5)), accepts)
    assert (choice.text, choice.changed) == ("Pause.", False)


def test_a_reading_the_grammar_matches_is_taken_when_it_scores_close_to_the_best() -> None:
    options = readings(("Time for status.", -0.9), ("Timestatus.", -1.1), ("Timer status.", -1.4))
    choice = choose(options, accepts, margin=1.0)
    assert (choice.text, choice.changed) == ("Timer status.", True)


def test_a_reading_far_below_the_best_is_not_taken() -> None:
    options = readings(("Outdoor humidity.", -0.3), ("Pause.", -2.5))
    assert choose(options, accepts, margin=1.0).text == "Outdoor humidity."


def test_of_several_matching_readings_the_best_scored_is_taken() -> None:
    options = readings(("Renew.", -1.0), ("Pause.", -1.6), ("Resume.", -1.2))
    assert choose(options, accepts, margin=1.0).text == "Resume."


def test_free_speech_the_grammar_does_not_cover_comes_through_as_heard() -> None:
    options = readings(("Tell me a joke.", -0.5), ("Tell me a joke!", -0.7))
    assert choose(options, accepts).text == "Tell me a joke."


def test_nothing_heard_is_nothing() -> None:
    assert choose([], accepts).text == ""


class ReadingsSTT:
    """A recognizer that returns the same readings for any audio, and remembers its prompts."""

    def __init__(self, *pairs: tuple[str, float]) -> None:
        self.options = tuple(readings(*pairs))
        self.prompts: list[str | None] = []

    def hypotheses(self, pcm: bytes, prompt: str | None = None, count: int = 5) -> Hypotheses:
        self.prompts.append(prompt)
        return Hypotheses(self.options[:count], len(pcm) / 32000)


def test_the_recognizer_gives_the_chosen_reading_and_counts_the_changes() -> None:
    stt = GrammarAwareSTT(ReadingsSTT(("Renew.", -1.0), ("Resume.", -1.3)), accepts)
    heard = stt.transcribe(ScriptedSTT().speech("resume"), prompt="Pause. Resume.")
    assert (heard.text, heard.no_speech, stt.changed) == ("Resume.", False, 1)
    assert stt.stt.prompts == ["Pause. Resume."]  # type: ignore[attr-defined]


def test_no_reading_is_no_speech() -> None:
    heard = GrammarAwareSTT(ReadingsSTT(), accepts).transcribe(silence(0.5))
    assert (heard.text, heard.no_speech) == ("", True)


def test_hearing_takes_the_grammar_aware_recognizer_as_any_other() -> None:
    stt = GrammarAwareSTT(ReadingsSTT(("Time for status.", -0.9), ("Timer status.", -1.2)), accepts)
    pcm = silence(0.3) + ScriptedSTT().speech("timer status") + silence(1.0)
    heard = Hearing(stt, EnergyVAD(), "Timer status.").hear(MemorySource(pcm))
    assert heard.text == "Timer status."
