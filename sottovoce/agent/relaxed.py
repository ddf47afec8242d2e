"""Relaxed forms of an utterance: the same words without discourse fillers around them.

"Actually, turn the lights on now please" -> "turn the lights on". The grammar
tries the exact text first and these forms after, so a filler never hides a
command, and a word that matters is never dropped from the exact match. The
words themselves are defined in `normalize/fillers.py`.
"""

from __future__ import annotations

from sottovoce.agent.learner import learner_forms, sound_form
from sottovoce.agent.normalize import said_once
from sottovoce.agent.normalize.fillers import (
    DISCOURSE_CLOSERS,
    DISCOURSE_INNER,
    DISCOURSE_OPENERS,
    INNER_SWAPS,
)
from sottovoce.agent.orderwords import SWITCHING_VERBS as _SWITCHING

# Longest first: the first phrase that matches is the one removed.
_OPENERS = sorted(DISCOURSE_OPENERS, key=len, reverse=True)
_CLOSERS = sorted(DISCOURSE_CLOSERS, key=len, reverse=True)


def relaxed_forms(text: str, reorder: bool = True) -> list[str]:
    """The text, then without discourse words ("actually", "now", "a bit") if it had any;
    last as a learner of English means them (in the templates' order unless not `reorder`)."""
    once = " ".join(said_once(text.split()))
    if once != text:  # "what is the what is the temperature": the restart said once
        return [text, *relaxed_forms(once, reorder)]
    words = relaxed_text(text).split()
    result = " ".join(words)
    forms = [text] if result == text or not result else [text, result]
    # "No, I said the porch light": the correction kept, the words before it dropped; and
    # "put on Lyric FM for me there" without its tags but with its own verb.
    kept = [relaxed_text(text, keep=k) for k in _CORRECTING]
    # "Wait, put it back on" after taking bread off: the words as said, only the opener gone.
    kept.insert(0, relaxed_text(text, plain=False, swaps=False))
    for other in (*kept, relaxed_text(text, plain=False)):
        if other != result and other not in forms:
            forms.insert(len(forms) - 1 if len(forms) > 1 else 1, other)
    direct = direct_question(words) or done_to(words)
    forms = forms + [direct] if direct and direct not in forms else forms
    # Last, the words as a learner of English means them ("can you the kettle switch on").
    # From the words with "my" kept (a reminder's "call my mother"), then as relaxed.
    unswapped = relaxed_text(text, plain=False, swaps=False).split()
    learned = learner_forms(unswapped, reorder)
    if words != unswapped:
        learned += [f for f in learner_forms(words, reorder) if f not in learned]
    # "Close the hallway light" (from "hallway light, close it"): switching, as said plainly.
    learned += [p for f in learned if (p := " ".join(_plain_verb(f.split()))) not in learned]
    sounds = [sound for form in learned if (sound := sound_form(form))]
    return forms + [form for form in [*learned, *sounds] if form not in forms]


# Openers of a correction, kept for its own sentences: "(no) i said the porch light",
# "no no, the balcony light"; and "and" of a follow-up ("ehen, and Mama's room light").
_CORRECTING = (("i said", "i meant", "i mean", "i wanted"), ("no", "nah", "nope"), ("and",))


# "Get the front door unlocked", "have the blinds closed": the change wished for, said as done.
_DONE = {
    "unlocked": "unlock", "locked": "lock", "opened": "open", "closed": "close",
    "shut": "shut", "started": "start", "stopped": "stop", "paused": "pause",
    "turned on": "turn on", "turned off": "turn off", "switched on": "switch on",
    "switched off": "switch off", "cleaned": "clean", "vacuumed": "vacuum",
}  # fmt: skip


_DONE_BY = {
    # "can I get the cabinet lights on", "make sure the back door is locked"
    ("can", "i", "get"): 3, ("can", "we", "get"): 3, ("could", "i", "get"): 3,
    ("could", "we", "get"): 3, ("get",): 1, ("have",): 1,
}  # fmt: skip


def done_to(words: list[str]) -> str | None:
    """'get the front door unlocked' -> 'unlock the front door', 'make sure the back door
    is locked' -> 'lock the back door'; None if not so said."""
    if words[:2] == ["make", "sure"] and len(words) > 4 and words[-2] in ("is", "are"):
        words = ["get", *words[2:-2], words[-1]]
    lead = next((n for head, n in _DONE_BY.items() if tuple(words[: len(head)]) == head), 0)
    if not lead or len(words) < lead + 2:
        return None
    for size in (2, 1):
        done = " ".join(words[-size:])
        if done in _DONE and len(words) > size + lead:
            return " ".join([_DONE[done], *words[lead:-size]])
    if words[-1] in ("on", "off") and len(words) > lead + 1:
        return " ".join(["turn", *words[lead:]])
    return None


