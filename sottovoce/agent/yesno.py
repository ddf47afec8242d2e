"""'Is the front door locked?' - 'No, the front door is unlocked.': yes or no said first.

A question about one state ("is the garage door open", "are the lights on
upstairs", "the kettle is on, right?") is answered by a tool that reads the
state and says it. People expect the answer first, as Home Assistant's Assist
gives it; the tool's sentence stays as the reason. Only when every state the
reply names settles the question one way: "the lamp is on; the strip is off"
asked "are the lights on" gets no yes or no.
"""

from __future__ import annotations

import re

from sottovoce.agent.learner_questions import asked_form

# For each state asked about, the states that say yes and those that say no.
_ANSWERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "on": (frozenset({"on", "running", "playing", "heating", "cooling"}),
           frozenset({"off", "stopped", "idle", "docked"})),
    "off": (frozenset({"off", "stopped", "idle"}), frozenset({"on", "running", "playing"})),
    "open": (frozenset({"open", "opened"}), frozenset({"closed", "shut"})),
    "closed": (frozenset({"closed", "shut"}), frozenset({"open", "opened"})),
    "locked": (frozenset({"locked"}), frozenset({"unlocked"})),
    "unlocked": (frozenset({"unlocked"}), frozenset({"locked"})),
    "playing": (frozenset({"playing"}), frozenset({"paused", "stopped", "off", "idle"})),
    "paused": (frozenset({"paused"}), frozenset({"playing", "stopped"})),
    "running": (frozenset({"on", "running"}), frozenset({"off", "stopped"})),
}  # fmt: skip
_SAME = {"opened": "open", "shut": "closed"}
_SOFT = frozenset("still now currently yet already right at the moment".split())
# A state as a reply says it: "is unlocked", "are all on", "is still open".
_STATED = re.compile(r"\b(?:is|are)(?: all| both| still| now)? ([a-z]+)\b")
_ARTICLES = ("The ", "A ", "An ", "All ", "None ", "Both ", "It ")


def yes_or_no(question: str, reply: str) -> str:
    """The reply with "Yes, " or "No, " first when the normalized question (or a
    statement a state was read for) asks whether something is in a state and the reply
    settles it; else the reply as it was."""
    words = question.split()
    if words[:1] not in (["is"], ["are"]):
        # Said as a statement and read as a question: "the garage door is closed, right",
        # "did i leave the front door unlocked".
        words = (asked_form(words) or question).split()
    if len(words) < 3 or words[0] not in ("is", "are") or reply[:3] in ("Yes", "No,", "No "):
        return reply
    # The last state said: "are the lights on upstairs", "is the door open now".
    said = [_SAME.get(w, w) for w in words[2:] if w not in _SOFT]
    asked = next((w for w in reversed(said) if w in _ANSWERS), None)
    if asked is None:
        return reply
    yes, no = _ANSWERS[asked]
    stated = set(_STATED.findall(reply.lower())) & (yes | no)
    if not stated or (stated & yes and stated & no):
        return reply
    lead = "Yes, " if stated & yes else "No, "
    first = reply[0].lower() + reply[1:] if reply.startswith(_ARTICLES) else reply
    return lead + first


_FOLLOW_ON = ("and ", "or ", "what about ", "how about ")


def follows_on(text: str) -> bool:
    """Whether the normalized words go on from the last question: "and the porch light",
    "what about the back door" (the tool that answers them decides what they name)."""
    return text.startswith(_FOLLOW_ON)
