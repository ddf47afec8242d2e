"""Tools of real MCP servers (tests/tools/mcp_server_fixture.py over stdio) as agent tools."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import TurnResult
from sottovoce.agent.grammar import Grammar
from sottovoce.app import load_registry
from sottovoce.models import LLMDecision, ToolChoice
from sottovoce.models.llm_config import ConfigError
from sottovoce.testing import ScriptedLLM, make_world
from sottovoce.testing.fakes import Script
from sottovoce.tools import Registry, ToolContext
from sottovoce.tools.mcp_client import McpHub, ServerConfig
from sottovoce.tools.mcp_config import McpConfigError, parse_servers
from sottovoce.tools.mcp_tools import args_model, attach_mcp

SERVER = str(Path(__file__).with_name("mcp_server_fixture.py"))
SPARE_TOOLS = ["read_note", "order_groceries", "explode_server"]


def _server(**settings: Any) -> dict[str, Any]:
    return {"command": sys.executable, "args": [SERVER], **settings}


class Setup:
    """The module's hub: servers `notes` and `spare` (the same program) beside the built-ins."""

    def __init__(self, registry: Registry, hub: McpHub, reports: list[str]) -> None:
        self.registry = registry
        self.hub = hub
        self.reports = reports
        self.grammar = Grammar(registry, make_world())

    def agent(self, *scripts: Script) -> tuple[Agent, ScriptedLLM]:
        engine = ScriptedLLM(scripts)
        return Agent(self.registry, make_world(), engine, grammar=self.grammar), engine


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    servers = {
        "notes": _server(timeout_s=1),
        "spare": _server(tools=SPARE_TOOLS, confirm=["*order*"]),
        "nowhere": {"command": "sottovoce-no-such-server"},
    }
    reports: list[str] = []
    registry = Registry.builtin()
    with contextlib.ExitStack() as stack:
        hub = attach_mcp(registry, {"mcp": {"servers": servers}}, stack, reports.append)
        assert hub is not None
        yield Setup(registry, hub, reports)


def _turns(agent: Agent, *lines: str) -> list[TurnResult]:
    async def run() -> list[TurnResult]:
        return [await agent.handle(line) for line in lines]

    return asyncio.run(run())


def _call(tool: str, **args: object) -> LLMDecision:
    return LLMDecision(calls=(ToolChoice(tool, args),))


def test_tools_are_listed_with_the_servers_schemas(setup: Setup) -> None:
    read = setup.registry.get("read_note")
    order = setup.registry.get("order_groceries")
    assert read is not None and order is not None
    assert (read.plugin, read.description) == ("mcp_notes", "Read a saved note aloud.")
    assert read.json_schema()["properties"]["title"]["type"] == "string"
    assert read.json_schema()["required"] == ["title"]
    [server_tool] = [t for t in setup.hub.tools("notes") or [] if t.name == "order_groceries"]
    assert order.json_schema() == server_tool.input_schema
    assert order.json_schema()["properties"]["items"]["items"] == {"$ref": "#/$defs/Item"}
    assert read.sentences == () and read.timeout_s == 1


def test_a_name_already_taken_is_prefixed_and_the_allow_list_is_kept(setup: Setup) -> None:
    spare = sorted(s.name for s in setup.registry if s.plugin == "mcp_spare")
    assert spare == ["spare_explode_server", "spare_order_groceries", "spare_read_note"]
    notes = {s.name for s in setup.registry if s.plugin == "mcp_notes"}
    assert {"read_note", "erase_note", "ponder_slowly", "process_id"} <= notes


def test_risk_comes_from_annotations_and_confirm_patterns(setup: Setup) -> None:
    confirmed = {s.name for s in setup.registry if s.plugin.startswith("mcp_") and s.confirm}
    assert confirmed == {"erase_note", "spare_order_groceries"}


def test_a_missing_command_is_skipped_in_one_line(setup: Setup) -> None:
    [line] = [r for r in setup.reports if "nowhere" in r]
    assert line.startswith("mcp server nowhere was skipped: command not found")
    assert "\n" not in line and setup.hub.tools("nowhere") is None


def test_arguments_are_checked_against_simple_and_nested_schemas(setup: Setup) -> None:
    order = setup.registry.get("order_groceries")
    assert order is not None
    good = {"items": [{"name": "eggs", "quantity": 12}], "shop": "market"}
    assert order.validate(good) == good
    with pytest.raises(ValidationError, match=r"items\.0: 'name' is a required property"):
        order.validate({"items": [{"quantity": 2}]})
    with pytest.raises(ValidationError, match="is not of type 'integer'"):
        order.validate({"items": [{"name": "eggs", "quantity": "a dozen"}]})
    read = setup.registry.get("read_note")
    assert read is not None
    with pytest.raises(ValidationError, match="'title' is a required property"):
        read.validate({})


