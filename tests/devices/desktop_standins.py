"""Stand-in pactl, amixer, playerctl and notify-send for the desktop backend's tests.

Each stand-in is a small Python script on a PATH of the test's own: it logs its
argv as a JSON line, answers as the real program does (the same output
formats) and keeps the desktop's state in a JSON file, so that a volume set
through it reads back. Its state says when to fail, hang or have no player.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.devices import World, load_world
from sottovoce.devices.backends.desktop import DesktopMediaPlayer, make_device

PROGRAMS = ("pactl", "amixer", "playerctl", "notify-send")
NO_PACTL = 'pactl not found; install pulseaudio-utils (or pipewire-pulse), or set mixer = "amixer"'
KEPT = "; keeping the last known state"
PACTL_40 = "front-left: 26214 /  40% / -23.88 dB,   front-right: 26214 /  40% / -23.88 dB"

STANDIN = r"""
import json, os, sys, time

name, args = os.path.basename(sys.argv[0]), sys.argv[1:]
with open(LOG, "a") as log:
    log.write(json.dumps([name, *args]) + "\n")
with open(STATE) as f:
    state = json.load(f)


def save():
    with open(STATE, "w") as f:
        json.dump(state, f)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def pactl(args):
    volume, cmd = state["volume"], args[0]
    if cmd == "get-sink-volume":
        raw = round(volume * 65536 / 100)
        side = f"{raw} / {volume:3d}% / -23.88 dB"
        print(f"Volume: front-left: {side},   front-right: {side}\n        balance 0.00")
    elif cmd == "get-sink-mute":
        print("Mute: " + ("yes" if state["muted"] else "no"))
    elif cmd == "set-sink-volume":
        state["volume"] = int(args[2].rstrip("%"))
    elif cmd == "set-sink-mute":
        state["muted"] = args[2] == "1"
    else:
        fail("No valid command specified.")


def amixer(args):
    args = [a for a in args if a != "-M"]
    if args[0] == "-c":
        args = args[2:]
    cmd, control = args[0], args[1]
    if control != "Master":
        fail(f"amixer: Unable to find simple control '{control}',0")
    if cmd == "set" and args[2] in ("mute", "unmute"):
        state["muted"] = args[2] == "mute"
    elif cmd == "set":
        state["volume"] = int(args[2].rstrip("%"))
    volume, switch = state["volume"], "off" if state["muted"] else "on"
    raw = round(volume * 65536 / 100)
    print(f"Simple mixer control '{control}',0")
    print("  Capabilities: pvolume pswitch pswitch-joined")
    print("  Playback channels: Front Left - Front Right")
    print("  Limits: Playback 0 - 65536\n  Mono:")
    for side in ("Front Left", "Front Right"):
        print(f"  {side}: Playback {raw} [{volume}%] [{switch}]")


def playerctl(args):
    args = [a for a in args if not a.startswith("--player=")]
    if not state["players"]:
        fail("No players found")
    cmd = args[0]
    if cmd == "status":
        print(state["status"])
    elif cmd in ("play", "pause", "stop"):
        state["status"] = {"play": "Playing", "pause": "Paused", "stop": "Stopped"}[cmd]
    elif cmd == "metadata":
        template = args[2]
        print(template.replace("{{artist}}", state["artist"]).replace("{{title}}", state["title"]))
    elif cmd == "open":
        state["status"], state["title"] = "Playing", args[1]


if name in state.get("sleep", {}):
    time.sleep(state["sleep"][name])
if name in state.get("fail", {}):
    fail(state["fail"][name])
{"pactl": pactl, "amixer": amixer, "playerctl": playerctl}.get(name, lambda args: None)(args)
save()
"""

WORLD = """
name: Desk
clock: "2026-06-01T08:30:00"
areas: [office, kitchen]
listener: {area: office}
devices:
  - id: media_player.computer
    kind: media_player
    name: computer
    aliases: [speakers]
    area: office
    state: {status: stopped, volume: 50, muted: false, media: ""}
  - id: light.desk
    kind: light
    name: desk lamp
    area: office
media_library:
  - {title: Abbey Road, artist: The Beatles, kind: album}
"""


class Desktop:
    """The stand-in desktop: its programs' folder, their state and what they were asked."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bin = root / "bin"
        self.bin.mkdir()
        self.state_file, self.log_file = root / "state.json", root / "calls.jsonl"
        self.log_file.touch()
        self.monkeypatch = monkeypatch
        self.write(
            volume=40, muted=False, players=True, status="Playing", artist="Nina", title="Feeling"
        )

    def install(self, *programs: str) -> None:
        """Put these stand-ins (and only these) on PATH."""
        head = f"#!{sys.executable} -SI\nSTATE, LOG = {str(self.state_file)!r}, "
        head += f"{str(self.log_file)!r}\n"
        for program in programs:
            path = self.bin / program
            path.write_text(head + STANDIN, encoding="utf-8")
            path.chmod(0o755)
        self.monkeypatch.setenv("PATH", str(self.bin))

    def uninstall(self, program: str) -> None:
        """Take one stand-in off PATH, as if it had been uninstalled."""
        (self.bin / program).unlink()

    def write(self, **changes: Any) -> None:
        """Change the desktop's state (or what the stand-ins should do: fail, sleep)."""
        state = self.state() if self.state_file.exists() else {}
        self.state_file.write_text(json.dumps({**state, **changes}), encoding="utf-8")

    def state(self) -> dict[str, Any]:
        """The desktop's state as the stand-ins left it."""
        loaded: dict[str, Any] = json.loads(self.state_file.read_text(encoding="utf-8"))
        return loaded

    def calls(self, program: str | None = None) -> list[list[str]]:
        """Every call's argv (with the program's name), or one program's arguments."""
        lines = self.log_file.read_text(encoding="utf-8").splitlines()
        every = [json.loads(line) for line in lines]
        return [c[1:] for c in every if c[0] == program] if program else every

    def forget(self) -> None:
        """Clear the call log."""
        self.log_file.write_text("", encoding="utf-8")


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desktop:
    """pactl, amixer, playerctl and notify-send stand-ins alone on PATH."""
    made = Desktop(tmp_path, monkeypatch)
    made.install(*PROGRAMS)
    return made


@pytest.fixture
def world(tmp_path: Path) -> World:
    """A study with a computer (a media_player) and a desk lamp, on a virtual clock."""
    path = tmp_path / "desk.yaml"
    path.write_text(WORLD, encoding="utf-8")
    return load_world(path)


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    """Closes what a test attached."""
    with ExitStack() as opened:
        yield opened


def open_player(world: World, **options: Any) -> DesktopMediaPlayer:
    """The desktop backend standing in for the world's computer."""
    device = make_device(world.devices["media_player.computer"], options)
    assert isinstance(device, DesktopMediaPlayer)
    return device


def turn(agent: Agent, text: str) -> str:
    """The agent's reply to `text`."""
    return asyncio.run(agent.handle(text)).reply
