"""The MLC engine against a fake `mlc_llm` that follows mlc-llm's documented API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import fake_mlc_llm
import pydantic
import pytest

from sottovoce.models.llm import ChatMessage, DeadlinePassed, EngineUnavailable, ToolSchema
from sottovoce.models.llm_config import LLMConfig
from sottovoce.models.mlc import MLCLLMEngine
from sottovoce.models.toolcall import decision_schema

TOOLS = [
    ToolSchema(
        "light_turn_on",
        "Turn a light on.",
        {
            "type": "object",
            "properties": {"name": {"type": "string", "title": "Name"}},
            "required": ["name"],
        },
    )
]
MESSAGES = [ChatMessage("system", "Decide."), ChatMessage("user", "kitchen light on")]


@pytest.fixture
def model_dir(tmp_path: Path) -> str:
    (tmp_path / "mlc-chat-config.json").write_text("{}")
    return str(tmp_path)


def open_engine(
    monkeypatch: pytest.MonkeyPatch, model: str, script: fake_mlc_llm.Script
) -> MLCLLMEngine:
    monkeypatch.setitem(sys.modules, "mlc_llm", fake_mlc_llm.make_module(script))
    return MLCLLMEngine(LLMConfig(engine="mlc", device="cuda"), model)


def test_a_tool_call(monkeypatch: pytest.MonkeyPatch, model_dir: str) -> None:
    script = fake_mlc_llm.Script(
        outputs=[['{"tool": "light_turn_on", ', '"arguments": {"name": "kitchen"}}']]
    )
    decision = open_engine(monkeypatch, model_dir, script).decide(MESSAGES, TOOLS)
    assert decision.calls[0].name == "light_turn_on"
    assert decision.calls[0].arguments == {"name": "kitchen"}
    assert script.engines == [{"model": model_dir, "device": "cuda", "mode": "interactive"}]


def test_a_reply_streams_to_the_sink(monkeypatch: pytest.MonkeyPatch, model_dir: str) -> None:
    script = fake_mlc_llm.Script(outputs=[['{"tool": "reply", "text": "It is', " ten", ' past."}']])
    heard: list[str] = []
    decision = open_engine(monkeypatch, model_dir, script).decide(MESSAGES, TOOLS, heard.append)
    assert decision.text == "It is ten past."
    assert "".join(heard) == "It is ten past."
    assert len(heard) == 3


def test_the_schema_and_settings_are_sent_as_mlc_wants_them(
    monkeypatch: pytest.MonkeyPatch, model_dir: str
) -> None:
    script = fake_mlc_llm.Script()
    engine = open_engine(monkeypatch, model_dir, script)
    messages = [*MESSAGES, ChatMessage("assistant", "{}"), ChatMessage("tool", "bad call")]
    engine.decide(messages, TOOLS)
    request = script.requests[0]
    assert request["response_format"]["type"] == "json_object"
    assert json.loads(request["response_format"]["schema"]) == decision_schema(TOOLS)
    assert request["messages"][-1] == {"role": "user", "content": "Tool result: bad call"}
    assert (request["temperature"], request["max_tokens"], request["seed"]) == (
        0.0,
        LLMConfig().max_tokens,
        7,
    )


def test_the_fake_refuses_what_mlc_refuses() -> None:
    with pytest.raises(pydantic.ValidationError):
        fake_mlc_llm.RequestResponseFormat.model_validate({"type": "json_object", "schema": {}})
    with pytest.raises(pydantic.ValidationError):
        fake_mlc_llm.RequestResponseFormat.model_validate({"type": "json_schema"})


def test_without_mlc_llm_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "mlc_llm", None)  # makes `import mlc_llm` fail
    with pytest.raises(EngineUnavailable, match="not installed") as error:
        MLCLLMEngine(LLMConfig(engine="mlc"), "/models/phi")
    message = str(error.value)
    assert "pip install --pre -U -f https://mlc.ai/wheels mlc-llm-nightly" in message
    assert "\n" not in message


def test_a_model_that_does_not_load_is_unavailable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(EngineUnavailable, match="could not load .*no mlc-chat-config.json"):
        open_engine(monkeypatch, str(tmp_path / "missing"), fake_mlc_llm.Script())


def test_an_engine_error_mid_stream_is_unavailable(
    monkeypatch: pytest.MonkeyPatch, model_dir: str
) -> None:
    script = fake_mlc_llm.Script(outputs=[['{"tool": "reply", "text": "It', " is", '"}']])
    script.fail_after = 2
    heard: list[str] = []
    engine = open_engine(monkeypatch, model_dir, script)
    with pytest.raises(EngineUnavailable, match="mlc-llm failed while generating: TVMError"):
        engine.decide(MESSAGES, TOOLS, heard.append)
    assert "".join(heard) == "It is"


def test_an_invalid_request_is_unavailable(monkeypatch: pytest.MonkeyPatch, model_dir: str) -> None:
    engine = open_engine(monkeypatch, model_dir, fake_mlc_llm.Script())
    late_system = [*MESSAGES, ChatMessage("system", "again")]
    with pytest.raises(EngineUnavailable, match="System prompt at position 2"):
        engine.decide(late_system, TOOLS)


def test_a_failing_sink_is_not_blamed_on_the_engine(
    monkeypatch: pytest.MonkeyPatch, model_dir: str
) -> None:
    script = fake_mlc_llm.Script(outputs=[['{"tool": "reply", "text": "Hi"}']])

    def broken_sink(_text: str) -> None:
        raise KeyError("speaker gone")

    with pytest.raises(KeyError):
        open_engine(monkeypatch, model_dir, script).decide(MESSAGES, TOOLS, broken_sink)


def test_close_terminates_the_engine(monkeypatch: pytest.MonkeyPatch, model_dir: str) -> None:
    script = fake_mlc_llm.Script()
    open_engine(monkeypatch, model_dir, script).close()
    assert script.terminated == 1


def test_a_passed_deadline_stops_the_stream(
    monkeypatch: pytest.MonkeyPatch, model_dir: str
) -> None:
    script = fake_mlc_llm.Script(outputs=[['{"tool": "reply", "text": "It is', " ten", ' past."}']])
    engine = open_engine(monkeypatch, model_dir, script)
    with pytest.raises(DeadlinePassed, match="turn's time was up"):
        engine.decide(MESSAGES, TOOLS, deadline=0.0)  # long past
