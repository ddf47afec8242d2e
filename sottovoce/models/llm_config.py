"""Settings of the language-model engine: which engine, which model, how to run it.

Filled from the `[llm]` table of the config file and then from the command
line; the defaults suit a 2-4 core CPU (Raspberry Pi, laptop).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from sottovoce.models.limits import LLM_SETTING_RANGES, MAX_URL_CHARS

ENGINES = ("llama", "mlc", "openai", "none")


class ConfigError(Exception):
    """A setting is wrong; the message names it and what to do, in one line."""


def _default_threads() -> int:
    # Generation is bound by memory bandwidth: more than 4 threads rarely helps
    # on small boards, and leaving a core free keeps audio capture smooth.
    cores = os.cpu_count() or 2
    return max(1, min(4, cores if cores <= 2 else cores - 1))


@dataclass(frozen=True)
class LLMConfig:
    """How the language model is run."""

    engine: str = "llama"
    model: str | None = None  # catalog name or file path; None = the default model
    threads: int = 0  # 0 = chosen from the CPU count
    context: int = 2048
    max_tokens: int = 256  # above the longest decision the schema admits
    temperature: float = 0.0
    top_k: int = 40
    top_p: float = 0.95
    seed: int = 7
    base_url: str = "http://127.0.0.1:8080/v1"  # openai engine
    api_key: str | None = None
    timeout_s: float = 30.0  # openai engine: connecting, and then each read
    # Every engine: the model's whole part of a turn (connecting, every read, the
    # agent's second try), after which the turn stops and says so.
    turn_deadline_s: float = 30.0
    response_format: str = "json_schema"  # openai engine: json_schema | json_object | none
    device: str = "auto"  # mlc engine: auto, cuda, metal, vulkan, opencl

    @property
    def n_threads(self) -> int:
        """Threads to use for generation."""
        return self.threads if self.threads > 0 else _default_threads()

    def updated(self, values: Mapping[str, Any]) -> LLMConfig:
        """A copy with the given settings changed (None values are ignored)."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if value is None:
                continue
            if key not in known:
                raise ConfigError(f"unknown [llm] setting {key!r}; known: {', '.join(known)}")
            changes[key] = _coerce(key, value, _TYPES.get(key, str))
        result = replace(self, **changes)
        if result.engine not in ENGINES:
            raise ConfigError(
                f"unknown engine {result.engine!r}; choose one of {', '.join(ENGINES)}"
            )
        if result.response_format not in ("json_schema", "json_object", "none"):
            raise ConfigError("response_format must be json_schema, json_object or none")
        for key in ("timeout_s", "turn_deadline_s"):
            value = getattr(result, key)
            if not (value > 0 and math.isfinite(value)):
                raise ConfigError(f"[llm] {key} must be a number of seconds above 0, not {value!r}")
        for key, (low, high) in LLM_SETTING_RANGES.items():
            value = getattr(result, key)
            if not low <= value <= high:  # also refuses nan
                raise ConfigError(f"[llm] {key} must be from {low} to {high}, not {value!r}")
        problem = url_problem(result.base_url)
        if problem is not None:
            shown = result.base_url if len(result.base_url) <= 60 else result.base_url[:57] + "..."
            raise ConfigError(f"--llm-url / [llm] base_url {shown!r}: {problem}")
        return result


def url_problem(url: str) -> str | None:
    """What is wrong with a server's URL (http or https, a host, a valid port), or None."""
    if len(url) > MAX_URL_CHARS:
        return f"longer than {MAX_URL_CHARS} characters"
    if not url.isprintable() or any(c.isspace() for c in url):
        return "holds spaces or control characters"
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number from 0 to 65535 is a ValueError
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return "must start with http:// or https:// (for example http://127.0.0.1:8080/v1)"
    if not parts.hostname:
        return "names no host (for example http://127.0.0.1:8080/v1)"
    return None


_TYPES: dict[str, type] = {
    "threads": int,
    "context": int,
    "max_tokens": int,
    "temperature": float,
    "top_k": int,
    "top_p": float,
    "seed": int,
    "timeout_s": float,
    "turn_deadline_s": float,
}


_KIND_NAMES = {int: "a whole number", float: "a number", str: "text"}


def _coerce(key: str, value: Any, kind: type) -> Any:
    if isinstance(value, bool) or (kind is str and not isinstance(value, str)):
        raise ConfigError(f"[llm] {key} must be {_KIND_NAMES[kind]}, not {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"[llm] {key} must be {_KIND_NAMES[kind]}, not {value!r}") from None
