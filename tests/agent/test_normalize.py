"""Tests for the router's text normalization."""

from __future__ import annotations

import re
import time

import pytest

from sottovoce.agent.normalize import normalize
from sottovoce.agent.normalize.fillers import FILLER_WORDS

# The canonical forms that normalize writes durations and times in, read back.
_TIME_TOKEN = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_SECONDS_TOKEN = re.compile(r"\b(\d+) seconds\b")
_BARE_TIME = re.compile(r"(?:at )?(\d{1,2})(?: (\d{2}))?")


def parse_duration_s(text: str) -> int | None:
    """Seconds in a duration phrase such as "10 minutes" or "600 seconds", or None."""
    match = _SECONDS_TOKEN.search(normalize(text))
    return int(match.group(1)) if match else None


def parse_time_of_day(text: str) -> tuple[int, int] | None:
    """(hour, minute) of a time phrase such as "17:00", "5 pm" or a bare "7"; or None."""
    norm = normalize(text)
    match = _TIME_TOKEN.search(norm) or _BARE_TIME.fullmatch(norm)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


PUNCTUATION_AND_CONTRACTIONS = [
    ("Turn on the kitchen light.", "turn on the kitchen light"),
    ("  Turn   ON the\tlights!!  ", "turn on the lights"),
    ("What's the weather like?", "what is the weather like"),
    ("it’s cold in here", "it is cold in here"),
    ("Don't turn off the light", "do not turn off the light"),
    ("the fan doesn't work", "the fan does not work"),
    ("it isn't on", "it is not on"),
    ("I'll be late", "i will be late"),
    ("Let's go", "let us go"),
    ("how's the traffic", "how is the traffic"),
    ("where's my phone", "where is my phone"),
    ("there's a problem", "there is a problem"),
    ("that's right", "that is right"),
    ("I'm home", "i am home"),
    ("you're great", "you are great"),
    ("I can't hear you", "i can not hear you"),
    ("it won't turn on", "it will not turn on"),
    ("whats the time", "what is the time"),
    ("dont do that", "do not do that"),
    ("turn on mum's lamp", "turn on mum's lamp"),
    ("call o'brien", "call o'brien"),
    ("add 'milk' to the list", "add milk to the list"),
    ("add to-do item", "add to do item"),
    ("set it to 2.5", "set it to 2.5"),
    ("walk 1,000 steps", "walk 1000 steps"),
    ("set the freezer to -18 degrees", "set the freezer to -18 degrees"),
    ("what's 5 + 5", "what is 5 plus 5"),
    ("rock & roll", "rock and roll"),
]

FILLERS = [
    ("Um, set a timer for forty-five seconds please", "set a timer for 45 seconds"),
    ("uh hey could you please just turn off the lights thanks", "turn off the lights"),
    ("can you tell me what time it is", "tell me what time it is"),
    ("Could you set the thermostat to twenty-one degrees?", "set the thermostat to 21 degrees"),
    ("would you mind turning off the tv for me", "turn off the tv"),
    ("i'd like you to lock the door", "lock the door"),
    ("I want you to open the blinds", "open the blinds"),
    ("okay go ahead and start the vacuum", "start the vacuum"),
    ("ok turn on the fan thank you", "turn on the fan"),
    ("erm kindly dim the lights", "dim the lights"),
    ("hmm what is the temperature", "what is the temperature"),
    ("will you play some jazz", "play some jazz"),
    ("pls lock the door", "lock the door"),
    ("just turn it off", "turn it off"),
    ("turn on the lights if you can", "turn on the lights"),
    ("yes please", "yes"),
    ("no thank you", "no"),
    ("please do", "please do"),
    ("thank you", "thank you"),
    ("ok", "ok"),
    ("um", ""),
]

NUMBERS = [
    ("forty five", "45"),
    ("one hundred and twenty", "120"),
    ("twenty one", "21"),
    ("a hundred", "100"),
    ("two thousand", "2000"),
    ("two thousand five hundred and six", "2506"),
    ("zero", "0"),
    ("two point five", "2.5"),
    ("one and a half", "1.5"),
    ("buy a dozen eggs", "buy 12 eggs"),
    ("set brightness to five hundred", "set brightness to 500"),
    ("nineteen eighty four", "19 84"),
    ("turn on light one", "turn on light 1"),
    ("twenty-one", "21"),
    ("two point zero five", "2.05"),
    ("two thousand thousand", "two thousand thousand"),
    ("a twenty second timer", "a 20 seconds timer"),
    ("my calendar for the twenty-second", "my calendar for the twenty second"),
]

