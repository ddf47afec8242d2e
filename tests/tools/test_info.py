"""Tests for the weather, outdoor temperature, time and date tools."""

from __future__ import annotations

from typing import Any

import pytest
from hassil import parse_sentence

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import info

WEATHER = {
    "current": {"condition": "cloudy", "temperature": 16},
    "forecast": [
        {"day": "today", "condition": "partly cloudy", "high": 21, "low": 13},
        {"day": "tomorrow", "condition": "light showers", "high": 17.5, "low": 12},
    ],
}


def make_world(**extra: Any) -> World:
    data: dict[str, Any] = {
        "name": "test",
        "clock": "2026-06-01T08:30:00",
        "areas": ["kitchen", "garden"],
        **extra,
    }
    return parse_world(data, "test.yaml", virtual=True)


def ctx_for(world: World) -> ToolContext:
    return ToolContext(world=world, area="kitchen")


def test_sentences_compile() -> None:
    for tool in info.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                parse_sentence(text)


def test_weather_now_today_tomorrow() -> None:
    ctx = ctx_for(make_world(weather=WEATHER))
    assert info.weather_get(ctx) == "It is cloudy and 16 degrees."
    assert "partly cloudy, with a high of 21 and a low of 13" in info.weather_get(ctx, "today")
    assert info.weather_get(ctx, "tomorrow") == (
        "Tomorrow: light showers, with a high of 17.5 and a low of 12 degrees."
    )
    with pytest.raises(ToolError, match="no forecast for friday"):
        info.weather_get(ctx, "friday")


def test_will_it_rain() -> None:
    ctx = ctx_for(make_world(weather=WEATHER))
    assert info.weather_will_it(ctx, "rain", "tomorrow").startswith("Yes")
    assert info.weather_will_it(ctx, "rain", "today").startswith("No")
    assert info.weather_will_it(ctx, "rain", "now").startswith("No")
    assert info.weather_will_it(ctx, "clouds", "today").startswith("Yes")


def test_how_hot_tomorrow() -> None:
    ctx = ctx_for(make_world(weather=WEATHER))
    assert info.weather_temperature(ctx, "tomorrow") == (
        "Tomorrow the high is 17.5 and the low is 12 degrees."
    )


def test_no_weather() -> None:
    ctx = ctx_for(make_world())
    with pytest.raises(ToolError, match="I have no weather report."):
        info.weather_get(ctx)
    with pytest.raises(ToolError, match="I have no weather report."):
        info.weather_will_it(ctx)
    with pytest.raises(ToolError):
        info.weather_outside_temperature(ctx)


def test_outside_temperature_from_weather_or_sensor() -> None:
    assert info.weather_outside_temperature(ctx_for(make_world(weather=WEATHER))) == (
        "It is 16 degrees outside."
    )
    sensor = {
        "id": "sensor.garden",
        "kind": "sensor",
        "name": "garden temperature",
        "area": "garden",
        "state": {"value": 14.5, "unit": "°C"},
    }
    world = make_world(weather=WEATHER, devices=[sensor])
    assert info.weather_outside_temperature(ctx_for(world)) == "It is 14.5 degrees outside."


def test_time_and_date() -> None:
    ctx = ctx_for(make_world())
    assert info.time_get(ctx) == "It is 8:30 AM."
    assert info.date_get(ctx) == "It is Monday, June 1st."
    world = make_world(clock="2026-12-22T00:05:00")
    assert info.time_get(ctx_for(world)) == "It is 12:05 AM."
    assert info.date_get(ctx_for(world)) == "It is Tuesday, December 22nd."
    world = make_world(clock="2026-03-13T17:45:00")
    assert info.time_get(ctx_for(world)) == "It is 5:45 PM."
    assert info.date_get(ctx_for(world)) == "It is Friday, March 13th."


def test_a_forecast_day_is_found_however_the_world_wrote_it() -> None:
    # Monday 1 June: "tuesday" is tomorrow's forecast; "thursday" and "2026-06-05" are
    # written by weekday and by date.
    weather = {
        "current": WEATHER["current"],
        "forecast": [
            *WEATHER["forecast"],
            {"day": "thursday", "condition": "sunny", "high": 25, "low": 15},
            {"day": "2026-06-05", "condition": "thunderstorms", "high": 19, "low": 11},
        ],
    }
    ctx = ctx_for(make_world(weather=weather))
    assert info.weather_get(ctx, "tuesday").startswith("Tuesday: light showers")
    assert info.weather_get(ctx, "thursday").startswith("Thursday: sunny")
    assert info.weather_will_it(ctx, "storm", "friday") == (
        "Yes, the forecast for Friday is thunderstorms."
    )
    assert info.weather_will_it(ctx, "rain", "thursday").startswith("No rain expected on Thursday")
    with pytest.raises(ToolError, match="no forecast for saturday"):
        info.weather_temperature(ctx, "saturday")


