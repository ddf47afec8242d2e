"""`sottovoce plugin new NAME`: a new plugin package, ready to install and test."""

from __future__ import annotations

from typing import Any


def add_plugin_parser(commands: Any) -> None:
    """Register `plugin` on the command line (being built for issue 6)."""
    commands.add_parser("plugin", help="make a new plugin package")