DURATIONS = [
    ("10 minutes", "600 seconds"),
    ("forty five seconds", "45 seconds"),
    ("two and a half hours", "9000 seconds"),
    ("Set a timer for 2 and a half hours", "set a timer for 9000 seconds"),
    ("1 hour and 30 minutes", "5400 seconds"),
    ("an hour and a half", "5400 seconds"),
    ("a minute and a half", "90 seconds"),
    ("half an hour", "1800 seconds"),
    ("a half hour", "1800 seconds"),
    ("a quarter of an hour", "900 seconds"),
    ("quarter hour", "900 seconds"),
    ("three quarters of an hour", "2700 seconds"),
    ("an hour", "3600 seconds"),
    ("a minute", "60 seconds"),
    ("wait a second", "wait 1 seconds"),
    ("5 min", "300 seconds"),
    ("5mins", "300 seconds"),
    ("10 secs", "10 seconds"),
    ("2 hrs", "7200 seconds"),
    ("1 hr", "3600 seconds"),
    ("2 minutes 30 seconds", "150 seconds"),
    ("2 minutes and 30 seconds", "150 seconds"),
    ("one minute thirty", "90 seconds"),
    ("90 second", "90 seconds"),
    ("a couple of minutes", "120 seconds"),
    ("a few minutes", "180 seconds"),
    ("2 days", "172800 seconds"),
    ("set a 5-minute timer", "set a 300 seconds timer"),
    ("remind me in an hour to check the oven", "remind me in 3600 seconds to check the oven"),
    ("timers for 5 minutes and 10 minutes", "timers for 300 seconds and 600 seconds"),
    ("set a second timer for one minute", "set a second timer for 60 seconds"),
]

TIMES = [
    ("5 pm", "17:00"),
    ("5pm", "17:00"),
    ("5 p.m.", "17:00"),
    ("5 p m", "17:00"),
    ("7:30 am", "07:30"),
    ("7:30", "7:30"),
    ("wake me at 7:30pm", "wake me at 19:30"),
    ("12 am", "00:00"),
    ("12 pm", "12:00 pm"),
    ("5.30 pm", "17:30"),
    ("half past seven", "7:30"),
    ("remind me at half past seven to call mum", "remind me at 7:30 to call mum"),
    ("quarter past 8", "8:15"),
    ("a quarter to nine", "08:45"),
    ("ten past six", "6:10"),
    ("twenty five past six", "6:25"),
    ("20 to 5", "4:40"),
    ("twenty to one", "12:40"),
    ("noon", "12:00 pm"),
    ("at midday", "at 12:00 pm"),
    ("at 10 am", "at 10:00 am"),
    ("at half past eleven in the morning", "at 11:30 am"),
    ("at ten", "at 10:00"),
    ("and the bathroom one too", "and the bathroom one too"),
    ("remind me at half nine", "remind me at 9:30"),
    ("how long's left on the timer", "how long is left on the timer"),
    ("turn on ellie's light", "turn on ellie's light"),
    ("at half seven in the evening", "at 19:30"),
    ("cut it by half", "cut it by half"),
    ("set it to one", "set it to 1"),
    ("the living room one please", "the living room one"),
    ("midnight", "00:00"),
    ("7 o'clock", "7:00"),
    ("seven oclock", "7:00"),
    ("7o’clock pm", "19:00"),
    ("ten minutes past six", "6:10"),
    ("6 30 pm", "18:30"),
    ("six thirty pm", "18:30"),
    ("six oh five am", "06:05"),
    ("seven in the evening", "19:00"),
    ("eleven at night", "23:00"),
    ("six thirty", "6 30"),
    ("at six thirty", "at 6:30"),
    ("set an alarm at 7.45", "set an alarm at 7:45"),
    ("set an alarm for six thirty", "set an alarm for 6:30"),
    ("at 5", "at 5:00"),
    ("wake me up at 5 tomorrow", "wake me up at 5:00 tomorrow"),
    ("set the heating to 20 at 6", "set the heating to 20 at 6:00"),
]

