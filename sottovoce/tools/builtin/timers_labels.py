"""Which timer is meant: by its label or its original duration, near misses allowed."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.timers_records import Timer, load_timers
from sottovoce.tools.builtin.timers_spoken import duration_adjective, timers_phrase

NO_TIMERS = "You have no timers running."
LABEL_CUTOFF = 80.0


# A label ending in one of these is the request ("never mind cancel the timer").
_REQUEST_VERBS = frozenset(
    "set start create make put give cancel stop pause resume delete remove clear".split()
)


def clean_label(label: str | None) -> str | None:
    """'The Eggs timer' -> 'eggs'; None when nothing but filler words remain."""
    if label is None:
        return None
    words = label.lower().split()
    # "Also set a chicken (timer)": the request said before the label is no part of it.
    for k in range(len(words) - 2, -1, -1):
        if words[k] in _REQUEST_VERBS and words[k + 1] in ("a", "an", "the", "my"):
            words = words[k + 2 :]
            break
    # "in"/"and": how speech recognition often hears a quick "an" ("set in egg timer").
    while words and words[0] in ("the", "a", "an", "in", "and", "my", "that", "this", "one"):
        words = words[1:]
    while words and words[-1] in ("timer", "timers", "one"):
        words = words[:-1]
    # "can you like set a (timer)": the request itself, not what the timer is for.
    while words and words[-1] in ("a", "an", "the", "my"):
        words = words[:-1]
    if words and words[-1] in _REQUEST_VERBS:
        return None
    if words in (["it"], ["them"]):
        return None  # "how long is left on it": the timer talked about, not one called "it"
    return " ".join(words) or None


def _as_duration(label: str) -> float | None:
    """A label that is really a duration ("600 seconds") as seconds."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?) seconds?", label)
    return float(match.group(1)) if match else None


def matching_timers(ctx: ToolContext, label: str | None, seconds: float | None) -> list[Timer]:
    """The timers a label and/or duration names (all of them if neither is given)."""
    timers = load_timers(ctx.records)
    if not timers:
        raise ToolError(NO_TIMERS)
    label = clean_label(label)
    if label is not None and seconds is None:
        seconds = _as_duration(label)
        label = None if seconds is not None else label
    if label is not None:
        return _by_label(timers, label)
    if seconds is not None:
        found = [t for t in timers if t.duration_s == round(seconds)]
        if not found:
            raise ToolError(f"You have no {duration_adjective(seconds)} timer.")
        return found
    return timers


def _by_label(timers: list[Timer], label: str) -> list[Timer]:
    """Timers by label; an unlabelled one answers to its duration ("10 minute")."""
    names = {id(t): t.label or duration_adjective(t.duration_s) for t in timers}
    exact = [t for t in timers if names[id(t)] == label]
    if exact:
        return exact
    spoken = sorted(set(names.values()))
    best = process.extractOne(label, spoken, scorer=fuzz.ratio, score_cutoff=LABEL_CUTOFF)
    if best is None:
        raise ToolError(f"You have no {label} timer.")
    return [t for t in timers if names[id(t)] == best[0]]


def one_timer(
    ctx: ToolContext,
    label: str | None,
    seconds: float | None,
    prefer: bool | None = None,
) -> Timer:
    """The single timer meant; `prefer` (a paused flag) narrows an unnamed choice."""
    found = matching_timers(ctx, label, seconds)
    if len(found) > 1 and prefer is not None:
        fitting = [t for t in found if t.paused == prefer]
        found = fitting or found
    if len(found) > 1:
        raise ToolError(f"Which timer? You have {timers_phrase(found)}.")
    return found[0]
