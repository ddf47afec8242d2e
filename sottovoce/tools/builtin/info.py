"""Information: the weather (now, today, tomorrow), the outdoor temperature, the time and date."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from sottovoce.devices import Forecast, Weather
from sottovoce.tools import Plugin, ToolContext, ToolError
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
_DAY_LIST = {
    "values": [
        {"in": "(today|this morning|this afternoon|this evening|tonight|later)", "out": "today"},
        {"in": "tomorrow", "out": "tomorrow"},
        {"in": "(now|right now|at the moment|currently|outside)", "out": "now"},
    ]
}


def _weather(ctx: ToolContext) -> Weather:
    if ctx.world.weather is None:
        raise ToolError("I have no weather report.")
    return ctx.world.weather


def _forecast(weather: Weather, day: str) -> Forecast:
    wanted = day.strip().lower()
    for item in weather.forecast:
        if item.day.strip().lower() == wanted:
            return item
    raise ToolError(f"I have no forecast for {wanted}.")


def _day(day: str | None) -> str:
    text = (day or "now").strip().lower()
    return "now" if text in ("", "current", "currently", "right now") else text


@plugin.tool(
    reads_only=True,
    lists={"weather_day": _DAY_LIST},
    sentences=[
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
        "what is the (weather|forecast) [like|going to be [like]] (in|for) {text:place} [like] "
        + _D,
        "(how|what) is the weather in {text:place} " + _D,
        "(tell me|give me) the (weather|forecast) (in|for) {text:place} " + _D,
        # "What's the weather doing in Edinburgh", "will it be any better tomorrow".
        "what is the weather doing [now|right now|out there]",
        "what is the weather doing " + _DAY,  # "... doing tomorrow"
        "what is the weather going to do " + _D,
        "what is the weather doing (in|at) {text:place} " + _D,
        "(will|is) it [going to] be [any] (better|nicer|worse|drier|wetter|warmer|colder) " + _D,
    ],
)
def weather_get(
    ctx: ToolContext,
    day: Day = None,
    place: Annotated[str | None, Field(description="a town or city; none = here")] = None,
) -> str:
    """Describe the weather now, today or tomorrow."""
    _here_only(ctx, place)
    weather = _weather(ctx)
    when = _day(day)
    if when == "now":
        return f"It is {weather.condition} and {number(weather.temperature)} degrees."
    item = _forecast(weather, when)
    prefix = f"It is {weather.condition} and {number(weather.temperature)} degrees now. "
    text = (
        f"{when.capitalize()}: {item.condition}, with a high of {number(item.high)} "
        f"and a low of {number(item.low)} degrees."
    )
    return prefix + text if when == "today" else text


_HERE = frozenset({"here", "outside", "town", "the area", "my area", "our area", "home"})


def _here_only(ctx: ToolContext, place: str | None) -> None:
    """The world has one weather report, the home's: another town's is not known."""
    if place is None:
        return
    wanted = place.strip().lower().removeprefix("the ")
    city = ctx.world.location.city
    areas = {a.name.lower() for a in ctx.world.areas}
    if wanted in _HERE or wanted in areas or (city is not None and wanted == city.lower()):
        return
    where = f"for {city}" if city else "for here"
    raise ToolError(f"I only have the weather {where}, not for {place.strip()}.")


def _condition_day(weather: Weather, when: str) -> tuple[str, str]:
    """(condition, spoken day) for 'now', or a forecast day (today falls back to now)."""
    if when == "now":
        return weather.condition, "now"
    try:
        return _forecast(weather, when).condition, when
    except ToolError:
        if when == "today":
            return weather.condition, "today"
        raise


@plugin.tool(
    reads_only=True,
    lists={
        "weather_day": _DAY_LIST,
        "weather_condition": {
            "values": [
                {"in": "(rain|be rainy|shower|drizzle|pour)", "out": "rain"},
                {"in": "(snow|be snowy|sleet)", "out": "snow"},
                {"in": "(be sunny|be clear|be nice|be a nice day|be a sunny day)", "out": "sun"},
                {"in": "(be cloudy|be overcast|be grey|be gray)", "out": "clouds"},
                {"in": "(be windy|blow)", "out": "wind"},
                {"in": "(be stormy|storm|thunder|be a storm)", "out": "storm"},
            ]
        },
    },
    sentences=[
        "(will|is) it [going to|gonna] " + _COND + " " + _D,
        "(does|do) it (look|looks) like it (will|is going to) " + _COND + " " + _D,
        "is it raining " + _D,
        "is it (supposed|meant|forecast) to " + _COND + " " + _D,
        {"sentences": ["is it snowing " + _D], "slots": {"condition": "snow"}},
        {
            "sentences": [
                "(do|will|should) i (need|take|bring) [an|my|a] (umbrella|brolly) " + _D,
                "(do|will|should) (we|the kids|they|he|she) (need|take|bring) [an|a] "
                "(umbrella|umbrellas|brolly|raincoats) [to (school|work)|with (me|us|them)] " + _D,
                "is (rain|any rain|there rain) (expected|forecast|coming) " + _D,
                "is there (rain|any rain) in the forecast [for] " + _D,
                "(should|do) i (take|bring|need) a (raincoat|rain jacket) " + _D,
                "what are the chances of rain " + _D,
            ],
            "slots": {"condition": "rain"},
        },
    ],
)
def weather_will_it(
    ctx: ToolContext,
    condition: Annotated[Condition, Field(description="what the user asks about")] = "rain",
    day: Day = "today",
) -> str:
    """Answer yes or no: will it rain (snow, be sunny, ...) now, today or tomorrow."""
    weather = _weather(ctx)
    found, when = _condition_day(weather, _day(day))
    words = found.lower().replace("-", " ").split()
    yes = any(w in CONDITION_WORDS[condition] for w in words)
    if when == "now":
        return f"{'Yes' if yes else 'No'}, it is {found} right now."
    if yes:
        return f"Yes, the forecast for {when} is {found}."
    return f"No {CONDITION_SPOKEN[condition]} expected {when}: the forecast is {found}."


@plugin.tool(
    reads_only=True,
    lists={"weather_day": _DAY_LIST},
    sentences=[
        "how (hot|warm|cold|cool) will it (get|be) " + _D,
        "how (hot|warm|cold|cool) is it (going to|gonna) (get|be) " + _D,
        "what (will|is) the temperature [going to] be " + _D,
        "what is the (high|low|maximum|minimum|max|min) [temperature] [for] " + _D,
        "what temperature will it be " + _D,
        "what is the (high|low) (going to|gonna) be " + _D,
        "what is the temperature (forecast|going to be) [for] " + _D,
        "will it be (hot|warm|cold|cool) " + _D,
    ],
)
def weather_temperature(ctx: ToolContext, day: Day = "today") -> str:
    """Say the forecast high and low for today or tomorrow."""
    weather = _weather(ctx)
    when = _day(day)
    if when == "now":
        return f"It is {number(weather.temperature)} degrees outside."
    item = _forecast(weather, when)
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
    ],
)
def weather_outside_temperature(ctx: ToolContext) -> str:
    """Say the temperature outside (an outdoor sensor, else the weather service)."""
    return outside_temperature(ctx)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken_time(when: datetime) -> str:
    """'8:30 AM', '12:05 PM'."""
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def spoken_date(when: datetime) -> str:
    """'Monday, June 1st'."""
    return f"{when:%A}, {when:%B} {_ordinal(when.day)}"


@plugin.tool(
    reads_only=True,
    sentences=[
        "what time is it [now|right now]",
        "what is the [current] time [now|right now]",
        "(tell me|give me) the time",
        "do you (have|know) the time",
        "(what|how) late is it",
        "time",
        "what is the time (now|please)",
        "have you [got] the time",
        # Singapore and Indian English: "what time now?", "now what time?"
        "what time now",
        "now what time",
    ],
)
def time_get(ctx: ToolContext) -> str:
    """Say the current time."""
    return f"It is {spoken_time(ctx.now())}."


@plugin.tool(
    reads_only=True,
    sentences=[
        "what is the date [today|now]",
        "what is (today|todays|today's|today s|today is) date",
        "what day is it [today|now]",
        "what day is (today|it today)",
        # "Is it Saturday today?": the day says whether it is.
        "is (it|today) [a] (monday|tuesday|wednesday|thursday|friday|saturday|sunday) [today]",
        "what is (today|the day)",
        "(what|which) day of the week is (it [today]|today)",
        "(tell me|give me) the date",
        "what is the date (today|of today)",
        "(what|which) date is (it|today) [today]",
        "(what|which) (date|day) is it",
        "what month is it",
        "today what (day|date)",  # "today what day ah?" (Singapore English)
        "what (day|date) today",
    ],
)
def date_get(ctx: ToolContext) -> str:
    """Say today's date."""
    return f"It is {spoken_date(ctx.now())}."
