"""English as a second language: the word orders and idioms a first language carries over.

"Can you the kettle switch on" (German and Dutch put the verb last), "the lights
of the kitchen" (Romance languages say a compound with "of"), "the TV more
loud", "the boiler is on still" asked without inverting, "how many degrees has
it outside" (German "hat es", French "fait-il"), "connect the coffee machine"
(Portuguese "ligar"). `learner_form` rewrites such words into the order and
idiom the templates are written in. The cascade tries it after the words as
said and their relaxed forms, so it never hides a reading the grammar already
has; each rewrite is one pattern of how learners talk, not one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sottovoce.agent.learner_questions import STATES, wh_form
from sottovoce.agent.orderwords import ORDER_VERBS, POINTING

_Rewrite = Callable[[list[str]], list[str]]

# Phrases said for another, anywhere in the words ("switch out" is German "ausschalten").
_PHRASES = {
    "switch out": "switch off", "turn out": "turn off", "put out": "turn off",
    "remember me": "remind me", "take away": "remove", "erase": "delete",
    "make a pause with": "pause", "make a pause of": "pause", "make a pause": "pause",
    "time rests": "time is left", "time remains": "time is left", "are burning": "are on",
    "is burning": "is on", "with the name": "called", "with name": "called",
    "at the moment": "now", "in this moment": "now", "ventilator": "fan",
    "which temperature": "what temperature", "which volume": "what volume",
    "is turned on": "is on", "is turned off": "is off", "is switched on": "is on",
    "is switched off": "is off", "are turned on": "are on", "are turned off": "are off",
}  # fmt: skip
# Said at the end of a question that asks yes or no: "the shutter is open or closed".
_OR_NOT = frozenset({"not", "closed", "open", "off", "on", "no", "locked", "unlocked"})
# Times and amounts as learners say them: "after 10 minutes", "remind me
# 9 am"; and "the" before the words that always take it ("how is weather").
_PATTERNS = (
    (re.compile(r" after (\d+) seconds "), r" in \1 seconds "),
    (re.compile(r"^ remind me (\d+:\d\d) "), r" remind me at \1 "),
    (re.compile(r"^ (\d+:\d\d) remind me (.*)$"), r" remind me at \1 \2"),
    (re.compile(r" (many|\d+) degree "), r" \1 degrees "),
    (re.compile(r" want (listen|listening)( to)? "), r" want to listen to "),
    (re.compile(r" want (watch|play|hear) "), r" want to \1 "),
    (re.compile(r" (to|from|on|in) list of "), r" \1 the list of "),
    (re.compile(r" (is|of|about|for|in|be) (weather|temperature|humidity|forecast|week|date) "),
     r" \1 the \2 "),
)  # fmt: skip
# Verbs that open a command ("connect the coffee machine": Portuguese "ligar").
_OPENING_VERBS = {"connect": "turn on", "disconnect": "turn off", "desconnect": "turn off"}
# "More loud", "less strong": the comparative said with more/less, by what it changes.
_MORE = {
    "loud": "louder", "fast": "faster", "quick": "faster", "slow": "slower", "slowly": "slower",
    "cold": "colder", "cool": "cooler", "warm": "warmer", "hot": "hotter", "bright": "brighter",
    "dark": "darker", "quiet": "quieter", "high": "higher", "low": "lower", "light": "brighter",
}  # fmt: skip
_LESS = {
    "loud": "quieter", "fast": "slower", "cold": "warmer", "warm": "cooler", "hot": "cooler",
    "bright": "dimmer", "light": "dimmer", "quiet": "louder",
}  # fmt: skip
_MADE = frozenset({*_MORE.values(), *_LESS.values(), "louder", "dimmer"})
# "Strong" is said of a light and of a sound: the grammar knows which the name is.
STRONG = {"more strong": "brighter", "stronger": "brighter", "less strong": "dimmer"}
STRONG_SOUND = {"brighter": "louder", "dimmer": "quieter"}
_LEVEL_WORDS = {"half": "half", "middle": "half", "maximum": "maximum", "max": "maximum"}
_LEVEL_WORDS |= {"minimum": "minimum", "min": "minimum"}

_DETERMINERS = POINTING
# Heads that "of" follows in plain English: "the rest of the lights", "all of them".
_PARTITIVE = frozenset(
    "rest all some one two both none each any most half top bottom middle end front back"
    " side lot bit couple kind sort name volume temperature brightness colour color level"
    " speed state status".split()
)
# Where the place said after "of" ends: "the shutter of the balcony to 50 percent".
_PLACE_ENDS = frozenset(
    "to at on in is are was with and by for from please now still already".split()
)
# "The lamp near the sofa" for the sofa lamp: a thing named by where it is.
_BESIDE = frozenset("near by beside over above under below behind next on".split())
_MODES = frozenset("heat heating cool cooling auto automatic".split())
# A verb said last ("can you the blind close", "please bathroom light turn on").
_LAST_VERBS = (
    ("switch", "on"), ("switch", "off"), ("turn", "on"), ("turn", "off"), ("put", "on"),
    ("open",), ("close",), ("lock",), ("unlock",), ("start",), ("stop",), ("pause",),
)  # fmt: skip
_ASKING = (("can", "you"), ("could", "you"), ("you", "can"), ("you", "could"), ("please",))
_WISHES = tuple(
    w.split() for w in ("i would like that", "i want that", "i wish that", "i would prefer that")
)
_MOVES = frozenset("goes go comes come moves move".split())
_BECOMES = frozenset("is be gets get stays stay".split())
_NOUN_PHRASE_WORDS = 6
_CLAUSE = frozenset("is are was were am be been has have had will can do does did not".split())
_COMPARING_VERBS = frozenset("make turn set get put go it".split())
# Verbs a command said after its thing starts with ("the fan, put it on high").
_VERBS_FIRST = ORDER_VERBS
# Words that no thing said first starts with or holds: a question, a subject and its verb.
_TOPIC_NOT = frozenset(
    "what which how where when who why is are do does can could will would i we you it"
    " they he she there if not don't never no might may should shall must maybe perhaps"
    " probably going gonna later".split()
)
_VERBS_BEFORE_IT = frozenset("put turn switch make set close open start stop".split())


def learner_forms(words: list[str], reorder: bool = True) -> list[str]:
    """The words in the templates' idiom, then also in their order (none if nothing changed).

    The words alone first: a reordering must not reach into a free text ("remind me
    to take the clothes out of the machine"). Without `reorder` (for a piece cut from
    a longer sentence, whose first words may be the end of a remark) only the words.
    """
    forms: list[str] = []
    said = list(words)
    for rewrite in _REWRITES:
        said = rewrite(said)
        if rewrite is _LAST_IN_PLACE:
            forms += [" ".join(said)] if said != words else []
            if not reorder:
                return forms
    if said and said != words and " ".join(said) not in forms:
        forms.append(" ".join(said))
    return forms


def sound_form(text: str) -> str | None:
    """'Make the TV brighter' read for a sound ("more strong" of a TV is louder), or None."""
    words = text.split()
    swapped = [STRONG_SOUND.get(word, word) for word in words]
    return " ".join(swapped) if swapped != words else None


def _phrases(words: list[str]) -> list[str]:
    text = f" {' '.join(words)} "
    for phrase, meant in {**_PHRASES, **STRONG}.items():
        text = text.replace(f" {phrase} ", f" {meant} ")
    for pattern, meant in _PATTERNS:
        text = pattern.sub(meant, text)
    said = text.split()
    if said[:1] == ["to"] and len(said) > 2:  # "please to switch off the fan"
        said = said[1:]
    if len(said) > 2 and said[-1] in ("colour", "color"):
        said = said[:-1]  # "make it pink colour"
    if len(said) > 3 and said[-2] == "or" and said[-1] in _OR_NOT:
        said = said[:-2]
    if said[:1] and said[0] in _OPENING_VERBS:
        said = [*_OPENING_VERBS[said[0]].split(), *said[1:]]
    # "Make the radio off", "do the lights under the cupboards on" (Dutch "doe aan").
    if len(said) > 2 and said[0] in ("make", "do") and said[-1] in ("on", "off"):
        said = ["turn", *said[1:]]
    return said


def _wished(words: list[str]) -> list[str]:
    """'I would like that the blind goes up' (Spanish "quiero que") -> 'raise the blind';
    'I want that the heater is off' -> 'turn off the heater'."""
    if words[:1] in (["can"], ["could"]) and len(words) > 4 and words[1] in _DETERMINERS:
        # "Can the lights in here be dimmer", "could the music be made louder"
        rest = words[1:-2] if words[-2] == "be" else words[1:-3] if words[-3:-1] == [
            "be", "made"] else []  # fmt: skip
        return ["make", *rest, words[-1]] if rest and words[-1] in _MADE else words
    opener = next((w for w in _WISHES if words[: len(w)] == w), None)
    if opener is None or len(words) < len(opener) + 3:
        return words
    rest = words[len(opener) :]
    if rest[0] not in _DETERMINERS:
        return words
    end, last = rest[-2], rest[-1]
    if end in _MOVES and last in ("up", "down"):
        return ["raise" if last == "up" else "lower", *rest[:-2]]
    if end in _BECOMES and last in ("on", "off"):
        return ["turn", last, *rest[:-2]]
    if end in _BECOMES and last in ("open", "closed"):
        return ["open" if last == "open" else "close", *rest[:-2]]
    return words


def _comparatives(words: list[str]) -> list[str]:
    said: list[str] = []
    for word in words:
        table = _MORE if said[-1:] == ["more"] else _LESS if said[-1:] == ["less"] else {}
        if word in table:
            said[-1] = table[word]
        else:
            said.append(word)
    made = {*_MORE.values(), *_LESS.values()}
    if len(said) > 2 and said[0] in made - {"lower"} and said[1] in _DETERMINERS:
        said = [*said[1:], said[0]]  # "louder the music"
    # "The fan faster", "air con colder", "put the TV louder": a comparative is made.
    if len(said) > 1 and said[-1] in made and said[0] not in _COMPARING_VERBS:
        said = ["make", *said[1:]] if said[0] in ("put", "turn", "set") else ["make", *said]
    if said[:1] == ["make"] and len(said) > 3 and said[-2] in ("go", "get") and said[-1] in made:
        said = [*said[:-2], said[-1]]  # "make eli's fan go faster"
    if said[:1] == ["make"] and len(said) > 3 and said[2] in ("degree", "degrees"):
        if said[1].isdigit() and said[3] in made:  # "make 1 degree warmer in the kitchen"
            said = ["make", "it", *said[1:]]
    return said


def _amounts(words: list[str]) -> list[str]:
    """'Lower it of 2 degrees' -> 'by 2 degrees'; 'on 30 percent' -> 'to 30 percent'; 'at the
    half' -> 'to half'; 'a timer on 600 seconds' -> 'for 600 seconds'."""
    said = list(words)
    for k in range(len(said) - 2):
        amount, unit = said[k + 1], said[k + 2]
        if not amount.replace(".", "", 1).isdigit():
            continue
        if said[k] == "of" and unit in ("degrees", "degree", "percent"):
            said[k] = "by"
        elif said[k] == "on" and unit == "percent":
            said[k] = "to"
        elif said[k] == "on" and unit == "seconds" and "timer" in said[:k]:
            said[k] = "for"
    for k in range(len(said) - 1):
        if said[k] in ("in", "on") and said[k + 1] in _MODES and said[0] in _DETERMINERS:
            said = ["set", *said[:k], "to", *said[k + 1 :]]  # "the AC on heating"
            break
        if said[k] == "in" and said[k + 1] in _MODES:
            said[k] = "to"  # "put the AC in cool mode"
    for k in range(len(said) - 2):
        if said[k] in ("at", "on", "in", "to") and said[k + 1] == "the":
            level = _LEVEL_WORDS.get(said[k + 2])
            if level is not None:
                said[k : k + 3] = ["to", level]
                break
    # "The light over the table to half": a level said with no verb is set.
    if said[:1] and said[0] in _DETERMINERS and "to" in said[2:-1]:
        last = said[-1] if said[-1] != "percent" else said[-2]
        if last in _LEVEL_WORDS.values() or last.isdigit():
            said = ["set", *said]
    return said


