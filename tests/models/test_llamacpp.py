"""The llama.cpp engine on the real default model (SmolLM2-135M, shipped as a package)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sottovoce.cli.llm import local_model
from sottovoce.models import ChatMessage, DeadlinePassed, EngineUnavailable, ToolSchema
from sottovoce.models.llamacpp import LlamaCppEngine
from sottovoce.models.llm import chat_messages
from sottovoce.models.llm_config import LLMConfig

pytestmark = pytest.mark.slow

LIGHT = ToolSchema(
    "light_turn_on",
    "Turn lights on.",
    {
        "type": "object",
        "properties": {
            "name": {
                "anyOf": [
                    {"type": "string", "enum": ["desk lamp", "porch light"]},
                    {"type": "null"},
                ]
            },
            "area": {"anyOf": [{"type": "string", "enum": ["study", "garden"]}, {"type": "null"}]},
        },
        "additionalProperties": False,
    },
)
TIMER = ToolSchema(
    "timer_start",
    "Start a timer.",
    {
        "type": "object",
        "properties": {"seconds": {"type": "integer", "minimum": 1, "maximum": 86400}},
        "required": ["seconds"],
        "additionalProperties": False,
    },
)
SYSTEM = (
    "You are a home assistant. Write one JSON object: a tool call "
    '{"tool": ..., "arguments": {...}} or a reply {"tool": "reply", "text": ...}.\n'
    "Tools:\nlight_turn_on(name?, area?): Turn lights on.\ntimer_start(seconds): Start a timer."
)


@pytest.fixture(scope="module")
def engine() -> Iterator[LlamaCppEngine]:
    engine = LlamaCppEngine(local_model(None), LLMConfig(threads=2))
    yield engine
    engine.close()


def _ask(text: str) -> list[ChatMessage]:
    return [ChatMessage("system", SYSTEM), ChatMessage("user", text)]


@pytest.mark.parametrize(
    "text", ["switch on the desk lamp", "set a timer for 300 seconds", "what is two plus two"]
)
def test_every_output_is_a_valid_decision(engine: LlamaCppEngine, text: str) -> None:
    decision = engine.decide(_ask(text), [LIGHT, TIMER])
    if decision.calls:
        [call] = decision.calls
        assert call.name in ("light_turn_on", "timer_start")
        if call.name == "timer_start":
            assert 1 <= call.arguments["seconds"] <= 86400
        else:
            assert set(call.arguments) <= {"name", "area"}
    else:
        assert decision.text is not None


def test_with_no_tools_it_answers_and_the_text_streams(engine: LlamaCppEngine) -> None:
    pieces: list[str] = []
    decision = engine.decide(_ask("say hello"), [], on_text=pieces.append)
    assert decision.text is not None and not decision.calls
    assert len(pieces) > 1 and "".join(pieces).strip() == decision.text


def test_the_cached_prefix_does_not_change_the_answer(engine: LlamaCppEngine) -> None:
    engine.decide(_ask("switch on the porch light"), [LIGHT, TIMER])
    cached = engine.decide(_ask("set a timer for 60 seconds"), [LIGHT, TIMER])
    assert engine.llm.n_tokens > 0  # the KV cache is kept between turns
    engine.forget()
    assert engine.llm.n_tokens == 0
    cold = engine.decide(_ask("set a timer for 60 seconds"), [LIGHT, TIMER])
    assert cached.raw == cold.raw


def test_a_request_whose_deadline_passed_while_waiting_is_not_begun(
    engine: LlamaCppEngine,
) -> None:
    with pytest.raises(DeadlinePassed, match="busy until the turn's time was up"):
        engine.decide(_ask("switch on the porch light"), [LIGHT, TIMER], deadline=0.0)


def test_the_models_own_chat_template_is_used(engine: LlamaCppEngine) -> None:
    assert engine.chat_template is not None and "<|im_start|>" in engine.chat_template
    assert engine.llm.chat_format == "chat_template.default"


def test_tool_results_become_user_turns() -> None:
    messages = chat_messages([ChatMessage("tool", "bad call")])
    assert messages == [{"role": "user", "content": "Tool result: bad call"}]


def test_a_truncated_model_file_is_a_one_line_error(tmp_path: Path) -> None:
    source = local_model(None)
    broken = tmp_path / "broken.gguf"
    with source.open("rb") as handle:
        broken.write_bytes(handle.read(4 << 20))
    # Refused by the check of its tensor table, before llama.cpp reads it.
    with pytest.raises(EngineUnavailable, match=r"broken\.gguf is a damaged GGUF file") as info:
        LlamaCppEngine(broken, LLMConfig())
    assert "\n" not in str(info.value)


def test_a_copy_of_the_model_loads_from_any_path(tmp_path: Path) -> None:
    copy = tmp_path / "copy.gguf"
    shutil.copyfile(local_model(None), copy)
    LlamaCppEngine(copy, LLMConfig()).close()


WARMER = ToolSchema(
    "climate_warmer",
    "Raise the temperature.",
    {"properties": {"degrees": {"type": "number", "exclusiveMinimum": 0, "maximum": 10}}},
)
TIMER_S = ToolSchema(
    "timer_start",
    "Start a timer.",
    {
        "properties": {"seconds": {"type": "number", "exclusiveMinimum": 0, "maximum": 10**7}},
        "required": ["seconds"],
    },
)


@pytest.mark.parametrize(
    "text", ["make it 40 degrees warmer", "a timer for minus five seconds", "timer for 99999999999"]
)
def test_numeric_bounds_hold_during_generation(engine: LlamaCppEngine, text: str) -> None:
    decision = engine.decide(_ask(text), [WARMER, TIMER_S])
    for call in decision.calls:
        value = call.arguments.get("degrees", call.arguments.get("seconds"))
        if value is not None:
            limit = 10 if call.name == "climate_warmer" else 10**7
            assert 0 < value <= limit
