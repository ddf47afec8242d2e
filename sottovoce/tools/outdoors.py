"""'The outdoor lights', 'all interior lights': the areas outside the house, or inside it.

A world file has no notion of outdoors; an area's name says it ("garden", "back
yard", "front porch"). "Outside"/"outdoor" stands for those areas, and
"inside"/"indoor"/"interior" for the rest, wherever a room may be said.
"""

from __future__ import annotations

from sottovoce.devices import World

OUTSIDE = frozenset({"outside", "outdoor", "outdoors", "exterior"})
INSIDE = frozenset({"inside", "indoor", "indoors", "interior"})
# Words that make an area one outside the house.
_OUTDOOR_WORDS = frozenset(
    "garden yard backyard patio porch deck terrace driveway balcony lawn veranda courtyard"
    " outside outdoors".split()
)


def is_outdoors(area: str) -> bool:
    """Whether an area's name says it is outside the house ("back garden", "front porch")."""
    return any(word in _OUTDOOR_WORDS for word in area.lower().split())


def side_areas(world: World, place: str) -> list[str] | None:
    """The areas "outside"/"inside" stand for (none outside when the home has no such area);
    None when `place` is neither word."""
    if place in OUTSIDE:
        return [a.name for a in world.areas if is_outdoors(a.name)]
    if place in INSIDE:
        return [a.name for a in world.areas if not is_outdoors(a.name)]
    return None


def side_words(world: World) -> list[str]:
    """The words for outside and inside, for a home that has areas on both sides."""
    outdoors = [a for a in world.areas if is_outdoors(a.name)]
    if not outdoors or len(outdoors) == len(world.areas):
        return []
    return sorted(OUTSIDE | INSIDE)
