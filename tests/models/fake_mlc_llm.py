"""A fake `mlc_llm` module for tests: mlc-llm's documented Python engine API, with scripted output.

It follows mlc-llm's sources (github.com/mlc-ai/mlc-llm):

- `python/mlc_llm/serve/engine.py`: `MLCEngine(model, device="auto", *, model_lib=None,
  mode="local", engine_config=None, enable_tracing=False)`; `engine.chat.completions.create`
  with keyword-only arguments; with `stream=True` it returns an iterator of chunks;
  the request is validated when `create` is called, the messages when iteration starts
  (`_handle_chat_completion` is a generator);
- `python/mlc_llm/protocol/openai_api_protocol.py`: `RequestResponseFormat` (type
  "text" or "json_object", `schema` a JSON *string*), `ChatCompletionMessage` (roles
  system/user/assistant/tool), `check_message_validity` (a system message only first),
  `ChatCompletionStreamResponse` (`choices[i].delta.content`, `finish_reason`);
- `python/mlc_llm/serve/engine_base.py`: `terminate()`; the final usage-only chunk
  (no choices) is yielded only when `stream_options={"include_usage": True}`.

The same pydantic models check what the engine receives, so an argument the real
mlc-llm would refuse (a schema given as a dict, an unknown format type) fails here too.
"""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

_DEVICES = ("auto", "cuda", "rocm", "metal", "vulkan", "opencl", "cpu")


class BadRequestError(ValueError):
    """mlc_llm.protocol.error_protocol.BadRequestError: the request is invalid."""


class RequestResponseFormat(BaseModel):
    """As in openai_api_protocol.py: `schema` is a JSON string."""

    type: Literal["text", "json_object"] = "text"
    json_schema: str | None = Field(default=None, alias="schema")


class ChatCompletionMessage(BaseModel):
    """As in openai_api_protocol.py (text content only)."""

    content: str | None = None
    role: Literal["system", "user", "assistant", "tool"]


@dataclass
class Delta:
    """A chunk's delta: the new text."""

    content: str
    role: str = "assistant"


@dataclass
class Choice:
    """One choice of a stream chunk."""

    delta: Delta
    index: int = 0
    finish_reason: str | None = None


@dataclass
class Chunk:
    """A ChatCompletionStreamResponse."""

    choices: list[Choice]
    id: str = "chatcmpl-fake"
    object: str = "chat.completion.chunk"
    usage: dict[str, int] | None = None


@dataclass
class Script:
    """What the fake engine writes, and a record of how it was used."""

    outputs: list[list[str]] = field(default_factory=list)  # pieces, one list per request
    fail_after: int | None = None  # raise mid-stream after this many pieces
    engines: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    terminated: int = 0


def make_module(script: Script) -> types.ModuleType:
    """A module object to install as `sys.modules["mlc_llm"]`."""
    module = types.ModuleType("mlc_llm")

    class MLCEngine(FakeMLCEngine):
        pass

    MLCEngine.script = script
    module.MLCEngine = MLCEngine
    module.BadRequestError = BadRequestError
    return module


class FakeMLCEngine:
    """mlc_llm.MLCEngine: loads nothing, replays `script.outputs`."""

    script: Script

    def __init__(
        self,
        model: str,
        device: str = "auto",
        *,
        model_lib: str | None = None,
        mode: Literal["local", "interactive", "server"] = "local",
        engine_config: Any = None,
        enable_tracing: bool = False,
    ) -> None:
        if mode not in ("local", "interactive", "server"):
            raise ValueError(f"invalid engine mode {mode!r}")
        if device.split(":")[0] not in _DEVICES:
            raise ValueError(f"invalid device {device!r}")
        if not model.startswith("HF://") and not (Path(model) / "mlc-chat-config.json").is_file():
            raise ValueError(f"{model} is not an MLC model directory (no mlc-chat-config.json)")
        self.script.engines.append({"model": model, "device": device, "mode": mode})
        self.chat = types.SimpleNamespace(completions=_Completions(self))
        self._terminated = False

    def terminate(self) -> None:
        """Stop the engine (idempotent, like the real one)."""
        if not self._terminated:
            self._terminated = True
            self.script.terminated += 1


class _Completions:
    def __init__(self, engine: FakeMLCEngine) -> None:
        self.engine = engine

    def create(
        self,
        *,
        messages: list[dict[str, Any]],
        model: str | None = None,
        max_tokens: int | None = None,
        n: int = 1,
        seed: int | None = None,
        stop: str | list[str] | None = None,
        stream: bool = False,
        stream_options: dict[str, Any] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        response_format: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> Iterator[Chunk]:
        """Validate the request like mlc-llm does, then stream the next scripted output."""
        if self.engine._terminated:
            raise ValueError("The engine has terminated.")
        if not stream:
            raise NotImplementedError("the fake only streams")
        parsed = [ChatCompletionMessage.model_validate(m) for m in messages]
        fmt = RequestResponseFormat.model_validate(response_format or {})
        self.engine.script.requests.append(
            {
                "messages": messages,
                "response_format": response_format,
                "temperature": temperature,
                "top_p": top_p,
                "max_tokens": max_tokens,
                "seed": seed,
            }
        )
        return self._stream(parsed, fmt, stream_options or {})

    def _stream(
        self,
        messages: list[ChatCompletionMessage],
        fmt: RequestResponseFormat,
        stream_options: dict[str, Any],
    ) -> Iterator[Chunk]:
        for i, message in enumerate(messages):
            if message.role == "system" and i != 0:
                raise BadRequestError(
                    f"System prompt at position {i} in the message list is invalid."
                )
        if fmt.json_schema is not None:
            json.loads(fmt.json_schema)  # the grammar compiler needs a valid schema
        script = self.engine.script
        pieces = script.outputs.pop(0) if script.outputs else ['{"tool": "reply", "text": ""}']
        for count, piece in enumerate(pieces):
            if script.fail_after is not None and count >= script.fail_after:
                raise RuntimeError("TVMError: CUDA: an illegal memory access was encountered")
            last = count == len(pieces) - 1
            yield Chunk([Choice(Delta(piece), finish_reason="stop" if last else None)])
        if stream_options.get("include_usage"):
            yield Chunk([], usage={"prompt_tokens": 1, "completion_tokens": len(pieces)})
