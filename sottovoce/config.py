"""The user's config file (TOML): where it is and what it says.

`SOTTOVOCE_CONFIG` names the file; otherwise it is `config.toml` in the
user's config directory. A missing file means the defaults. Each table is
handed to the part it configures (`[llm]` to the language model).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sottovoce.models.llm_config import ConfigError, LLMConfig


def config_path() -> Path:
    """Where the config file is looked for."""
    env = os.environ.get("SOTTOVOCE_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("sottovoce")) / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The config file's tables; empty when there is no file."""
    path = path or config_path()
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None


def llm_config(tables: Mapping[str, Any], overrides: Mapping[str, Any]) -> LLMConfig:
    """The language-model settings: defaults, then `[llm]`, then the command line."""
    table = tables.get("llm", {})
    if not isinstance(table, Mapping):
        raise ConfigError("[llm] in the config file must be a table")
    return LLMConfig().updated(table).updated(overrides)
