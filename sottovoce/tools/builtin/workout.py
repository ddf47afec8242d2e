"""Workout and watch: start and stop a run, ride or walk; heart rate, pace, watch battery.

The workout being tracked is the plugin's record `workout`: {"active": bool,
"kind": "run"|"ride"|"walk"|None, "started": ISO local time or None}.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from sottovoce.tools import Plugin, ToolContext, ToolError

plugin = Plugin("workout", "Track a run, ride or walk on the watch; heart rate, pace, battery.")
log = logging.getLogger(__name__)

Kind = Literal["run", "ride", "walk"]
NOUNS: dict[str, str] = {"run": "run", "ride": "ride", "walk": "walk"}

_KIND_LIST = {
    "values": [
        {"in": "(run|running|jog|jogging|runs)", "out": "run"},
        {
            "in": "(ride|riding|bike ride|bike|biking|cycle|cycling|bicycle ride|bike workout)",
            "out": "ride",
        },
        {"in": "(walk|walking|hike|hiking|stroll)", "out": "walk"},
    ]
}
_TRACK = "[so|and|please] (start tracking|track it|track this|record it|start recording) [it]"
_WORKOUT = "[workout|session|exercise|activity|tracking]"
_WATCH = " [(on|with) [my|the] watch]"
_THING = "(workout|exercise|session|activity|training|run|ride|walk|jog|bike ride|tracking)"


@dataclass(frozen=True)
class Workout:
    """The workout being tracked, if any."""

    active: bool = False
    kind: str | None = None
    started: datetime | None = None


def _decode(value: Any) -> Workout | None:
    """The workout a record holds, or None when it has the wrong shape."""
    if not isinstance(value, dict):
        return None
    active, kind, started = value.get("active"), value.get("kind"), value.get("started")
    if not isinstance(active, bool) or not isinstance(kind, str | None):
        return None
    if started is None:
        return Workout(active, kind)
    try:
        when = datetime.fromisoformat(started)
    except (TypeError, ValueError):
        return None
    # Local times are naive: one with a zone cannot be set against the clock.
    return Workout(active, kind, when) if when.tzinfo is None else None


def stored_workout(ctx: ToolContext) -> Workout:
    """The workout kept in the records (none tracked when absent or damaged)."""
    value = ctx.records.get("workout")
    if value is None:
        return Workout()
    found = _decode(value)
    if found is None:
        log.warning("plugin %s, record workout: skipping %.80r", ctx.plugin, value)
        return Workout()
    return found


def _save(ctx: ToolContext, workout: Workout) -> None:
    started = workout.started.isoformat() if workout.started is not None else None
    ctx.records["workout"] = {"active": workout.active, "kind": workout.kind, "started": started}


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return "less than a minute"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@plugin.tool(
    lists={"workout_kind": _KIND_LIST},
    sentences=[
        "(start|begin) [a|an|my|the] {workout_kind:kind} " + _WORKOUT + _WATCH,
        "(start|begin) (tracking|recording|logging) [a|my|the] {workout_kind:kind}" + _WATCH,
        "(track|record|log) [a|my|this] {workout_kind:kind}" + _WATCH,
        "i am (going|heading|off) [out] (for|on) a {workout_kind:kind} [" + _TRACK + "]",
        "i am going [out] {workout_kind:kind} [" + _TRACK + "]",
        "(let us|lets) (go for|start) a {workout_kind:kind}",
        "i am (starting|about to start|doing) [a|my] {workout_kind:kind}" + _WATCH,
        "(start|begin) [a|my|the] (workout|exercise|training) [session]" + _WATCH,
        "(start|begin) (tracking|recording|logging) [a|my|the] (workout|exercise)" + _WATCH,
        "(tell|get) [my|the] watch to (track|record|start) [a|my] {workout_kind:kind}",
        "(going|heading|off) (for|on) a {workout_kind:kind} [" + _TRACK + "]",
        "time for (a|my) {workout_kind:kind} [" + _TRACK + "]",
    ],
)
def workout_start(
    ctx: ToolContext,
    kind: Annotated[Kind | None, Field(description="run, ride (cycling) or walk")] = None,
) -> str:
    """Start tracking a run, ride or walk on the watch."""
    current = stored_workout(ctx)
    what = f"a {NOUNS[kind]}" if kind else "a workout"
    if current.active and current.kind == kind:
        return f"You are already tracking {what}."
    switched = f" instead of your {current.kind or 'workout'}" if current.active else ""
    _save(ctx, Workout(active=True, kind=kind, started=ctx.now()))
    return f"Tracking {what}{switched}. Have fun!"


@plugin.tool(
    sentences=[
        "(stop|end|finish|pause|cancel) [my|the|this] " + _THING,
        "(stop|end) (tracking|recording|logging) [my|the|this] [" + _THING + "]",
        "i am (done|finished) [running|riding|cycling|walking|with my " + _THING + "]",
        "(workout|run|ride|walk) (over|done|finished)",
        "(save|complete) [my|the] " + _THING,
    ],
)
def workout_stop(ctx: ToolContext) -> str:
    """Stop the workout being tracked."""
    current = stored_workout(ctx)
    if not current.active:
        return "No workout is being tracked."
    what = current.kind or "workout"
    took = ""
    if current.started is not None:
        took = f" after {_minutes((ctx.now() - current.started).total_seconds())}"
    _save(ctx, Workout())
    return f"Your {what} has ended{took}."


@plugin.section("workout")
def workout_section(ctx: ToolContext) -> dict[str, Any]:
    """Whether a workout is tracked, and its kind."""
    current = stored_workout(ctx)
    return {"active": current.active, "kind": current.kind}


def _wearable(ctx: ToolContext, key: str, what: str) -> float:
    value = ctx.world.wearable.get(key)
    if value is None:
        raise ToolError(f"Your watch is not reporting {what}.")
    return float(value)


@plugin.tool(
    reads_only=True,
    sentences=[
        "what is my [current] (heart rate|pulse|heartbeat|bpm|heart beat)",
        "how fast is my (heart|pulse) [beating|going|racing]",
        "(check|measure|read) my (heart rate|pulse|heartbeat|heart beat)",
        "(tell me|give me) my (heart rate|pulse)",
        "(heart rate|pulse)",
        "how (many beats|fast) is my heart [beating|going]",
    ],
)
def watch_heart_rate(ctx: ToolContext) -> str:
    """Say the heart rate the watch measures."""
    rate = _wearable(ctx, "heart_rate", "a heart rate")
    return f"Your heart rate is {round(rate)} beats per minute."


def spoken_pace(minutes_per_km: float) -> str:
    """5.4 -> '5 minutes 24 seconds per kilometre'."""
    total = round(minutes_per_km * 60)
    minutes, seconds = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if seconds or not minutes:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts) + " per kilometre"


@plugin.tool(
    reads_only=True,
    sentences=[
        "what is my [current|average] (pace|speed)",
        "how fast am i (running|going|moving|riding|walking|cycling)",
        "(tell me|give me|check) my (pace|speed)",
        "[my] pace",
        "what pace am i (running|going) [at]",
    ],
)
def watch_pace(ctx: ToolContext) -> str:
    """Say the current pace from the watch."""
    pace = _wearable(ctx, "pace_min_per_km", "a pace")
    if pace <= 0:
        raise ToolError("Your watch is not reporting a pace.")
    minutes, seconds = divmod(round(pace * 60), 60)
    # Said in words for the voice, with the watch's own "5:24" for anyone reading.
    return f"Your pace is {spoken_pace(pace)} ({minutes}:{seconds:02d})."


@plugin.tool(
    reads_only=True,
    sentences=[
        "how much battery (does|has) [my|the] watch [have|got] [left]",
        "how much battery is left [on|in] [my|the] watch",
        "what is [the|my] [watch] battery [level|at]",
        "what is [the] battery [level] (on|of) [my|the] watch",
        "[my|the] watch battery [level]",
        "how (full|charged) is [my|the] watch [battery]",
        "is [my|the] watch battery (low|ok|okay|full)",
        "(check|tell me) [my|the] watch battery [level]",
        "does [my|the] watch need (charging|to be charged)",
    ],
)
def watch_battery(ctx: ToolContext) -> str:
    """Say the watch's battery level."""
    level = _wearable(ctx, "battery", "its battery level")
    return f"Your watch battery is at {round(level)} percent."