UNITS = [
    ("set brightness to 50%", "set brightness to 50 percent"),
    ("50 per cent", "50 percent"),
    ("50 per um cent", "50 percent"),
    ("21°C", "21 degrees"),
    ("21 °C", "21 degrees"),
    ("21 degrees celsius", "21 degrees"),
    ("21 celsius", "21 degrees"),
    ("open the blinds half way", "open the blinds halfway"),
    ("open the blinds halfway", "open the blinds halfway"),
]

UNCHANGED = [
    "turn on the other one",
    "that one",
    "which one",
    "one of the lights",
    "turn on the red one",
    "the one with the red light",
    "add eggs and milk to my shopping list",
    "and in the kitchen",
    "play abbey road",
    "play one love",
    "send a message to anna saying i will be late",
    "set brightness to 50",
    "set the light to 50",
    "at 5 percent",
    "at 5 degrees",
    "set the volume at 5",
    "dim from 20 to 5",
    "oh",
    "so what is like the weather",
    "the twenty first of march",
    "the second light",
    "set a timer for 6",
    "play hey jude",
    "what is the time in tokyo",
    "set a second timer",
    "wind the alarm clock",
]

TABLE = (
    PUNCTUATION_AND_CONTRACTIONS
    + FILLERS
    + NUMBERS
    + DURATIONS
    + TIMES
    + UNITS
    + [(text, text) for text in UNCHANGED]
)


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_is_idempotent() -> None:
    for text, _ in TABLE:
        once = normalize(text)
        assert normalize(once) == once, text


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10 minutes", 600),
        ("600 seconds", 600),
        ("an hour and a half", 5400),
        ("two and a half hours", 9000),
        ("5 mins", 300),
        ("for a couple of minutes", 120),
        ("ten", None),
        ("the kitchen", None),
    ],
)
def test_parse_duration_s(text: str, seconds: int | None) -> None:
    assert parse_duration_s(text) == seconds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17:00", (17, 0)),
        ("07:30", (7, 30)),
        ("5 pm", (17, 0)),
        ("half past seven", (7, 30)),
        ("at 5", (5, 0)),
        ("seven", (7, 0)),
        ("6 30", (6, 30)),
        ("midnight", (0, 0)),
        ("25:00", None),
        ("the kitchen", None),
    ],
)
def test_parse_time_of_day(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_time_of_day(text) == expected


def test_filler_words_are_exported() -> None:
    assert "please" in FILLER_WORDS


def test_normalize_is_fast() -> None:
    sentences = [text for text, _ in TABLE]
    start = time.perf_counter()
    for _ in range(5):
        for text in sentences:
            normalize(text)
    per_sentence = (time.perf_counter() - start) / (5 * len(sentences))
    # Generous bound so a loaded CI machine does not flake; typical is ~50 us.
    assert per_sentence < 0.001


def test_templates_may_be_said_in_their_normalized_form() -> None:
    from sottovoce.agent.normalize import normalize_template

    assert normalize_template("i'd like a {drink}") == "(i'd like a|i would like a) {drink}"
    assert normalize_template("(please|kindly) stop") == "((please| )|(kindly| )) stop"
    assert normalize_template("play [the] (next|last) one") == "play [the] (next|last) (one|1)"
    assert normalize_template("turn on [the] {light:name}") == "turn on [the] {light:name}"


def test_a_plugin_template_with_a_contraction_matches_what_is_heard() -> None:
    from hassil import Intents, recognize

    from sottovoce.agent.normalize import normalize, normalize_template

    template = normalize_template("i'd like a cup of {drink}, please")
    intents = Intents.from_dict(
        {
            "language": "en",
            "intents": {"order": {"data": [{"sentences": [template]}]}},
            "lists": {"drink": {"values": ["latte", "flat white"]}},
        }
    )
    heard = normalize("I'd like a cup of flat white, please.")
    result = recognize(heard, intents)
    assert result is not None and result.entities["drink"].value == "flat white"


@pytest.mark.parametrize(
    ("said", "folded"),
    [
        ("whats the c o two level", "what is the co2 level"),
        ("is the t v on", "is the tv on"),
        ("turn on the a c", "turn on the ac"),
        ("i am cold", "i am cold"),  # "i" and "a" are words of their own
        ("remind me at 5 p.m.", "remind me at 17:00"),  # "p m" is the clock's
    ],
)
def test_letters_said_one_by_one_are_the_word(said: str, folded: str) -> None:
    assert normalize(said) == folded
