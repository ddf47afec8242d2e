"""`sottovoce tools`: the tools the agent can call, and the installed plugins."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_tools_parser(commands: Any) -> None:
    """Register `tools` on the command line."""
    tools = commands.add_parser("tools", help="list the tools and their argument schemas")
    tools.add_argument("--json", action="store_true", help="print JSON")
    tools.add_argument(
        "--plugins", action="store_true", help="list installed plugins without importing them"
    )
    tools.set_defaults(run=_run_tools)


def _run_tools(args: argparse.Namespace) -> int:
    from sottovoce.tools import available_plugins

    if args.plugins:
        for info in available_plugins():
            print(f"{info.name}\t{info.target}\t{info.distribution or ''}")
        return 0
    from sottovoce.cli import load_registry

    registry = load_registry()
    specs = sorted(registry, key=lambda s: (s.plugin, s.name))
    if args.json:
        listing = [
            {
                "name": s.name,
                "plugin": s.plugin,
                "description": s.description,
                "confirm": s.confirm,
                "kinds": list(s.kinds),
                "parameters": s.json_schema(),
            }
            for s in specs
        ]
        print(json.dumps(listing, indent=2))
        return 0
    for spec in specs:
        risky = "  (asks first)" if spec.confirm else ""
        print(f"{spec.plugin}.{spec.name}: {spec.description}{risky}")
        props = spec.json_schema().get("properties", {})
        for param, schema in props.items():
            print(f"    {param}: {_type_of(schema)}")
    return 0


def _type_of(schema: dict[str, object]) -> str:
    if "type" in schema:
        return str(schema["type"])
    options = schema.get("anyOf")
    if isinstance(options, list):
        return " | ".join(str(o.get("type", "?")) for o in options if isinstance(o, dict))
    return "any"
