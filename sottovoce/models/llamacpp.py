"""The llama.cpp engine (llama-cpp-python, GGUF files): the default on CPUs.

Generation is constrained by a grammar made from the decision schema of the
tools offered this turn, so the model can only write a valid call or a
reply. The model's own chat template (GGUF metadata) formats the messages.
One `Llama` object lives as long as the engine: llama-cpp-python keeps the
evaluated tokens in its KV cache and re-evaluates only what follows the
longest common prefix, so the static system prompt is computed once.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sottovoce.models.gbnf import schema_to_gbnf
from sottovoce.models.gguf import check_gguf, check_memory
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
from sottovoce.models.memory import release
from sottovoce.models.toolcall import (
    PROPERTY_ORDER,
    ReplyStreamer,
    decision_schema,
    parse_decision,
)

# A small model loops ("Service office, service office, ..."); penalizing the
# tokens it has just written breaks the loop while it is generated. Only
# generated tokens count (llama.cpp's penalty sampler sees no prompt tokens),
# so copying a name from the user's words is not penalized.
REPEAT_PENALTY = 1.1


class LlamaCppEngine:
    """A GGUF model run in-process by llama.cpp."""

    name = "llama.cpp"

    def __init__(self, model_path: Path, config: LLMConfig) -> None:
        check_gguf(model_path)
        check_memory(model_path, config.context)
        try:
            import llama_cpp
        except ImportError:
            raise EngineUnavailable(
                "llama-cpp-python is not installed; run ./setup.sh or "
                "`pip install llama-cpp-python` (builds llama.cpp, a few minutes)"
            ) from None
        self._llama_cpp: Any = llama_cpp
        self.config = config
        self.model_path = model_path
        self._lock = threading.Lock()
        self._grammars: dict[str, Any] = {}
        self.repeat_penalty = REPEAT_PENALTY
        try:
            self.llm = llama_cpp.Llama(
                model_path=str(model_path),
                n_ctx=config.context,
                n_threads=config.n_threads,
                n_batch=min(512, config.context),
                seed=config.seed,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise EngineUnavailable(
                f"llama.cpp could not load {model_path}: {_first_line(exc)}; "
                "check the file with `sottovoce models verify`"
            ) from None
        release()

    @property
    def chat_template(self) -> str | None:
        """The chat template from the model's metadata, if it has one."""
        template = self.llm.metadata.get("tokenizer.chat_template")
        return template if isinstance(template, str) else None

    def grammar_for(self, tools: Sequence[ToolSchema]) -> Any:
        """The llama.cpp grammar admitting one decision among these tools (cached)."""
        schema = decision_schema(tools)
        key = hashlib.sha1(json.dumps(schema).encode()).hexdigest()
        grammar = self._grammars.get(key)
        if grammar is None:
            # The tool's name first: the model should know what it calls before
            # it writes the arguments.
            convert = self._llama_cpp.llama_grammar.json_schema_to_gbnf
            gbnf = schema_to_gbnf(schema, convert, PROPERTY_ORDER)
            grammar = self._llama_cpp.LlamaGrammar.from_string(gbnf, verbose=False)
            if len(self._grammars) > 64:
                self._grammars.clear()
            self._grammars[key] = grammar
        return grammar

    def _settings(self, tools: Sequence[ToolSchema]) -> dict[str, Any]:
        return {
            "grammar": self.grammar_for(tools),
            "temperature": self.config.temperature,
            "top_k": self.config.top_k,
            "top_p": self.config.top_p,
            "max_tokens": self.config.max_tokens,
            "seed": self.config.seed,
            "repeat_penalty": self.repeat_penalty,
        }

    def stream(self, messages: Sequence[ChatMessage], tools: Sequence[ToolSchema]) -> Iterator[str]:
        """The pieces of the model's constrained output, as they are generated."""
        chunks = self.llm.create_chat_completion(
            messages=chat_messages(messages),  # type: ignore[arg-type]
            stream=True,
            **self._settings(tools),
        )
        for chunk in chunks:
            delta: Any = chunk["choices"][0]["delta"]  # type: ignore[index]
            piece = delta.get("content") if isinstance(delta, dict) else None
            if piece:
                yield str(piece)

    def complete(self, messages: Sequence[ChatMessage], tools: Sequence[ToolSchema]) -> str:
        """The model's whole constrained output at once."""
        result: Any = self.llm.create_chat_completion(
            messages=chat_messages(messages),  # type: ignore[arg-type]
            **self._settings(tools),
        )
        return str(result["choices"][0]["message"].get("content") or "")

    def decide(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        """Generate one constrained decision; a reply's text goes to `on_text` as it grows.

        Streaming costs llama-cpp-python several percent of generation speed
        (bench/llm_bench.py), so it is used only when someone listens.
        """
        # One Llama object is not safe to use from two threads at once.
        with self._lock:
            # Generation cannot be stopped mid-way (the agent stops waiting at the
            # deadline), but a request the agent gave up on while it waited is not begun.
            if deadline is not None and time.monotonic() >= deadline:
                raise DeadlinePassed("llama.cpp was busy until the turn's time was up")
            try:
                raw = self._streamed(messages, tools, on_text) if on_text else None
                if raw is None:
                    raw = self.complete(messages, tools)
            except (ValueError, RuntimeError) as exc:
                raise EngineUnavailable(f"llama.cpp failed: {_first_line(exc)}") from None
            finally:
                release()  # the prompt's and the sampler's buffers
        return parse_decision(raw, tools)

    def _streamed(
        self, messages: Sequence[ChatMessage], tools: Sequence[ToolSchema], on_text: TextSink
    ) -> str:
        streamer = ReplyStreamer(on_text)
        pieces: list[str] = []
        for piece in self.stream(messages, tools):
            pieces.append(piece)
            streamer.feed(piece)
        return "".join(pieces)

    def forget(self) -> None:
        """Drop the KV cache, so the next prompt is evaluated from its first token."""
        with self._lock:
            self.llm.reset()  # type: ignore[no-untyped-call]

    def close(self) -> None:
        """Free the model's memory."""
        close = getattr(self.llm, "close", None)
        if callable(close):
            close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
