"""Dialogue state and the small decisions that need no grammar.

What the conversation remembers between turns (the last call, the devices
it touched, a question waiting for yes or no or for the missing part of a
command), how a yes or a no is recognized, how the questions for several
risky calls become one, and which sentences are negations that must do nothing.

Several risky calls in one utterance ("unlock the front door and call mum")
are asked together, in one question that names each action ("Unlock the
front door and call Mum?"): one yes runs them all in order, one no drops them
all. The user asked for them in one breath, so one answer settles them; asking
one by one would take a turn each on a slow device and leave the later ones
waiting behind questions the user may not expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sottovoce.agent.calls import Call

if TYPE_CHECKING:
    from sottovoce.agent.clarify import Clarification

_YES = (
    r"yes|yeah|yep|yup|aye|yes mate|sure|ok|okay|alright|all right|absolutely|of course|correct"
    r"|confirm|you bet|sure thing|yes go on|go on|go on then|on you go|aye go on|fire away|yes do"
    r"|confirmed|definitely|certainly|go ahead|do it|please do|go for it|affirmative|right"
    r"|that is right|that is fine|fine|sounds good|yes i am sure|i am sure|i do|why not"
    r"|do|sound|grand|lovely|perfect|great|cool|please|yes please|that would be great"
    r"|haan|haan ji|han|ha|ji|ji haan|theek hai|thik hai|accha|acha|ok fine|done"
    r"|ja|yebo|ja ja|ja please|ja sure|shot|lekker"
    r"|no wahala|no problem|oya|oya do it|oya go ahead|ehen|sharp sharp|na so|do am"
    r"|can|can can|can lah|lah|ok lah|okay lah|yes lah|sure lah|go ahead lah"
)
_NO = (
    r"no|nope|nah|cancel|cancel it|cancel that|never mind|nevermind|stop|do not|do not do it"
    r"|no thanks|no thank you|forget it|abort|not now|no way|negative|leave it|do not bother|naw"
    r"|wait|hold on|i changed my mind|not really|skip it|no do not|nahi|nahin|mat karo"
    r"|leave it so|no leave it|nee|nee leave it|no man"
)
_TAIL = (
    r"(?: (?:yes|sure|please|go ahead|do it|thanks|thank you|that is fine|please do|now"
    r"|send it|ma'am|sir|mate|so|then|thanks a million))*"
)
# "Yeah go on", "yep sure": yes words said one after another.
_YES_RE = re.compile(rf"^(?:{_YES})(?: (?:{_YES}))*{_TAIL}$")
_NO_RE = re.compile(rf"^(?:{_NO})(?: (?:{_NO}|thanks|thank you))*$")
_NO_THEN_RE = re.compile(r"^(?:no|nope|nah|cancel that|actually)\b (?P<rest>.+)$")
_NEGATION_RE = re.compile(
    r"^(?:(?:no|and|but|oh|so|actually|i said|i told you|wait) )*"
    r"(?:do not|dont|never|please do not|i do not want you to"
    r"|you do not need to|there is no need to|no need to|better not|let us not)"
    # Not negations but requests: "never mind the timer", "do not remind me ... anymore".
    r" (?!forget\b|mind\b|remind me\b)"
)


@dataclass
class DialogueState:
    """What one conversation remembers between turns."""

    last_call: Call | None = None
    referent: tuple[str, ...] = ()
    pending: list[Call] = field(default_factory=list)  # risky calls awaiting one yes
    pending_prompt: str = ""
    clarification: Clarification | None = None  # a question whose answer completes a command
    which_asked: bool = False  # the last call's tool asked which device ("Which fan?")
    which_choices: tuple[str, ...] = ()  # the devices it asked between, if it said
    # A command whose name this home lacks, and the name: "the patio lights then" retries it.
    unknown_said: tuple[str, str] | None = None
    # The last yes-or-no question answered, and its tool: "and the porch light?" asks it again.
    yes_no_asked: tuple[str, str] | None = None
    history: list[tuple[str, str]] = field(default_factory=list)

    def remember(self, user: str, reply: str) -> None:
        """Keep the last few exchanges, for the language model's context."""
        self.history.append((user, reply))
        del self.history[:-4]


def ask_together(prompts: list[str]) -> str:
    """One question for several: 'Unlock the front door?' + 'Call Mum?' -> one sentence.

    "Unlock the front door, call Mum and send 'on my way' to Ben?"
    """
    if len(prompts) == 1:
        return prompts[0]
    actions = [_action(prompt) for prompt in prompts]
    first, *rest = [a for i, a in enumerate(actions) if a not in actions[:i]]
    if not rest:
        return f"{first}?"
    joined = ", ".join([first, *[_lower_first(a) for a in rest[:-1]]])
    return f"{joined} and {_lower_first(rest[-1])}?"


_ASKING = re.compile(r"^(?:do you want me to|should i|shall i|can i)\s+", re.IGNORECASE)


def _action(prompt: str) -> str:
    """'Call Mum?' -> 'Call Mum'; 'Do you want me to erase a note?' -> 'Erase a note'."""
    text = _ASKING.sub("", prompt.strip()).rstrip("?").strip()
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower the first letter of an action inside a sentence, but not of 'MQTT' or 'I'."""
    word = text.split(" ", 1)[0]
    if word == "I" or word.startswith("I'") or (len(word) > 1 and word.isupper()):
        return text
    return text[:1].lower() + text[1:]


def is_yes(text: str) -> bool:
    """Whether a normalized answer confirms."""
    return bool(_YES_RE.match(text))


def is_no(text: str) -> bool:
    """Whether a normalized answer declines."""
    return bool(_NO_RE.match(text))


def after_no(text: str) -> str | None:
    """'no, turn on the fan instead' -> 'turn on the fan instead'; None if no such form."""
    found = _NO_THEN_RE.match(text)
    return found.group("rest") if found else None


def is_dismissal(text: str) -> bool:
    """Whether normalized words wave the request away ("actually forget it, I'll do it
    myself", "never mind"): with nothing asked, they call for no action."""
    return bool(_DISMISSAL_RE.match(text))


_DISMISSAL_RE = re.compile(
    r"^(?:(?:actually|oh|ah|no|nah|ok|okay|well|just|wait) )*"
    r"(?:forget it|forget about it|forget that|never mind|nevermind|do not worry about it"
    r"|do not bother|no worries|leave it|skip it|scratch that)\b"
)


def is_negated(text: str) -> bool:
    """Whether a normalized command is a negation that must change nothing."""
    return bool(_NEGATION_RE.match(text))
