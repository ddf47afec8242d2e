"""Which media player a media tool means: by name, alias or "it", by area, or the one playing."""

from __future__ import annotations

from sottovoce.devices import Device
from sottovoce.tools import ToolContext, ToolError, WhichOne
from sottovoce.tools.targets import PRONOUNS, find_devices, ids, of_kinds, phrase

KINDS = ["media_player"]


def find_players(
    ctx: ToolContext, name: str | None, area: str | None, busy_first: bool = False
) -> list[Device]:
    """The players meant; with neither name nor area, the one(s) where the user is."""
    if name is not None and name.strip().lower() in PRONOUNS:
        pointed = [i for i in ctx.referent if i in ctx.world.devices]
        if not any(ctx.world.devices[i].kind in KINDS for i in pointed):
            name = None  # "turn it up" with nothing said before means the music here
    if name is not None:
        # An alias such as "speaker" is also a kind word, which targets would read as
        # "the players here": an exact name wins.
        wanted = name.strip().lower()
        exact = [d for d in of_kinds(ctx, KINDS) if wanted in _spoken(d)]
        name = exact[0].id if len(exact) == 1 else name
    if name is not None or area is not None:
        return find_devices(ctx, KINDS, name, area)
    return _default(ctx, busy_first)


def _spoken(device: Device) -> set[str]:
    return {device.name.lower(), *(a.lower() for a in device.aliases)}


def _default(ctx: ToolContext, busy_first: bool) -> list[Device]:
    every = of_kinds(ctx, KINDS)
    # "Volume 30" right after "play Kishore Kumar on Dada's radio": the player just used.
    last = [d for d in every if d.id in ctx.referent]
    if last:
        ctx.touch(last)
        return last
    here = [d for d in every if ctx.area is not None and d.area == ctx.area]
    if here:
        found = here
    elif len(every) == 1:
        found = every
    else:
        # Nobody nearby: "pause the music" most likely means what is playing.
        playing = [d for d in every if d.state().get("status") == "playing"]
        if not every:
            raise ToolError("There is no media player here.")
        if not (busy_first and playing):
            raise WhichOne(f"Which media player? I know {phrase(every)}.", ids(every))
        found = playing
    ctx.touch(found)
    return found


def one_player(ctx: ToolContext, name: str | None, area: str | None) -> Device:
    """One player: several nearby but one playing means that one."""
    found = find_players(ctx, name, area, busy_first=True)
    busy = [d for d in found if d.state().get("status") == "playing"]
    if len(found) > 1 and len(busy) != 1:
        raise WhichOne(f"Which one? I know {phrase(found)}.", ids(found))
    return found[0] if len(found) == 1 else busy[0]


def now_playing(ctx: ToolContext, name: str | None, area: str | None) -> list[Device]:
    """The players named; else those playing where the user is, else all that are playing."""
    if name is not None or area is not None:
        return find_players(ctx, name, area)
    every = of_kinds(ctx, KINDS)
    busy = [d for d in every if d.state().get("status") == "playing"]
    here = [d for d in busy if ctx.area is not None and d.area == ctx.area]
    return here or busy
