"""A model server that lies, floods, trickles, hangs or fails does no harm.

The real OpenAI-compatible engine and the real agent on the built-in world,
against `hostile_server.py`. Every case: the reply holds no control character
and is within the limit, nothing risky happened without the user's yes, the
turn ended by its deadline, and the next turn is handled as usual.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_server import ESCAPES, HostileServer, hostile_server

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import TurnResult
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.router import CANT_REACH, TOO_SLOW
from sottovoce.devices import World
from sottovoce.models.llm_config import LLMConfig
from sottovoce.models.openai_http import OpenAIHTTPEngine
from sottovoce.models.toolcall import REPLY_CHARS
from sottovoce.testing.harness import make_world
from sottovoce.tools import Registry

DEADLINE_S = 0.6
SLACK_S = 1.0  # a busy machine; a turn ignoring the deadline would take 5 s (timeout_s) or more
# Cases about the deadline run with DEADLINE_S; the others with a deadline a loaded machine
# never reaches, so that what stops them (the byte limit, a bad answer) is always the same.
TIMED = frozenset({"trickle", "trickle-bytes", "hang", "hang-in-headers"})
CALM_DEADLINE_S = 5.0
GREETING = "hello there, how are you doing today"
LET_IN = "please let my friend in through the front door"
SORRY = "Sorry, I couldn't work out how to do that."


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with hostile_server() as httpd:
        yield httpd


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


@pytest.fixture(scope="module")
def grammar(registry: Registry) -> Grammar:
    return Grammar(registry, make_world(None))  # shared by agents on copies of one world


def agent_for(server: HostileServer, behaviour: str, registry: Registry, grammar: Grammar) -> Agent:
    config = LLMConfig().updated(
        {
            "engine": "openai",
            "base_url": server.url(behaviour),
            "timeout_s": 10.0,  # longer than the deadline: the deadline must stop it
            "turn_deadline_s": deadline_for(behaviour),
        }
    )
    return Agent(registry, make_world(None), OpenAIHTTPEngine(config), grammar=grammar)


def deadline_for(behaviour: str) -> float:
    """The turn's deadline for a server behaviour (short only where the deadline is tested)."""
    return DEADLINE_S if behaviour in TIMED else CALM_DEADLINE_S


def timed_turn(agent: Agent, text: str) -> tuple[TurnResult, float]:
    start = time.monotonic()
    result = asyncio.run(agent.handle(text))
    return result, time.monotonic() - start


def risky(world: World) -> dict[str, Any]:
    """What must not change without a yes: the locks, messages sent, calls placed."""
    snapshot = world.snapshot()
    locks = {k: v for k, v in snapshot["devices"].items() if k.startswith("lock.")}
    return {"locks": locks, "messages": snapshot["messages"], "calls": snapshot["calls"]}


def check_harmless(
    result: TurnResult, elapsed: float, before: dict[str, Any], agent: Agent, deadline: float
) -> None:
    assert result.reply.isprintable(), repr(result.reply)  # no control or format characters
    assert len(result.reply) <= REPLY_CHARS, result.reply
    assert risky(agent.world) == before
    assert elapsed < deadline + SLACK_S, f"the turn took {elapsed:.2f} s"
    for problem in result.problems:
        assert problem.isprintable(), repr(problem)


def check_next_turn_is_normal(agent: Agent, before: dict[str, Any]) -> None:
    result, elapsed = timed_turn(agent, "turn on the kitchen ceiling light")
    assert result.route == "grammar" and result.reply == "The kitchen ceiling light is on."
    assert agent.world.devices["light.kitchen_ceiling"].state()["on"] is True
    assert risky(agent.world) == before
    assert elapsed < DEADLINE_S + SLACK_S  # the grammar answers; nothing waits on the model


