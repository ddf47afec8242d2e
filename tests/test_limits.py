"""The limits of docs/limits.md: files and utterances past them are one line, nothing done.

The loaders of world files, case files and config.toml are fed arbitrary text
and random nested structures (hypothesis, derandomized): each either loads or
raises the project's own one-line error, never anything else.
"""

from __future__ import annotations

import asyncio
import json
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sottovoce.agent.agent import Agent
from sottovoce.agent.grammar import Grammar
from sottovoce.config import load_config
from sottovoce.devices import WorldError, load_world, load_yaml, parse_world
from sottovoce.eval.cases import CaseError, load_cases
from sottovoce.models.limits import (
    MAX_ALIASES,
    MAX_CASE_FILE_BYTES,
    MAX_CONFIG_FILE_BYTES,
    MAX_DEVICES,
    MAX_JOINED_CONNECTORS,
    MAX_NESTING,
    MAX_UTTERANCE_CHARS,
    MAX_WORLD_FILE_BYTES,
    MAX_WORLD_TEXT_CHARS,
    TOO_LONG_REPLY,
)
from sottovoce.models.llm_config import ConfigError
from sottovoce.testing import ScriptedLLM
from sottovoce.tools import Registry

FAST = settings(
    max_examples=60,
    derandomize=True,
    database=None,  # the same examples every run, nothing remembered between runs
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

WORLD = """name: Tiny
areas: [kitchen]
devices:
  - {id: light.kitchen, kind: light, name: kitchen light, area: kitchen, aliases: [lamp]}
"""


def _one_line(error: BaseException) -> str:
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# ------------------------------------------------------------------ YAML


def _nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    return "{a: " * depth + "1" + "}" * depth


@pytest.mark.parametrize("kind", ["list", "map"])
def test_nesting_past_the_limit_is_one_line_not_a_recursion_error(kind: str) -> None:
    assert load_yaml(f"x: {_nested(MAX_NESTING - 2, kind)}", "f.yaml") is not None
    for depth in (MAX_NESTING + 1, 900, 5000):
        with pytest.raises(WorldError, match=f"f.yaml: .*nest more than {MAX_NESTING}") as info:
            load_yaml(f"x: {_nested(depth, kind)}", "f.yaml")
        _one_line(info.value)


def test_aliases_may_not_multiply_values_past_the_limit() -> None:
    rows = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for name, prev in zip("bcdef", "abcde", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(WorldError, match="more than 200000 values") as info:
        load_yaml("\n".join(rows), "laughs.yaml")
    _one_line(info.value)
    # A few aliases, as people use them, are fine.
    assert load_yaml("\n".join(rows[:3]), "ok.yaml")["c"][0][0] == [1] * 10


def test_aliases_may_not_nest_past_the_limit_either() -> None:
    rows = [f"a0: &a0 {_nested(10, 'list')}"]
    rows += [f"a{i}: &a{i} [[[[[[[[[[*a{i - 1}]]]]]]]]]]" for i in range(1, 5)]
    with pytest.raises(WorldError, match="nest more than"):
        load_yaml("\n".join(rows), "deep.yaml")


def test_a_value_that_contains_itself_is_refused() -> None:
    with pytest.raises(WorldError, match="contains itself"):
        load_yaml("a: &a [1, *a]", "self.yaml")


@pytest.mark.parametrize(
    "text", ["clock: 2026-13-45", "n: " + "9" * 5000, "k: !!python/object:os.system x"]
)
def test_values_yaml_cannot_build_are_one_line(text: str) -> None:
    with pytest.raises(WorldError, match="^v.yaml: ") as info:
        load_yaml(text, "v.yaml")
    _one_line(info.value)


# ------------------------------------------------------------------ world files


def _world(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "world.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda w: w.replace("[lamp]", "[" + "l" * (MAX_WORLD_TEXT_CHARS + 1) + "]"), "longer"),
        (lambda w: w + "x-note: " + "n" * (MAX_WORLD_TEXT_CHARS + 1) + "\n", "longer"),
        (lambda w: w + "x-pad: '" + "p" * MAX_WORLD_FILE_BYTES + "'\n", "larger than"),
        (lambda w: w.replace("[lamp]", "[" + ", ".join(["l"] * (MAX_ALIASES + 1)) + "]"), "alias"),
        (lambda w: w + "x-deep: " + _nested(900, "list") + "\n", "nest more than"),
    ],
)
def test_world_files_past_a_limit_are_one_line_naming_the_file(
    tmp_path: Path, change: Any, problem: str
) -> None:
    path = _world(tmp_path, change(WORLD))
    with pytest.raises(WorldError, match=problem) as info:
        load_world(path)
    assert _one_line(info.value).startswith(str(path))


@pytest.mark.parametrize("clock", ["9999-12-01T08:30:00", "0001-01-01T00:00:00"])
def test_a_world_clock_near_the_end_of_dates_is_refused(clock: str) -> None:
    with pytest.raises(WorldError, match="clock: the year must be from 1900 to 2999"):
        parse_world({"clock": clock}, "far.yaml")


def test_a_world_of_more_devices_than_the_limit_is_refused() -> None:
    devices = [{"id": f"switch.s{i}", "kind": "switch", "name": f"s {i}"} for i in range(1001)]
    assert len(devices) > MAX_DEVICES
    with pytest.raises(WorldError, match=f"more than the limit of {MAX_DEVICES}"):
        parse_world({"devices": devices}, "many.yaml")
    assert len(parse_world({"devices": devices[:MAX_DEVICES]}, "ok.yaml").devices) == 1000


def test_a_world_that_is_not_utf8_or_is_endless_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(WorldError, match="not UTF-8"):
        load_world(_world(tmp_path, b"name: \xff\xfe\n"))
    endless = Path("/dev/zero")
    if endless.exists():  # read no further than the limit, not to the end
        with pytest.raises(WorldError, match="larger than the limit"):
            load_world(endless)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["light.kitchen", "light", "kitchen", "on", "2026-06-01T08:30:00"]),
)
_KEYS = st.sampled_from(
    ["name", "devices", "areas", "id", "kind", "aliases", "state", "on", "clock", "weather",
     "current", "location", "timezone", "listener", "area", "scenes", "sets", "lists",
     "contacts", "cases", "say", "advance", "expect", "turns", "reply", "world", "x-y"]
)  # fmt: skip
_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


