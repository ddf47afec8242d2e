"""Command-line options for the language model, and opening the engine they describe.

Shared by `chat` and `eval`: the config file's `[llm]` table, then these
options, choose the engine and the model.
"""

from __future__ import annotations

import argparse
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
    on with the grammar alone. A damaged model file (`DamagedModel`) always
    fails the command: it is the user's to repair, and never reaches llama.cpp.
    """
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import ModelError
    from sottovoce.models.engines import open_engine
    from sottovoce.models.filecheck import DamagedModel
    from sottovoce.models.safetext import printable

    config = llm_settings(args)
    try:
        if config.engine == "mlc" and config.model is None:
            # The default model is a GGUF file, which MLC cannot load.
            raise ModelError("the mlc engine needs an MLC build: --model phi-3.5-mini-mlc")
        path = local_model(config.model) if config.engine in ("llama", "mlc") else None
        return open_engine(config, path)
    except DamagedModel:
        raise
    except (EngineUnavailable, ModelError) as exc:
        if required:
            raise EngineUnavailable(str(exc)) from None
        print(f"sottovoce: warning: no language model: {printable(str(exc))}", file=sys.stderr)
        return None


def local_model(name_or_path: str | None) -> Path:
    """The model file to load; a catalog model's files are checked by size and sha256 first.

    The check is remembered (`models/filecheck.py`), so only a file that
    changed since is hashed again. A user's own file is checked by the engine
    (a GGUF's header and tensor table, `models/gguf.py`).
    """
    from sottovoce.models.catalog import Catalog, default_models_dir
    from sottovoce.models.filecheck import check_entry

    catalog = Catalog(default_models_dir())
    path = catalog.resolve_llm(name_or_path)
    entry = next(
        (e for e in catalog.entries() if e.kind == "llm" and catalog.main_path(e) == path), None
    )
    if entry is not None and entry.mlc_repo is None:
        check_entry(catalog, entry)
    return path
