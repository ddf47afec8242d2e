"""The desktop backend (volume, mute, player) on stand-in programs, alone and under the agent."""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.app import attach_configured
from sottovoce.devices import World
from sottovoce.devices.backends import BackendError
from sottovoce.devices.backends.desktop import DesktopMediaPlayer, ProgramError, make_device
from sottovoce.devices.backends.desktop.media_player import FRESH_S, RETRY_S
from sottovoce.devices.backends.desktop.mixer import (
    Pactl,
    amixer_state,
    pactl_muted,
    pactl_volume,
)
from sottovoce.devices.backends.desktop.player import Playerctl
from sottovoce.tools import Registry
from tests.devices.desktop_standins import (
    KEPT,
    NO_PACTL,
    PACTL_40,
    PROGRAMS,
    Desktop,
    desktop,
    stack,
    world,
)
from tests.devices.desktop_standins import open_player as _player
from tests.devices.desktop_standins import turn as _turn

__all__ = ["desktop", "stack", "world"]  # fixtures


def test_volume_and_mute_through_pactl(desktop: Desktop, world: World) -> None:
    device = _player(world)
    assert device.state() == {
        "status": "playing",
        "volume": 40,
        "muted": False,
        "media": "Nina - Feeling",
    }
    device.set(volume=25)
    device.set(muted=True)
    assert (device.state()["volume"], device.state()["muted"]) == (25, True)
    assert ["set-sink-volume", "@DEFAULT_SINK@", "25%"] in desktop.calls("pactl")
    assert ["set-sink-mute", "@DEFAULT_SINK@", "1"] in desktop.calls("pactl")
    assert desktop.calls("amixer") == []


def test_a_named_sink_is_the_one_asked(desktop: Desktop, world: World) -> None:
    device = _player(world, mixer="pactl", sink="alsa_output.usb")
    device.set(volume=60)
    assert ["set-sink-volume", "alsa_output.usb", "60%"] in desktop.calls("pactl")


def test_amixer_when_there_is_no_pactl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, world: World
) -> None:
    desktop = Desktop(tmp_path, monkeypatch)
    desktop.install("amixer", "playerctl")
    device = _player(world)
    assert device.mixer is not None and device.mixer.program == "amixer"
    device.set(volume=70, muted=True)
    assert (device.state()["volume"], device.state()["muted"]) == (70, True)
    assert ["-M", "set", "Master", "70%"] in desktop.calls("amixer")
    assert ["set", "Master", "mute"] in desktop.calls("amixer")
    device.set(muted=False)
    assert ["set", "Master", "unmute"] in desktop.calls("amixer")


def test_amixer_card_option(desktop: Desktop, world: World) -> None:
    device = _player(world, mixer="amixer", card=1)
    device.set(volume=10)
    assert ["-c", "1", "-M", "set", "Master", "10%"] in desktop.calls("amixer")


def test_playerctl_status_commands_and_metadata(desktop: Desktop, world: World) -> None:
    device = _player(world, player="spotify")
    for status, verb, said in (
        ("paused", "pause", "Paused"),
        ("stopped", "stop", "Stopped"),
        ("playing", "play", "Playing"),
    ):
        device.set(status=status)
        assert (desktop.state()["status"], device.state()["status"]) == (said, status)
        assert ["--player=spotify", verb] in desktop.calls("playerctl")
    assert device.state()["media"] == "Nina - Feeling"
    desktop.write(artist="")
    assert device.refresh()["media"] == "Feeling"


def test_no_players_found_reads_as_stopped(desktop: Desktop, world: World) -> None:
    desktop.write(players=False)
    device = _player(world)
    assert (device.state()["status"], device.state()["media"]) == ("stopped", "")
    with pytest.raises(ProgramError, match=r"^playerctl play failed \(exit 1\): No players found$"):
        device.set(status="playing")


def test_titles_cannot_be_looked_up_but_addresses_open(desktop: Desktop, world: World) -> None:
    device = _player(world)
    with pytest.raises(ValueError, match="cannot look up titles such as 'Abbey Road'"):
        device.set(status="playing", media="Abbey Road")
    assert [c for c in desktop.calls("playerctl") if c[0] in ("play", "open")] == []
    device.set(media="file:///music/a.ogg")
    assert ["open", "file:///music/a.ogg"] in desktop.calls("playerctl")


def test_unchanged_attributes_run_nothing(desktop: Desktop, world: World) -> None:
    device = _player(world)
    device.set(**device.state())
    assert [c for c in desktop.calls() if c[1].startswith("set") or c[1] in ("play", "open")] == []


def test_none_leaves_that_side_alone(desktop: Desktop, world: World) -> None:
    device = _player(world, mixer="none")
    with pytest.raises(ValueError, match=r'does not control the volume \(mixer = "none"\)'):
        device.set(volume=10)
    assert desktop.calls("pactl") == []
    device = _player(world, media="none")
    with pytest.raises(ValueError, match=r'does not control a player \(media = "none"\)'):
        device.set(status="paused")


