"""`sottovoce chat`: the agent, typed. Reads lines, prints replies and announcements.

Interactive on a terminal; with piped input it answers each line and stops
at the end of input. A background task announces timers and reminders
when they come due, between turns.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import TextIO

from sottovoce.agent.agent import Agent
from sottovoce.models.safetext import printable

DEMO_SCRIPT = (
    "turn on the lights",
    "set them to 40 percent",
    "what's the temperature in the bedroom?",
    "and in the bathroom?",
    "set a timer for 10 minutes for the pasta",
    "add eggs and milk to my shopping list",
    "unlock the front door",
    "yes",
    "don't open the garage",
    "how much time is left on the pasta timer",
)


async def chat(
    agent: Agent,
    lines: TextIO,
    out: Callable[[str], None] = print,
    *,
    interactive: bool = False,
    poll_s: float = 1.0,
) -> None:
    """Talk with the agent until the input ends (or the user says goodbye)."""
    announcer = asyncio.create_task(_announce_forever(agent, out, poll_s))
    try:
        while True:
            if interactive:
                sys.stdout.write("you> ")
                sys.stdout.flush()
            line = await asyncio.to_thread(_read_line, lines)
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if text.lower() in ("quit", "exit", "bye", "goodbye"):
                out("sottovoce: Goodbye.")
                break
            await say(agent, text, out)
    finally:
        announcer.cancel()


def _read_line(lines: TextIO) -> str:
    """One line, of which at most `_LINE_CHARS` are kept: the rest is read and dropped.

    (More than an utterance may be, so the agent still says it was too long; a line
    of a gigabyte no longer sits in memory. See docs/limits.md.)
    """
    line = tail = lines.readline(_LINE_CHARS)
    while len(tail) == _LINE_CHARS and not tail.endswith("\n"):
        tail = lines.readline(_LINE_CHARS)
    return line


_LINE_CHARS = 64 * 1024


async def say(agent: Agent, text: str, out: Callable[[str], None]) -> None:
    """One turn: print what the agent answered."""
    result = await agent.handle(text)
    out(f"sottovoce: {printable(result.reply)}")  # the agent cleans it; printing makes sure


async def run_script(agent: Agent, script: tuple[str, ...], out: Callable[[str], None]) -> None:
    """Play a scripted conversation, showing both sides."""
    for text in script:
        out(f"you> {text}")
        await say(agent, text, out)


async def _announce_forever(agent: Agent, out: Callable[[str], None], poll_s: float) -> None:
    while True:
        await asyncio.sleep(poll_s)
        for spoken in agent.take_announcements():
            out(f"sottovoce: {printable(spoken)}")
