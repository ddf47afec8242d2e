"""Media templates for the volume said colloquially: extremes and steps by a number."""

from __future__ import annotations

_PLAYER = "[the] {media_player:name}"
_VOL = "[the] (volume|sound|music)"
_PUSH = "(turn|crank|bump|knock|nudge|push|put|set|whack)"


def volume_ends(way: str) -> list[str]:
    """'Crank the volume all the way up', 'turn the radio down as low as it goes'."""
    goes = "(possible|it goes|it will go|it can go)"
    if way == "up":
        end = f"[up] (all the way [up]|as (loud|high) as {goes}|to the (max|maximum|top)|"
        end += "(to|on) (full blast|full volume|maximum|max))"
    else:
        end = f"[down] (all the way [down]|as (quiet|low) as {goes}|to the (min|minimum)|"
        end += "to (minimum|min))"
    return [
        f"{_PUSH} {_VOL} {end} [(on|of) {_PLAYER}]",
        f"{_PUSH} {_VOL} {end} in [the] {{area}}",
        f"{_PUSH} ({_PLAYER}|{{ref:name}}) {end}",
        f"{_PUSH} {way} {_VOL} {end.removeprefix(f'[{way}] ')}",
    ]


def volume_steps(way: str) -> list[str]:
    """'Crank the radio up 20 percent', 'knock the volume down by 10', 'bump up the radio'."""
    push = "(turn|crank|bump|knock|nudge|push|whack)"
    by = "[by] {percent:step} [percent]"
    what = f"({_VOL}|{_PLAYER})"
    return [
        f"{push} {what} {way} {by}",
        f"{push} {way} {what} {by}",
        f"{push} {what} {way} [(on|of) {_PLAYER}]",
        f"{push} {way} {what}",
        f"{push} {_VOL} {way} {by} (on|of) {_PLAYER}",
        f"{push} {_VOL} {way} [{by}] in [the] {{area}}",
    ]
