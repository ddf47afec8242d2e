"""The desktop's volume and mute: PipeWire/PulseAudio through `pactl`, or ALSA through `amixer`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from .programs import ProgramError, run

PERCENT = re.compile(r"(\d+)\s*%")
AMIXER_SWITCH = re.compile(r"\[(on|off)\]")
PACTL_MUTE = re.compile(r"mute:\s*(yes|no)", re.IGNORECASE)


class Mixer(Protocol):
    """A volume control with a mute switch."""

    program: str

    def read(self) -> tuple[int, bool]:
        """The volume in percent (0-100) and whether it is muted."""
        ...

    def set_volume(self, percent: int) -> None:
        """Set the volume in percent."""
        ...

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute."""
        ...


@dataclass
class Pactl:
    """A PipeWire or PulseAudio sink, the default one unless named."""

    sink: str = "@DEFAULT_SINK@"
    timeout_s: float = 2.0
    program: str = "pactl"

    def read(self) -> tuple[int, bool]:
        """The sink's volume (its loudest channel) and mute switch."""
        volume = self._run("get-sink-volume", self.sink)
        mute = self._run("get-sink-mute", self.sink)
        return pactl_volume(volume), pactl_muted(mute)

    def set_volume(self, percent: int) -> None:
        """Set every channel of the sink to `percent`."""
        self._run("set-sink-volume", self.sink, f"{percent}%")

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the sink."""
        self._run("set-sink-mute", self.sink, "1" if muted else "0")

    def _run(self, *args: str) -> str:
        try:
            command = " ".join(["pactl", *args[:2]])
            return run(["pactl", *args], self.timeout_s, command=command, c_locale=True)
        except ProgramError as exc:
            if "no valid command" in str(exc).lower():
                # get-sink-volume and get-sink-mute came with PulseAudio 15.
                raise ProgramError(
                    f'{exc}; this pactl is older than PulseAudio 15: set mixer = "amixer"'
                ) from None
            raise


@dataclass
class Amixer:
    """An ALSA simple mixer control ("Master" unless named), on the default card unless named."""

    control: str = "Master"
    card: str | None = None
    timeout_s: float = 2.0
    program: str = "amixer"

    def read(self) -> tuple[int, bool]:
        """The control's volume (its loudest channel, as the ear hears it) and mute switch."""
        return amixer_state(self._run("-M", "get", self.control))

    def set_volume(self, percent: int) -> None:
        """Set every channel of the control to `percent` (mapped, as `alsamixer` shows it)."""
        self._run("-M", "set", self.control, f"{percent}%")

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the control."""
        self._run("set", self.control, "mute" if muted else "unmute")

    def _run(self, *args: str) -> str:
        card = ["-c", self.card] if self.card is not None else []
        command = " ".join(["amixer", *[a for a in args if a != "-M"][:2]])
        return run(["amixer", *card, *args], self.timeout_s, command=command, c_locale=True)


def pactl_volume(output: str) -> int:
    """The loudest channel of `pactl get-sink-volume`, in percent (capped at 100)."""
    # "Volume: front-left: 26214 /  40% / -23.88 dB,   front-right: ..." (or "mono: ...").
    percents = [int(p) for p in PERCENT.findall(output)]
    if not percents:
        raise ProgramError(f"pactl gave no volume: {_quote(output)}")
    return min(100, max(percents))


def pactl_muted(output: str) -> bool:
    """Whether `pactl get-sink-mute` said "Mute: yes"."""
    found = PACTL_MUTE.search(output)
    if found is None:
        raise ProgramError(f"pactl gave no mute state: {_quote(output)}")
    return found.group(1).lower() == "yes"


def amixer_state(output: str) -> tuple[int, bool]:
    """Volume and mute from `amixer get`: "Front Left: Playback 26214 [40%] [on]" lines."""
    percents = [int(p) for p in re.findall(r"\[(\d+)%\]", output)]
    if not percents:
        raise ProgramError(f"amixer gave no volume: {_quote(output)}")
    switches = AMIXER_SWITCH.findall(output)
    # A control without a switch cannot be muted; with one, it is muted when every channel is.
    muted = bool(switches) and all(s == "off" for s in switches)
    return min(100, max(percents)), muted


def _quote(output: str) -> str:
    line = " ".join(output.split())
    return repr(line[:80]) if line else "nothing"