@pytest.mark.parametrize(
    ("installed", "options", "problem"),
    [
        ((), {}, "neither pactl nor amixer found; install pulseaudio-utils"),
        (
            ("amixer", "playerctl"),
            {"mixer": "pactl"},
            NO_PACTL,
        ),
        (("pactl",), {}, 'playerctl not found; install playerctl, or set media = "none"'),
        (PROGRAMS, {"mixer": "alsa"}, 'mixer must be "auto" | "pactl" | "amixer" | "none"'),
        (PROGRAMS, {"volume": 3}, "unknown option volume; desktop options: mixer, sink"),
        (PROGRAMS, {"mixer": "amixer", "sink": "x"}, "sink is an option of mixer = 'pactl'"),
        (PROGRAMS, {"mixer": "none", "media": "none"}, "nothing left to control"),
        (PROGRAMS, {"timeout_s": 0}, "timeout_s must be a number of seconds above 0"),
        (
            PROGRAMS,
            {"mixer": "amixer", "control": "Speaker"},
            "amixer get Speaker failed (exit 1): amixer: Unable to find simple control 'Speaker',0",
        ),
    ],
)
def test_setup_problems_are_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    world: World,
    installed: tuple[str, ...],
    options: dict[str, Any],
    problem: str,
) -> None:
    Desktop(tmp_path, monkeypatch).install(*installed)
    with pytest.raises(BackendError) as caught:
        make_device(world.devices["media_player.computer"], options)
    message = str(caught.value)
    assert message.startswith('config [devices."media_player.computer"]: ') and "\n" not in message
    assert problem in message


def test_only_a_media_player_can_be_the_desktop(desktop: Desktop, world: World) -> None:
    with pytest.raises(
        BackendError,
        match="light.desk is a light, and the desktop backend can only be a media_player",
    ):
        make_device(world.devices["light.desk"], {})


def test_a_failing_sound_server_is_said_at_setup(desktop: Desktop, world: World) -> None:
    desktop.write(fail={"pactl": "Connection failure: Connection refused\nmore detail"})
    with pytest.raises(
        BackendError,
        match=r"@DEFAULT_SINK@ failed \(exit 1\): Connection failure: Connection refused$",
    ):
        _player(world, mixer="pactl")


def test_auto_falls_back_to_alsa_without_a_sound_server(desktop: Desktop, world: World) -> None:
    desktop.write(fail={"pactl": "Connection failure: Connection refused"})
    device = _player(world, control="Master")
    assert device.mixer is not None and device.mixer.program == "amixer"
    desktop.write(fail={"pactl": "Connection refused", "amixer": "amixer: Mixer attach default"})
    with pytest.raises(BackendError, match=r"Connection refused; amixer get Master failed \(exit"):
        _player(world)


def test_a_hung_program_times_out(desktop: Desktop, world: World) -> None:
    desktop.write(sleep={"playerctl": 10})
    started = time.monotonic()
    with pytest.raises(BackendError, match=r"playerctl status did not answer within 0.5 s$"):
        _player(world, timeout_s=0.5)
    assert time.monotonic() - started < 3


