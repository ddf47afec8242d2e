"""Opening the language-model engine that the config names.

Each engine's module (and its heavy library) is imported only when that
engine is chosen, so a grammar-only install never loads llama.cpp.
"""

from __future__ import annotations

from pathlib import Path

from sottovoce.models.llm import EngineUnavailable, LLMEngine
from sottovoce.models.llm_config import LLMConfig


def open_engine(config: LLMConfig, model_path: Path | None) -> LLMEngine | None:
    """The engine for `config` (None when the engine is "none").

    `model_path` is the resolved local model for the in-process engines;
    raises `EngineUnavailable` with a one-line reason when it cannot start.
    """
    if config.engine == "none":
        return None
    if config.engine == "openai":
        from sottovoce.models.openai_http import OpenAIHTTPEngine

        return OpenAIHTTPEngine(config)
    if model_path is None:
        raise EngineUnavailable(f"the {config.engine} engine needs a model; set [llm] model")
    if config.engine == "mlc":
        from sottovoce.models.mlc import MLCLLMEngine

        return MLCLLMEngine(config, str(model_path))
    from sottovoce.models.llamacpp import LlamaCppEngine

    return LlamaCppEngine(model_path, config)