def _of_place(words: list[str]) -> list[str]:
    """'The lights of the kitchen' -> 'the kitchen lights', 'the list of shopping' ->
    'the shopping list'."""
    for k in range(1, len(words) - 1):
        placed = words[k] in _BESIDE and words[k + 1] == "the"
        listed = words[k] == "for" and words[k - 1] == "list"
        if words[k] != "of" and not listed and not placed:
            continue
        start = _head_start(words, k)
        if start is None:
            continue
        after = k + 2 if words[k + 1] in _DETERMINERS else k + 1
        end, most = after, 1 if placed else 3  # "the strip on the bookshelf blue"
        ends = _PLACE_ENDS | _MADE | STATES
        while end < len(words) and end - after < most and words[end] not in ends:
            end += 1
        if end == after or words[after].isdigit():
            continue
        head, place = words[start + 1 : k], words[after:end]
        return [*words[: start + 1], *place, *head, *words[end:]]
    return words


def _head_start(words: list[str], k: int) -> int | None:
    """Where the determiner before the head of 'the H of ...' is (the head 1-3 words)."""
    for start in range(k - 2, max(-1, k - 5), -1):
        if words[start] in _DETERMINERS:
            head = words[start + 1 : k]
            partitive = any(word in _PARTITIVE for word in head)
            return None if partitive or any(w in _DETERMINERS for w in head) else start
    return None


