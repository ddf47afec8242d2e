"""The one assembly of an app from the user's config: data directory, store, real devices,
notification hooks, plugins and MCP servers, and the agent on them.

`chat` and `run` (and `tools`, which lists what the agent would have) build what
they share here, so the parts meet in one typed place instead of in each
command. It prints only one-line notices on stderr; errors are the parts' own
one-line exceptions, which the command line shows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sottovoce.agent.agent import Agent
from sottovoce.config import load_config
from sottovoce.devices import Store, World
from sottovoce.models import LLMEngine
from sottovoce.tools import Registry


def data_dir(given: str | Path | None = None) -> Path:
    """Where the user's store lives: `given` (--data-dir), $SOTTOVOCE_DATA_DIR, or the default."""
    if given is not None:
        return Path(given)
    env = os.environ.get("SOTTOVOCE_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sottovoce"))


def open_store(folder: Path) -> Store:
    """The user's store in `folder`; a read-only one is said once, and still read."""
    store = Store.open_sqlite(folder / "store.sqlite3")
    if store.read_only:
        print(
            f"sottovoce: {store.path}: {store.read_only}; what you add lasts only until "
            "sottovoce stops (use --data-dir or SOTTOVOCE_DATA_DIR for a writable place)",
            file=sys.stderr,
        )
    return store


def load_registry(stack: ExitStack | None = None, tables: dict[str, Any] | None = None) -> Registry:
    """The installed plugins' tools; with `stack`, the config's MCP servers' tools too.

    The MCP servers run until `stack` closes.
    """
    registry = Registry.from_entry_points()
    if len(registry) == 0:
        # An uninstalled checkout has no entry points: fall back to the built-ins.
        registry = Registry.builtin()
    for name, failure in registry.failures.items():
        print(f"sottovoce: plugin {name} was skipped: {failure}", file=sys.stderr)
    if stack is not None:
        _attach_mcp(registry, stack, load_config() if tables is None else tables)
    return registry


def _attach_mcp(registry: Registry, stack: ExitStack, tables: dict[str, Any]) -> None:
    from sottovoce.models.llm_config import ConfigError

    if "mcp" not in tables:
        return  # the mcp client is slow to import: only when there are servers
    from sottovoce.tools.mcp_config import McpConfigError
    from sottovoce.tools.mcp_tools import attach_mcp

    def report(line: str) -> None:
        print(f"sottovoce: {line}", file=sys.stderr)

    try:
        attach_mcp(registry, tables, stack, report)
    except McpConfigError as exc:
        raise ConfigError(str(exc)) from None


def attach_configured(world: World, stack: ExitStack, tables: dict[str, Any] | None = None) -> None:
    """Put the config file's real devices (`[devices.*]`) in place of the world's simulated ones."""
    from sottovoce.devices.backends import BackendError, attach_backends

    tables = load_config() if tables is None else tables
    table = tables.get("devices", {})
    if not isinstance(table, dict):
        raise BackendError("[devices] in the config file must be a table of device ids")
    attached = attach_backends(world, table, stack)
    if attached:
        print(f"sottovoce: real devices: {', '.join(attached)}", file=sys.stderr)


def announcement_hooks(tables: dict[str, Any] | None = None) -> Callable[[str], None] | None:
    """What to do with each timer or reminder announcement besides saying it, or None.

    With `[desktop] notify = true` in the config file, that is a desktop
    notification (`Agent(..., on_announce=announcement_hooks())`).
    """
    tables = load_config() if tables is None else tables
    if "desktop" not in tables:
        return None
    from sottovoce.devices.backends.desktop import notifier_from_config

    notifier = notifier_from_config(tables["desktop"])
    return None if notifier is None else notifier.notify


def home_agent(
    world: World,
    stack: ExitStack,
    tables: dict[str, Any],
    open_engine: Callable[[], LLMEngine | None],
) -> Agent:
    """The agent acting on the user's home: real devices, the language model, plugins, MCP.

    Devices are attached first (a wrong config is said before a model loads); the
    engine and the MCP servers are closed when `stack` closes.
    """
    attach_configured(world, stack, tables)
    engine = open_engine()
    if engine is not None:
        stack.callback(engine.close)
    registry = load_registry(stack, tables)
    return Agent(registry, world, engine, on_announce=announcement_hooks(tables))
