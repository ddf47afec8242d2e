"""Information: the weather (now, today, tomorrow), the outdoor temperature, the time and date."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import Field

from sottovoce.devices import Forecast, Weather
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin.info_clock import DATE_SENTENCES, TIME_SENTENCES, date_get, time_get
from sottovoce.tools.builtin.info_clothes import Reading, advice, garment_values
from sottovoce.tools.builtin.info_phrases import WEATHER_SENTENCES, with_other_days
from sottovoce.tools.builtin.sensors import number, outside_temperature

plugin = Plugin("info", "The weather and forecast, the temperature outside, the time and date.")

Day = Annotated[
    str | None, Field(description="'now', 'today', 'tomorrow' or a forecast day; none = now")
]
Condition = Literal["rain", "snow", "sun", "clouds", "wind", "storm"]

# Words in a forecast's condition that count as each asked-about condition.
CONDITION_WORDS: dict[str, tuple[str, ...]] = {
    "rain": ("rain", "rainy", "showers", "shower", "drizzle", "storm", "storms", "thunder",
             "thunderstorm", "thunderstorms"),
    "snow": ("snow", "snowy", "sleet", "blizzard", "hail", "flurries"),
    "sun": ("sun", "sunny", "clear", "fair"),
    "clouds": ("cloud", "cloudy", "clouds", "overcast", "fog", "foggy", "mist"),
    "wind": ("wind", "windy", "gale", "gusts", "breezy"),
    "storm": ("storm", "storms", "stormy", "thunder", "thunderstorm", "thunderstorms"),
}  # fmt: skip
CONDITION_SPOKEN = {"rain": "rain", "snow": "snow", "sun": "sunshine", "clouds": "clouds",
                    "wind": "wind", "storm": "storms"}  # fmt: skip

_WHEN = "[today|tomorrow|now|right now|this morning|tonight|outside]"
_DAY = "{weather_day:day}"
_D = "[" + _DAY + "]"
_COND = "{weather_condition:condition}"
# "Will it be nice at the beach on friday": where one will be, which is here.
_OUT = "[at the beach|outside|out|outdoors|in the park|for a walk] "
_REPORT = "(weather|forecast|weather forecast)"
_FEEL = "(hot|warm|cold|cool|chilly|freezing)"
Place = Annotated[str | None, Field(description="a town or city; none = here")]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_LIST = {
    "values": [
        {"in": "(today|this morning|this afternoon|this evening|tonight|later)", "out": "today"},
        {"in": "tomorrow", "out": "tomorrow"},
        {"in": "(now|right now|at the moment|currently|outside)", "out": "now"},
    ]
}
# A day said some other way: "on friday", "for monday noon", "tomorrow's", "tomorrow
# evening". A list of its own: the plain list's templates stay short fixed commands.
_ON_DAY = "{weather_on_day:day}"
_ON_DAY_LIST = {
    "values": [
        {"in": "tomorrow (morning|afternoon|evening|night)", "out": "tomorrow"},
        {"in": "(tomorrow's|tomorrows|tomorrow s)", "out": "tomorrow"},
        {"in": "(today's|todays|today s)", "out": "today"},
        *(
            {"in": f"[on|for|this|next|coming] {day} [morning|afternoon|evening|night]",
             "out": day}
            for day in WEEKDAYS
        ),
        *({"in": f"[on|for] {day} [at] 12:00 pm", "out": day} for day in WEEKDAYS),
    ]
}  # fmt: skip
_DAYS = {"weather_day": _DAY_LIST, "weather_on_day": _ON_DAY_LIST}


def _weather(ctx: ToolContext) -> Weather:
    if ctx.world.weather is None:
        raise ToolError("I have no weather report.")
    return ctx.world.weather


def _forecast(weather: Weather, day: str, today: date) -> Forecast:
    """The forecast of a day said as 'today', 'tomorrow' or a weekday, however the world
    wrote that day ('tomorrow', 'thursday' or '2026-06-04')."""
    wanted = day.strip().lower()
    names = _names_of(_date_of(wanted, today), today) or {wanted}
    for item in weather.forecast:
        if item.day.strip().lower() in names:
            return item
    raise ToolError(f"I have no forecast for {wanted}.")


def _date_of(day: str, today: date) -> date | None:
    if day == "today":
        return today
    if day == "tomorrow":
        return today + timedelta(days=1)
    if day in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS.index(day) - today.weekday()) % 7)
    return None


def _names_of(when: date | None, today: date) -> set[str]:
    """Every way a forecast may name that date."""
    if when is None:
        return set()
    names = {WEEKDAYS[when.weekday()], when.isoformat(), when.strftime("%A").lower()}
    names |= {"today"} if when == today else set()
    return names | ({"tomorrow"} if when == today + timedelta(days=1) else set())


def _day(day: str | None) -> str:
    text = (day or "now").strip().lower()
    return "now" if text in ("", "current", "currently", "right now") else text


@plugin.tool(
    reads_only=True,
    lists=_DAYS,
    sentences=with_other_days(
        [
            "what is the weather [like] " + _D,
            "what is the weather (forecast|report) [for] " + _D,
            "(how|what) is the weather [going to be|gonna be] [like] " + _D,
            "what will the weather be [like] " + _D,
            "what will be the weather [like] " + _D,
            "(what is|tell me|give me) the forecast [for] " + _D,
            "(what is|tell me) the weather (for|in) [the] " + _DAY,
            "(tell me|give me) [the] weather " + _D,
            "weather [forecast] " + _D,
            "what is it [going to be|gonna be] like (outside|out|out there) " + _D,
            "what will it be like (outside|out|out there) " + _D,
            "what does [the] weather look like " + _D,
            "what is the forecast looking like " + _D,
            "what is the "
            + _REPORT
            + " [like|going to be [like]] (in|for) {text:place} [like] "
            + _D,
            "(how|what) is the weather in {text:place} " + _D,
            "(tell me|give me) the " + _REPORT + " (in|for) {text:place} " + _D,
            "(i need|i want|i would like|get me) [to know] the " + _REPORT + " (in|for) "
            "{text:place} " + _D,
            # "What's the weather doing in Edinburgh", "will it be any better tomorrow".
            "what is the weather doing [now|right now|out there]",
            "what is the weather doing " + _DAY,  # "... doing tomorrow"
            "what is the weather going to do " + _D,
            "what is the weather doing (in|at) {text:place} " + _D,
            "(will|is) it [going to] be [any] (better|nicer|worse|drier|wetter|warmer|colder) "
            + _D,
            *WEATHER_SENTENCES,
        ]
    ),
)
def weather_get(
    ctx: ToolContext,
    day: Day = None,
    place: Place = None,
) -> str:
    """Describe the weather now, today or tomorrow."""
    _here_only(ctx, place)
    weather = _weather(ctx)
    when = _day(day)
    if when == "now":
        return f"It is {weather.condition} and {number(weather.temperature)} degrees."
    item = _forecast(weather, when, ctx.now().date())
    prefix = f"It is {weather.condition} and {number(weather.temperature)} degrees now. "
    text = (
        f"{when.capitalize()}: {item.condition}, with a high of {number(item.high)} "
        f"and a low of {number(item.low)} degrees."
    )
    return prefix + text if when == "today" else text


_HERE = frozenset(
    {"here", "outside", "town", "the area", "my area", "our area", "home", "this area"}
    | {
        f"{whose} {where}"
        for whose in ("my", "our", "my current", "our current", "current")
        for where in ("location", "position", "place", "city", "town")
    }
    | {"where i am", "where we are", "where i live", "where we live"}
)
# "Will it rain at the weekend", "in the morning": a time heard where a place may be said.
_TIME_WORDS = re.compile(
    r"\b(?:weekend|week|morning|afternoon|evening|night|tonight|noon|midnight|moment|"
    r"o'clock|am|pm|\d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)


def _here_only(ctx: ToolContext, place: str | None) -> None:
    """The world has one weather report, the home's: another town's is not known."""
    if place is None:
        return
    wanted = place.strip().lower().removeprefix("the ")
    city = ctx.world.location.city
    areas = {a.name.lower() for a in ctx.world.areas}
    if wanted in _HERE or wanted in areas or (city is not None and wanted == city.lower()):
        return
    if _TIME_WORDS.search(wanted):
        return
    where = f"for {city}" if city else "for here"
    raise ToolError(f"I only have the weather {where}, not for {place.strip()}.")


def _condition_day(weather: Weather, when: str, today: date) -> tuple[str, str]:
    """(condition, spoken day) for 'now', or a forecast day (today falls back to now)."""
    if when == "now":
        return weather.condition, "now"
    try:
        return _forecast(weather, when, today).condition, when
    except ToolError:
        if when == "today":
            return weather.condition, "today"
        raise


@plugin.tool(
    reads_only=True,
    lists={
        **_DAYS,
        "weather_condition": {
            "values": [
                {"in": "(rain|be rainy|be raining|shower|drizzle|pour)", "out": "rain"},
                {"in": "(snow|be snowy|be snowing|sleet)", "out": "snow"},
                {"in": "(be sunny|be clear|be nice|be a nice day|be a sunny day)", "out": "sun"},
                {"in": "(be cloudy|be overcast|be grey|be gray)", "out": "clouds"},
                {"in": "(be windy|blow)", "out": "wind"},
                {"in": "(be stormy|storm|thunder|be a storm)", "out": "storm"},
            ]
        },
        "weather_adjective": {
            "values": [
                {"in": "(rainy|wet|raining)", "out": "rain"},
                {"in": "(snowy|snowing)", "out": "snow"},
                {"in": "(sunny|clear|nice|fine)", "out": "sun"},
                {"in": "(cloudy|overcast|grey|gray)", "out": "clouds"},
                {"in": "windy", "out": "wind"},
                {"in": "stormy", "out": "storm"},
            ]
        },
    },
    sentences=with_other_days(
        [
            "(will|is) it [going to|gonna] " + _COND + " " + _OUT + _D,
            # "Will it rain in london tomorrow", "in morgan mill will it be sunny": another
            # town's weather is not known, and must not be answered with the home's.
            "(will|is) it [going to|gonna] " + _COND + " (in|at) {text:place} " + _D,
            "(in|at) {text:place} (will|is) it [going to|gonna] " + _COND + " " + _D,
            "(is|will) it [going to] [be] {weather_adjective:condition} (in|at) {text:place} " + _D,
            "(in|at) {text:place} (is|will) it [going to] [be] {weather_adjective:condition} " + _D,
            # "Is today a sunny day", "is it sunny", "will tomorrow be rainy".
            "(is|will) (it|today|tomorrow) [going to] [be] [a] {weather_adjective:condition} [day] "
            + _D,
            "(does|do) it (look|looks) like it (will|is going to) " + _COND + " " + _D,
            "is it raining " + _D,
            "is it (supposed|meant|forecast) to " + _COND + " " + _D,
            {"sentences": ["is it snowing " + _D], "slots": {"condition": "snow"}},
            {
                "sentences": [
                    "(do|will|should) i (need|take|bring) [an|my|a] (umbrella|brolly) " + _D,
                    "((do|will) i need to|am i going to need [to]) (take|bring|carry) [an|my|a] "
                    "(umbrella|brolly) [with me] [to (work|school)] " + _D,
                    "(do|will|should) (we|the kids|they|he|she) (need|take|bring) [an|a] "
                    "(umbrella|umbrellas|brolly|raincoats) [to (school|work)|with (me|us|them)] "
                    + _D,
                    "is (rain|any rain|there rain) (expected|forecast|coming) " + _D,
                    "is there (rain|any rain) in the forecast [for] " + _D,
                    "(should|do) i (take|bring|need) a (raincoat|rain jacket) " + _D,
                    "what are the chances of rain " + _D,
                ],
                "slots": {"condition": "rain"},
            },
        ]
    ),
)
def weather_will_it(
    ctx: ToolContext,
    condition: Annotated[Condition, Field(description="what the user asks about")] = "rain",
    day: Day = "today",
    place: Place = None,
) -> str:
    """Answer yes or no: will it rain (snow, be sunny, ...) now, today or tomorrow."""
    _here_only(ctx, place)
    weather = _weather(ctx)
    found, when = _condition_day(weather, _day(day), ctx.now().date())
    words = found.lower().replace("-", " ").split()
    yes = any(w in CONDITION_WORDS[condition] for w in words)
    if when == "now":
        return f"{'Yes' if yes else 'No'}, it is {found} right now."
    if yes:
        return f"Yes, the forecast for {_spoken(when)} is {found}."
    expected = f"No {CONDITION_SPOKEN[condition]} expected {_spoken(when, 'on ')}"
    return f"{expected}: the forecast is {found}."


def _spoken(day: str, on: str = "") -> str:
    """'today', 'tomorrow', or a weekday as a name: 'Friday' ('on Friday')."""
    return day if day in ("today", "tomorrow", "now") else on + day.capitalize()


@plugin.tool(
    reads_only=True,
    lists=_DAYS,
    sentences=with_other_days(
        [
            "how (hot|warm|cold|cool) will it (get|be) " + _D,
            "how (hot|warm|cold|cool) is it (going to|gonna) (get|be) " + _D,
            "what (will|is) the temperature [going to] be " + _D,
            "what will be the temperature [out there|outside|like] " + _D,
            "what is the (high|low|maximum|minimum|max|min) [temperature] [for] " + _D,
            "what temperature will it be " + _D,
            "what is the (high|low) (going to|gonna) be " + _D,
            "what is the temperature (forecast|going to be) [for] " + _D,
            "will it be (hot|warm|cold|cool) " + _D,
            # Another town's ("will it be chilly in weldona?"): not known, and never the
            # home's figures.
            "(will|is) it [going to] be " + _FEEL + " (in|at) {text:place} " + _D,
            "(in|at) {text:place} (will|is) it [going to] be " + _FEEL + " " + _D,
            "what (will|is) the temperature [going to] be (in|at) {text:place} " + _D,
            "what is the temperature " + _DAY + " (in|at) {text:place}",
            "how " + _FEEL + " (will|is) it [going to] (get|be) (in|at) {text:place} " + _D,
        ]
    ),
)
def weather_temperature(
    ctx: ToolContext,
    day: Day = "today",
    place: Place = None,
) -> str:
    """Say the forecast high and low for today or tomorrow."""
    _here_only(ctx, place)
    weather = _weather(ctx)
    when = _day(day)
    if when == "now":
        return f"It is {number(weather.temperature)} degrees outside."
    item = _forecast(weather, when, ctx.now().date())
    return (
        f"{when.capitalize()} the high is {number(item.high)} "
        f"and the low is {number(item.low)} degrees."
    )


@plugin.tool(
    reads_only=True,
    kinds=["sensor"],
    sentences=[
        "what is the <temp> (outside|outdoors|out there|in the garden outside)",
        "what is the (outside|outdoor|outdoors|exterior) <temp>",
        "how (hot|warm|cold|cool|chilly) is it (outside|outdoors|out there|out)",
        "what temperature is it (outside|outdoors|out there)",
        "is it [very|really|super|so|too] (hot|warm|cold|cool|chilly|freezing)"
        " (outside|outdoors|out there|out)",
        "how many degrees is it (outside|outdoors|out)",
        "what is the temperature [right now|now|currently] outside",
        "temperature outside",
        # A remark on the day's weather with a tag asks for it, and orders no cooling:
        # "it is hot today, isn't it".
        "it is [very|so|really|quite|pretty] (hot|warm|cold|chilly|freezing|cool) "
        "(today|outside|out|out there) [is not it|is it not|right]",
        "temperature (now|right now)",
        "is it [currently|now] [very|really|so|too] " + _FEEL + " (in|at) {text:place}",
    ],
)
def weather_outside_temperature(
    ctx: ToolContext,
    place: Place = None,
) -> str:
    """Say the temperature outside (an outdoor sensor, else the weather service)."""
    _here_only(ctx, place)
    return outside_temperature(ctx)


_WEAR = "(wear|need|take|bring|put on|pack)"
_GARMENT = "{garment:garment}"


@plugin.tool(
    reads_only=True,
    lists={**_DAYS, "garment": {"values": garment_values()}},
    sentences=with_other_days(
        [
            "(should|do|will|must|shall) i " + _WEAR + " " + _GARMENT + " [with me] "
            "[to (work|school)] " + _D + " [or not]",
            "(do|will) i (need|have) to (wear|take|bring|put on) " + _GARMENT + " [with me] "
            "[to (work|school)] " + _D + " [or not]",
            "(am i|are we) going to need [to (wear|take|bring)] " + _GARMENT + " [with me] " + _D,
            "(can|could|should) i (wear|get away with) " + _GARMENT + " [out|outside] "
            "[while (shopping|out|walking|working)] [to (work|school)] " + _D,
            "will i be able to (wear|get away with) " + _GARMENT + " " + _D,
            "is it [going to be] [a] " + _GARMENT + " (day|weather) " + _D,
            {
                "sentences": [
                    "(is|will) it [be|going to be] too (cold|chilly) for " + _GARMENT + " " + _D,
                ],
                "slots": {"too_cold": True},
            },
        ]
    ),
)
def weather_clothing(
    ctx: ToolContext,
    garment: Annotated[str, Field(description="what to wear, e.g. 'jacket', 'shorts'")],
    day: Day = "today",
    too_cold: Annotated[bool, Field(description="asked whether it is too cold")] = False,
) -> str:
    """Say whether the weather calls for (or allows) a jacket, shorts, gloves, sunglasses."""
    weather = _weather(ctx)
    when = _day(day)
    if when == "now":
        reading = Reading("now", weather.condition, weather.temperature, weather.temperature)
    else:
        try:
            item = _forecast(weather, when, ctx.now().date())
            reading = Reading(when, item.condition, item.high, item.low)
        except ToolError:
            if when != "today":
                raise
            temp = weather.temperature
            reading = Reading("now", weather.condition, temp, temp)
    return advice(garment, reading, too_cold)


plugin.tool(reads_only=True, sentences=TIME_SENTENCES)(time_get)
plugin.tool(reads_only=True, sentences=DATE_SENTENCES)(date_get)
