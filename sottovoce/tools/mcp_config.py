"""The `[mcp]` table of the config file: which MCP servers to start, and how.

A malformed `[mcp]` table is an error (McpConfigError); one server's bad
settings only skip that server, with a line saying what to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sottovoce.tools.mcp_client import ServerConfig


class McpConfigError(ValueError):
    """The `[mcp]` table itself is malformed (one server's bad settings only skip that server)."""


class _ServerTable(BaseModel):
    """The settings of one `[mcp.servers.NAME]` table, as TOML gives them."""

    model_config = ConfigDict(extra="forbid", strict=True)

    command: str = Field(min_length=1)
    args: list[str] = []
    env: dict[str, str] = {}
    cwd: str | None = None
    timeout_s: float = Field(default=10.0, gt=0, le=3600)  # inf waited forever (limits.md)
    confirm: list[str] = []
    tools: list[str] = ["*"]


def parse_servers(tables: Mapping[str, Any]) -> tuple[list[ServerConfig], dict[str, str]]:
    """The configured servers, and why each badly configured one is skipped.

    Raises McpConfigError when `[mcp]` or `[mcp.servers]` is not a table.
    """
    table = tables.get("mcp", {})
    if not isinstance(table, Mapping):
        raise McpConfigError("[mcp] in the config file must be a table; see docs/mcp.md")
    unknown = sorted(set(table) - {"servers"})
    if unknown:
        raise McpConfigError(
            f"[mcp] has an unknown key {unknown[0]!r}; each server goes in [mcp.servers.NAME]"
        )
    servers = table.get("servers", {})
    if not isinstance(servers, Mapping):
        raise McpConfigError("[mcp.servers] must be a table with one [mcp.servers.NAME] per server")
    configs: list[ServerConfig] = []
    skipped: dict[str, str] = {}
    for name, body in servers.items():
        try:
            configs.append(_server_config(name, body))
        except ValueError as exc:
            skipped[name] = str(exc)
    return configs, skipped


def _server_config(name: str, body: Any) -> ServerConfig:
    if not isinstance(body, Mapping):
        raise ValueError(f"[mcp.servers.{name}] must be a table with at least `command`")
    try:
        table = _ServerTable.model_validate(dict(body))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "settings"
        raise ValueError(f"{where}: {error['msg'].lower()}; fix [mcp.servers.{name}]") from None
    return ServerConfig(
        name=name,
        command=table.command,
        args=tuple(table.args),
        env=dict(table.env),
        cwd=table.cwd,
        timeout_s=table.timeout_s,
        confirm=tuple(table.confirm),
        tools=tuple(table.tools),
    )
