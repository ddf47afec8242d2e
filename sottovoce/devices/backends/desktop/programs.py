"""Running the desktop's command-line programs (pactl, amixer, playerctl, notify-send).

Each program runs without a shell, with a timeout, and its failures become one
`ProgramError` line: not installed (with the package to install), no answer in
time, or a non-zero exit (with the first line of what it printed on stderr).
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence

from sottovoce.devices.backends import BackendError

# What to do when a program is missing: the Debian package, or the option that avoids it.
INSTALL_HINTS: Mapping[str, str] = {
    "pactl": 'install pulseaudio-utils (or pipewire-pulse), or set mixer = "amixer"',
    "amixer": 'install alsa-utils, or set mixer = "pactl"',
    "playerctl": 'install playerctl, or set media = "none"',
    "notify-send": "install libnotify-bin, or set notify = false in [desktop]",
}


class ProgramError(BackendError):
    """A desktop program that is missing, did not answer in time, or failed: one line."""


def missing(program: str) -> ProgramError:
    """The error for a program that is not on PATH, saying what to install."""
    hint = INSTALL_HINTS.get(program, f"install {program}")
    return ProgramError(f"{program} not found; {hint}")


def run(argv: Sequence[str], timeout_s: float, *, command: str = "", c_locale: bool = False) -> str:
    """The standard output of `argv`; ProgramError (naming it `command`) if it fails or hangs."""
    command = command or argv[0]
    try:
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_environment(c_locale),
            # Its own process group, so that a timeout kills whatever it started too.
            start_new_session=True,
        )
    except FileNotFoundError:
        raise missing(argv[0]) from None
    except OSError as exc:
        raise ProgramError(f"cannot run {argv[0]}: {exc.strerror}") from None
    with process:
        try:
            out, err = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise ProgramError(f"{command} did not answer within {timeout_s:g} s") from None
    stdout, stderr = _text(out), _text(err)
    if process.returncode != 0:
        said = _first_line(stderr) or _first_line(stdout) or "no message"
        raise ProgramError(f"{command} failed (exit {process.returncode}): {said}")
    return stdout


def _environment(c_locale: bool) -> dict[str, str]:
    env = dict(os.environ)
    if c_locale:
        # pactl translates its output ("Stumm: nein"); parsing needs the English words.
        env["LC_ALL"] = "C"
        env.pop("LANGUAGE", None)
    return env


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it ended just now
    process.communicate()


def _text(data: bytes) -> str:
    # Track titles come in any encoding a player chose; a bad byte must not stop a reading.
    return data.decode("utf-8", errors="replace")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
