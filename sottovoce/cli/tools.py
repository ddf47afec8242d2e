"""`sottovoce tools`: the tools the agent can call, the installed plugins, and `tools check`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sottovoce.cli.args import whole

if TYPE_CHECKING:
    from sottovoce.tools import Registry

EXIT_BAD_USAGE = 2


def add_tools_parser(commands: Any) -> None:
    """Register `tools` (and `tools check [PLUGIN]`) on the command line."""
    tools = commands.add_parser(
        "tools",
        help="list the tools and their argument schemas; 'tools check' validates plugins",
        description="List the tools, or check the installed plugins with 'tools check [PLUGIN]'.",
    )
    tools.add_argument("action", nargs="?", choices=["check"], help="check the installed plugins")
    tools.add_argument("plugin", nargs="?", help="with check: only this plugin")
    tools.add_argument("--json", action="store_true", help="print JSON")
    tools.add_argument(
        "--plugins", action="store_true", help="list installed plugins without importing them"
    )
    tools.add_argument(
        "--samples",
        type=whole(1, 1000),
        help="with check: example sentences tried per template (default 5)",
    )
    tools.set_defaults(run=_run_tools)


def _run_tools(args: argparse.Namespace) -> int:
    from sottovoce.tools import available_plugins

    if args.action == "check":
        return _run_check(args)
    if args.samples is not None:
        return _bad_usage("--samples goes with 'tools check'")
    if args.plugins:
        for info in available_plugins():
            print(f"{info.name}\t{info.target}\t{info.distribution or ''}")
        return 0
    from sottovoce.app import load_registry

    # MCP servers of the config file are started so that their tools are listed too.
    with contextlib.ExitStack() as stack:
        _list_tools(load_registry(stack), as_json=args.json)
    return 0


def _list_tools(registry: Registry, *, as_json: bool) -> None:
    specs = sorted(registry, key=lambda s: (s.plugin, s.name))
    if as_json:
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
        return
    for spec in specs:
        risky = "  (asks first)" if spec.confirm else ""
        print(f"{spec.plugin}.{spec.name}: {spec.description}{risky}")
        schema = spec.json_schema()
        definitions = schema.get("$defs", {})
        for param, body in schema.get("properties", {}).items():
            print(f"    {param}: {type_of(body, definitions)}")


def type_of(schema: Mapping[str, Any], definitions: Mapping[str, Any] | None = None) -> str:
    """A parameter's type as listed: `string`, `"heat" | "cool" | null`, `array of string`.

    A fixed choice (a `Literal` or an enum, `$ref` to a definition) shows its values.
    """
    definitions = definitions or {}
    reference = schema.get("$ref")
    if isinstance(reference, str):
        target = definitions.get(reference.rsplit("/", 1)[-1])
        return type_of(target, definitions) if isinstance(target, Mapping) else "any"
    choices = schema.get("enum")
    if isinstance(choices, list):
        return " | ".join(json.dumps(choice, ensure_ascii=False) for choice in choices)
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False)
    options = schema.get("anyOf")
    if isinstance(options, list):
        return " | ".join(
            type_of(option, definitions) for option in options if isinstance(option, Mapping)
        )
    items = schema.get("items")
    if schema.get("type") == "array" and isinstance(items, Mapping):
        return f"array of {type_of(items, definitions)}"
    if "type" in schema:
        return str(schema["type"])
    return "any"


def _run_check(args: argparse.Namespace) -> int:
    from sottovoce.devices import default_world_path, load_world
    from sottovoce.eval.plugincheck import DEFAULT_SAMPLES, check_plugins
    from sottovoce.tools.check import installed_targets, load_targets

    if args.json or args.plugins:
        return _bad_usage("'tools check' takes no --json or --plugins")
    loaded = load_targets(installed_targets())
    if args.plugin is not None and not loaded.knows(args.plugin):
        installed = ", ".join(loaded.all_names()) or "none"
        return _bad_usage(f"no plugin called {args.plugin!r} (installed: {installed})")
    world = load_world(default_world_path(), virtual=True)
    samples = args.samples or DEFAULT_SAMPLES
    report = check_plugins(loaded, world, only=args.plugin, samples=samples)
    for problem in report.problems:
        print(problem.line())
    print(report.summary_line())
    return 1 if report.problems else 0


def _bad_usage(message: str) -> int:
    print(f"sottovoce: error: {message}", file=sys.stderr)
    return EXIT_BAD_USAGE
