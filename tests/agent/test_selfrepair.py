"""selfrepair.py: a correction inside one sentence replaces the words it stands for."""

from __future__ import annotations

import pytest

from sottovoce.agent.selfrepair import repaired


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("set the fan to 40 no 70", "set the fan to 70"),
        ("turn the lamp on wait no off", "turn the lamp off"),
        ("turn on the no off the porch light", "turn off the porch light"),
        ("play jazz in the den sorry in the study", "play jazz in the study"),
        ("close the front i mean the back blinds", "close the back blinds"),
        ("set a timer for 300 seconds no 600 seconds", "set a timer for 600 seconds"),
    ],
)
def test_the_repair_takes_the_place_of_what_it_corrects(said: str, meant: str) -> None:
    assert repaired(said) == meant


@pytest.mark.parametrize(
    "said",
    [
        "add milk no sugar",  # nothing before "no" starts like "sugar"
        "there is no milk left",
        "no turn it off",  # a correction of the last turn, not inside this one
        "tell them to wait in the car",
        "turn off the lights no one is in there",
    ],
)
def test_words_without_a_repair_are_left_alone(said: str) -> None:
    assert repaired(said) is None
