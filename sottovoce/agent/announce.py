"""What came due: every plugin's due checks, run in one store transaction, and what they say.

Timers and reminders are built-in plugins' due checks like any other plugin's:
the core knows no plugin. The checks run inside `Store.exclusive()`, so among
processes sharing a store one takes each item out and announces it.
"""

from __future__ import annotations

import logging

from sottovoce.devices import StoreError, World
from sottovoce.models.safetext import printable
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.tools.api import DueFunction
from sottovoce.tools.guard import Guard

log = logging.getLogger(__name__)


def fire_due(world: World, registry: Registry) -> list[str]:
    """Take out what came due, by every plugin's checks; the sentences to announce."""
    checks = [(plugin, check) for plugin in registry.plugins() for check in plugin.due_checks]
    if not checks:
        return []
    said: list[str] = []
    try:
        with world.store.exclusive():
            said = _run(world, checks)
    except StoreError as exc:  # locked past the timeout: tried again at the next check
        log.info("%s", exc)  # (or the save failed: said now, saved by a later commit)
    return said


def _run(world: World, checks: list[tuple[Plugin, DueFunction]]) -> list[str]:
    spoken: list[str] = []
    for plugin, check in checks:
        # Nobody asked for what a due check does: it changes devices only of the kinds
        # its plugin declared, or else of those its tools declared.
        kinds = plugin.kinds if plugin.kinds is not None else plugin.tool_kinds()
        guard = Guard(f"due check of plugin {plugin.name}", kinds)
        try:
            said = check(ToolContext(world=guard.view(world), plugin=plugin.name))
            spoken += [printable(str(text)) for text in said]
        except Exception:  # one broken plugin must not silence the others' timers
            log.warning("due check of plugin %s failed", plugin.name, exc_info=True)
    return [text for text in spoken if text]
