"""Questions as learners of English ask them: not inverted, without "is" or "do", topic first.

"The boiler is on still?", "kitchen light on?", "I need an umbrella tomorrow?",
"how many degrees has it outside?" (German "hat es"), "which temperature makes it
in the bedroom?" (French "fait-il"), "outside how cold now?", "today is which
date?". `asked_form` reorders words heard as a question (a question mark) into
a question's order before anything else reads them: said so, "I need an
umbrella?" asks, and must not put an umbrella on the list. `wh_form` fixes a
question that starts with its question word; it is one of `learner.py`'s forms.
"""

from __future__ import annotations

from sottovoce.agent.orderwords import (
    ORDER_VERBS,
    OTHER_ORDER_VERBS,
    POINTING,
    SWITCHING_VERBS,
)

_DETERMINERS = POINTING
STATES = frozenset(
    "on off open opened closed shut locked unlocked running playing paused stopped"
    " charging cleaning docked finished done empty full working beeping ringing snowing"
    " raining".split()
)
_WH = frozenset({"what", "which", "how", "where", "when", "who"})
# "Which temperature makes it", "how many degrees has it": a first language's verb for "is".
_IS_VERBS = frozenset({"makes", "make", "has", "have", "becomes", "gives", "does", "do"})
_SUBJECTS = frozenset({"i", "we", "you"})
_WHEN = frozenset({"today", "tomorrow", "tonight", "later", "now"})
_SOFT = frozenset({"still", "already", "now", "yet"})
# Words that make the words before a state a command or a question of its own already.
_NOT_SUBJECT = (
    frozenset(
        "is are was were do does did can could will would please if whether that to and but"
        " because so check control see know tell me what which how where when who why".split()
        # Verbs of an order, said with a question mark as often as not ("pop it on, would you?").
    )
    | ORDER_VERBS
    | frozenset(SWITCHING_VERBS)
    | OTHER_ORDER_VERBS
)
_SUBJECT_WORDS = 6
_MEASURES = frozenset({"temperature", "temp", "humidity"})
_LEAVERS = frozenset("we i you they someone somebody anyone anybody he she".split())
_TAGS = tuple(
    tuple(tag.split())
    for tag in ("is not it", "are not they", "is it not", "are they not", "right", "correct",
                "yeah", "yes", "innit", "eh", "no")
)  # fmt: skip
_PREPOSITIONS = frozenset({"on", "at", "to", "in"})


def asked_form(words: list[str]) -> str | None:
    """A statement's words heard as a question, in a question's order; None if not one.

    "the boiler is on still" -> "is the boiler on"; "kitchen light on" -> "is kitchen
    light on"; "i need an umbrella tomorrow" -> "do i need an umbrella tomorrow"; "there
    are windows open" -> "are there windows open"; "tomorrow it will rain" -> "will it
    rain tomorrow"; "it is snowing now" -> "is it snowing now".
    """
    if len(words) > 3 and words[-2] == "or":
        words = words[:-2]  # "the front door locked or not", "the shutter open or closed"
    # A tag asks whether the statement holds: "the garage door is closed, right?"
    tag = next((t for t in _TAGS if words[-len(t) :] == list(t) and len(words) > len(t) + 1), ())
    words = words[: len(words) - len(tag)]
    if words[:1] in (["have"], ["did"]) and len(words) > 4 and words[2] in ("left", "leave"):
        if words[1] in _LEAVERS and words[-1] in STATES:  # "have we left the window open"
            return " ".join(["is", *words[3:]])
    if len(words) < 2 or words[0] in _NOT_SUBJECT:
        return None  # already asked as a question ("is the door open"), or an order
    if any(
        w in ORDER_VERBS - STATES and words[k] not in ("to", "is", "are")
        for k, w in enumerate(words[1:])
    ):
        return None  # "it is chilly, can you make it warmer?": a reason, then an order
    measured = words[1:] if words[0] == "the" else words
    if measured[0] in _MEASURES and len(measured) > 1 and measured[1] in ("in", "on", "outside"):
        return " ".join(["what is the", *measured])  # "humidity in the bathroom?"
    if words[:2] in (["there", "are"], ["there", "is"]):
        return " ".join([words[1], "there", *words[2:]])
    if words[0] in _SUBJECTS and words[1] in ("need", "have"):
        return " ".join(["do", *words])
    if words[0] in _WHEN and words[1:3] in (["it", "will"], ["it", "is"]):
        return " ".join([words[2], "it", *words[3:], words[0]])
    if words[:2] == ["it", "is"] and len(words) > 2:
        return " ".join(["is", "it", *words[2:]])
    core = [w for w in words if w not in _SOFT]
    if len(core) < 2 or core[-1] not in STATES:
        return None
    # Its verb, if said, just before the state: "the boiler is on", not "ah ah is the ...".
    subject = core[:-2] if core[-2] in ("is", "are") else core[:-1]
    if not subject or len(subject) > _SUBJECT_WORDS or _NOT_SUBJECT & set(subject):
        return None
    if len(subject) == 1 and len(core) == len(words) == 2:
        return None  # "lights off?" is as likely an order said with a rising voice
    return " ".join(["are" if "are" in core else "is", *subject, core[-1]])


