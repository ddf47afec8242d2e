"""The case file (SPEC.md section 3): loading and checking it, with one-line errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sottovoce.devices import WorldError, load_yaml
from sottovoce.devices.yamlfile import read_limited
from sottovoce.models.limits import MAX_ADVANCE_S, MAX_CASE_FILE_BYTES


class CaseError(Exception):
    """A case file problem; str() is one line naming the file and the problem."""


@dataclass(frozen=True)
class Expect:
    """What must hold after a turn.

    `state` None (not given) checks nothing about the world; `{}` means nothing
    may change.
    """

    state: dict[str, Any] | None = None
    reply: str | None = None


@dataclass(frozen=True)
class Turn:
    """One user turn of a case."""

    say: str | None
    audio: Path | None
    expect: Expect
    advance_s: float = 0.0
    area: str | None = None
    loose: bool = False


@dataclass(frozen=True)
class Case:
    """One conversation against a fresh copy of the world."""

    id: str
    turns: tuple[Turn, ...]
    area: str | None = None


@dataclass(frozen=True)
class CaseFile:
    """A loaded case file."""

    path: Path
    world: Path | None
    cases: tuple[Case, ...]

    def has_audio(self) -> bool:
        """Whether any turn is spoken (needs the speech path)."""
        return any(turn.audio is not None for case in self.cases for turn in case.turns)


_TURN_KEYS = {"say", "audio", "expect", "advance", "area", "loose"}
_CASE_KEYS = _TURN_KEYS | {"id", "turns", "description", "tags"}


def load_cases(path: str | Path) -> CaseFile:
    """Read and check a case file; raises CaseError."""
    path = Path(path)
    try:
        text = read_limited(path, MAX_CASE_FILE_BYTES, "case file")
        data = load_yaml(text, str(path))
    except WorldError as exc:
        raise CaseError(str(exc)) from None
    return _parse(path, data)


def _parse(path: Path, data: Any) -> CaseFile:
    where = str(path)
    if not isinstance(data, dict):
        raise CaseError(f"{where}: expected a mapping with 'cases', got {type(data).__name__}")
    cases = data.get("cases")
    if not isinstance(cases, list) or not cases:
        raise CaseError(f"{where}: 'cases' must be a non-empty list")
    world = data.get("world")
    if world is not None and not isinstance(world, str):
        raise CaseError(f"{where}: 'world' must be a file name")
    parsed = tuple(_case(where, path.parent, i, raw) for i, raw in enumerate(cases))
    ids = [c.id for c in parsed]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CaseError(f"{where}: duplicate case id {duplicates[0]!r}")
    return CaseFile(path, (path.parent / world) if world else None, parsed)


def _case(where: str, base: Path, index: int, raw: Any) -> Case:
    if not isinstance(raw, dict):
        raise CaseError(f"{where}: cases[{index}] must be a mapping")
    case_id = str(raw.get("id", f"case-{index + 1}"))
    label = f"{where}: case {case_id}"
    unknown = sorted(set(raw) - _CASE_KEYS)
    if unknown:
        raise CaseError(f"{label}: unknown key {unknown[0]!r}")
    area = _optional_str(label, raw, "area")
    if "turns" in raw:
        turns = raw["turns"]
        if not isinstance(turns, list) or not turns:
            raise CaseError(f"{label}: 'turns' must be a non-empty list")
        parsed = tuple(_turn(f"{label} turn {n + 1}", base, t) for n, t in enumerate(turns))
    else:
        parsed = (_turn(label, base, raw),)
    return Case(case_id, parsed, area)


def _turn(label: str, base: Path, raw: Any) -> Turn:
    if not isinstance(raw, dict):
        raise CaseError(f"{label}: a turn must be a mapping")
    unknown = sorted(set(raw) - _TURN_KEYS - {"id", "description", "tags"})
    if unknown:
        raise CaseError(f"{label}: unknown key {unknown[0]!r}")
    say, audio = raw.get("say"), raw.get("audio")
    if say is None and audio is None:
        raise CaseError(f"{label}: needs 'say' or 'audio'")
    if say is not None and not isinstance(say, str | int | float):
        raise CaseError(f"{label}: 'say' must be text")
    if audio is not None and not isinstance(audio, str):
        raise CaseError(f"{label}: 'audio' must be a file name")
    advance = raw.get("advance", 0)
    if (
        isinstance(advance, bool)
        or not isinstance(advance, int | float)
        or not 0 <= advance <= MAX_ADVANCE_S  # also refuses nan and infinity
    ):
        raise CaseError(
            f"{label}: 'advance' must be a number of seconds from 0 to {MAX_ADVANCE_S} (a year)"
        )
    loose = raw.get("loose", False)
    if not isinstance(loose, bool):
        raise CaseError(f"{label}: 'loose' must be true or false")
    return Turn(
        say=None if say is None else str(say),
        audio=(base / audio) if audio else None,
        expect=_expect(label, raw.get("expect")),
        advance_s=float(advance),
        area=_optional_str(label, raw, "area"),
        loose=loose,
    )


def _expect(label: str, raw: Any) -> Expect:
    if raw is None:
        return Expect()
    if not isinstance(raw, dict):
        raise CaseError(f"{label}: 'expect' must be a mapping")
    unknown = sorted(set(raw) - {"state", "reply"})
    if unknown:
        raise CaseError(f"{label}: unknown key in expect: {unknown[0]!r}")
    state = raw.get("state")
    if state is None and "state" in raw:
        state = {}
    if state is not None and not isinstance(state, dict):
        raise CaseError(f"{label}: 'expect.state' must be a mapping")
    reply = raw.get("reply")
    if reply is not None and not isinstance(reply, str):
        raise CaseError(f"{label}: 'expect.reply' must be a regular expression")
    if reply is not None:
        _check_regex(label, reply)
    return Expect(state=state, reply=reply)


def _check_regex(label: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise CaseError(f"{label}: bad reply regex {pattern!r}: {exc}") from None


def _optional_str(label: str, raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise CaseError(f"{label}: {key!r} must be text")
    return value
