"""Engines behind small interfaces (language model now; speech later). Imports nothing above."""

from sottovoce.models.llm import (
    ChatMessage,
    EngineUnavailable,
    LLMDecision,
    LLMEngine,
    Script,
    ScriptedEngine,
    ToolChoice,
    ToolSchema,
)

__all__ = [
    "ChatMessage",
    "EngineUnavailable",
    "LLMDecision",
    "LLMEngine",
    "Script",
    "ScriptedEngine",
    "ToolChoice",
    "ToolSchema",
]