@FAST
@given(st.text(alphabet=string.printable + "{}[]&*!|>:-'\"\u00e9\u2028\x00", max_size=300))
def test_any_text_as_a_world_file_loads_or_is_one_line(tmp_path: Path, text: str) -> None:
    path = _world(tmp_path, text)
    try:
        load_world(path)
    except WorldError as exc:
        _one_line(exc)


@FAST
@given(_TREES)
def test_any_structure_as_a_world_loads_or_is_one_line(tmp_path: Path, data: Any) -> None:
    path = _world(tmp_path, yaml.safe_dump(data))
    try:
        load_world(path)
    except WorldError as exc:
        _one_line(exc)


# ------------------------------------------------------------------ case files


def _cases(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("advance", [".inf", "-.inf", ".nan", "-5", "1.0e300", "1.0e9", "yes"])
def test_absurd_advance_is_one_line(tmp_path: Path, advance: str) -> None:
    path = _cases(tmp_path, f"cases:\n  - say: hi\n    advance: {advance}\n")
    with pytest.raises(CaseError, match="'advance' must be a number of seconds from 0") as info:
        load_cases(path)
    _one_line(info.value)


def test_case_files_past_a_limit_are_one_line(tmp_path: Path) -> None:
    deep = _cases(tmp_path, f"cases:\n  - say: hi\n    expect: {{state: {_nested(900, 'map')}}}\n")
    with pytest.raises(CaseError, match="nest more than"):
        load_cases(deep)
    big = _cases(tmp_path, "cases:\n  - say: hi\n#" + "x" * MAX_CASE_FILE_BYTES + "\n")
    with pytest.raises(CaseError, match="larger than the limit"):
        load_cases(big)


@FAST
@given(st.one_of(_TREES, st.fixed_dictionaries({"cases": st.lists(_TREES, max_size=3)})))
def test_any_structure_as_a_case_file_loads_or_is_one_line(tmp_path: Path, data: Any) -> None:
    try:
        load_cases(_cases(tmp_path, yaml.safe_dump(data)))
    except CaseError as exc:
        _one_line(exc)


@FAST
@given(st.text(alphabet=string.printable + "{}[]&*!|>:-\u00e9\x00", max_size=300))
def test_any_text_as_a_case_file_loads_or_is_one_line(tmp_path: Path, text: str) -> None:
    try:
        load_cases(_cases(tmp_path, text))
    except CaseError as exc:
        _one_line(exc)


# ------------------------------------------------------------------ config.toml


def _config(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'[llm]\nmodel = "\xff\xfe"\n', "not UTF-8"),
        (b"a = " + b"[" * 900 + b"]" * 900 + b"\n", "nests deeper"),
        (b"a = " + b"{b = " * 900 + b"1" + b"}" * 900 + b"\n", "nests deeper"),
        (b"[" + b".".join([b"a"] * 900) + b"]\n", "nests deeper"),
        (b"# " + b"x" * MAX_CONFIG_FILE_BYTES + b"\n", "larger than the limit"),
    ],
)
def test_config_files_past_a_limit_are_one_line(tmp_path: Path, data: bytes, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem) as info:
        load_config(_config(tmp_path, data))
    assert str(tmp_path) in _one_line(info.value)


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value) if not isinstance(value, float) else repr(value)


