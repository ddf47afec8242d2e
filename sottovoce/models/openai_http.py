"""The engine for a model served elsewhere through an OpenAI-compatible HTTP API.

For `mlc_llm serve`, llama.cpp's `llama-server`, llama-cpp-python's
`llama_cpp.server`, Ollama, vLLM. It POSTs `{base_url}/chat/completions` with
`stream: true` (stdlib urllib) and feeds the streamed reply text to the sink.

Servers disagree on how a JSON schema constrains the output:

- OpenAI, vLLM, llama-server, Ollama: `{"type": "json_schema", "json_schema": {"schema": {...}}}`;
- llama-cpp-python 0.3.36 (`ChatCompletionRequestResponseFormat` in
  `llama_types.py`, used by `server/types.py`): only `text` and `json_object`,
  with the schema as an object; `json_schema` is refused with HTTP 500, and a
  schema given as a string is silently replaced by "any JSON";
- `mlc_llm serve` (`RequestResponseFormat` in `protocol/openai_api_protocol.py`):
  only `text` and `json_object`, with the schema as a JSON *string*.

So when the server refuses a request because of its `response_format`, the
engine tries the next, weaker way of sending the same schema, and keeps the
one that worked. It never drops the constraint on its own: `none` must be
chosen in the config.

A server can also lie, flood, trickle or hang. The whole decision, every
retry with a weaker format included, ends at the turn's deadline
(`[llm] turn_deadline_s`, or the one the agent passes): then the connection
is closed and `DeadlinePassed` raised. At most `MAX_ANSWER_BYTES` of an
answer are read (`models/bounded_http.py`); more is a `ModelOutputError`.
Text the server sends back in an error is cleaned of control characters
before it goes into a message that may be printed.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Iterator, Sequence
from typing import Any

from sottovoce.models.bounded_http import Answer, Late, NoHost, TooLong, post
from sottovoce.models.llm import (
    ChatMessage,
    DeadlinePassed,
    EngineUnavailable,
    LLMDecision,
    ModelOutputError,
    TextSink,
    ToolSchema,
    chat_messages,
)
from sottovoce.models.llm_config import LLMConfig
from sottovoce.models.safetext import printable
from sottovoce.models.toolcall import ReplyStreamer, decision_schema, parse_decision

# Each configured style, then the weaker ways to send the same schema if the server refuses it.
_FALLBACKS = {
    "json_schema": ("json_schema", "json_object", "json_object_text"),
    "json_object": ("json_object", "json_object_text"),
    "none": ("none",),
}
_SSE_FIELDS = ("data:", "event:", "id:", "retry:", ":")
# Of one answer, server-sent event framing included. A decision is at most a few
# hundred tokens, each streamed in an event of about 150 bytes: ~40 KiB.
MAX_ANSWER_BYTES = 256 * 1024


class _Refused(Exception):
    """The server answered the request with an HTTP error status."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status, detail)
        self.status, self.detail = status, detail


