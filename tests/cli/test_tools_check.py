"""`sottovoce tools check` and `sottovoce tools` with a plugin that does not import."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

import pytest

from sottovoce.cli import main
from sottovoce.tools import registry

BROKEN = EntryPoint("broken", "no_such_plugin_module:plugin", registry.ENTRY_POINT_GROUP)


@pytest.fixture
def broken_plugin_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The installed plugins plus one whose module does not exist (nothing is installed)."""
    real = list(entry_points(group=registry.ENTRY_POINT_GROUP))
    monkeypatch.setattr(registry, "entry_points", lambda group: [*real, BROKEN])


def test_check_of_one_builtin_plugin_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tools", "check", "timers", "--samples", "2"]) == 0
    assert capsys.readouterr().out == "1 plugins, 8 tools checked: 0 problems\n"


@pytest.mark.usefixtures("broken_plugin_installed")
def test_a_plugin_that_does_not_import_is_a_problem_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tools", "check", "broken"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "broken: does not import: ModuleNotFoundError: No module named 'no_such_plugin_module'",
        "1 plugins, 0 tools checked: 1 problems",
    ]


@pytest.mark.usefixtures("broken_plugin_installed")
def test_listing_skips_a_broken_plugin_with_one_line_and_lists_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tools"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "sottovoce: plugin broken was skipped:"
        " ModuleNotFoundError: No module named 'no_such_plugin_module'"
    ]
    assert "lights.light_turn_on: Turn one or more lights on." in captured.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tools", "check", "garden"], "no plugin called 'garden' (installed: binary_sensors, "),
        (["tools", "check", "--json"], "'tools check' takes no --json or --plugins"),
        (["tools", "--samples", "3"], "--samples goes with 'tools check'"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sottovoce: error: {message}") and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["tools", "frob"], ["tools", "check", "--samples", "0"]])
def test_argument_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