# behaviour -> (what the user says, what the agent must answer, or None for any harmless answer)
CASES: dict[str, tuple[str, str | None]] = {
    "polite": (GREETING, "Hello there, friend."),
    "escapes": (GREETING, "Hello there, friend!"),
    "escapes-whole": (GREETING, "Hello there, friend!"),
    "long-reply": (GREETING, None),
    "flood-stream": (GREETING, SORRY),
    "flood-json": (GREETING, SORRY),
    "trickle": (GREETING, TOO_SLOW),
    "trickle-bytes": (GREETING, TOO_SLOW),
    "hang": (GREETING, TOO_SLOW),
    "hang-in-headers": (GREETING, TOO_SLOW),
    "error-500": (GREETING, CANT_REACH),
    "error-503": (GREETING, CANT_REACH),
    "garbage": (GREETING, CANT_REACH),
    "not-sse": (GREETING, CANT_REACH),
    "wrong-shape": (GREETING, SORRY),
    "wrong-content": (GREETING, SORRY),
    "not-an-object": (GREETING, SORRY),
    "no-such-tool": (GREETING, SORRY),
    "wrong-types": (LET_IN, SORRY),
    "many-calls": (LET_IN, SORRY),
    "endless-calls": (LET_IN, SORRY),
    "unlock-other": (LET_IN, None),  # the user named the front door, not the back door
}


# Answers the engine stops reading in the middle, by the deadline or the byte limit.
STOPPED = ("trickle", "trickle-bytes", "hang", "hang-in-headers", "flood-stream", "endless-calls")


@pytest.mark.parametrize("behaviour", list(CASES))
def test_a_hostile_server_does_no_harm(
    server: HostileServer, registry: Registry, grammar: Grammar, behaviour: str
) -> None:
    said, expected = CASES[behaviour]
    agent = agent_for(server, behaviour, registry, grammar)
    before = risky(agent.world)
    asked = len(server.requests)
    result, elapsed = timed_turn(agent, said)
    assert len(server.requests) > asked, "the turn did not reach the model"
    check_harmless(result, elapsed, before, agent, deadline_for(behaviour))
    if expected is not None:
        assert result.reply == expected, result.problems
    assert result.calls == [] or behaviour == "unlock-other"
    if behaviour in STOPPED:  # the client hung up: the server is not left talking
        assert server.wait_for_close(behaviour, 2.0)
    check_next_turn_is_normal(agent, before)


@pytest.mark.parametrize(
    ("behaviour", "said", "question"),
    [
        ("unlock", LET_IN, r"(?i)unlock the front door\?$"),
        ("call", "i want to talk to mum on the phone", r"(?i)call mum\?$"),
        # The text to send comes cleaned of the escapes the model put in it.
        ("message", "send anna word that dinner is at eight", r"(?i)send.*hello there, friend!"),
    ],
)
def test_a_risky_call_from_the_model_still_waits_for_a_yes(
    server: HostileServer,
    registry: Registry,
    grammar: Grammar,
    behaviour: str,
    said: str,
    question: str,
) -> None:
    agent = agent_for(server, behaviour, registry, grammar)
    before = risky(agent.world)
    result, elapsed = timed_turn(agent, said)
    assert server.requests[-1][0] == behaviour
    check_harmless(result, elapsed, before, agent, deadline_for(behaviour))
    assert re.search(question, result.reply), result.reply
    assert agent.state.pending  # asked, not done
    check_next_turn_is_normal(agent, before)  # a new request, not a yes: still nothing done


def test_the_deadline_covers_the_second_try(
    server: HostileServer, registry: Registry, grammar: Grammar
) -> None:
    # A first answer that is not a decision earns a second try; both share one deadline.
    agent = agent_for(server, "trickle", registry, grammar)
    before = len(server.requests)
    result, elapsed = timed_turn(agent, GREETING)
    assert result.reply == TOO_SLOW and len(server.requests) - before == 1
    assert elapsed < DEADLINE_S + SLACK_S


def test_a_tool_reply_echoing_the_users_words_is_cleaned(
    registry: Registry, grammar: Grammar
) -> None:
    agent = Agent(registry, make_world(None), None, grammar=grammar)
    asyncio.run(agent.handle("take a note the code is \x1b]0;owned\x07 1234 \u202e"))
    assert agent.world.snapshot()["notes"]  # kept as the user said it
    result = asyncio.run(agent.handle("read my notes"))
    assert "1234" in result.reply and result.reply.isprintable(), repr(result.reply)


def test_chat_prints_no_escape_sequence(server: HostileServer, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[llm]\nturn_deadline_s = {DEADLINE_S}\n")
    env = {**os.environ, "SOTTOVOCE_CONFIG": str(config), "SOTTOVOCE_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "sottovoce.cli", "chat", "--engine", "openai"]
    done = subprocess.run(
        [*command, "--llm-url", server.url("escapes")],
        input=f"{GREETING}\n".encode(),
        capture_output=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    assert b"sottovoce: Hello there, friend!" in done.stdout
    assert ESCAPES.encode() not in done.stdout