@FAST
@given(st.dictionaries(st.sampled_from(["llm", "mqtt", "x"]), _TREES, max_size=3))
def test_any_structure_as_a_config_loads_or_is_one_line(tmp_path: Path, data: Any) -> None:
    from sottovoce.config import llm_config

    text = "\n".join(f"{key} = {_toml_value(value)}" for key, value in data.items())
    try:
        llm_config(load_config(_config(tmp_path, text.encode())), {})
    except ConfigError as exc:
        _one_line(exc)


@FAST
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_as_a_config_load_or_are_one_line(tmp_path: Path, data: bytes) -> None:
    try:
        load_config(_config(tmp_path, data))
    except ConfigError as exc:
        _one_line(exc)


@pytest.mark.parametrize(
    "url", ["http://[::1", "ftp://x", "localhost:8080", "", "http://", "http://h:99999/v1", "h t"]
)
def test_malformed_llm_urls_are_one_line(url: str) -> None:
    from sottovoce.config import llm_config

    with pytest.raises(ConfigError, match="base_url") as info:
        llm_config({}, {"base_url": url})
    _one_line(info.value)
    assert llm_config({}, {"base_url": "https://[::1]:8080/v1"}).base_url.endswith("/v1")


@pytest.mark.parametrize(
    ("key", "value"),
    [("context", 10**12), ("threads", -1), ("top_p", float("nan")), ("max_tokens", 0)],
)
def test_absurd_llm_numbers_are_one_line(key: str, value: Any) -> None:
    from sottovoce.config import llm_config

    with pytest.raises(ConfigError, match=f"{key} must be from"):
        llm_config({"llm": {key: value}}, {})


# ------------------------------------------------------------------ utterances


class _Recording(ScriptedLLM):
    """A model that records being asked."""

    def __init__(self) -> None:
        super().__init__([])
        self.asked = 0

    def decide(self, *args: Any, **kwargs: Any) -> Any:
        self.asked += 1
        return super().decide(*args, **kwargs)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


