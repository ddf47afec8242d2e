"""`sottovoce plugin new NAME`: a new plugin package, ready to install and test."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sottovoce.cli.args import EXIT_BAD_INPUT


def add_plugin_parser(commands: Any) -> None:
    """Register `plugin new` on the command line."""
    plugin = commands.add_parser("plugin", help="make a new plugin package")
    actions = plugin.add_subparsers(dest="plugin_command", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="a new plugin package, ready to install and test")
    new.add_argument("name", help="the plugin's name, a Python identifier (e.g. garden_hose)")
    new.add_argument(
        "--dir", type=Path, default=Path("."), help="where to make its folder (default: here)"
    )
    new.set_defaults(run=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    from sottovoce.tools.scaffold import ScaffoldError, create_plugin, tool_names

    try:
        target, written = create_plugin(args.name, args.dir)
    except ScaffoldError as exc:
        print(f"sottovoce: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"Created the plugin package {target}/:")
    for path in written:
        print(f"  {path.relative_to(target)}")
    module = next(path for path in written if path.name == "__init__.py")
    tools = ", ".join(f"{target.name}.{tool}" for tool in tool_names(module.read_text("utf-8")))
    print("Next:")
    print(f"  pip install -e {target}")
    print(f"  sottovoce tools        # lists {tools}")
    print(f"  pytest {target}")
    return 0