def test_an_argument_may_be_called_ctx(setup: Setup) -> None:
    spell = setup.registry.get("spell_word")
    assert spell is not None
    values = spell.validate({"ctx": "tea"})
    assert asyncio.run(spell.function(ToolContext(world=make_world()), **values)) == "t-e-a"


def test_the_schema_handed_out_is_a_copy() -> None:
    model = args_model("t", {"type": "object", "properties": {"a": {"type": "string"}}})
    model.model_json_schema()["properties"]["a"]["enum"] = ["x"]
    assert model.model_json_schema() == {"type": "object", "properties": {"a": {"type": "string"}}}


def test_the_language_model_route_reaches_the_mcp_tool(setup: Setup) -> None:
    agent, engine = setup.agent(Script("groceries note", _call("read_note", title="groceries")))
    [turn] = _turns(agent, "read out my saved groceries note")
    assert turn.route == "llm" and turn.reply == "groceries: eggs, milk"
    assert "read_note" in engine.requests[0][1]


def test_a_nested_call_reaches_the_server(setup: Setup) -> None:
    order = _call("order_groceries", items=[{"name": "eggs", "quantity": 6}])
    agent, _ = setup.agent(Script("order", order))
    [turn] = _turns(agent, "order six eggs")
    assert turn.reply == "Ordered 6 eggs from the corner shop."


def test_the_grammar_still_serves_builtin_sentences(setup: Setup) -> None:
    agent, engine = setup.agent()
    [turn] = _turns(agent, "turn on the kitchen light")
    assert turn.route == "grammar" and engine.requests == []


def test_a_destructive_tool_asks_first_and_acts_on_yes(setup: Setup) -> None:
    agent, _ = setup.agent(
        Script("write", _call("write_note", title="chores", text="sweep")),
        Script("erase", _call("erase_note", title="chores")),
        Script("read", _call("read_note", title="chores")),
    )
    wrote, asked, kept = _turns(agent, "write chores down", "erase my chores", "read chores")
    assert wrote.reply == "Saved chores."
    assert asked.reply == "Do you want me to erase a saved note (title chores)?"
    assert kept.reply == "chores: sweep"
    asked_again, done, gone = _turns(agent, "erase my chores", "yes", "read chores")
    assert done.reply == "Erased chores."
    assert gone.reply.startswith("Error executing tool read_note: There is no note called chores")
    assert "Known" not in gone.reply  # the first line only


def test_an_error_from_the_server_is_said_and_nothing_else_breaks(setup: Setup) -> None:
    agent, _ = setup.agent(
        Script("shopping", _call("read_note", title="shopping")),
        Script("groceries", _call("read_note", title="groceries")),
    )
    failed, fine = _turns(agent, "read the shopping note", "read the groceries note")
    assert failed.reply == "Error executing tool read_note: There is no note called shopping."
    assert failed.problems and fine.reply == "groceries: eggs, milk"


def test_a_slow_tool_times_out_and_the_agent_keeps_going(setup: Setup) -> None:
    agent, _ = setup.agent(
        Script("ponder", _call("ponder_slowly", seconds=20)),
        Script("groceries", _call("read_note", title="groceries")),
    )
    started = time.monotonic()
    slow, fine = _turns(agent, "ponder the meaning of life", "read the groceries note")
    assert slow.reply.startswith("Sorry, that took too long")
    assert "timed out after 1" in slow.problems[0]
    assert fine.reply == "groceries: eggs, milk"
    assert time.monotonic() - started < 5


def test_a_crashed_server_is_reported_and_the_others_keep_working(setup: Setup) -> None:
    agent, _ = setup.agent(
        Script("explode", _call("spare_explode_server")),
        Script("spare", _call("spare_read_note", title="groceries")),
        Script("groceries", _call("read_note", title="groceries")),
    )
    crashed, again, other = _turns(agent, "explode it", "spare note", "read the groceries note")
    stopped = (
        "The spare tool server stopped; its tools are unavailable until sottovoce is restarted."
    )
    assert crashed.reply == stopped and again.reply == stopped
    assert other.reply == "groceries: eggs, milk"