def wh_form(words: list[str]) -> list[str]:
    """The words of a question in its order ("is open the front door" -> "is the front
    door open", "today is which day" -> "which day is today", "how many degrees has it
    outside" -> "how many degrees is it outside"), or the words as they were."""
    if len(words) < 3:
        return words
    if words[0] in ("is", "are") and words[1] in STATES and words[2] in _DETERMINERS:
        return [words[0], *words[2:], words[1]]
    if words[0] in _DETERMINERS or words[0] in _WHEN:
        verb = next((k for k, w in enumerate(words) if w in ("is", "are")), None)
        if verb is not None and 0 < verb < len(words) - 1 and len(words) - verb <= 6:
            rest = [w for w in words[verb + 1 :] if w not in _SOFT]
            if rest and rest[0] in ("which", "what"):  # "today is which day of the week"
                return [*rest, words[verb], *words[:verb]]
    topic = next((k for k, w in enumerate(words) if w in _WH), None)
    if topic is not None and 0 < topic <= 3 and words[0] not in _NOT_SUBJECT | _PREPOSITIONS:
        words = _topic_last(words, topic)  # "outside how cold now", "tomorrow how is it"
    return _wh_order(words)


def _topic_last(words: list[str], k: int) -> list[str]:
    """'Outside how cold now' -> 'how cold is it outside now'; 'humidity of the bathroom
    how much' -> 'how much is humidity of the bathroom'."""
    topic, rest = words[:k], words[k:]
    if rest[0] == "how" and len(rest) > 1 and rest[1] not in ("is", "are", "will", "much"):
        return [*rest[:2], "is", "it", *rest[2:], *topic]
    if rest[:2] == ["how", "much"] and len(rest) == 2:
        return ["what", "is", "the", *topic]
    if rest[:3] == ["how", "will", "be"]:  # "tomorrow weather how will be"
        return ["what", "will", "the", *[w for w in topic if w != "the"], "be", "like"]
    return [*rest, *topic]


def _wh_order(words: list[str]) -> list[str]:
    if words[0] in ("on", "at", "to", "in") and words[1] in _WH and len(words) > 3:
        # "On which volume is the TV (put)": the preposition goes last.
        rest = words[1:-1] if words[-1] in ("put", "set") else words[1:]
        return _wh_order([*rest, words[0]])
    if words[0] not in _WH:
        return words
    if words[:4] in (["how", "many", "degrees", "is"], ["how", "many", "degrees", "are"]):
        if words[4:5] in (["the"], ["my"]):  # "how many degrees is the AC on"
            return ["what", "temperature", *words[3:]]
    if words[:3] == ["how", "many", "degrees"] and words[3:4] in (["in"], ["outside"]):
        return [*words[:3], "is", "it", *words[3:]]  # "how many degrees in the bedroom"
    if words[:3] == ["how", "much", "is"] and len(words) > 3:
        return ["what", "is", *words[3:]]  # "how much is (the) temperature in the lounge"
    for k in range(1, min(len(words) - 1, 5)):
        if words[k] == "becomes" and words[k + 1] == "it":  # German "wird es"
            return [*words[:k], "will", "it", "be", *words[k + 2 :]]
        if words[k] in _IS_VERBS and words[k + 1] == "it":
            return [*words[:k], "is", *words[k + 1 :]]  # "which temperature makes it"
        if words[k] in _IS_VERBS and words[k + 1] == "the" and words[k - 1] != "i":
            return [*words[:k], "is", "in", *words[k + 1 :]]  # "how much humidity has the x"
        if words[k] in _SUBJECTS and k + 1 < len(words) and words[k + 1] in ("have", "need"):
            return [*words[:k], "do", *words[k:]]  # "what notes i have"
        degrees = "degrees" in words[:k]
        if degrees and words[k] == "are" and words[k + 1] in ("in", "on", "outside", "inside"):
            return [*words[:k], "is", "it", *words[k + 1 :]]  # "how many degrees are in"
    return words
