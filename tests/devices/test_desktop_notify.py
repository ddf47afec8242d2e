"""Timers and reminders as desktop notifications (stand-in notify-send); the docs example."""

from __future__ import annotations

import re
import tomllib
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.app import announcement_hooks, attach_configured
from sottovoce.devices import VirtualClock, World
from sottovoce.devices.backends import BackendError
from sottovoce.devices.backends.desktop import DesktopMediaPlayer
from sottovoce.tools import Registry
from tests.devices.desktop_standins import Desktop, desktop, world
from tests.devices.desktop_standins import turn as _turn

__all__ = ["desktop", "world"]  # fixtures


def test_timers_come_due_as_notifications(desktop: Desktop, world: World) -> None:
    hook = announcement_hooks({"desktop": {"notify": True, "urgency": "critical"}})
    agent = Agent(Registry.builtin(), world, on_announce=hook)
    _turn(agent, "set a timer for 10 minutes for the pasta")
    assert isinstance(world.clock, VirtualClock)
    world.clock.advance(601)
    agent.check_due()
    assert desktop.calls("notify-send") == [
        ["--app-name=sottovoce", "--urgency=critical", "--", "Timer", "Your pasta timer is done."]
    ]
    assert agent.take_announcements() == ["Your pasta timer is done."]


def test_reminders_are_titled_and_escaped(desktop: Desktop, world: World) -> None:
    hook = announcement_hooks({"desktop": {"notify": True, "notify_app": "kitchen"}})
    assert hook is not None
    hook("Reminder: buy milk & eggs.")
    assert desktop.calls("notify-send") == [
        ["--app-name=kitchen", "--urgency=normal", "--", "Reminder", "buy milk &amp; eggs."]
    ]


def test_a_failing_notification_never_stops_the_announcement(
    desktop: Desktop, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    desktop.write(fail={"notify-send": "GDBus.Error: no notification server"})
    agent = Agent(
        Registry.builtin(), world, on_announce=announcement_hooks({"desktop": {"notify": True}})
    )
    _turn(agent, "set a timer for 1 minute")
    assert isinstance(world.clock, VirtualClock)
    world.clock.advance(61)
    assert agent.take_announcements() == ["Your 1 minute timer is done."]
    assert (
        "desktop notification not shown: notify-send failed (exit 1): "
        "GDBus.Error: no notification server" in caplog.text
    )


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"notify": "yes"}, "notify must be true or false, not 'yes'"),
        (
            {"notify": True, "urgency": "high"},
            'urgency must be "low", "normal", "critical", not \'high\'',
        ),
        (
            {"notify": True, "sound": 1},
            "unknown option sound; known: notify, notify_app, urgency, timeout_s",
        ),
    ],
)
def test_bad_desktop_settings_are_one_line(
    desktop: Desktop, table: dict[str, Any], problem: str
) -> None:
    with pytest.raises(BackendError, match="^config \\[desktop\\]: ") as caught:
        announcement_hooks({"desktop": table})
    assert problem in str(caught.value)


def test_the_config_file_turns_notifications_on(
    desktop: Desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[desktop]\nnotify = true\nnotify_app = "sv"\n', encoding="utf-8")
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(config))
    hook = announcement_hooks()
    assert hook is not None
    hook("Your tea timer is done.")
    assert desktop.calls("notify-send") == [
        ["--app-name=sv", "--urgency=normal", "--", "Timer", "Your tea timer is done."]
    ]


def test_notifications_need_notify_send_only_when_asked(desktop: Desktop) -> None:
    desktop.uninstall("notify-send")
    assert announcement_hooks({"desktop": {"notify": False}}) is None
    assert announcement_hooks({}) is None
    with pytest.raises(
        BackendError,
        match=r"notify-send not found; install libnotify-bin, or set notify = false in \[desktop]$",
    ):
        announcement_hooks({"desktop": {"notify": True}})


def test_the_example_in_the_docs_works(desktop: Desktop, world: World) -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "desktop.md").read_text("utf-8")
    tables = tomllib.loads(re.findall(r"```toml\n(.*?)```", text, re.DOTALL)[0])
    with ExitStack() as stack:
        attach_configured(world, stack, tables)
        device = world.devices["media_player.computer"]
        assert isinstance(device, DesktopMediaPlayer) and device.player is not None
        assert device.player.player == "spotify"
        device.set(status="paused")
    assert ["--player=spotify", "pause"] in desktop.calls("playerctl")
    hook = announcement_hooks(tables)
    assert hook is not None
    hook("Reminder: water the plants.")
    assert desktop.calls("notify-send")[-1][-2:] == ["Reminder", "water the plants."]
