"""The talk button of `run --push-to-talk`: Enter on the terminal, and a GPIO button if configured.

The config file's `[push_to_talk]` table (`backend = "gpio"`, `pin`,
`pull_up`, `bounce_ms`) names a push button on a Raspberry Pi; without it,
Enter is the only talk button. See docs/devices.md.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from sottovoce.cli.speech import read_presses
from sottovoce.config import load_config

if TYPE_CHECKING:
    from sottovoce.devices.backends.gpio import GPIOButton
    from sottovoce.voice.talkgate import TalkGate


def open_talk_button(stack: ExitStack, tables: dict[str, Any] | None = None) -> GPIOButton | None:
    """The config file's GPIO talk button (closed with `stack`), or None if there is none."""
    from sottovoce.devices.backends import BackendError

    tables = load_config() if tables is None else tables
    table = tables.get("push_to_talk")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise BackendError("[push_to_talk] in the config file must be a table")
    if table.get("backend") != "gpio":
        raise BackendError(
            f'config [push_to_talk]: backend must be "gpio", not {table.get("backend")!r} '
            "(Enter is the talk button without this table)"
        )
    from sottovoce.devices.backends.gpio import GPIOButton

    button = GPIOButton(table)
    stack.callback(button.close)
    return button


def connect_talk_buttons(loop: Any, gate: TalkGate, button: GPIOButton | None) -> str:
    """Let Enter, and `button` if given, press `gate`; returns how the user starts talking."""
    read_presses(loop, gate.press)
    if button is None:
        return "press Enter, then speak"
    # Only the press is passed on: the command ends when the user stops speaking, as with
    # Enter. Closing the gate on release would cut the listener off mid-utterance, and the
    # voice loop would leave the words heard so far waiting for the next press.
    button.connect(loop, gate.press)
    return f"press the button on {button.pin} or Enter, then speak"
