"""Engines behind small interfaces (language model now; speech later). Imports nothing above.

Heavy libraries (llama-cpp-python, mlc-llm) are imported only by the engine in use.
"""

from sottovoce.models.llm import (
    ChatMessage,
    DeadlinePassed,
    EngineUnavailable,
    LLMDecision,
    LLMEngine,
    ModelOutputError,
    TextSink,
    ToolChoice,
    ToolSchema,
)

__all__ = [
    "ChatMessage",
    "DeadlinePassed",
    "EngineUnavailable",
    "LLMDecision",
    "LLMEngine",
    "ModelOutputError",
    "TextSink",
    "ToolChoice",
    "ToolSchema",
]
