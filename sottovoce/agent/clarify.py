"""Clarifying questions: asking instead of guessing when the words are partial or ambiguous.

When no grammar route found a command, the words may still name something the
home has: a bare name ("the front door": what should be done with it?), a
command cut before its value ("set the thermostat to": to what?), or a name
that fits several devices ("turn on the desk": the desk lamp or the desk fan?).
The question is spoken, and the user's answer completes the original command.
Words that name nothing in the home never get a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.grammar_intents import FOLLOW_UP
from sottovoce.agent.normalize import normalize
from sottovoce.agent.normalize.fillers import (
    DISCOURSE_CLOSERS,
    DISCOURSE_OPENERS,
    is_hesitation,
    single_words,
)
from sottovoce.devices import World
from sottovoce.devices.kinds import KINDS
from sottovoce.tools import Registry
from sottovoce.tools.targets import the_name

_MAX_CHOICES = 6  # more candidates than this make a list nobody wants to hear
# Words that may come before a bare name ("and the kitchen light", "turn the fan"):
# the discourse words, and the lead-ins of a question or a command about a name.
_LEADING = single_words(DISCOURSE_OPENERS) | frozenset(
    {"what", "how", "about", "the", "my", "our"}
    | {"turn", "switch", "set", "change", "adjust", "make", "put", "flip"}
)
_TRAILING = single_words(DISCOURSE_CLOSERS)
_SET_VERBS = frozenset({"set", "change", "adjust", "put", "move"})
# Values that stand in for the missing one when testing whether a command was cut short.
_PROBES = ("50 percent", "50", "20 degrees", "20")
_CUT_SHAPES = ("{t} {p}", "{t} to {p}", "set {t} {p}", "set {t} to {p}")
# How an answer completes a bare name: "on" -> "turn on the kitchen light".
_NAME_FORMS = ("{a} the {n}", "turn {a} the {n}", "set the {n} to {a}", "make the {n} {a}")
_ANSWER_LEADING = ("make it", "set it to", "how about", "to", "at", "just", "please", "i said")
# A lock is opened by unlocking it: the lock tools know no "open".
_KIND_VERBS = {"lock": {"open": "unlock", "close": "lock", "shut": "lock"}}
_ALL = frozenset(
    {"both", "all", "all of them", "both of them", "them all", "each", "all 3", "all 4"}
)
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}
_PICK_FILLER = frozenset(
    {"the", "one", "1", "ones", "please", "i", "mean", "want", "that", "this", "a", "in", "on"}
    | {"of", "my", "thanks", "oh", "just", "it", "is", "no", "actually", "sorry", "room"}
)


@dataclass(frozen=True)
class Choice:
    """A 'which one' candidate: its device and name, the words that pick it, its text."""

    device: str
    label: str
    words: frozenset[str]
    names: frozenset[str]
    text: str


@dataclass(frozen=True)
class Clarification:
    """A question waiting for its answer, and how the answer completes the command.

    `forms` hold `{a}` for the answer and `{n}` for each name in `names`; the first
    form the grammar matches for every name is used. `choices` answer "which one";
    several chosen ones are said as one text when `joined` (a bare name).
    """

    question: str
    referent: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    kinds: frozenset[str] = frozenset()
    choices: tuple[Choice, ...] = ()
    joined: bool = False
    # A tool's own question ("When should I remind you?"): the answer completes its call
    # only as that tool with more arguments than were given.
    tool: str = ""
    given: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Named:
    """A device the user can act on, with its spoken names and their words."""

    id: str
    kind: str
    name: str
    names: frozenset[str]
    words: frozenset[str]
    area_words: frozenset[str]


class Clarifier:
    """Finds partial and ambiguous commands in one world, and completes them with answers."""

    def __init__(self, registry: Registry, world: World, grammar: Grammar) -> None:
        self._grammar = grammar
        acted_on = {kind for spec in registry for kind in spec.kinds}
        self._devices = [
            _named(d.id, d.kind, d.name, (d.name, *d.aliases), d.area)
            for d in world.devices.values()
            if d.kind in acted_on and _writable(d.kind)
        ]
        self._places = {normalize(a.name) for a in world.areas} | {
            normalize(f) for f in world.floors()
        }

    def ask(self, text: str, unknown: UnknownName | None = None) -> Clarification | None:
        """The question to ask about normalized text no route understood; None to ask nothing."""
        if not text:
            return None
        bare = _bare(text)
        return self._cut(text) or self._bare_names(bare) or self._which(text, bare, unknown)

    def complete(self, asked: Clarification, answer: str) -> list[str] | None:
        """The texts that the answer makes of the question; None if it answers something else."""
        if asked.choices:
            return _picked(asked, answer)
        for said in _answer_forms(answer, asked.kinds):
            for form in asked.forms:
                texts = [form.replace("{a}", said).replace("{n}", n) for n in asked.names or ("",)]
                if all(self._completes(asked, t, said) for t in texts):
                    return texts
        return None

    def all_meant(self, asked: Clarification, text: str) -> list[str] | None:
        """The texts for every choice when the words asked about already meant them all:
        "turn on the nightstand lamps" with a left and a right nightstand lamp."""
        last = {c.label.split()[-1] for c in asked.choices}
        if len(last) != 1 or f"{last.pop()}s" not in text.split():
            return None
        return _picked(asked, "all of them")

    def pick(self, devices: tuple[str, ...], answer: str) -> list[str]:
        """The devices an answer to "which one?" picks among these ("Jaden's", "the one
        in the den", "both"); [] if it picks none."""
        known = {d.id: d for d in self._devices}
        choices = tuple(_choice(known[i], known[i].name) for i in devices if i in known)
        return [c.device for c in _pick(choices, answer)] if choices else []

    def _completes(self, asked: Clarification, text: str, answer: str) -> bool:
        call = self._matches(text)
        if call is None or not asked.tool:
            return call is not None
        if call.tool != asked.tool or not set(call.args) > asked.given:
            return False
        # What the answer added is in its words ("the packing list" names no list
        # "list the packing"); a time or a number may be said otherwise ("6 pm": 18:00).
        added = [v for k, v in call.args.items() if k not in asked.given and isinstance(v, str)]
        return all(v in answer for v in added if not re.fullmatch(r"[\d:. ]+", v))

    def _matches(self, text: str) -> Call | None:
        call = self._grammar.match(text)
        return call if call is not None and call.tool != FOLLOW_UP else None

    def _cut(self, text: str) -> Clarification | None:
        """'set the thermostat to': a command that a value would complete."""
        words = text.split()
        if words[-1] not in ("to", "at") and words[0] not in _SET_VERBS:
            return None
        for shape in _CUT_SHAPES:
            for probe in _PROBES:
                call = self._matches(shape.replace("{t}", text).replace("{p}", probe))
                if call is not None:
                    return self._value_question(text, shape.replace("{t}", text), call)
        return None

    def _value_question(self, text: str, form: str, call: Call) -> Clarification:
        forms = (form.replace("{p}", "{a}"),)
        device = self._device(call.args.get("name"))
        if device is None:  # "set the volume to": no one device, so the words as said
            return Clarification(f"What should I set {_object_words(text)} to?", forms=forms)
        said = _strip_article(_object_words(text))
        what = said if said in device.names else device.name
        question = f"What should I set the {what} to?"
        return Clarification(question, (device.id,), forms=forms, kinds=frozenset({device.kind}))

    def _device(self, name: object) -> _Named | None:
        return next((d for d in self._devices if d.id == name), None)

    def _bare_names(self, bare: str) -> Clarification | None:
        """'the front door' (or 'the desk lamp and the fan'): names and nothing else."""
        parts = [_strip_article(p) for p in bare.replace(" and the ", " and ").split(" and ")]
        found = [self._exact(part) for part in parts]
        devices = [d for d in found if d is not None]
        if not devices or len(devices) != len(parts):
            return None
        # The user's words, in the device's own spelling where they are its name.
        pairs = zip(devices, parts, strict=True)
        said = [d.name if normalize(d.name) == p else p for d, p in pairs]
        question = f"What should I do with {_listed(said, 'and')}?"
        referent = tuple(d.id for d in devices)
        kinds = frozenset(d.kind for d in devices)
        return Clarification(question, referent, tuple(parts), _NAME_FORMS, kinds)

    def _exact(self, name: str) -> _Named | None:
        return next((d for d in self._devices if name in d.names), None)

    def _which(self, text: str, bare: str, unknown: UnknownName | None) -> Clarification | None:
        """Several devices fit a partial name: the user picks one, some or all."""
        if unknown is not None:
            return self._which_command(text, unknown)
        # "lights" means the lights here or everywhere, not one of them.
        if not bare or bare in self._places or any(_stem(w) != w for w in bare.split()):
            return None
        fitting = self._fitting(bare)
        if len(fitting) == 1:
            return self._bare_names(normalize(fitting[0].name))
        choices = [_choice(d, normalize(d.name)) for d in fitting]
        return _which_question(choices, joined=True)

    def _which_command(self, text: str, unknown: UnknownName) -> Clarification | None:
        if unknown.what != "thing" or unknown.known:
            return None
        start = text.rfind(unknown.text)
        if start < 0:
            return None
        choices = []
        for device in self._fitting(unknown.text):
            completed = text[:start] + device.name + text[start + len(unknown.text) :]
            if self._matches(completed):  # only devices that the command can act on
                choices.append(_choice(device, completed))
        return _which_question(choices, joined=False)

    def _fitting(self, words: str) -> list[_Named]:
        """Devices with every one of the words in one of their names."""
        wanted = {_stem(w) for w in words.split()}
        return [d for d in self._devices if wanted and wanted <= d.words]


def _named(
    device_id: str, kind: str, name: str, spoken: tuple[str, ...], area: str | None
) -> _Named:
    names = frozenset(normalize(s) for s in spoken if normalize(s))
    words = frozenset(_stem(w) for n in names for w in n.split())
    area_words = frozenset(_stem(w) for w in normalize(area or "").split())
    return _Named(device_id, kind, name, names, words, area_words)


def _choice(device: _Named, text: str) -> Choice:
    return Choice(device.id, device.name, device.words | device.area_words, device.names, text)


def _which_question(choices: list[Choice], *, joined: bool) -> Clarification | None:
    if not 2 <= len(choices) <= _MAX_CHOICES:
        return None
    question = f"Which one: {_listed([c.label for c in choices], 'or')}?"
    return Clarification(question, choices=tuple(choices), joined=joined)


def _picked(asked: Clarification, answer: str) -> list[str] | None:
    """The texts of the choices the answer picks ("the reading one", "both"); None if none."""
    chosen = _pick(asked.choices, answer)
    if not chosen:
        return None
    texts = [c.text for c in chosen]
    return [" and ".join(texts)] if asked.joined and len(texts) > 1 else texts


def _pick(choices: tuple[Choice, ...], answer: str) -> list[Choice]:
    answer = _strip_article(_strip_edges(answer))
    if answer in _ALL or answer.removesuffix(" please") in _ALL:
        return list(choices)
    exact = [c for c in choices if answer in c.names]
    if exact:
        return exact
    said = [w for w in answer.split() if w not in _PICK_FILLER]
    if len(said) == 1 and said[0] in _ORDINALS:
        index = _ORDINALS[said[0]]
        return [choices[index]] if index < len(choices) else []
    wanted = {_stem(w) for w in said}
    fitting = [c for c in choices if wanted and wanted <= c.words]
    return fitting if len(fitting) < len(choices) else []


def _answer_forms(answer: str, kinds: frozenset[str]) -> list[str]:
    """The answer as said, then without lead-in words, then in the words of a kind's tools."""
    forms = [answer]
    for lead in _ANSWER_LEADING:
        if answer.startswith(lead + " "):
            forms.append(answer[len(lead) + 1 :])
    for kind in kinds:
        for said, meant in _KIND_VERBS.get(kind, {}).items():
            forms += [meant + f[len(said) :] for f in list(forms) if f.split()[:1] == [said]]
    return forms


def _bare(text: str) -> str:
    """The text without the lead-in and closing words around a name."""
    return _strip_edges(text, leading=_LEADING)


def _strip_edges(text: str, leading: frozenset[str] = frozenset({"oh"})) -> str:
    words = text.split()
    while words and (words[0] in leading or is_hesitation(words[0])):
        words = words[1:]
    while words and words[-1] in _TRAILING:
        words = words[:-1]
    return " ".join(words)


def _strip_article(text: str) -> str:
    for article in ("the ", "my ", "our "):
        text = text.removeprefix(article)
    return text


def _object_words(text: str) -> str:
    """'set the volume to' -> 'the volume': what the command was about."""
    words = text.split()
    if words and words[0] in _SET_VERBS:
        words = words[1:]
    if words and words[-1] in ("to", "at"):
        words = words[:-1]
    return " ".join(words) or "it"


def _listed(names: list[str], last: str) -> str:
    said = [the_name(n) for n in names]  # "Maya's lamp", not "the Maya's lamp"
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} {last} {said[-1]}"


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _writable(kind: str) -> bool:
    spec = KINDS.get(kind)
    return spec is None or any(not attr.readonly for attr in spec.attrs.values())


def answered_forms(text: str) -> tuple[str, ...]:
    """How an answer completes a command whose tool asked back: said after it ("remind me
    to water the plants" - "at 6 pm", "6 pm"), or in place of the thing it named ("clear the
    list" - "the packing list": "clear the packing list")."""
    words = text.split()
    forms = [f"{text} {{a}}", f"{text} at {{a}}"]  # "6 pm": "... at 6 pm"
    for i in range(len(words) - 2, -1, -1):
        if words[i] in ("the", "my", "our", "a", "an"):
            forms.append(" ".join([*words[:i], "{a}", *words[i + 2 :]]))
            break
    return tuple(forms)
