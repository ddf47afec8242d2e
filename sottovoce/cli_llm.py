"""Command-line options for the language model, and opening the engine they describe.

Shared by `chat` and `eval`: the config file's `[llm]` table, then these
options, choose the engine and the model.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sottovoce.models import LLMEngine
    from sottovoce.models.llm_config import LLMConfig


def add_llm_options(parser: argparse.ArgumentParser) -> None:
    """Add --engine, --model, --llm-url, --threads, --context to a subcommand."""
    group = parser.add_argument_group("language model")
    group.add_argument(
        "--engine",
        choices=("llama", "mlc", "openai", "none"),
        help="llama (in-process llama.cpp, default), mlc, openai (a server), none (grammar only)",
    )
    group.add_argument("--model", help="catalog name or model file (default: the default model)")
    group.add_argument("--llm-url", dest="base_url", help="openai engine: the server's /v1 URL")
    group.add_argument("--threads", type=int, help="generation threads (default: from the CPUs)")
    group.add_argument("--context", type=int, help="context size in tokens (default 2048)")


def models_dir() -> Path:
    """Where downloaded models live: $SOTTOVOCE_MODELS_DIR or the user's data directory."""
    env = os.environ.get("SOTTOVOCE_MODELS_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sottovoce")) / "models"


def llm_settings(args: argparse.Namespace) -> LLMConfig:
    """The language-model settings from the config file and the options."""
    from sottovoce.config import llm_config, load_config

    overrides = {key: getattr(args, key, None) for key in _OPTION_KEYS}
    return llm_config(load_config(), overrides)


_OPTION_KEYS = ("engine", "model", "base_url", "threads", "context")


def open_llm(args: argparse.Namespace, *, required: bool) -> LLMEngine | None:
    """The engine the options ask for.

    When it cannot start, a required engine raises `EngineUnavailable` (the
    command fails); otherwise one line on stderr says why and the agent goes
    on with the grammar alone.
    """
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import Catalog, ModelError
    from sottovoce.models.engines import open_engine

    config = llm_settings(args)
    try:
        path = None
        if config.engine in ("llama", "mlc"):
            path = Catalog(models_dir()).resolve_llm(config.model)
        return open_engine(config, path)
    except (EngineUnavailable, ModelError) as exc:
        if required:
            raise EngineUnavailable(str(exc)) from None
        print(f"sottovoce: warning: no language model: {exc}", file=sys.stderr)
        return None