def test_bad_server_settings_skip_that_server_only() -> None:
    servers = {
        "ok": {"command": "x"},
        "no_command": {"args": []},
        "typo": {"command": "x", "timeout": 3},
        "words": {"command": "x", "args": "-m server"},
        "negative": {"command": "x", "timeout_s": -1},
        "flat": "python -m server",
    }
    configs, skipped = parse_servers({"mcp": {"servers": servers}})
    assert [c.name for c in configs] == ["ok"] and configs[0].timeout_s == 10
    assert skipped["no_command"].startswith("command: field required")
    assert skipped["typo"].startswith("timeout: extra inputs are not permitted")
    assert skipped["words"].startswith("args: input should be a valid list")
    assert skipped["negative"].startswith("timeout_s: input should be greater than 0")
    assert "must be a table" in skipped["flat"]
    assert all("\n" not in why for why in skipped.values())


@pytest.mark.parametrize(
    "table",
    [{"mcp": 3}, {"mcp": {"servers": ["notes"]}}, {"mcp": {"notes": {"command": "x"}}}],
)
def test_a_malformed_mcp_table_is_a_config_error(table: dict[str, Any]) -> None:
    with pytest.raises(McpConfigError):
        parse_servers(table)


def test_load_registry_refuses_a_malformed_table_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("mcp = 3\n", encoding="utf-8")
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(config))
    with contextlib.ExitStack() as stack, pytest.raises(ConfigError, match=r"^\[mcp\] in the"):
        load_registry(stack)


def test_a_server_that_exits_at_once_is_skipped_with_its_last_words() -> None:
    crash = "import sys; print('bad token', file=sys.stderr); sys.exit(1)"
    hub = McpHub([ServerConfig("flaky", sys.executable, ("-c", crash))])
    try:
        skipped = hub.start()
    finally:
        hub.close()
    assert skipped == {"flaky": "it exited before answering (bad token)"}


def test_a_server_that_never_answers_is_skipped_after_the_init_timeout() -> None:
    mute = ("-c", "import time; time.sleep(60)")
    hub = McpHub([ServerConfig("mute", sys.executable, mute)], init_timeout_s=0.3)
    started = time.monotonic()
    try:
        skipped = hub.start()
    finally:
        hub.close()
    assert skipped == {"mute": "it did not answer within 0.3 s"}
    assert time.monotonic() - started < 8  # stdin closed, then SIGTERM after 2 s


def test_the_config_wiring_starts_servers_and_closing_leaves_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f"[mcp.servers.notes]\ncommand = {sys.executable!r}\nargs = [{SERVER!r}]\n"
        '[mcp.servers.broken]\ncommand = ""\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(config))
    with contextlib.ExitStack() as stack:
        registry = load_registry(stack)
        spec = registry.get("mcp_notes.process_id")
        assert spec is not None and registry.get("light_turn_on") is not None
        pid = int(asyncio.run(spec.function(ToolContext(world=make_world()))))
        os.kill(pid, 0)  # alive while the stack is open
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    err = capsys.readouterr().err
    assert "sottovoce: mcp server broken was skipped: command: " in err


def test_no_mcp_table_starts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(tmp_path / "absent.toml"))
    with contextlib.ExitStack() as stack:
        registry = load_registry(stack)
    assert not [s for s in registry if s.plugin.startswith("mcp_")]


def test_the_example_in_the_docs_runs_as_written(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "mcp.md").read_text(encoding="utf-8")
    [server_code] = re.findall(r"```python\n(.*?)```", text, re.S)
    settings, example = (tomllib.loads(b) for b in re.findall(r"```toml\n(.*?)```", text, re.S))
    assert parse_servers(settings)[0][0].confirm == ("delete_*", "send_*")
    script = tmp_path / "kitchen_notes.py"
    script.write_text(server_code, encoding="utf-8")
    example["mcp"]["servers"]["kitchen"].update(command=sys.executable, args=[str(script)])
    registry = Registry()
    with contextlib.ExitStack() as stack:
        attach_mcp(registry, example, stack, pytest.fail)
        asks = {spec.qualified_name: spec.confirm for spec in registry}
        read = registry.get("read_note")
        assert read is not None
        ctx = ToolContext(world=make_world())
        said = asyncio.run(read.function(ctx, **read.validate({"title": "groceries"})))
    assert said == "groceries: eggs, milk"
    assert asks == {
        "mcp_kitchen.read_note": False,
        "mcp_kitchen.write_note": True,
        "mcp_kitchen.erase_note": True,
    }
