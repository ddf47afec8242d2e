"""Timers: start, cancel, pause, resume, add or take off time, and ask what is left.

Timers live in the plugin's own records (`timers_records`), one per timer. Its due
check (`timers_done`, a `@plugin.due` like any plugin's) takes out the ones that
ended and says `announce_timer(timer)`; its snapshot section is "timers".
Every duration reaches the sentences as "<N> seconds" (the agent normalizes
"10 minutes" to "600 seconds"), so templates say `{duration_s:seconds} seconds`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin.timers_change import (
    ADD_TIME_SENTENCES,
    NAMED,
    REMOVE_TIME_SENTENCES,
    THE,
    Label,
    Seconds,
    timer_add_time,
    timer_remove_time,
)
from sottovoce.tools.builtin.timers_labels import NO_TIMERS, clean_label, matching_timers, one_timer
from sottovoce.tools.builtin.timers_records import (
    Timer,
    delete_timer,
    load_timers,
    save_timer,
)
from sottovoce.tools.builtin.timers_spoken import (
    capitalized,
    speak_duration,
    time_left,
    timer_name,
    timer_state,
)

plugin = Plugin("timers", "Kitchen-style countdown timers, with optional labels.")
OptSeconds = Annotated[
    float | None, Field(description="the timer's original duration in seconds", gt=0)
]

# Verb groups shared by several templates.
CANCEL = (
    "(cancel|stop|delete|remove|clear|end|kill|dismiss|turn off|switch off|shut off|forget"
    "|get rid of|scrap|ditch)"
)
PAUSE = "(pause|hold|freeze|suspend|halt)"
RESUME = "(resume|continue|unpause|un pause|restart|unfreeze|carry on)"
# "call": speech recognition often drops a final "-ed" ("a timer call roast").
LEFT = "(is left|left|remaining|is remaining|remains|to go)"


def announce_timer(timer: Timer) -> str:
    """What to say when a timer ends: "Your eggs timer is done."."""
    return f"Your {timer_name(timer)} is done."


@plugin.due
def timers_done(ctx: ToolContext) -> list[str]:
    """The timers that ended: taken out of the records and announced, first ended first."""
    now = ctx.now()
    timers = load_timers(ctx.records)
    ended = [t for t in timers if not t.paused and t.ends_at is not None and t.ends_at <= now]
    for timer in ended:
        delete_timer(ctx.records, timer)
    ended.sort(key=lambda t: (t.ends_at or now, t.id))
    return [announce_timer(timer) for timer in ended]


@plugin.section("timers")
def timers_section(ctx: ToolContext) -> list[dict[str, Any]]:
    """The timers as the world's snapshot shows them, by id."""
    now = ctx.now()
    return [
        {
            "label": t.label,
            "duration_s": t.duration_s,
            "remaining_s": round(t.remaining(now)),
            "paused": t.paused,
        }
        for t in load_timers(ctx.records)
    ]


def _start_sentences() -> list[str]:
    make = "(set|start|create|make|put on|begin|add|keep)"  # "keep a timer" (Indian English)
    # "another timer", "a second timer": one more besides those running.
    a = "[a|an|the|my|another|one more|a second|a third|one|a new] [new|other|extra]"
    secs = "{duration_s:seconds} seconds"
    put = "(put|stick|pop|chuck|whack)"  # "chuck a timer on for the snags"
    label = NAMED + " [the|my] {text:label}"
    return [
        f"{make} {a} timer (for|of|at) {secs}",
        f"{make} {a} {secs} timer",
        f"{a} {secs} timer",
        f"{a} {secs} timer {label}",  # "and a 3 minute timer for the tea"
        # "Put a timer on for the roast for 1 hour 20 minutes", "... for the snags, 12 minutes".
        f"{put} {a} timer on {label} (for|of) {secs}",
        f"{put} {a} timer on (for|called) (the|my) {{text:label}} {secs}",
        f"{put} {a} timer on (for|of) {secs} [{label}]",
        f"{a} timer (for|of) {secs}",
        f"{a} timer (for|of) {secs} {label}",
        f"{make} (another|one more|a second) [one] (for|of) {secs} [{label}]",
        # "Set one for 20 minutes" (a timer: nothing else is set for a time).
        f"{make} one (for|of) {secs} [{label}]",
        f"timer {secs}",
        f"(i need|i want|give me|get me) {a} timer (for|of) {secs}",
        f"(count down|countdown) [from|for] {secs}",
        f"(let me know|tell me|alert me|notify me|ping me|beep) in {secs}",
        f"{make} {a} {secs} timer {label}",
        f"{make} {a} timer (for|of) {secs} {label}",
        f"{make} {a} timer {label} (for|of) {secs}",
        # "Set a timer for the pasta, 10 minutes": what for, then how long ("for the",
        # so "a timer for like 3 minutes" stays a hedge, no label).
        f"[{make}] {a} timer (for|called) (the|my) {{text:label}} {secs}",
        f"(i need|i want|give me) {a} timer {label} (for|of) {secs}",
        f"{make} {a} {{text:label}} timer (for|of) {secs}",
        f"{make} {a} {secs} {{text:label}} timer",
        f"{{text:label}} timer (for|of) {secs}",
        f"{{text:label}} timer {secs}",  # "pizza timer twelve minutes"
        f"{secs} (on|for) [the|my] {{text:label}}",
        # "A timer for 10 minutes to check the oven": what it is for is its label.
        f"{make} {a} timer (for|of) {secs} (to|so i can|so i remember to) {{text:label}}",
        f"{make} {a} {secs} timer (to|so i can|so i remember to) {{text:label}}",
        # "Time my eggs for 6 minutes", "time the pasta, 10 minutes".
        f"time (the|my) {{text:label}} [for] {secs}",
    ]


