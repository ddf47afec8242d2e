"""The ways a tool can fail, and the request for the user's confirmation.

A `ToolError` is the user's (or the model's) to fix: its message is spoken as
it is ("There is no hot tub here."). A `ToolFault` is ours: the agent rolls the
world back, says the action failed and keeps going. Any other exception a
tool raises is treated as a fault too.
"""

from __future__ import annotations


class ToolError(Exception):
    """A user-facing failure whose message is spoken to the user as it is."""


class WhichOne(ToolError):
    """The words fit no device here, or several: the user is asked which, and the next turn
    may answer ("the one in the master bedroom", "the Ecobee", "Jaden's", "both").

    `choices` are the ids of the devices the words fit, when the tool knows them: the
    answer then picks among them.
    """

    def __init__(self, message: str, choices: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.choices = choices


class ToolFault(Exception):
    """An internal failure the agent survives and reports."""


class NeedsConfirmation(Exception):
    """Raised by `ToolContext.confirm` before a risky action the user has not approved."""

    def __init__(self, prompt: str) -> None:
        super().__init__(prompt)
        self.prompt = prompt
