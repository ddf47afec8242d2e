"""Readings of an utterance without some of its words: misheard edges and asides.

Speech recognition turns fillers into words ("um could you" -> "i am kid you") and
people say a clause of their own with a command ("it is freezing in here, turn the
heating up", "unlock the front door, Tomasz forgot his keys", "Lakshmi is mopping
now, send it back"). These readings drop such words and keep the command, but
never cut past words that make the rest someone else's ("mum said to lock the
door"). The cascade (`cascade.py`) tries them last; `asides.py` holds the word tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Protocol

from sottovoce.agent.asides import (
    ASIDE_WORDS,
    REMARK_VERBS,
    REPORTING,
    about_someone,
    device_subject,
    opens_clause,
    opens_reason,
    opens_remark,
)
from sottovoce.agent.calls import Call
from sottovoce.agent.openers import name_openers, opening_words
from sottovoce.agent.pronouns import topic
from sottovoce.tools import Registry


class Parts(Protocol):
    """The cascade's readings of a text (`GrammarCascade.parts`)."""

    def __call__(
        self, text: str, last: Call | None, about: str | None = None, *, head: bool = False
    ) -> list[Call] | None: ...


Verbless = Callable[[str, Call | None], list[Call] | None]

_EDGE_WORDS = 4  # at most this many leading words may be dropped as misheard
# Words that make what follows them a thing not to do ("do not" is two words).
_NEGATING = frozenset({"never", "dont", "don't", "mustn't"})
# Words after "tell", "give", "get" that are no one's name ("tell me if ...").
_NOT_NAMES = frozenset({"me", "us", "it", "them", "him", "her", "the", "a", "an", "my", "our"})
# How someone left a thing ("left the light on"): what follows is no longer its object.
_LEFT_AS = frozenset({"on", "off", "open", "running", "going", "unlocked"})
# Words that tie a time to what was said before them: a cut never splits them off.
_AT_TIME = frozenset({"at", "by", "until", "till"})
_DETERMINERS = frozenset("the a an my our your their".split())  # "this", "her": pronouns too
_QUESTION_STARTS = frozenset(
    "do does did is are was were can could should would will what where when why how who"
    " which".split()
)


