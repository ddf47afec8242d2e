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

from sottovoce.models.limits import MAX_CONFIG_FILE_BYTES, MAX_NESTING
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
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_FILE_BYTES + 1)
    except FileNotFoundError:
        return {}
    except OSError as exc:  # a folder on the way that may not be entered, a directory
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_FILE_BYTES:
        raise ConfigError(
            f"config file {path} is larger than the limit of {MAX_CONFIG_FILE_BYTES} bytes"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config file {path} is not UTF-8 text (byte {exc.start})") from None
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    except RecursionError:  # arrays or inline tables nested hundreds deep
        raise ConfigError(f"config file {path} nests deeper than {MAX_NESTING}") from None
    if _depth(tables) > MAX_NESTING:
        raise ConfigError(f"config file {path} nests deeper than {MAX_NESTING}")
    return tables


def _depth(value: Any) -> int:
    """How deep tables and arrays nest in `value` (without recursion: dotted keys go deep)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            pending += [(child, depth + 1) for child in children]
    return deepest


def llm_config(tables: Mapping[str, Any], overrides: Mapping[str, Any]) -> LLMConfig:
    """The language-model settings: defaults, then `[llm]`, then the command line."""
    table = tables.get("llm", {})
    if not isinstance(table, Mapping):
        raise ConfigError("[llm] in the config file must be a table")
    return LLMConfig().updated(table).updated(overrides)
