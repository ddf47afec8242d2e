"""What `sottovoce tools check` finds without a world: imports, schemas, names and kinds.

Each plugin is imported on its own, so one that fails is reported with its
error and the others are still checked. Problems are found in load order,
the order the agent loads plugins in: when two plugins use one tool name,
the later one is the one the agent skips, so it is the one told to rename.
The sentence templates are checked by `sottovoce.eval.plugincheck`, which
needs the grammar and the router.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sottovoce.devices import KINDS
from sottovoce.tools.api import Plugin, ToolSpec
from sottovoce.tools.registry import Registry, load_plugin, ordered_entry_points


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plugin or one of its tools."""

    where: str  # "plugin" or "plugin.tool"
    text: str
    blocking: bool = False  # the agent would not offer this tool (or its plugin)

    def line(self) -> str:
        """The problem as printed: `plugin.tool: problem`."""
        return f"{self.where}: {self.text}"


@dataclass
class Loaded:
    """The plugins that imported, in load order, and why the others did not."""

    plugins: list[Plugin] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # entry name -> error
    names: dict[str, str] = field(default_factory=dict)  # entry name -> plugin name

    def knows(self, name: str) -> bool:
        """Whether `name` is an installed plugin (by entry-point or plugin name)."""
        return name in self.failures or name in self.names or name in self.names.values()

    def all_names(self) -> list[str]:
        """Every plugin name, loaded or failed, for an error message."""
        return sorted({*self.failures, *self.names.values()})


def installed_targets() -> list[tuple[str, str]]:
    """(entry name, `module:attribute`) of the installed plugins, in the agent's load order."""
    found = [(entry.name, entry.value) for entry in ordered_entry_points()]
    if found:
        return found
    # An uninstalled checkout has no entry points: the built-ins are what the agent loads.
    from sottovoce.tools.builtin import BUILTIN_PLUGINS

    return [(target.partition(":")[0].rsplit(".", 1)[-1], target) for target in BUILTIN_PLUGINS]


def load_targets(targets: Iterable[tuple[str, str]]) -> Loaded:
    """Import each plugin on its own; a failure is recorded with its error, never raised."""
    loaded = Loaded()
    for name, target in targets:
        try:
            plugin = load_plugin(target)
        except Exception as exc:  # any error in a plugin's import is the plugin's problem
            loaded.failures[name] = f"{type(exc).__name__}: {exc}"
            continue
        loaded.plugins.append(plugin)
        loaded.names[name] = plugin.name
    return loaded


def static_problems(loaded: Loaded) -> list[Problem]:
    """Import failures, then for each tool: schema, kinds, and names taken by earlier plugins."""
    problems = [
        Problem(name, f"does not import: {error}") for name, error in loaded.failures.items()
    ]
    owners: dict[str, str] = {}
    seen_plugins: set[str] = set()
    for plugin in loaded.plugins:
        if plugin.name in seen_plugins:
            problems.append(Problem(plugin.name, "another plugin has this name; rename one"))
        seen_plugins.add(plugin.name)
        problems += _plugin_kinds(plugin)
        for spec in plugin.tools:
            problems += tool_problems(plugin, spec)
            owner = owners.setdefault(spec.name, spec.qualified_name)
            if owner != spec.qualified_name:
                text = f"tool name taken by {owner}; rename the tool (the agent skips this plugin)"
                problems.append(Problem(spec.qualified_name, text, blocking=True))
    return problems


def _plugin_kinds(plugin: Plugin) -> list[Problem]:
    unknown = [kind for kind in plugin.kinds or () if kind not in KINDS]
    if not unknown:
        return []
    return [Problem(plugin.name, f"declares unknown device kinds {', '.join(unknown)}{_known()}")]


def tool_problems(plugin: Plugin, spec: ToolSpec) -> list[Problem]:
    """What is wrong with one tool on its own: its schema, its kinds."""
    problems = []
    try:
        spec.json_schema()
    except Exception as exc:  # pydantic raises several types for a schema it cannot build
        problems.append(
            Problem(spec.qualified_name, f"no JSON schema: {type(exc).__name__}: {exc}")
        )
    unknown = [kind for kind in spec.kinds if kind not in KINDS]
    if unknown:
        text = f"declares unknown device kinds {', '.join(unknown)}{_known()}"
        problems.append(Problem(spec.qualified_name, text))
    outside = plugin.outside_kinds(spec)
    if outside:
        allowed = ", ".join(plugin.kinds or ()) or "none"
        text = f"declares kinds {', '.join(outside)} outside its plugin's kinds ({allowed})"
        problems.append(Problem(spec.qualified_name, text, blocking=True))
    if spec.plugin != plugin.name:
        problems.append(Problem(spec.qualified_name, f"says its plugin is {spec.plugin}"))
    return problems


def _known() -> str:
    return f" (known: {', '.join(KINDS)})"


def accepted(plugins: Sequence[Plugin]) -> Registry:
    """The registry the agent would build from these plugins: clashing ones left out."""
    registry = Registry()
    for plugin in plugins:
        if registry.clash(plugin) is None:
            registry.add(plugin)
    return registry
