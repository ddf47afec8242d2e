"""The tools of Model Context Protocol servers as agent tools, from the `[mcp]` config table.

Each server becomes a plugin `mcp_<server>`; each of its tools a `ToolSpec`
whose arguments model *is* the server's JSON schema: the language model sees
that schema unchanged and jsonschema checks what it says against it. MCP
tools have no sentence templates; they are reached through the language model.
"""

from __future__ import annotations

import copy
import fnmatch
import json
import re
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from typing import Any, ClassVar, Literal, cast

import jsonschema  # type: ignore[import-untyped]  # no type information shipped
from mcp import types as mcp
from pydantic import BaseModel, ConfigDict, model_validator
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

from sottovoce.tools.api import Plugin, ToolFunction, ToolSpec
from sottovoce.tools.context import ToolContext
from sottovoce.tools.errors import ToolError
from sottovoce.tools.mcp_client import McpHub, ServerConfig, ServerRefused, ServerStopped
from sottovoce.tools.mcp_config import parse_servers
from sottovoce.tools.registry import Registry

# A call the executor has already abandoned at timeout_s is cancelled on the
# hub too; this margin only fences a cancellation that never arrived.
_HUB_MARGIN_S = 1.0
_NAME_CHARS = re.compile(r"[^a-z0-9_]+")


class McpArguments(BaseModel):
    """Arguments of an MCP tool: the server's JSON schema, shown as it is and checked with it."""

    model_config = ConfigDict(extra="allow")

    input_schema: ClassVar[dict[str, Any]] = {"type": "object"}
    checker: ClassVar[Any] = None

    @model_validator(mode="before")
    @classmethod
    def _against_schema(cls, data: Any) -> Any:
        error = jsonschema.exceptions.best_match(cls.checker.iter_errors(data))
        if error is not None:
            where = ".".join(str(part) for part in error.absolute_path)
            raise ValueError(f"{where}: {error.message}" if where else error.message)
        return data

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = GenerateJsonSchema,
        mode: JsonSchemaMode = "validation",
        *,
        union_format: Literal["any_of", "primitive_type_array"] = "any_of",
    ) -> dict[str, Any]:
        """The server's input schema itself (a copy: the tool selector narrows what it gets)."""
        return copy.deepcopy(cls.input_schema)


def args_model(name: str, schema: Mapping[str, Any]) -> type[McpArguments]:
    """A model whose JSON schema is `schema`; raises jsonschema's SchemaError for a bad schema."""
    schema = copy.deepcopy(dict(schema))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    body = {"input_schema": schema, "checker": validator_class(schema), "__module__": __name__}
    return cast(type[McpArguments], type(f"{name}_args", (McpArguments,), body))


def attach_mcp(
    registry: Registry, tables: Mapping[str, Any], stack: ExitStack, report: Callable[[str], None]
) -> McpHub | None:
    """Start the configured servers and add their tools to `registry`; the hub closes with `stack`.

    Each server or tool that cannot be used is reported in one line and skipped.
    """
    servers, skipped = parse_servers(tables)
    for name, why in skipped.items():
        report(f"mcp server {name} was skipped: {why}")
    if not servers:
        return None
    hub = McpHub(servers)
    stack.callback(hub.close)
    for name, why in hub.start().items():
        report(f"mcp server {name} was skipped: {why}")
    taken = {spec.name for spec in registry}
    for config in servers:
        tools = hub.tools(config.name)
        if tools is None:
            continue
        plugin, problems = server_plugin(hub, config, tools, taken)
        for problem in problems:
            report(problem)
        try:
            registry.add(plugin)
        except ValueError as exc:
            report(f"mcp server {config.name} was skipped: {exc}")
    return hub


