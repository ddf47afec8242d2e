"""The tool plugin API (stable for plugin authors) and the registry. May import devices.

A plugin author imports from here only: `Plugin`, `ToolContext`, `ToolError` (and
`WhichOne`, a ToolError that asks which device), `ToolFault`, and the target helpers
in `sottovoce.tools.targets`.
"""

from sottovoce.tools.api import Plugin, SentenceGroup, ToolSpec
from sottovoce.tools.context import ToolContext
from sottovoce.tools.errors import NeedsConfirmation, ToolError, ToolFault, WhichOne
from sottovoce.tools.registry import PluginInfo, Registry, available_plugins

__all__ = [
    "NeedsConfirmation",
    "Plugin",
    "PluginInfo",
    "Registry",
    "SentenceGroup",
    "ToolContext",
    "ToolError",
    "ToolFault",
    "ToolSpec",
    "WhichOne",
    "available_plugins",
]
