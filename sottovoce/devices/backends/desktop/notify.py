"""Desktop notifications with `notify-send`: timers and reminders that come due, on screen too."""

from __future__ import annotations

import html
import logging
import shutil
from collections.abc import Mapping
from typing import Any

from sottovoce.devices.backends import BackendError

from .programs import ProgramError, missing, run

log = logging.getLogger(__name__)

OPTIONS = ("notify", "notify_app", "urgency", "timeout_s")
URGENCIES = ("low", "normal", "critical")
REMINDER_PREFIX = "Reminder:"


class DesktopNotifier:
    """Shows a line of text as a desktop notification; a failure is logged, never raised."""

    def __init__(self, app: str = "sottovoce", urgency: str = "normal", timeout_s: float = 2.0):
        self.app = app
        self.urgency = urgency
        self.timeout_s = timeout_s

    def notify(self, text: str) -> None:
        """Show `text` (an announcement) as a notification titled "Timer" or "Reminder"."""
        title, body = _title_and_body(text, self.app)
        argv = ["notify-send", f"--app-name={self.app}", f"--urgency={self.urgency}"]
        # Notification servers read the body as markup: "milk & eggs" would vanish unescaped.
        argv += ["--", title, html.escape(body, quote=False)]
        try:
            run(argv, self.timeout_s)
        except ProgramError as exc:
            # The announcement is still spoken or printed; the screen is a bonus.
            log.warning("desktop notification not shown: %s", exc)


def notifier_from_config(table: Any) -> DesktopNotifier | None:
    """The notifier that a `[desktop]` table asks for, or None; BackendError for bad settings."""
    if not isinstance(table, Mapping):
        raise BackendError("[desktop] in the config file must be a table")
    unknown = sorted(set(table) - set(OPTIONS))
    if unknown:
        raise BackendError(
            f"config [desktop]: unknown option {', '.join(unknown)}; known: {', '.join(OPTIONS)}"
        )
    notify = table.get("notify", False)
    if not isinstance(notify, bool):
        raise BackendError(f"config [desktop]: notify must be true or false, not {notify!r}")
    if not notify:
        return None
    app = table.get("notify_app", "sottovoce")
    if not isinstance(app, str) or not app.strip():
        raise BackendError(f"config [desktop]: notify_app must be a name, not {app!r}")
    urgency = table.get("urgency", "normal")
    if urgency not in URGENCIES:
        choices = ", ".join(f'"{u}"' for u in URGENCIES)
        raise BackendError(f"config [desktop]: urgency must be {choices}, not {urgency!r}")
    timeout_s = table.get("timeout_s", 2.0)
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, int | float) or timeout_s <= 0:
        raise BackendError(
            f"config [desktop]: timeout_s must be a number of seconds above 0, not {timeout_s!r}"
        )
    if shutil.which("notify-send") is None:
        raise BackendError(f"config [desktop]: {missing('notify-send')}")
    return DesktopNotifier(app.strip(), urgency, float(timeout_s))


def _title_and_body(text: str, app: str) -> tuple[str, str]:
    # Announcements are "Your pasta timer is done." or "Reminder: stretch." (see agent/announce).
    if text.startswith(REMINDER_PREFIX):
        return "Reminder", text[len(REMINDER_PREFIX) :].strip() or text
    if "timer" in text.lower().split():
        return "Timer", text
    return app, text