def test_what_to_wear_follows_the_forecast() -> None:
    ctx = ctx_for(make_world(weather=WEATHER))  # today 21/13 partly cloudy, tomorrow showers
    assert info.weather_clothing(ctx, "jacket", "tomorrow").startswith("Yes, take a jacket")
    assert info.weather_clothing(ctx, "jacket", "today").startswith("No, you won't need a jacket")
    assert info.weather_clothing(ctx, "gloves", "tomorrow").startswith("No")
    assert info.weather_clothing(ctx, "shorts", "tomorrow").startswith("I wouldn't")
    assert info.weather_clothing(ctx, "dress", "tomorrow", too_cold=True).startswith(
        "Yes, it will be too cold for a dress"
    )
    assert "16 degrees now" in info.weather_clothing(ctx, "sunglasses", "now")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what is the weather like on friday", "weather_get", {"day": "friday"}),
        ("what is tomorrows weather forecast", "weather_get", {"day": "tomorrow"}),
        ("let me know the time", "time_get", {}),
        ("can i have today's date", "date_get", {}),
        ("is today a sunny day", "weather_will_it", {"condition": "sun"}),
        ("do i need a jacket today", "weather_clothing", {"garment": "jacket", "day": "today"}),
        (
            "is it too cold for shorts on sunday",
            "weather_clothing",
            {"garment": "shorts", "day": "sunday", "too_cold": True},
        ),
        ("it is hot today is not it", "weather_outside_temperature", {}),
        ("what is the weather like tomorrow", "weather_get", {"day": "tomorrow"}),
        ("will it rain tomorrow", "weather_will_it", {"condition": "rain", "day": "tomorrow"}),
        ("do i need an umbrella", "weather_will_it", {"condition": "rain"}),
        ("what is the temperature outside", "weather_outside_temperature", {}),
        ("what time is it", "time_get", {}),
        ("what day is it today", "date_get", {}),
        # Another town named anywhere in the question reaches the tool, never dropped.
        ("tell me the weather forecast for gibsland", "weather_get", {"place": "gibsland"}),
        ("i need the weather in wakarusa", "weather_get", {"place": "wakarusa"}),
        (
            "will it rain in london tomorrow",
            "weather_will_it",
            {"condition": "rain", "place": "london", "day": "tomorrow"},
        ),
        (
            "in morgan mill will it be sunny",
            "weather_will_it",
            {"condition": "sun", "place": "morgan mill"},
        ),
        ("is it sunny in madrid", "weather_will_it", {"condition": "sun", "place": "madrid"}),
        ("will it be chilly in weldona", "weather_temperature", {"place": "weldona"}),
        (
            "is it currently cold in elsmore luxembourg",
            "weather_outside_temperature",
            {"place": "elsmore luxembourg"},
        ),
    ],
)
def test_grammar_routes(text: str, tool: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([info.plugin]), make_world(weather=WEATHER))
    call = grammar.match(text)
    assert call is not None and (call.tool, call.args) == (tool, args)


def test_weather_of_another_town_is_not_known() -> None:
    ctx = ctx_for(make_world(weather=WEATHER, location={"city": "Leeds"}))
    assert info.weather_get(ctx, place="leeds") == "It is cloudy and 16 degrees."
    assert info.weather_get(ctx, place="here") == "It is cloudy and 16 degrees."
    with pytest.raises(ToolError, match="only have the weather for Leeds, not for paris"):
        info.weather_get(ctx, place="paris")
    with pytest.raises(ToolError, match="not for london"):
        info.weather_will_it(ctx, "rain", "tomorrow", place="london")
    with pytest.raises(ToolError, match="not for weldona"):
        info.weather_temperature(ctx, place="weldona")
    with pytest.raises(ToolError, match="not for griffin"):
        info.weather_outside_temperature(ctx, place="griffin")
    for here in ("my current location", "our current position", "where i am", "the weekend"):
        assert info.weather_will_it(ctx, "rain", place=here).startswith("No rain")


def test_the_current_temperature_in_a_home_without_a_thermostat_is_the_weathers() -> None:
    from sottovoce.tools.builtin import climate

    ctx = ctx_for(make_world(weather=WEATHER))
    assert climate.climate_status(ctx) == "It is 16 degrees outside."
    with pytest.raises(ToolError):
        climate.climate_status(ctx, name="hall thermostat")