class Trimmed:
    """The calls of an utterance read without misheard edges or an aside."""

    def __init__(
        self,
        registry: Registry,
        parts: Parts,
        verbless: Verbless,
        names: Mapping[str, str],
        name_words: Set[str],
        people: Set[str],
        *,
        places: Set[str] = frozenset(),
        area_of: Callable[[str], str | None] = lambda _device: None,
    ) -> None:
        self.registry = registry
        self.parts = parts
        self.verbless = verbless
        self.names = names  # a device's normalized spoken name -> its id
        self.name_words = name_words  # the words of names and places
        self.people = people  # first names of the household's contacts
        self.places = places  # the rooms, as said
        self.area_of = area_of  # a device's room, as said

    def _dropped_place(self, dropped: list[str]) -> str | None:
        """The room among words cut from the start, if one ends them."""
        said = " ".join(dropped)
        return next((p for p in self.places if said == p or said.endswith(" " + p)), None)

    def _acts_in(self, place: str, calls: list[Call]) -> bool:
        """Whether every call acts in the room: "living room big light on" is not the
        kitchen's big light, though "big light on" alone is."""
        for call in calls:
            name, area = call.args.get("name"), call.args.get("area")
            where = self.area_of(name) if isinstance(name, str) else None
            if (where or area) != place:
                return False
        return True

    def calls(self, text: str, last: Call | None) -> list[Call] | None:
        """Calls for the text without a few misheard words at its edges.

        Speech recognition turns fillers and false starts into words ("um could
        you" -> "i am kid you") and mishears a last short word ("too" -> "tube").
        Only an exact grammar match of what remains counts.
        """
        words = text.split()
        # A question is not a command with a misheard start: "do i need a jacket" is
        # not "i need a jacket" (which adds it to the shopping list).
        asks = bool(words) and words[0] in _QUESTION_STARTS
        # Nor is a message or call to someone the home does not know: the words after
        # "text bob" are the message ("i left the kitchen light on"), not a command.
        to_someone = len(words) > 1 and words[0] in name_openers(self.registry)
        to_someone = to_someone and words[1] not in _NOT_NAMES
        cuts = 0 if asks or to_someone else min(_EDGE_WORDS, len(words) - 2)
        # Nor a cut past words that make the rest what someone said, asked or did ("mum
        # said to lock the door", "diego did you lock the gate", "the kids left the light
        # on"): a misheard start is a filler or two, never a verb.
        cuts = next((k for k in range(cuts) if words[k] in REPORTING), cuts)
        if _forbids(words):
            return None  # "Grace is mopping, don't start the vacuum": nothing to do
        if words[0] in self.people and len(words) > 2 and not about_someone(words):
            return None  # "Callum, put the kettle on" is said to Callum
        # What is left is not a follow-up: "turn off the dining room" cut to "the dining
        # room" must not re-aim the last command at the dining room.
        # An aside first: "heated blanket on it is freezing" is about the blanket, though
        # "it is freezing" alone (a cut of three words) would warm the house.
        if not asks and (calls := self._without_aside(words, last)):
            return calls
        for cut in range(1, cuts + 1):
            if _splits_time(words, cut) or _for_later(words[:cut]):
                # "priya comes at 10, remind me ...": the time is the words' cut; "at
                # 13:00 today start the vacuum" is for later, which no tool does.
                continue
            calls = self.parts(" ".join(words[cut:]), None)
            place = self._dropped_place(words[:cut])
            if place is not None and calls and not self._acts_in(place, calls):
                # "Bathroom fan on low": the room cut from the start, said at the end.
                calls = self.parts(" ".join([*words[cut:], "in the", place]), None)
                calls = calls if calls and self._acts_in(place, calls) else None
            if calls:
                return calls
        # "Unlock the front door for Callum", "open it for the garden service", "put the
        # pool pump on for 7200 seconds": who or how long it is for, left out.
        for cut in range(len(words) - 2, max(len(words) - 5, 1), -1):
            if words[cut] == "for" and (calls := self.parts(" ".join(words[:cut]), last)):
                return calls
        if len(words) <= 3:
            return None
        calls = self.parts(" ".join(words[:-1]), None)
        # "Send it back to the dot": where to, misheard, after a command whole without it.
        head = words[:-1]
        while len(head) > 2 and head[-1] in ("the", "my", "its", "your"):
            head = head[:-1]
        if calls or len(head) < 3 or head[-1] != "to":
            return calls
        return self.parts(" ".join(head[:-1]), None)

    def _without_aside(self, words: list[str], last: Call | None) -> list[Call] | None:
        """Calls for a command said with an aside before or after it.

        "It is freezing in here, turn the heating up" / "heated blanket on, it is
        freezing": an aside is a clause of its own, opened by a subject and its
        verb ("it is", "i am", "we are"). Only an exact match of the command counts,
        and a relative clause ("the lamp that is ...") is not an aside.
        """
        # An aside is short: the search stays bounded however long the utterance is.
        starts = [k for k in range(len(words) - 1) if opens_clause(words[k], words[k + 1])]
        # "That's too loud, make it 40", "Lakshmi is mopping now, send it back to the dock",
        # "the beer's in there, turn it back on": a remark first, then the command.
        thing = words[0] in ("the", "my", "our") and opens_remark(words, 0)
        if words[:2] == ["that", "is"] or about_someone(words) or thing:
            starts.insert(0, 0)
        for k in range(2, len(words) - 1):  # the aside after the command
            remark = words[k:]
            # A reason may run on ("because blue is for babies and ..."); a remark is short.
            long = len(remark) > ASIDE_WORDS and words[k] not in _BECAUSE
            if long or words[k - 1] in _DETERMINERS:
                continue  # "mute the | tv neha is on a call": no command ends on "the"
            if not self._remark_at(words, k):
                continue
            command = " ".join(words[:k])  # said from the start: "off the fan, the flame..."
            if calls := self.parts(command, None, head=True) or self.verbless(command, None):
                return calls
        # The aside first: the command is what follows it, and may go on from the last one
        # ("that's too loud, make it 40").
        if starts[:1] == [0]:
            # Not past a question asked after the remark: "the radio is on, is it too loud".
            asked = next((j for j in range(1, len(words) - 1) if _asks_about(words, j)), None)
            for cut in range(2, min(len(words) - 1, ASIDE_WORDS + 1, asked or len(words))):
                if words[cut - 1] == "to" or not self._may_follow_report(words, cut):
                    continue  # "mum forgot to lock the door": what she forgot, no order
                if _splits_time(words, cut):
                    continue  # "priya comes at 10, remind me": her time, not the reminder's
                # "Somebody left the laundry light on again, cut it off": "it" is that light.
                about = self._named_in(words[:cut])
                rest = " ".join(words[cut:])
                # "Ajoba is sleeping, off the light": the verb left out after it too.
                if calls := self.parts(rest, last, about) or self.verbless(rest, last):
                    return calls
        return self._after_device_aside(words)

    def _may_follow_report(self, words: list[str], cut: int) -> bool:
        """Whether a command may start at `cut` after what someone said or did: "priya
        left the kitchen light on again" is what she left, not an order to switch it on;
        "somebody left it on, cut it off" has a verb of its own after it."""
        reported = [k for k in range(1, cut) if words[k] in REPORTING]
        if not reported:
            return True
        if words[cut] not in opening_words(self.registry) or words[cut] in _NOT_NAMES:
            return False
        ends = [k for k in range(reported[0], len(words)) if words[k] in _LEFT_AS]
        return not ends or cut > ends[0]

    def _named_in(self, words: list[str]) -> str | None:
        """The one device the words name (its longest name said), or None."""
        found = None
        for start in range(len(words)):
            for end in range(len(words), start, -1):
                device = self.names.get(" ".join(words[start:end]))
                if device is not None:
                    if found not in (None, device):
                        return None
                    found = device
                    break
        return found

    def _remark_at(self, words: list[str], k: int) -> bool:
        """Whether an aside starts at word k: "it is freezing", or a remark about someone
        that names no device ("nana's here"; "tom's lamp too" is a command's rest)."""
        if opens_clause(words[k], words[k + 1]) or opens_reason(words, k):
            return True
        # A remark naming a device is a clause only with its verb: "the tank is full", not
        # "tom's lamp too" (the command's rest).
        clause = bool(REMARK_VERBS & set(words[k + 1 : k + 6]))  # "the glare off the snow is"
        return opens_remark(words, k) and (clause or not self.name_words & set(words[k + 1 :]))

    def _after_device_aside(self, words: list[str]) -> list[Call] | None:
        """The command after an aside about a device, whose "it" is that device.

        "The bedside lamp's a bit dim, can you make it brighter": the lamp, whatever
        was acted on before.
        """
        found = device_subject(words, self.names) or topic(words, self.names)
        if found is None:
            return None
        device, rest = found
        for cut in range(rest, min(len(words) - 1, ASIDE_WORDS + 1)):
            if _asks(words[cut:]):
                return None  # "the radio is on, is it too loud" asks; "too loud" is no order
            if calls := self.parts(" ".join(words[cut:]), None, about=device):
                return calls
        return None


