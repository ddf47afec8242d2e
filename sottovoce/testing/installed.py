"""Whether a plugin is installed so that the agent loads it: for a plugin's own tests.

The agent finds plugins through the `sottovoce.plugins` entry points and
skips one that does not import, is not a `Plugin`, or clashes with a plugin
loaded before it (a tool name or plugin name already taken). `installed_plugin`
loads every installed plugin the way the agent does and says which of these
happened to the one named.
"""

from __future__ import annotations

from sottovoce.tools import Plugin, Registry
from sottovoce.tools.registry import load_plugin, ordered_entry_points


class PluginNotLoaded(AssertionError):
    """The plugin is installed, but the agent would skip it; the message says why."""


def installed_plugin(name: str) -> Plugin | None:
    """The plugin installed under entry-point name `name`, as the agent loads it.

    None when no such entry point is installed (the package is not installed
    yet). `PluginNotLoaded` (an AssertionError, so a test fails with the reason)
    when it is installed but the agent would skip it.
    """
    entries = [entry for entry in ordered_entry_points() if entry.name == name]
    if not entries:
        return None
    registry = Registry.from_entry_points()  # every installed plugin, in the agent's order
    failure = registry.failures.get(name)
    if failure is not None:
        raise PluginNotLoaded(f"plugin {name} is installed but the agent skips it: {failure}")
    return load_plugin(entries[0].value)  # imported already: the object the agent holds