def _agent(registry: Registry, tmp_path: Path, engine: Any = None) -> Agent:
    world = load_world(_world(tmp_path, WORLD + "clock: 2026-06-01T08:30:00\n"), virtual=True)
    return Agent(registry, world, engine)


@pytest.mark.parametrize("size", [MAX_UTTERANCE_CHARS + 1, 83_000, 1_000_000])
def test_an_utterance_over_the_limit_is_one_sentence_and_nothing_else(
    registry: Registry, tmp_path: Path, size: int
) -> None:
    engine = _Recording()
    agent = _agent(registry, tmp_path, engine)
    before = agent.world.snapshot()
    text = ("turn on the kitchen light and " * (size // 30 + 1))[:size]
    result = asyncio.run(agent.handle(text))
    assert result.reply == TOO_LONG_REPLY
    assert (result.calls, result.route, engine.asked) == ([], "none", 0)
    assert agent.world.snapshot() == before
    assert len(result.heard) <= MAX_UTTERANCE_CHARS
    assert agent.would_act(text)  # the voice loop ends such an utterance; handle answers
    # The conversation goes on.
    ok = asyncio.run(agent.handle("turn on the kitchen light"))
    assert ok.calls and agent.world.snapshot()["devices"]["light.kitchen"]["on"] is True


def test_an_utterance_at_the_limit_is_routed(registry: Registry, tmp_path: Path) -> None:
    agent = _agent(registry, tmp_path)
    text = "turn on the kitchen light" + " " * (MAX_UTTERANCE_CHARS - 25)
    assert len(text) == MAX_UTTERANCE_CHARS
    assert asyncio.run(agent.handle(text)).calls


def _count_matches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the grammar is asked to match, as the agent asks them."""
    matched: list[str] = []
    original = Grammar._best

    def counting(self: Grammar, text: str, *rest: Any) -> Any:
        matched.append(text)
        return original(self, text, *rest)

    monkeypatch.setattr(Grammar, "_best", counting)
    return matched


def test_joined_commands_are_split_within_a_bounded_number_of_matches(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Splitting on 'and' once grew exponentially (a 120-character sentence took 9 s)."""
    matched = _count_matches(monkeypatch)
    agent = _agent(registry, tmp_path)
    many = " and ".join(["milk", "eggs", "bread", "butter", "cheese", "ham", "jam", "tea"])
    result = asyncio.run(agent.handle(f"add {many} to the shopping list"))
    assert result.calls and result.calls[0].tool == "list_add"
    assert len(matched) < 200
    matched.clear()
    joined = " and ".join(["turn on the kitchen light"] * (MAX_JOINED_CONNECTORS + 1))
    assert len(asyncio.run(agent.handle(joined)).calls) == MAX_JOINED_CONNECTORS + 1
    assert len(matched) < 400


@pytest.mark.parametrize("timeout", [float("inf"), 1e308, 3601])
def test_an_mcp_server_that_may_wait_forever_is_skipped(timeout: float) -> None:
    from sottovoce.tools.mcp_config import parse_servers

    servers = {"ok": {"command": "x"}, "slow": {"command": "x", "timeout_s": timeout}}
    configs, skipped = parse_servers({"mcp": {"servers": servers}})
    assert [c.name for c in configs] == ["ok"]
    assert skipped["slow"].startswith("timeout_s: input should be")


def test_a_long_utterance_opened_like_an_aside_is_tried_a_bounded_number_of_times(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looking for a command after an aside tried every cut of the whole utterance."""
    matched = _count_matches(monkeypatch)
    agent = _agent(registry, tmp_path)
    story = "it is a long story about the kitchen light and the lamp that i want to tell you "
    result = asyncio.run(agent.handle((story * 7)[:MAX_UTTERANCE_CHARS]))
    assert result.calls == []
    assert len(matched) < 60  # 197 when every cut of the utterance was tried