def server_plugin(
    hub: McpHub, config: ServerConfig, tools: list[mcp.Tool], taken: set[str]
) -> tuple[Plugin, list[str]]:
    """The plugin for one server's allowed tools, and a line for each tool skipped.

    A tool whose name is in `taken` is prefixed with the server's name; the
    names given are added to `taken`.
    """
    plugin = Plugin(f"mcp_{_safe(config.name)}", f"Tools of the MCP server {config.name}.", ())
    problems: list[str] = []
    for tool in tools:
        if not _matches(tool.name, config.tools):
            continue
        name = _free_name(tool.name, config.name, taken)
        if name is None:
            problems.append(f"mcp tool {config.name}.{tool.name} was skipped: its name is taken")
            continue
        try:
            model = args_model(name, tool.input_schema)
        except jsonschema.exceptions.SchemaError as exc:
            why = f"its input schema is invalid: {exc.message}"
            problems.append(f"mcp tool {config.name}.{tool.name} was skipped: {why}")
            continue
        plugin.tools.append(_spec(hub, config, tool, name, plugin.name, model))
        taken.add(name)
    return plugin, problems


def _spec(
    hub: McpHub,
    config: ServerConfig,
    tool: mcp.Tool,
    name: str,
    plugin: str,
    model: type[McpArguments],
) -> ToolSpec:
    description = _description(tool)
    confirm = needs_confirmation(config, tool)
    return ToolSpec(
        name=name,
        plugin=plugin,
        description=description,
        function=_caller(hub, config, tool.name, description, confirm),
        args_model=model,
        confirm=confirm,
        timeout_s=config.timeout_s,
    )


def needs_confirmation(config: ServerConfig, tool: mcp.Tool) -> bool:
    """Whether the user must say yes first: a `confirm` pattern, or a destructive tool."""
    if _matches(tool.name, config.confirm):
        return True
    hints = tool.annotations
    # Only an explicit destructiveHint counts: the protocol's default (true)
    # would make every unannotated tool ask.
    return hints is not None and hints.destructive_hint is True and hints.read_only_hint is not True


def _caller(
    hub: McpHub, config: ServerConfig, tool: str, description: str, confirm: bool
) -> ToolFunction:
    server = config.name

    # Positional-only: a server's tool may well have an argument called `ctx`.
    async def call(ctx: ToolContext, /, **args: Any) -> str:
        if confirm:
            # Before the call: what a server does cannot be rolled back.
            ctx.confirm(confirm_prompt(description, args))
        try:
            result = await hub.call(server, tool, args, config.timeout_s + _HUB_MARGIN_S)
        except ServerStopped:
            raise ToolError(
                f"The {server} tool server stopped; its tools are unavailable until"
                " sottovoce is restarted."
            ) from None
        except ServerRefused as exc:
            raise ToolError(
                f"The {server} tool server refused that: {_first_line(str(exc))}"
            ) from None
        return reply_text(result)

    call.__name__ = tool
    call.__doc__ = description
    return call


def reply_text(result: mcp.CallToolResult) -> str:
    """What to say for a tool's result; raises ToolError when the server reports an error."""
    texts = [block.text.strip() for block in result.content if isinstance(block, mcp.TextContent)]
    text = "\n".join(t for t in texts if t)
    if result.is_error:
        raise ToolError(_first_line(text) or "The tool server reported an error.")
    if not text and result.structured_content is not None:
        text = json.dumps(result.structured_content)
    return text or "Done."


def confirm_prompt(description: str, args: Mapping[str, Any]) -> str:
    """The question asked before a risky MCP tool runs, naming its simple arguments."""
    action = description.rstrip(".")
    action = action[:1].lower() + action[1:]
    shown = [f"{k} {_short(v)}" for k, v in args.items() if isinstance(v, str | int | float)]
    detail = f" ({', '.join(shown[:3])})" if shown else ""
    return f"Do you want me to {action}{detail}?"


def _description(tool: mcp.Tool) -> str:
    text = (tool.description or "").strip()
    first = text.splitlines()[0].strip() if text else ""
    return first or tool.title or tool.name.replace("_", " ").capitalize()


def _free_name(tool: str, server: str, taken: set[str]) -> str | None:
    for name in (_safe(tool), f"{_safe(server)}_{_safe(tool)}"):
        if name not in taken:
            return name
    return None


def _safe(name: str) -> str:
    """A name fit for a tool or plugin: lower case, digits and underscores."""
    return _NAME_CHARS.sub("_", name.lower()).strip("_") or "tool"


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _short(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