def _verb_last(words: list[str]) -> list[str]:
    """'Can you the kettle switch on', 'the entrance light you can switch off', 'please
    bathroom light turn on' -> the verb first."""
    for verb in _LAST_VERBS:
        size = len(verb)
        if tuple(words[-size:]) != verb or len(words) <= size:
            continue
        rest = words[:-size]
        if "is" in rest or "are" in rest:
            continue  # "the door is open": a question, not a command said last
        for ask in _ASKING:
            for k in range(len(rest) - len(ask) + 1):
                if tuple(rest[k : k + len(ask)]) == ask:
                    rest = rest[:k] + rest[k + len(ask) :]
                    break
        if rest and rest[0] not in _VERBS_BEFORE_IT and rest[0] not in ("it", "them"):
            return [*verb, *rest]
    return _said_first(words)


def _switched_then_place(words: list[str]) -> list[str]:
    """'big light on in the living room', 'put the big light on in the bedroom' -> 'turn on
    (the) big light in the ...': a thing, then on or off, then where it is."""
    start = 1 if words[:1] and words[0] in _SWITCH_FIRST else 0
    k = next((k for k, w in enumerate(words[:-2]) if k > start and w in ("on", "off")), 0)
    thing = words[start:k]
    if not k or words[k + 1] != "in" or any(w in _CLAUSE or w in _TOPIC_NOT for w in thing):
        return words
    return ["turn", words[k], *thing, *words[k + 1 :]]