def _asks_about(words: list[str], j: int) -> bool:
    """Whether a question about something said starts at word j ("is it", "are they")."""
    return words[j] in _ASKING_VERBS and words[j + 1] in ("it", "they", "that", "this", "there")


_ASKING_VERBS = frozenset({"is", "are", "was", "were", "does", "do", "did"})
_BECAUSE = frozenset({"because", "cause", "coz", "cuz", "since"})


def _splits_time(words: list[str], cut: int) -> bool:
    """Whether cutting before word `cut` parts a time word from the words around it."""
    return words[cut] in _AT_TIME or words[cut - 1] in _AT_TIME


def _for_later(dropped: list[str]) -> bool:
    """Whether words cut from the start say when to act: a clock time, "tomorrow", "daily"."""
    pairs = zip(dropped, [*dropped[1:], ""], strict=True)
    return any(":" in w[1:-1] or w in _LATER or (w, nxt) in _EVERY for w, nxt in pairs)


_LATER = frozenset({"tomorrow", "tonight", "daily", "later", "weekly", "weekdays"})
_EVERY = frozenset(("every", p) for p in ("day", "morning", "evening", "night", "week", "hour"))


def _asks(words: list[str]) -> bool:
    """Whether the words ask a question ("is it too loud"), not politely for an action."""
    polite = words[:1] in (["can"], ["could"], ["would"], ["will"]) and words[1:2] == ["you"]
    return bool(words) and words[0] in _QUESTION_STARTS and not polite


def _forbids(words: list[str]) -> bool:
    """Whether the words tell the assistant not to do something ("do not start the vacuum"),
    as "it is not working" does not."""
    pairs = zip(words, [*words[1:], ""], strict=True)
    return any(w in _NEGATING or (w == "do" and nxt == "not") for w, nxt in pairs)
