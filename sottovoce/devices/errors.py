"""Errors raised by the devices package: a bad world file and an unusable store.

Both print as one line naming the file and the problem, so a command line can show
them to the user as they are, without a traceback.
"""

from __future__ import annotations


def _one_line(message: str) -> str:
    # Messages can quote user input (a YAML value, an OS error) that holds newlines.
    return " ".join(message.split())


class WorldError(Exception):
    """A world file that cannot be used: one line naming the file and the problem."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))


class StoreError(Exception):
    """A persistent store that cannot be opened or written: one line naming the file."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))


class StoreUnsaved(StoreError):
    """A turn's changes could not be saved; `reason` says why in a few words."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: cannot save ({reason})")
        self.reason = reason
