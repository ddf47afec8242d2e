"""learner.py: the word orders and idioms of English as a second language, rewritten."""

from __future__ import annotations

import pytest

from sottovoce.agent.learner import learner_forms, sound_form
from sottovoce.agent.learner_questions import asked_form


def _forms(text: str, reorder: bool = True) -> list[str]:
    return learner_forms(text.split(), reorder)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("can you the lamp switch off", "switch off the lamp"),  # German/Dutch verb last
        ("the porch light you can turn on", "turn on the porch light"),
        ("hall light turn off", "turn off hall light"),  # Japanese order
        ("turn off the lamp of the study", "turn off the study lamp"),  # Romance "of"
        ("is closed the garage door", "is the garage door closed"),
        ("how many degrees has it in the attic", "how many degrees is it in the attic"),
        ("which temperature makes it in the attic", "what temperature is it in the attic"),
        ("how cold becomes it tomorrow", "how cold will it be tomorrow"),
        ("what songs we have", "what songs do we have"),
        ("tomorrow is which day", "which day is tomorrow"),
        ("the radio more loud", "make the radio louder"),
        ("more quiet the tv", "make the tv quieter"),
        ("connect the fan", "turn on the fan"),
        ("make the radio off", "turn the radio off"),
        ("lower the heating of 3 degrees", "lower the heating by 3 degrees"),
        ("the lamp over the piano at the half", "set the piano lamp to half"),
        ("the heating on cooling", "set the heating to cooling"),
        ("the blinds in the study close them", "close the blinds in the study"),
        ("i would like that the blind goes down", "lower the blind"),
        ("i want that the heater is off", "turn off the heater"),
    ],
)
def test_learner_words_read_as_the_templates_say_them(said: str, meant: str) -> None:
    assert _forms(said)[-1] == meant


def test_nothing_to_rewrite_gives_no_form() -> None:
    assert _forms("turn on the kitchen light") == []
    assert _forms("what is the rest of the list") == []  # "of" after a partitive stays


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("the heater is on still", "is the heater on"),
        ("the radio is playing or not", "is the radio playing"),
        ("porch light already off", "is porch light off"),  # no "is" said at all
        ("washing machine still running", "is washing machine running"),
        ("i need a coat tomorrow", "do i need a coat tomorrow"),
        ("there are lights on", "are there lights on"),
        ("tomorrow it will snow", "will it snow tomorrow"),
        ("it is raining now", "is it raining now"),
    ],
)
def test_a_statement_heard_as_a_question_is_asked(said: str, meant: str) -> None:
    assert asked_form(said.split()) == meant


@pytest.mark.parametrize("said", ["turn the heater on", "please switch it off", "hello"])
def test_a_command_heard_with_a_question_mark_stays_a_command(said: str) -> None:
    assert asked_form(said.split()) is None


def test_a_remark_without_a_question_mark_is_no_question() -> None:
    assert _forms("the heater is on") == []  # "the heater is on." remarks


def test_the_words_alone_come_before_any_reordering() -> None:
    # A reminder's text keeps its order: "remind me" first, "the machine clothes" never.
    forms = _forms("remember me to take the clothes out of the machine")
    assert forms[0] == "remind me to take the clothes out of the machine"


def test_a_piece_cut_from_a_sentence_is_not_reordered() -> None:
    # "the garage, turn it on" cut from "the beer's in the garage, turn it on".
    assert _forms("the garage turn it on", reorder=False) == []
    assert _forms("the beer's in there turn it on") == []  # a clause, not a thing


def test_strong_is_bright_for_a_light_and_loud_for_a_sound() -> None:
    light = _forms("make the lamp more strong")[-1]
    assert light == "make the lamp brighter"
    assert sound_form(light) == "make the lamp louder"