@plugin.tool(sentences=_start_sentences())
def timer_start(ctx: ToolContext, seconds: Seconds, label: Label = None) -> str:
    """Start a countdown timer, optionally with a name such as 'eggs'."""
    duration = max(1, round(seconds))
    name = clean_label(label)
    save_timer(ctx.records, Timer.start(ctx.records.new_id(), duration, ctx.now(), name))
    prefix = f"{capitalized(name)} timer" if name else "Timer"
    return f"{prefix} set for {speak_duration(duration)}."


@plugin.tool(
    sentences=[
        CANCEL + " " + THE + " timer",
        CANCEL + " " + THE + " {text:label} timer",
        CANCEL + " " + THE + " {duration_s:seconds} seconds timer",
        CANCEL + " " + THE + " timer " + NAMED + " [the] {text:label}",
        CANCEL + " " + THE + " timer (for|of) {duration_s:seconds} seconds",
        "[the|my] {text:label} timer (off|cancel|stop)",
        "(never mind|forget about) " + THE + " [{text:label}] timer",
        CANCEL + " (it|that) [timer]",
        "(turn|switch|shut) (it|that) off",
        # After two timers were set: "cancel the rice one".
        "(cancel|delete|kill|get rid of) the {text:label} one",
    ]
)
def timer_cancel(ctx: ToolContext, label: Label = None, seconds: OptSeconds = None) -> str:
    """Cancel one timer, named by its label or original duration."""
    if clean_label(label) in ("all", "every", "each"):
        return _cancel_all(ctx)
    timer = one_timer(ctx, label, seconds)
    delete_timer(ctx.records, timer)
    return f"I cancelled your {timer_name(timer)}."


@plugin.tool(
    sentences=[
        CANCEL + " (all|every|each) [of] [the|my] timers",
        CANCEL + " (all|every|each) timer",
        CANCEL + " [the|my] timers",
        "(clear|reset) [all] [the|my] timers",
    ]
)
def timer_cancel_all(ctx: ToolContext) -> str:
    """Cancel every timer."""
    return _cancel_all(ctx)


def _cancel_all(ctx: ToolContext) -> str:
    timers = load_timers(ctx.records)
    if not timers:
        raise ToolError(NO_TIMERS)
    for timer in timers:
        delete_timer(ctx.records, timer)
    if len(timers) == 1:
        return f"I cancelled your {timer_name(timers[0])}."
    return f"I cancelled your {len(timers)} timers."


@plugin.tool(
    sentences=[
        PAUSE + " " + THE + " timer",
        PAUSE + " " + THE + " {text:label} timer",
        PAUSE + " " + THE + " {duration_s:seconds} seconds timer",
        PAUSE + " " + THE + " timer (for|of) {duration_s:seconds} seconds",
        PAUSE + " " + THE + " timer " + NAMED + " [the] {text:label}",
        "(put|place) " + THE + " [{text:label}] timer on hold",
        "(stop|hold) " + THE + " [{text:label}] timer for (a moment|a second|now)",
        PAUSE + " (it|that) [timer] [for (a moment|a second|now)]",
        "(put|place) (it|that) on hold",
    ]
)
def timer_pause(ctx: ToolContext, label: Label = None, seconds: OptSeconds = None) -> str:
    """Pause a running timer, keeping the time left."""
    timer = one_timer(ctx, label, seconds, prefer=False)
    if timer.paused:
        raise ToolError(f"Your {timer_name(timer)} is already paused.")
    timer.pause(ctx.now())
    save_timer(ctx.records, timer)
    return f"Your {timer_name(timer)} is paused with {time_left(timer.remaining_s)} left."


