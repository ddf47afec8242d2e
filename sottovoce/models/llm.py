"""The language-model engine interface.

The router asks an engine to either call tools or answer in words. The real
local engines (llama.cpp, MLC, an OpenAI-compatible server) implement the
same `LLMEngine` protocol; the scripted fake for tests is
`sottovoce.testing.ScriptedLLM`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sottovoce.models.llm_config import LLMConfig

# Receives the spoken answer's text piece by piece while the model writes it.
TextSink = Callable[[str], None]


@dataclass(frozen=True)
class ToolSchema:
    """A tool as the model sees it: a name, a one-line description, a JSON schema."""

    name: str
    description: str
    parameters: Mapping[str, Any]


@dataclass(frozen=True)
class ChatMessage:
    """One message of the conversation given to the model."""

    role: str
    content: str


@dataclass(frozen=True)
class ToolChoice:
    """A tool call the model asked for."""

    name: str
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LLMDecision:
    """What the model decided: tool calls, or a plain answer, or nothing it could do."""

    calls: tuple[ToolChoice, ...] = ()
    text: str | None = None
    raw: str = ""


def chat_messages(messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
    """Messages in the roles every chat template knows (tool results become user turns)."""
    out: list[dict[str, str]] = []
    for message in messages:
        if message.role == "tool":
            out.append({"role": "user", "content": f"Tool result: {message.content}"})
        else:
            out.append({"role": message.role, "content": message.content})
    return out


class EngineUnavailable(Exception):
    """The model cannot be reached or loaded; the message says why, in one line."""


class DeadlinePassed(EngineUnavailable):
    """The model had not finished when the turn's time for it was up; its answer is not used."""


class ModelOutputError(Exception):
    """The model wrote something that is not a decision; the message says what, in one line."""

    def __init__(self, message: str, raw: str = "") -> None:
        super().__init__(message)
        self.raw = raw


class LLMEngine(Protocol):
    """What the router needs from a language model."""

    name: str

    def decide(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        """Choose a tool call or an answer for the last user message.

        A plain answer's text is passed to `on_text` as it is generated. Raises
        `EngineUnavailable` when the model cannot be used and `ModelOutputError`
        when what it wrote is not a decision. `deadline` (a `time.monotonic()`
        instant) is when the turn's time for the model runs out: an engine that
        can stop then does, and raises `DeadlinePassed`; the agent stops waiting
        for one that cannot.
        """
        ...

    def close(self) -> None:
        """Free the model (memory, connections, worker processes)."""
        ...


def turn_deadline_s(engine: object) -> float:
    """The model's time in one turn: the engine's `[llm] turn_deadline_s`, or the default.

    Read from the engine's `config` when it has an `LLMConfig` (every real
    engine does), so that the agent needs no setting of its own.
    """
    config = getattr(engine, "config", None)
    return config.turn_deadline_s if isinstance(config, LLMConfig) else LLMConfig.turn_deadline_s
