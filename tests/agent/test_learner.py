"""learner.py: the word orders and idioms of English as a second language, rewritten."""

from __future__ import annotations

import pytest

from sottovoce.agent.learner import learner_forms, sound_form


def _forms(text: str, reorder: bool = True, asked: bool = True) -> list[str]:
    return learner_forms(text.split(), reorder, asked)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("can you the lamp switch off", "switch off the lamp"),  # German/Dutch verb last
        ("the porch light you can turn on", "turn on the porch light"),
        ("hall light turn off", "turn off hall light"),  # Japanese order
        ("turn off the lamp of the study", "turn off the study lamp"),  # Romance "of"
        ("the heater is on still", "is the heater on"),  # a question not inverted
        ("is closed the garage door", "is the garage door closed"),
        ("the radio is playing or not", "is the radio playing"),
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


def test_a_remark_is_a_question_only_when_heard_as_one() -> None:
    assert _forms("the heater is on", asked=False) == []  # "the heater is on." remarks
    assert _forms("the heater is on")[-1] == "is the heater on"  # "the heater is on?"


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
