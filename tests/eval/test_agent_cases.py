"""Loading case files: good ones parse, bad ones give one line naming file and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from sottovoce.eval.cases import CaseError, load_cases


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_single_and_multi_turn_cases(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
world: home.yaml
cases:
  - id: one
    say: turn on the light
    expect: {state: {devices: {light.a: {on: true}}}, reply: "(?i)on"}
  - id: two
    area: bedroom
    turns:
      - say: unlock the door
        expect: {state: {}}
      - say: yes
        advance: 60
        loose: true
""",
    )
    loaded = load_cases(path)
    assert loaded.world == tmp_path / "home.yaml"
    one, two = loaded.cases
    assert one.turns[0].expect.state == {"devices": {"light.a": {"on": True}}}
    assert two.area == "bedroom" and two.turns[1].say == "yes" and two.turns[1].advance_s == 60


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("cases: [", "cases.yaml"),
        ("- a\n- b\n", "expected a mapping"),
        ("cases: []\n", "non-empty list"),
        ("cases:\n  - id: x\n    expect: {state: {}}\n", "needs 'say' or 'audio'"),
        ("cases:\n  - id: x\n    turns:\n      - expect: {}\n", "turn 1: needs 'say' or 'audio'"),
        ("cases:\n  - id: x\n    say: hi\n    advance: -3\n", "advance"),
        ("cases:\n  - id: x\n    say: hi\n    expect: {reply: '('}\n", "bad reply regex"),
        ("cases:\n  - id: x\n    say: hi\n    expectt: {}\n", "unknown key 'expectt'"),
        ("cases:\n  - {id: x, say: a}\n  - {id: x, say: b}\n", "duplicate case id"),
        ("cases:\n  - id: x\n    say: hi\n    expect: {state: [1]}\n", "expect.state"),
    ],
)
def test_bad_case_files_give_one_line(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(CaseError) as caught:
        load_cases(path)
    message = str(caught.value)
    assert problem in message
    assert "\n" not in message
    assert "cases.yaml" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="no such case file"):
        load_cases(tmp_path / "nope.yaml")