@plugin.tool(
    sentences=[
        RESUME + " " + THE + " timer",
        RESUME + " " + THE + " {text:label} timer",
        RESUME + " " + THE + " {duration_s:seconds} seconds timer",
        RESUME + " " + THE + " timer (for|of) {duration_s:seconds} seconds",
        RESUME + " " + THE + " timer " + NAMED + " [the] {text:label}",
        "(start|restart|turn on) " + THE + " [{text:label}] timer again",
        "(start|get|set) " + THE + " [{text:label}] timer (going|running) again",
        "(take|get) " + THE + " [{text:label}] timer off hold",
        RESUME + " (it|that) [timer]",
        "(start|get|set) (it|that) (going|running) again",
        # "Start it back up" (Southern US), "start it again" after a pause.
        "(start|get) (it|that) (back [up]|again|up again|going) [where it was]",
        "(take|get) (it|that) off hold",
    ]
)
def timer_resume(ctx: ToolContext, label: Label = None, seconds: OptSeconds = None) -> str:
    """Resume a paused timer from where it stopped."""
    timer = one_timer(ctx, label, seconds, prefer=True)
    if not timer.paused:
        raise ToolError(f"Your {timer_name(timer)} is already running.")
    timer.resume(ctx.now())
    save_timer(ctx.records, timer)
    return f"Your {timer_name(timer)} is running again with {time_left(timer.remaining_s)} left."


plugin.tool(sentences=ADD_TIME_SENTENCES)(timer_add_time)
plugin.tool(sentences=REMOVE_TIME_SENTENCES)(timer_remove_time)


def _left_sentences() -> list[str]:
    """'How long to go on the pasta timer', 'how long has the rice got left', 'how long left'."""
    much = "how (long|much time|much longer)"
    left = "(is left|left|remains|remaining|to go|is there to go|is there left|have i got left)"
    timer = THE + " [{text:label}] timer"
    return [
        f"{much} {left} (on|for) {timer}",
        f"{much} {left} (on|for) {THE} {{text:label}}",
        f"{much} (has|does) {timer} (got|have) [left|to go]",
        f"{much} (has|does) {THE} {{text:label}} (got|have) left",
        f"{much} (have i|do i have|have we|do we have) [got] (left|to go) [on {timer}]",
        f"{much} until {timer} (is done|goes off|ends|finishes|rings|is up)",
    ]


@plugin.tool(
    reads_only=True,
    sentences=[
        "how much (time|longer) " + LEFT + " [on " + THE + " timer]",
        "how much (time|longer) " + LEFT + " on " + THE + " {text:label} timer",
        "how much (time|longer) " + LEFT + " on " + THE + " timer " + NAMED + " [the] {text:label}",
        "how much (time|longer) " + LEFT + " on " + THE + " timers",
        "how much (time|longer) " + LEFT + " on " + THE + " {duration_s:seconds} seconds timer",
        "how (long|much time) (is left|left|remains|remaining|to go) [on " + THE + " timer[s]]",
        "how (long|much time) (is left|left|remains|remaining) on " + THE + " {text:label} timer",
        "how much longer [on " + THE + " timer]",
        "how many (minutes|seconds|hours) (are|is) [still] " + LEFT + " [on " + THE + " timer]",
        "how much longer (on|for) " + THE + " {text:label} [timer]",
        "what is left on " + THE + " [{text:label}] timer",
        "(what|which) timers (do i have|are (running|set|on|going)|have i (set|got))",
        "(are there|do i have|have i got) any timers [running|set|going|on]",
        "(is there|do i have) a timer [running|set|going|on]",
        "how (are|is) " + THE + " timer[s] [doing|going]",
        "how is " + THE + " {text:label} timer [doing|going]",
        "(show|list|check|read) [me] [all] [the|my] timers",
        "check [on] " + THE + " [{text:label}] timer",
        "[what is] [the] timer status",
        "(time|how long) left [on " + THE + " [{text:label}] timer]",
        "how long (until|till|before) " + THE + " [{text:label}] timer "
        "(is done|goes off|ends|finishes|rings|is up)",
        "when (will|does) " + THE + " [{text:label}] timer (go off|end|finish|ring|be done)",
        "(what time|when) is " + THE + " [{text:label}] timer (set for|going off|up|done)",
        "what time is " + THE + " [{text:label}] timer [at]",
        *_left_sentences(),
    ],
)
def timer_status(ctx: ToolContext, label: Label = None, seconds: OptSeconds = None) -> str:
    """Say how much time is left on one timer, or on all of them."""
    timers = matching_timers(ctx, label, seconds)
    now = ctx.now()
    states = [timer_state(t, now) for t in timers]
    if len(timers) == 1:
        return f"Your {states[0]}."
    return (
        f"You have {len(timers)} timers: your "
        + ", your ".join(states[:-1])
        + (f" and your {states[-1]}.")
    )