def response_format(style: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The `response_format` request field for one way of sending the schema."""
    if style == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": "decision", "schema": schema, "strict": True},
        }
    if style == "json_object":
        return {"type": "json_object", "schema": schema}
    if style == "json_object_text":
        return {"type": "json_object", "schema": json.dumps(schema)}
    return None


class OpenAIHTTPEngine:
    """A model behind an OpenAI-compatible `/chat/completions` endpoint."""

    name = "openai-http"

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.url = config.base_url.rstrip("/") + "/chat/completions"
        if not self.url.startswith(("http://", "https://")):
            raise EngineUnavailable(
                f"[llm] base_url {config.base_url!r} is not an http(s) URL; "
                "set it like http://127.0.0.1:8080/v1"
            )
        self.styles = list(_FALLBACKS[config.response_format])

    def request_body(
        self, messages: Sequence[ChatMessage], schema: dict[str, Any], style: str
    ) -> dict[str, Any]:
        """The JSON body of one chat completion request."""
        body: dict[str, Any] = {
            "model": self.config.model or "default",
            "messages": chat_messages(messages),
            "stream": True,
            "temperature": self.config.temperature,
            "top_p": self.config.top_p,
            "max_tokens": self.config.max_tokens,
            "seed": self.config.seed,
        }
        constraint = response_format(style, schema)
        if constraint is not None:
            body["response_format"] = constraint
        return body

    def decide(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        """Ask the server for one decision; a reply's text goes to `on_text` as it streams.

        All of it ends by `deadline` (`time.monotonic()`; default: `turn_deadline_s` from now).
        """
        if deadline is None:
            deadline = time.monotonic() + self.config.turn_deadline_s
        schema = decision_schema(tools)
        while True:
            body = self.request_body(messages, schema, self.styles[0])
            try:
                raw = self._generate(body, ReplyStreamer(on_text), deadline)
                break
            except _Refused as refused:
                if len(self.styles) > 1 and "response_format" in refused.detail:
                    self.styles.pop(0)  # this server wants the schema another way
                    continue
                raise self._refusal(refused) from None
        return parse_decision(raw, tools)

    def _generate(self, body: dict[str, Any], streamer: ReplyStreamer, deadline: float) -> str:
        pieces: list[str] = []
        for piece in self._pieces(body, deadline):
            pieces.append(piece)
            streamer.feed(piece)
        return "".join(pieces)

    def _pieces(self, body: dict[str, Any], deadline: float) -> Iterator[str]:
        """The content pieces of the answer; every transport failure becomes `EngineUnavailable`."""
        try:
            with post(
                self.url,
                json.dumps(body).encode(),
                self._headers(),
                timeout_s=self.config.timeout_s,
                deadline=deadline,
                max_bytes=MAX_ANSWER_BYTES,
            ) as answer:
                if not 200 <= answer.status < 300:
                    raise _Refused(answer.status, _error_detail(answer))
                if answer.content_type.startswith("application/json"):
                    # A server that ignores `stream` sends one whole completion.
                    yield _content(self._json(answer.read()), "message")
                    return
                yield from self._events(answer)
        except Late:
            raise DeadlinePassed(
                f"the model server at {self.url} had not finished when the turn's time was up "
                f"([llm] turn_deadline_s = {self.config.turn_deadline_s:g}); connection closed"
            ) from None
        except TooLong:
            raise ModelOutputError(
                f"the model server sent more than {MAX_ANSWER_BYTES // 1024} KiB for one "
                "answer; stopped reading"
            ) from None
        except (OSError, ValueError, http.client.HTTPException) as error:
            # ValueError: a URL that cannot be used, such as a port that is not a number.
            raise self._unreachable(error) from None

    def _events(self, answer: Answer) -> Iterator[str]:
        """Content pieces from server-sent events (one JSON object per `data:` line)."""
        events = 0
        for raw_line in answer.lines():
            line = raw_line.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            if not line.startswith(_SSE_FIELDS):
                raise self._garbled(f"a line that is not a server-sent event: {line[:60]!r}")
            if not line.startswith("data:"):
                continue
            data = line.removeprefix("data:").strip()
            if data == "[DONE]":
                break
            events += 1
            piece = _content(self._json(data.encode()), "delta")
            if piece:
                yield piece
        if events == 0:
            raise EngineUnavailable(
                f"the model server at {self.url} sent an empty answer; check its log"
            )

    def _json(self, data: bytes) -> dict[str, Any]:
        try:
            value = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            raise self._garbled(f"something that is not JSON: {data[:60]!r}") from None
        if not isinstance(value, dict):
            raise self._garbled(f"JSON that is not an object: {data[:60]!r}")
        error = value.get("error")
        if error:
            raise EngineUnavailable(
                f"the model server at {self.url} failed: "
                f"{printable(_first_line(_message(error)))[:300]}"
            )
        return value

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        return headers

    def _unreachable(self, reason: object) -> EngineUnavailable:
        if isinstance(reason, TimeoutError):
            return EngineUnavailable(
                f"the model server at {self.url} did not answer within "
                f"{self.config.timeout_s:g} s; check that it runs, or raise [llm] timeout_s"
            )
        if isinstance(reason, ConnectionRefusedError):
            what = "connection refused"
        elif isinstance(reason, socket.gaierror):
            what = "unknown host"
        elif isinstance(reason, NoHost):
            what = "no host in the URL"
        else:
            what = printable(_first_line(reason)) if reason else "connection failed"
        return EngineUnavailable(
            f"cannot reach the model server at {self.url}: {what}; start it or fix [llm] base_url"
        )

    def _refusal(self, refused: _Refused) -> EngineUnavailable:
        hint = {
            401: "check [llm] api_key",
            403: "check [llm] api_key",
            404: "check [llm] base_url (it usually ends in /v1) and [llm] model",
        }.get(refused.status, "check the server's log")
        if "response_format" in refused.detail:
            hint = "this server cannot constrain the output; set [llm] response_format = none"
        detail = f": {refused.detail}" if refused.detail else ""
        return EngineUnavailable(
            f"the model server at {self.url} answered HTTP {refused.status}{detail}; {hint}"
        )

    def _garbled(self, what: str) -> EngineUnavailable:
        return EngineUnavailable(
            f"the model server at {self.url} sent {what}; "
            "is [llm] base_url an OpenAI-compatible API (ending in /v1)?"
        )

    def close(self) -> None:
        """Nothing to free: each request opens and closes its own connection."""


def _content(data: dict[str, Any], key: str) -> str:
    """The text in `choices[0][key]["content"]` ("delta" when streamed, else "message")."""
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return ""  # a usage-only chunk
    part = choices[0].get(key)
    content = part.get("content") if isinstance(part, dict) else None
    return content if isinstance(content, str) else ""


def _error_detail(answer: Answer) -> str:
    """What the server said about an error status, shortened to one printable line."""
    try:
        body = answer.read(4096).decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        return ""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, RecursionError):
        return printable(_first_line(body))[:200]
    if isinstance(data, dict):
        # OpenAI style {"error": {"message": ...}}, FastAPI style {"detail": ...}.
        data = data.get("error") or data.get("detail") or data
    return " ".join(printable(_message(data)).split())[:300]


def _message(error: object) -> str:
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"])
    return error if isinstance(error, str) else json.dumps(error)


def _first_line(value: object) -> str:
    text = str(value).strip() or type(value).__name__
    return text.splitlines()[0]
