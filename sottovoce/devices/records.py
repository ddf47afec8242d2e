"""The plain records a world file describes besides its devices.

Areas, contacts, scenes, media, weather and location: data that tools read, never
write, so they are simple dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Area:
    """A room or zone of the home, possibly on a named floor."""

    name: str
    floor: str | None = None


@dataclass
class Contact:
    """Someone the phone or watch can message or call."""

    name: str
    phone: str = ""


@dataclass
class Scene:
    """A named set of device writes applied together: device id -> attributes."""

    name: str
    sets: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class MediaItem:
    """Something a media player can be asked to play."""

    title: str
    kind: str
    artist: str | None = None


@dataclass
class Forecast:
    """One day of the simulated weather forecast (degrees Celsius)."""

    day: str
    condition: str
    high: float
    low: float


@dataclass
class Weather:
    """What the simulated weather service reports (degrees Celsius)."""

    condition: str
    temperature: float
    forecast: list[Forecast] = field(default_factory=list)


@dataclass
class Location:
    """Where the home is: a city for the weather, a timezone for the clock."""

    city: str | None = None
    timezone: str | None = None


def find_area(areas: Iterable[Area], name: str) -> Area | None:
    """The area called `name`, ignoring case and surrounding spaces, or None."""
    wanted = " ".join(name.split()).casefold()
    return next((a for a in areas if a.name.casefold() == wanted), None)
