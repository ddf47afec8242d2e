"""The Linux desktop as a device backend: its speakers and media player as a world media_player.

A `[devices.<id>]` table with `backend = "desktop"` maps a world media_player
onto the desktop: volume and mute on the sound server's default sink through
`pactl` (PipeWire or PulseAudio) or an ALSA control through `amixer`, and
play, pause, stop and what is playing through MPRIS with `playerctl`. A
`[desktop]` table with `notify = true` shows timers and reminders that come
due as notifications (`notifier_from_config`). See docs/desktop.md.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from typing import Any

from sottovoce.devices.backends import BackendError
from sottovoce.devices.device import Device

from .media_player import DesktopMediaPlayer
from .mixer import Amixer, Mixer, Pactl
from .notify import DesktopNotifier, notifier_from_config
from .player import Playerctl
from .programs import ProgramError, missing

__all__ = [
    "DesktopMediaPlayer",
    "DesktopNotifier",
    "ProgramError",
    "make_device",
    "notifier_from_config",
]

OPTIONS = ("mixer", "sink", "control", "card", "media", "player", "timeout_s")
MIXERS = ("auto", "pactl", "amixer", "none")
MEDIA = ("playerctl", "none")
# Options that only one mixer reads: naming them with the other is a mistake worth saying.
MIXER_OPTIONS = {"sink": "pactl", "control": "amixer", "card": "amixer"}


def make_device(like: Device, options: Mapping[str, Any]) -> Device:
    """The desktop's sound and media player standing in for the world media_player `like`."""
    where = f"config [devices.{_toml_key(like.id)}]"
    _check_options(where, like, options)
    timeout_s = _timeout(where, options.get("timeout_s", 2.0))
    mixers = _mixers(where, options, timeout_s)
    player = _player(where, options, timeout_s)
    if not mixers and player is None:
        raise BackendError(f'{where}: mixer and media are both "none": nothing left to control')
    # Reach the programs now, so that a sound server that is not running is said at start.
    mixer = _first_reachable(where, mixers)
    try:
        if player is not None:
            player.status()
    except ProgramError as exc:
        raise BackendError(f"{where}: {exc}") from None
    return DesktopMediaPlayer(like, mixer, player)


def _check_options(where: str, like: Device, options: Mapping[str, Any]) -> None:
    if like.kind != "media_player":
        raise BackendError(
            f"{where}: {like.id} is a {like.kind}, and the desktop backend can only be a "
            "media_player; map it to a device of that kind in the world file"
        )
    unknown = sorted(set(options) - set(OPTIONS) - {"backend"})
    if unknown:
        raise BackendError(
            f"{where}: unknown option {', '.join(unknown)}; desktop options: {', '.join(OPTIONS)}"
        )
    for name in ("sink", "control", "player"):
        value = options.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise BackendError(f"{where}: {name} must be a name, not {value!r}")
    card = options.get("card")
    if card is not None and (isinstance(card, bool) or not isinstance(card, int | str)):
        raise BackendError(f'{where}: card must be a number or a name like "PCH", not {card!r}')


def _timeout(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 30:
        raise BackendError(
            f"{where}: timeout_s must be a number of seconds above 0, at most 30, not {value!r}"
        )
    return float(value)


def _mixers(where: str, options: Mapping[str, Any], timeout_s: float) -> list[Mixer]:
    """The mixers to try, in order: the one named, or (auto) pactl then amixer."""
    choice = _choice(where, options, "mixer", MIXERS, "auto")
    if choice == "none":
        choices = []
    elif choice == "auto":
        choices = [p for p in ("pactl", "amixer") if shutil.which(p)]
        if not choices:
            raise BackendError(
                f"{where}: neither pactl nor amixer found; install pulseaudio-utils "
                '(or pipewire-pulse) or alsa-utils, or set mixer = "none"'
            )
    elif shutil.which(choice) is None:
        raise BackendError(f"{where}: {missing(choice)}")
    else:
        choices = [choice]
    for name, owner in MIXER_OPTIONS.items():
        # With auto either may be used, so options for both make sense.
        if name in options and choice not in (owner, "auto"):
            raise BackendError(f"{where}: {name} is an option of mixer = {owner!r}, not {choice!r}")
    return [_make_mixer(program, options, timeout_s) for program in choices]


def _make_mixer(program: str, options: Mapping[str, Any], timeout_s: float) -> Mixer:
    if program == "pactl":
        return Pactl(str(options.get("sink", "@DEFAULT_SINK@")).strip(), timeout_s)
    card = options.get("card")
    return Amixer(str(options.get("control", "Master")).strip(), _card(card), timeout_s)


def _first_reachable(where: str, mixers: list[Mixer]) -> Mixer | None:
    """The first mixer that answers; BackendError with every mixer's reason if none does."""
    reasons = []
    for mixer in mixers:
        try:
            mixer.read()
        except ProgramError as exc:
            # pactl with no sound server running (plain ALSA): auto falls back to amixer.
            reasons.append(str(exc))
        else:
            return mixer
    if reasons:
        raise BackendError(f"{where}: {'; '.join(reasons)}")
    return None


def _player(where: str, options: Mapping[str, Any], timeout_s: float) -> Playerctl | None:
    choice = _choice(where, options, "media", MEDIA, "playerctl")
    if choice == "none":
        if "player" in options:
            raise BackendError(f'{where}: player is an option of media = "playerctl"')
        return None
    if shutil.which("playerctl") is None:
        raise BackendError(f"{where}: {missing('playerctl')}")
    player = options.get("player")
    return Playerctl(player.strip() if isinstance(player, str) else None, timeout_s)


def _choice(
    where: str, options: Mapping[str, Any], name: str, choices: tuple[str, ...], default: str
) -> str:
    value = options.get(name, default)
    if value not in choices:
        listed = " | ".join(f'"{c}"' for c in choices)
        raise BackendError(f"{where}: {name} must be {listed}, not {value!r}")
    return str(value)


def _card(card: Any) -> str | None:
    return None if card is None else str(card)


def _toml_key(device_id: str) -> str:
    # World ids have a dot ("media_player.desk"), which TOML reads as nested tables unless quoted.
    return f'"{device_id}"' if "." in device_id else device_id
