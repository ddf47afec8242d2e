"""The MLC engine (mlc-llm's Python API): a compiled model run in-process on a GPU.

mlc-llm has no CPU backend and is not on PyPI (only placeholder packages
there); a user installs it from its own wheel index. So it is imported only
when this engine is opened, and its absence is reported in one line.

The calls follow mlc-llm's Python engine as its sources document it
(github.com/mlc-ai/mlc-llm: `python/mlc_llm/serve/engine.py`, exported by
`python/mlc_llm/__init__.py`; the streaming loop and `terminate()` as in
`docs/get_started/quick_start.rst`):

- `mlc_llm.MLCEngine(model, device="auto", *, model_lib=None, mode="local", ...)`,
  where `model` is an MLC model directory (holding `mlc-chat-config.json`);
- `engine.chat.completions.create(messages=[...], stream=True, response_format=...,
  temperature=..., top_p=..., max_tokens=..., seed=...)`, an iterator of
  `ChatCompletionStreamResponse` whose text is `chunk.choices[0].delta.content`
  (the last chunk may carry only usage and no choices);
- `engine.terminate()`.

The schema goes in `response_format={"type": "json_object", "schema": <JSON string>}`:
`RequestResponseFormat` in `python/mlc_llm/protocol/openai_api_protocol.py`
admits the types "text" and "json_object" and declares `schema` as a `str`,
and mlc-llm's own test `tests/python/serve/test_serve_engine_grammar.py`
passes `json.dumps(schema)`.
"""

from __future__ import annotations

import importlib
import json
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from sottovoce.models.llm import (
    ChatMessage,
    DeadlinePassed,
    EngineUnavailable,
    LLMDecision,
    TextSink,
    ToolSchema,
    chat_messages,
)
from sottovoce.models.llm_config import LLMConfig
from sottovoce.models.toolcall import ReplyStreamer, decision_schema, parse_decision

INSTALL_HINT = (
    "mlc-llm is not installed (the PyPI package is a placeholder); install it from its "
    "wheel index: pip install --pre -U -f https://mlc.ai/wheels mlc-llm-nightly-cpu "
    "mlc-ai-nightly-cpu (Metal/Vulkan; -cu128 instead of -cpu for CUDA 12.8), "
    "see https://llm.mlc.ai/docs/install/mlc_llm.html"
)


class MLCLLMEngine:
    """A model compiled by MLC, run in-process by mlc-llm's `MLCEngine`."""

    name = "mlc"

    def __init__(self, config: LLMConfig, model: str) -> None:
        try:
            # Through importlib: mlc-llm is optional and has no type stubs.
            mlc_llm = importlib.import_module("mlc_llm")
        except ImportError:
            raise EngineUnavailable(INSTALL_HINT) from None
        except Exception as exc:  # e.g. TVM's runtime library failing to load
            raise EngineUnavailable(
                f"mlc-llm is installed but does not load: {_first_line(exc)}; "
                "reinstall the wheel that matches your GPU driver"
            ) from None
        self.config = config
        self.model = model
        self._lock = threading.Lock()
        try:
            # "interactive": one conversation at a time, so mlc-llm sizes its
            # KV cache for a single sequence instead of a batch.
            self.engine: Any = mlc_llm.MLCEngine(model, device=config.device, mode="interactive")
        except Exception as exc:  # mlc-llm and TVM raise many types; all mean "cannot load"
            raise EngineUnavailable(
                f"mlc-llm could not load {model} on device {config.device!r}: "
                f"{_first_line(exc)}; check [llm] model and [llm] device"
            ) from None

    def stream(self, messages: Sequence[ChatMessage], tools: Sequence[ToolSchema]) -> Iterator[str]:
        """The pieces of the constrained output; engine failures become `EngineUnavailable`."""
        try:
            chunks = self.engine.chat.completions.create(
                messages=chat_messages(messages),
                stream=True,
                response_format={
                    "type": "json_object",
                    "schema": json.dumps(decision_schema(tools)),
                },
                temperature=self.config.temperature,
                top_p=self.config.top_p,
                max_tokens=self.config.max_tokens,
                seed=self.config.seed,
            )
            for chunk in chunks:
                if not chunk.choices:
                    continue  # the final usage chunk
                piece = chunk.choices[0].delta.content
                if isinstance(piece, str) and piece:
                    yield piece
        except Exception as exc:  # raised inside mlc-llm, not by our sink: see `decide`
            raise EngineUnavailable(
                f"mlc-llm failed while generating: {_first_line(exc)}"
            ) from None

    def decide(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        """Generate one constrained decision; a reply's text goes to `on_text` as it grows."""
        streamer = ReplyStreamer(on_text)
        pieces: list[str] = []
        # The sink runs outside the generator, so its own errors are not
        # mistaken for engine failures.
        with self._lock:
            for piece in self.stream(messages, tools):
                if deadline is not None and time.monotonic() >= deadline:
                    # Leaving the stream ends the request (the generator is closed).
                    raise DeadlinePassed("mlc-llm had not finished when the turn's time was up")
                pieces.append(piece)
                streamer.feed(piece)
        return parse_decision("".join(pieces), tools)

    def close(self) -> None:
        """Stop mlc-llm's background threads and free the GPU memory."""
        self.engine.terminate()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
