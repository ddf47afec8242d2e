"""Plain records passed between the router, the executor and the agent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    """A decided tool call: which tool, with which (unvalidated) arguments."""

    tool: str
    args: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The call as eval's JSON report shows it."""
        return {"tool": self.tool, "args": dict(self.args)}


@dataclass(frozen=True)
class UnknownName:
    """The grammar understood the command but not the name in it ("the hot tub").

    `known` is set when the name exists but nothing does that to it; `what` says
    what the name was meant to be: thing, place, media, contact or scene.
    """

    text: str
    known: bool = False
    what: str = "thing"

    def reply(self) -> str:
        """What to say for it ("Sorry, there is no hot tub here.")."""
        if self.known:
            return f"Sorry, I can't do that with the {self.text}."
        text = self.text.title() if self.what == "contact" else self.text
        return _UNKNOWN_REPLIES.get(self.what, _UNKNOWN_REPLIES["thing"]).format(text)


_UNKNOWN_REPLIES = {
    "thing": "Sorry, there is no {} here.",
    "place": "Sorry, I don't know a room called {}.",
    "media": "Sorry, I can't find {} in your music.",
    "contact": "Sorry, {} is not in your contacts.",
    "scene": "Sorry, there is no scene called {}.",
}


@dataclass
class TurnResult:
    """What one user turn produced."""

    heard: str
    reply: str
    route: str
    calls: list[Call] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    announcements: list[str] = field(default_factory=list)
    model_outputs: int = 0  # decisions the language model wrote for this turn
    model_valid: int = 0  # of those, the valid calls and replies
