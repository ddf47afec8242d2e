"""The tool registry and plugin discovery through the `sottovoce.plugins` entry points.

Listing plugins reads package metadata only; a plugin's module is imported
when the registry loads it. A plugin that fails to import is recorded and
skipped, so the rest keep working.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from sottovoce.devices import StoreError, World
from sottovoce.tools.api import Plugin, ToolSpec
from sottovoce.tools.context import ToolContext
from sottovoce.tools.guard import Guard

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "sottovoce.plugins"


@dataclass(frozen=True)
class PluginInfo:
    """A plugin as package metadata describes it, before it is imported."""

    name: str
    target: str
    distribution: str | None


def available_plugins() -> list[PluginInfo]:
    """The installed plugins, from metadata alone (nothing is imported)."""
    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = entry.dist.name if entry.dist is not None else None
        found.append(PluginInfo(name=entry.name, target=entry.value, distribution=dist))
    return sorted(found, key=lambda info: info.name)


def ordered_entry_points() -> list[EntryPoint]:
    """The plugin entry points, sottovoce's own first: a third-party name clash loses to them."""
    found = list(entry_points(group=ENTRY_POINT_GROUP))
    return sorted(found, key=lambda e: e.dist is None or e.dist.name != "sottovoce")


def load_plugin(target: str) -> Plugin:
    """Import `module:attribute` (or a module exposing `plugin`) and return its Plugin."""
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    plugin = getattr(module, attribute or "plugin", None)
    if not isinstance(plugin, Plugin):
        raise TypeError(f"{target} is not a sottovoce Plugin")
    return plugin


class Registry:
    """The tools the agent may call, by name."""

    def __init__(self, plugins: Iterable[Plugin] = ()) -> None:
        self._plugins: dict[str, Plugin] = {}
        self._tools: dict[str, ToolSpec] = {}
        self.failures: dict[str, str] = {}
        for plugin in plugins:
            self.add(plugin)

    @classmethod
    def from_entry_points(cls, only: Iterable[str] | None = None) -> Registry:
        """Load the installed plugins (all, or those named in `only`)."""
        wanted = set(only) if only is not None else None
        registry = cls()
        for entry in ordered_entry_points():
            if wanted is None or entry.name in wanted:
                registry.load_entry_point(entry)
        return registry

    @classmethod
    def builtin(cls) -> Registry:
        """The built-in plugins only, without consulting package metadata."""
        from sottovoce.tools.builtin import BUILTIN_PLUGINS

        registry = cls()
        for target in BUILTIN_PLUGINS:
            registry.add(load_plugin(target))
        return registry

    def load_entry_point(self, entry: EntryPoint) -> None:
        """Load one entry point; record a failure instead of raising."""
        try:
            plugin = load_plugin(entry.value)
            self.add(plugin)
        except Exception as exc:  # a broken plugin must not take the agent down
            self.failures[entry.name] = f"{type(exc).__name__}: {exc}"

    def add(self, plugin: Plugin) -> None:
        """Add a plugin's tools; ValueError (nothing added) when `clash` finds a reason not to."""
        problem = self.clash(plugin)
        if problem is not None:
            raise ValueError(problem)
        self._plugins[plugin.name] = plugin
        for spec in plugin.tools:
            self._tools[spec.name] = spec

    def clash(self, plugin: Plugin) -> str | None:
        """Why `plugin` cannot be added (a name already taken, an undeclared kind), or None."""
        loaded = self._plugins.get(plugin.name)
        if loaded is not None and loaded is not plugin:
            return f"plugin name {plugin.name} is already taken by another plugin; rename it"
        for other in self._plugins.values():
            shared = sorted(plugin.sections.keys() & other.sections.keys())
            if other is not plugin and shared:
                return (
                    f"plugin {plugin.name} gives the snapshot section {shared[0]}, which plugin"
                    f" {other.name} already gives; rename the section"
                )
        for spec in plugin.tools:
            owner = self._tools.get(spec.name)
            if owner is not None and owner.plugin != plugin.name:
                return (
                    f"tool {spec.name} of plugin {plugin.name} collides with"
                    f" {owner.qualified_name}; rename the tool (e.g. {plugin.name}_{spec.name})"
                )
            outside = plugin.outside_kinds(spec)
            if outside:
                return (
                    f"tool {spec.qualified_name} declares kinds {', '.join(outside)}"
                    " that its plugin does not"
                )
        return None

    def get(self, name: str) -> ToolSpec | None:
        """The tool called `name` (bare, or qualified as `plugin.tool`), or None."""
        spec = self._tools.get(name)
        if spec is None and "." in name:
            plugin, _, bare = name.partition(".")
            spec = self._tools.get(bare)
            if spec is not None and spec.plugin != plugin:
                return None
        return spec

    def __iter__(self) -> Iterator[ToolSpec]:
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def plugins(self) -> list[Plugin]:
        """The loaded plugins."""
        return list(self._plugins.values())

    def attach(self, world: World) -> None:
        """Let the plugins show their records on `world` (snapshot sections, names), then
        run their setups (seeding records from the world file), saved at once."""
        world.sections = {
            name: _bound(function, plugin.name, None)
            for plugin in self.plugins()
            for name, function in plugin.sections.items()
        }
        world.name_sources = [
            (slot, _bound(function, plugin.name, []))
            for plugin in self.plugins()
            for slot, function in plugin.name_sources
        ]
        for plugin in self.plugins():
            for setup in plugin.setups:
                try:
                    setup(ToolContext(world=_read_only(world), plugin=plugin.name))
                except Exception:  # a broken plugin must not take the agent down
                    log.warning("setup of plugin %s failed", plugin.name, exc_info=True)
        try:
            world.store.commit()
        except StoreError:
            pass  # a read-only place: the seeded records live in memory


def _read_only(world: World) -> World:
    """The world with devices that refuse every change (a section, names, a setup)."""
    return Guard("showing a plugin's records", ()).view(world)


def _bound(function: Callable[[Any], Any], plugin: str, fallback: Any) -> Callable[[World], Any]:
    """`function` called with a context for `plugin` on the world it is given.

    A plugin that fails gives `fallback` (logged): one broken plugin must not break
    eval's snapshot or the recognizer's vocabulary.
    """

    def bound(world: World) -> Any:
        try:
            return function(ToolContext(world=_read_only(world), plugin=plugin))
        except Exception:
            log.warning("plugin %s failed to show its records", plugin, exc_info=True)
            return fallback

    return bound
