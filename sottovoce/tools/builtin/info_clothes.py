"""What to wear for the weather: "do I need a jacket today", "can I wear shorts", "gloves tonight?".

People ask the weather through what they will wear. The answer is yes or no with
the forecast it rests on, from a few plain rules (degrees Celsius):

- warm layers (jacket, coat, sweater, ...): needed below 18, or below 22 when wet;
- winter things (gloves, scarf, ...): needed when the low is under 5 or the high under 10;
- summer things (shorts, a dress, sandals, ...): fine from 22 when it is dry;
- sun things (sunglasses, sun cream): when it is sunny or clear.

The weather itself comes from the info plugin (`Reading`); this module only judges it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sottovoce.tools.builtin.sensors import number

Kind = Literal["warm", "winter", "summer", "sun"]

GARMENTS: dict[Kind, tuple[str, ...]] = {
    "warm": ("jacket", "coat", "sweater", "jumper", "hoodie", "cardigan", "fleece",
             "warm clothes", "layers", "long sleeves"),
    "winter": ("gloves", "scarf", "mittens", "beanie", "woolly hat", "winter coat",
               "thermals", "boots", "winter boots"),
    "summer": ("shorts", "t shirt", "tshirt", "t shirts", "sandals", "dress", "skirt",
               "flip flops", "short sleeves", "summer clothes", "tank top", "swimsuit"),
    "sun": ("sunglasses", "sun glasses", "sun cream", "sunscreen", "sun screen",
            "sun hat", "sunhat"),
}  # fmt: skip
_WET = ("rain", "shower", "drizzle", "storm", "thunder", "snow", "sleet")
_SUNNY = ("sun", "clear", "fair")


@dataclass(frozen=True)
class Reading:
    """The weather of the asked time: its condition, and the high and low (equal for now)."""

    when: str  # "now", "today", "tomorrow" or a weekday
    condition: str
    high: float
    low: float


def kind_of(garment: str) -> Kind:
    """Which of the four kinds a garment (as the grammar's list wrote it) is."""
    for kind, names in GARMENTS.items():
        if garment in names:
            return kind
    return "warm"


def garment_values() -> list[dict[str, str]]:
    """The garments as a slot list: 'a jacket', 'my gloves', 'some shorts' -> the garment."""
    names = {name for names in GARMENTS.values() for name in names}
    return [{"in": f"[a|an|my|some|the] {name}", "out": name} for name in sorted(names)]


def suits(kind: Kind, reading: Reading) -> bool:
    """Whether the weather calls for (warm, winter, sun) or allows (summer) that kind."""
    words = reading.condition.lower()
    wet = any(w in words for w in _WET)
    if kind == "warm":
        return reading.high < 18 or (wet and reading.high < 22)
    if kind == "winter":
        return reading.low < 5 or reading.high < 10
    if kind == "summer":
        return reading.high >= 22 and not wet
    return any(w in words for w in _SUNNY) and not wet


def advice(garment: str, reading: Reading, too_cold: bool = False) -> str:
    """'Yes, take a jacket: tomorrow rain, high 19, low 14 degrees.' and the like."""
    kind = kind_of(garment)
    fits = suits(kind, reading)
    basis = _basis(reading)
    if too_cold:  # "is it too cold for a dress": yes when a summer thing does not fit
        if fits:
            return f"No, it should be warm enough for {_a(garment)}: {basis}."
        return f"Yes, it will be too cold for {_a(garment)}: {basis}."
    if kind == "summer":
        verdict = "Yes, it is warm enough" if fits else "I wouldn't: it is not warm enough"
        return f"{verdict} for {_a(garment)}: {basis}."
    if fits:
        return f"Yes, take {_a(garment)}: {basis}."
    return f"No, you won't need {_a(garment)}: {basis}."


def _basis(reading: Reading) -> str:
    if reading.when == "now":
        return f"it is {reading.condition} and {number(reading.high)} degrees now"
    day = reading.when.capitalize() if reading.when not in ("today", "tomorrow") else reading.when
    return (
        f"the forecast for {day} is {reading.condition}, with a high of {number(reading.high)} "
        f"and a low of {number(reading.low)} degrees"
    )


def _a(garment: str) -> str:
    plural = garment.endswith("s") and not garment.endswith("ss")
    if plural or garment in ("sun cream", "sunscreen", "sun screen", "warm clothes"):
        return garment
    return f"{'an' if garment[0] in 'aeiou' else 'a'} {garment}"