def test_a_program_that_hangs_later_fails_the_write_in_time(
    desktop: Desktop, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    device = _player(world, timeout_s=0.5)
    desktop.write(sleep={"playerctl": 10})
    started = time.monotonic()
    with pytest.raises(ProgramError, match=r"^playerctl pause did not answer within 0.5 s$"):
        device.set(status="paused")
    assert time.monotonic() - started < 3
    assert (
        "playerctl status did not answer within 0.5 s; keeping the last known state" in caplog.text
    )


def test_reading_never_fails(
    desktop: Desktop, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    device = _player(world)
    before = device.state()
    desktop.uninstall("pactl")
    desktop.write(fail={"playerctl": "Could not connect to D-Bus"})
    assert device.refresh() == before
    assert device.refresh() == before
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"media_player.computer: {NO_PACTL}{KEPT}",
        "media_player.computer: playerctl status failed (exit 1): "
        f"Could not connect to D-Bus{KEPT}",
    ]


def test_readings_are_reused_briefly_and_failures_retried_later(
    desktop: Desktop, world: World
) -> None:
    now = [100.0]
    like, mixer, player = world.devices["media_player.computer"], Pactl(), Playerctl(timeout_s=0.5)
    device = DesktopMediaPlayer(like, mixer, player, lambda: now[0])
    device.state()
    device.state()  # a moment later: the same reading
    assert len(desktop.calls("playerctl")) == 2  # status and metadata, once
    now[0] += FRESH_S
    desktop.write(sleep={"playerctl": 10})
    desktop.forget()
    device.state()
    device.set(volume=20)  # the mixer still answers; the hung player is not asked again
    now[0] += RETRY_S - 1
    device.state()
    assert desktop.calls("playerctl") == [["status"]]
    desktop.write(sleep={})
    now[0] += 1
    assert device.state()["volume"] == 20 and len(desktop.calls("playerctl")) == 3


def test_world_checkpoint_and_restore(desktop: Desktop, world: World, stack: ExitStack) -> None:
    attach_configured(
        world, stack, tables={"devices": {"media_player.computer": {"backend": "desktop"}}}
    )
    saved = world.checkpoint()
    device = world.devices["media_player.computer"]
    device.set(volume=90, muted=True, status="paused")
    desktop.forget()
    world.restore(saved)
    assert {k: desktop.state()[k] for k in ("volume", "muted", "status")} == {
        "volume": 40,
        "muted": False,
        "status": "Playing",
    }
    asked = [c for c in desktop.calls() if c[1].startswith("set") or c[1] == "play"]
    assert asked == [
        ["playerctl", "play"],
        ["pactl", "set-sink-volume", "@DEFAULT_SINK@", "40%"],
        ["pactl", "set-sink-mute", "@DEFAULT_SINK@", "0"],
    ]


def _agent(world: World, stack: ExitStack, **desktop_options: Any) -> Agent:
    options = {"backend": "desktop", **desktop_options}
    attach_configured(world, stack, tables={"devices": {"media_player.computer": options}})
    return Agent(Registry.builtin(), world)


def test_the_agent_drives_the_desktop(desktop: Desktop, world: World, stack: ExitStack) -> None:
    agent = _agent(world, stack)
    assert _turn(agent, "set the volume to 30 percent") == "The computer is at volume 30."
    assert _turn(agent, "pause the music") == "The computer is paused."
    assert _turn(agent, "mute") == "The computer is muted."
    assert _turn(agent, "what is the volume") == "The computer is at volume 30 and muted."
    asked = [c for c in desktop.calls() if c[1].startswith("set") or c[1] == "pause"]
    assert asked == [
        ["pactl", "set-sink-volume", "@DEFAULT_SINK@", "30%"],
        ["playerctl", "pause"],
        ["pactl", "set-sink-mute", "@DEFAULT_SINK@", "1"],
    ]
    assert _turn(agent, "turn on the desk lamp") == "The desk lamp is on."


def test_a_missing_program_is_a_reply_not_a_crash(
    desktop: Desktop, world: World, stack: ExitStack
) -> None:
    agent = _agent(world, stack)
    desktop.uninstall("pactl")
    result = asyncio.run(agent.handle("set the volume to 30 percent"))
    assert result.reply == "Sorry, I couldn't reach that device, so I changed nothing."
    assert result.problems == [f"media_set_volume: {NO_PACTL}"]
    assert _turn(agent, "pause the music") == "The computer is paused."


def test_a_failing_program_is_a_reply_not_a_crash(
    desktop: Desktop, world: World, stack: ExitStack
) -> None:
    agent = _agent(world, stack)
    desktop.write(players=False)
    result = asyncio.run(agent.handle("play the music"))
    assert result.reply == "Sorry, I couldn't reach that device, so I changed nothing."
    assert result.problems == ["media_play: playerctl play failed (exit 1): No players found"]


def test_a_title_the_desktop_cannot_find_changes_nothing(
    desktop: Desktop, world: World, stack: ExitStack
) -> None:
    agent = _agent(world, stack)
    result = asyncio.run(agent.handle("play abbey road"))
    assert result.reply == "Sorry, something went wrong, so I changed nothing."
    assert "cannot look up titles such as 'Abbey Road'" in result.problems[0]
    assert desktop.state()["status"] == "Playing"


@pytest.mark.parametrize(
    ("output", "volume"),
    [
        (
            f"Volume: {PACTL_40}\n        balance 0.00",
            40,
        ),
        ("Volume: mono: 65536 / 100% / 0.00 dB", 100),
        (
            "Volume: front-left: 98304 / 150% / 10.57 dB,   front-right: 98304 / 150% / 10.57 dB",
            100,
        ),
        (
            "Volume: front-left: 19661 /  30% / -31.37 dB,   front-right: 26214 /  40% / -23.88 dB",
            40,
        ),
        ("Volume: 0:  40% 1:  40%\n        0: -23.88 dB 1: -23.88 dB", 40),  # older PulseAudio
    ],
)
def test_pactl_volume_formats(output: str, volume: int) -> None:
    assert pactl_volume(output) == volume


def test_pactl_and_amixer_parsing_edges() -> None:
    assert (pactl_muted("Mute: yes\n"), pactl_muted("Mute: no")) == (True, False)
    assert amixer_state("  Mono: Playback 31 [100%] [-0.00dB] [off]") == (100, True)
    assert amixer_state("  Front Left: Playback 10 [20%]\n  Front Right: Playback 10 [20%]") == (
        20,
        False,
    )
    with pytest.raises(ProgramError, match="pactl gave no volume: 'Volume: n/a'"):
        pactl_volume("Volume: n/a")