def relaxed_text(
    text: str, keep: tuple[str, ...] = (), *, plain: bool = True, swaps: bool = True
) -> str:
    """The text without discourse words at its edges and inside (or as it was); openers
    are dropped up to one in `keep`; "put", "cut" said as "turn" when `plain`; inner words
    dropped or swapped ("back on" -> "on") when `swaps`."""
    relaxed = f" {text} "
    for inner in DISCOURSE_INNER if swaps else ():
        relaxed = relaxed.replace(inner, " ")
    for inner, swapped in INNER_SWAPS if swaps else ():
        relaxed = relaxed.replace(inner, swapped)
    words = relaxed.split()
    changed = True
    while changed and words:
        changed = False
        for phrase in _OPENERS:
            size = len(phrase.split())
            if any(" ".join(words[: len(k.split())]) == k for k in keep):
                break
            if " ".join(words[:size]) == phrase and len(words) > size:
                words, changed = words[size:], True
                break
        for phrase in _CLOSERS:
            size = len(phrase.split())
            if " ".join(words[-size:]) == phrase and len(words) > size:
                words, changed = words[:-size], True
                break
    if plain and len(words) < len(text.split()):  # "then off it", not a cut "on the x"
        words = switched(words) or words
    return " ".join(_plain_verb(words) if plain else words) or text


def switched(words: list[str]) -> list[str] | None:
    """'off it' -> 'turn it off', 'on the geyser' -> 'turn on the geyser': "on" and "off"
    said as verbs (Indian English); None if the words do not start so.

    Only for words said whole or after an opener: a piece left by a cut ("turn off the
    heating on the thermostat" -> "on the thermostat") is no command.
    """
    if words[:1] not in (["on"], ["off"]) or len(words) < 2 or words[1] in _NOT_OBJECTS:
        return None
    if words[1:] in (["it"], ["that"], ["them"]):
        return ["turn", words[1], words[0]]
    return ["turn", *words] if len(words) > 2 else None


def _plain_verb(words: list[str]) -> list[str]:
    """'Put the telly on' -> 'turn the telly on', 'put it at 20' -> 'set it to 20': "put"
    said for switching or setting, as the templates of every kind say it."""
    if len(words) == 2 and words[0] in _STEP_VERBS and words[1] in ("it", "that", "them"):
        return ["turn", words[1], _STEP_VERBS[words[0]]]  # "reduce it": down a step
    if words[:1] and words[0] in _STEP_VERBS and "to" in words[2:-1]:
        return ["set", *words[1:]]  # "reduce it to 22", "increase the fan to high": a value
    # "Open the passage light", "close the geyser" (Indian English), "light the diya":
    # switching. Only tried after the words as said, so a blind still opens.
    if len(words) >= 3 and words[0] in _SWITCHED_AS and words[1] in ("the", "my", "our"):
        return ["turn", _SWITCHED_AS[words[0]], *words[1:]]
    if len(words) < 3 or words[0] not in ("turn", *_SWITCHING):
        return words
    # "Cut the porch light on" (Southern US), "knock off the lamp", "flick on the light":
    # these verbs switch either way.
    if words[0] in _SWITCHING and (words[-1] in ("on", "off") or words[1] in ("on", "off")):
        return ["turn", *words[1:]]
    if words[0] == "cut":
        return words
    level, number = words[-1] in _LEVELS, words[-1].replace(".", "", 1).isdigit()
    # "Put it at 20", "turn the hall light up full" (not "turn the heating up 2": a step).
    if (words[-2] in ("at", "to") and (level or number)) or (words[-2] == "up" and level):
        return ["set", *words[1:-2], "to", words[-1]]
    return words


_LEVELS = frozenset({"full", "max", "maximum", "half"})
_SWITCHED_AS = {"open": "on", "close": "off", "light": "on"}
_STEP_VERBS = {"reduce": "down", "decrease": "down", "lower": "down"} | {
    "increase": "up",
    "raise": "up",
}
# Words after "on"/"off" that say it is no verb there ("on and off", "off to bed").
_NOT_OBJECTS = frozenset("and then also to of for with at in a an top time".split())


# Asking about a question: "do you know what time it is" asks "what time is it".
_ASKING = sorted(
    (
        "do you know", "do you happen to know", "would you know", "can you tell me",
        "could you tell me", "would you tell me", "tell me", "any idea", "have you any idea",
        "do you have any idea", "i wonder", "i was wondering", "i want to know",
        "i would like to know", "let me know", "you know",
        # "Check if the front door is locked", "see whether the tv is on"; "control if"
        # (German "kontrollieren", French "contrôler").
        "check", "can you check", "could you check", "see", "find out", "control",
        "can you control",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
_AUX = frozenset("is are was were will would can could does do did has have should".split())
_SUBJECTS = frozenset("it i we you they he she there the my our your this that these those".split())
_WH = frozenset("what when where which who how why".split())


def direct_question(words: list[str]) -> str | None:
    """'do you know if the garage door is open' -> 'is the garage door open'; 'can you tell
    me what the weather will be like' -> 'what will the weather be like'; else None."""
    said = " ".join(words)
    opener = next((o for o in _ASKING if said.startswith(o + " ")), None)
    if opener is None:
        return None
    rest = words[len(opener.split()) :]
    if rest and rest[0] in ("if", "whether"):
        aux = next((k for k, w in enumerate(rest) if w in _AUX), None)
        if aux is None or aux < 2:
            return None
        return " ".join([rest[aux], *rest[1:aux], *rest[aux + 1 :]])
    if not rest or rest[0] not in _WH:
        return None
    subject = next((k for k, w in enumerate(rest) if k > 0 and w in _SUBJECTS), None)
    aux = next((k for k, w in enumerate(rest) if w in _AUX), None)
    if subject is None or aux is None or aux < subject:
        return " ".join(rest)  # already in a question's order: "which lights are on"
    return " ".join([*rest[:subject], rest[aux], *rest[subject:aux], *rest[aux + 1 :]])