_SWITCH_FIRST = frozenset({"turn", "switch", "put", "flick", "pop", "get"})


def _said_first(words: list[str]) -> list[str]:
    """The thing said first, then what to do with it: 'the lights in the kitchen put them
    on' -> 'put the lights in the kitchen on'; 'air purifier turn on' -> 'turn on the air
    purifier'; 'fan put on high' -> 'put the fan on high'; 'music pause' -> 'pause the
    music'."""
    if words[:1] and words[0] in _SWITCH_FIRST:
        return _switched_then_place(words)
    if not words or words[0] in _TOPIC_NOT or words[0] in _VERBS_FIRST:
        return words
    k = next((k for k, w in enumerate(words[: _NOUN_PHRASE_WORDS + 1]) if w in _VERBS_FIRST), 0)
    if not k:
        return _switched_then_place(words)
    topic, verb, rest = words[:k], words[k : k + 1], words[k + 1 :]
    # A thing named, not a clause: "the beer's in there, turn it back on" is a reason.
    if not topic or any(w in _CLAUSE or w in _TOPIC_NOT for w in topic):
        return words
    listing = verb in (["add"], ["remove"])  # "soy sauce and tofu, add to the list"
    if topic[0] not in _DETERMINERS and not topic[0].endswith("'s") and not listing:
        topic = ["the", *topic]  # "hallway light, close it": the article left out
    if rest[:1] in (["it"], ["them"]):
        return [*verb, *topic, *rest[1:]]
    if listing and rest[:1] in (["to"], ["from"]):
        return [*verb, *topic, *rest]
    if rest in (["on"], ["off"]):
        return [*verb, *rest, *topic]
    if verb == ["put"] and rest in (["up"], ["down"]):
        return ["raise" if rest == ["up"] else "lower", *topic]
    return [*verb, *topic, *rest]


def _set_value(words: list[str]) -> list[str]:
    """'Make the desk lamp 20 percent', 'put the speaker volume on 20' -> 'set ... to 20'."""
    if len(words) < 3 or words[0] not in ("make", "put", "set") or "to" in words:
        return words
    unit = words[-1] in ("percent", "degrees", "degree")
    number = words[-2] if unit else words[-1]
    if not number.replace(".", "", 1).isdigit():
        return words
    at = len(words) - (2 if unit else 1)
    head = words[1 : at - 1] if words[at - 1] in ("on", "at") else words[1:at]
    return ["set", *head, "to", *words[at:]] if head else words


_REWRITES: tuple[_Rewrite, ...] = (
    _phrases,
    _wished,
    _amounts,
    _verb_last,
    _of_place,
    wh_form,
    _comparatives,
    _set_value,
)
# The last rewrite that keeps every word in its place.
_LAST_IN_PLACE = _amounts
