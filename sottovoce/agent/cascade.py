"""The grammar's cascade: from normalized words to calls, trying looser readings in turn.

Order: the exact sentence grammar on the whole text, then split at "and"/"then"
(each piece may be a follow-up of the one before: "and in the kitchen"), or
where a command starts inside the words a free-text slot took, each also in
its relaxed form (without "actually", "now", "a bit": `relaxed.py`);
Home Assistant's sentences on the words as heard; near-miss names (which may
instead say that a name is unknown here); and last the text without a few
misheard words at its edges, or without an aside said with the command
(`asides.py`). The first reading that yields calls wins. The
matching itself is `grammar.py`'s; choosing between grammar, a question and the
language model is the router's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sottovoce.agent.asides import (
    about_someone,
    is_aside,
    is_statement,
    may_start_command,
)
from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.carryon import (
    bare_comparative,
    carry_on,
    list_cleared,
    same_list,
    unknown_list,
)
from sottovoce.agent.followups import follow_up, kept_sort
from sottovoce.agent.grammar import Grammar, Match
from sottovoce.agent.grammar_intents import FOLLOW_UP
from sottovoce.agent.learner_questions import asked_form
from sottovoce.agent.normalize.fillers import spoken_form
from sottovoce.agent.openers import opening_words
from sottovoce.agent.pointing import Pointing
from sottovoce.agent.pronouns import Pronouns
from sottovoce.agent.relaxed import relaxed_forms, relaxed_text, switched
from sottovoce.agent.selfrepair import repaired
from sottovoce.agent.trimming import Trimmed
from sottovoce.models.limits import MAX_JOINED_CONNECTORS
from sottovoce.tools import Registry

_LITTLE_WORDS = frozenset("the a an to of in on at and or for by with my our".split())
_CONNECTORS = (" and then ", " and also ", " then ", " and ", " also ")
_CONNECTOR_WORDS = frozenset({"and", "then", "also"})
# A command said after a free text is short: only the last words are tried as one,
# so the search stays bounded however long the text is.
_COMMAND_WORDS = 12
# With nothing acted on, "it" is what is playing: "turn it up" is the music's volume.
_AMBIENT_KIND = "media_player"


class GrammarCascade:
    """The grammar's readings of one utterance, strictest first."""

    def __init__(
        self,
        registry: Registry,
        grammar: Grammar,
        names: Mapping[str, str] | None = None,
        places: Iterable[str] = (),
        people: Iterable[str] = (),
    ) -> None:
        self.registry = registry
        self.grammar = grammar
        self.names = dict(names or {})  # a device's normalized spoken name -> its id
        places = [p.lower() for p in places]
        # The words of names and places: a command does not start inside one.
        # (Not the little words of a name: "door to the garage" names no "the".)
        self._name_words = frozenset(
            word
            for name in [*self.names, *places]
            for word in name.split()
            if word not in _LITTLE_WORDS
        )
        # A person's name said first addresses them, not the assistant: "Callum, will
        # you put the kettle on" (their first names, as `Addressee.people`).
        self._people = frozenset(people)
        self._referent_kind: str | None = None  # the kind of the devices last acted on
        self._referent: str | None = None  # the one device last acted on, if one
        self._referent_area: str | None = None  # the one room of the devices last acted on
        self._pronouns = Pronouns(registry, grammar, self.names)
        self._cutting = False  # inside the trimmed readings (see `_cut`)
        self._trimmed = Trimmed(
            registry,
            self.parts,
            self._verbless,
            self.names,
            self._name_words,
            self._people,
            places=frozenset(places),
            area_of=grammar.area_of,
        )

    def decide(
        self,
        text: str,
        last: Call | None,
        heard: str | None = None,
        referent: tuple[str, ...] = (),
    ) -> list[Call] | UnknownName | None:
        """The calls of the first reading that has any; else a name unknown here, or None.

        `last` is the previous command (for follow-ups); `heard` the utterance
        before normalization, for Home Assistant's sentences (which read numbers);
        `referent` the ids of the devices last acted on ("it").
        """
        # Kept for this utterance's readings, which are many and nested (pieces, cuts).
        kinds = {device.partition(".")[0] for device in referent}
        self._referent_kind = kinds.pop() if len(kinds) == 1 else None
        self._referent = referent[0] if len(referent) == 1 else None
        areas = {self.grammar.area_of(device) for device in referent}
        self._referent_area = areas.pop() if len(areas) == 1 else None
        pointing = Pointing(
            self.grammar, self.names, self._referent_kind, self._referent, self._referent_area
        )
        text = pointing.there(repaired(text) or text, inside=True)  # "to 40, no, 60"
        if heard is not None and heard.rstrip().endswith("?"):  # "the boiler is on still?"
            text = asked_form(relaxed_text(text, plain=False, swaps=False).split()) or text
        calls = self._carried(text, last) if bare_comparative(text) else None
        calls = calls or self.parts(text, last) or self._verbless(text, last)
        calls = calls or self._carried(text, last)
        if not calls and (placed := pointing.there(text)) != text:
            calls = self.parts(placed, last)  # "how hot is it up there" (not in an aside)
        if not calls and (named := pointing.one(text)) != text:
            calls = self.parts(named, last) or self._verbless(named, last)
        if not calls and (joined := self._in_as_and(text)) != text:
            calls = self.parts(joined, last)
        there = text.endswith(" there")  # a closing word as much as a place
        if there and calls and unknown_list(calls) and (other := self._cut(text, last)):
            # "Can you put the kettle on there": the kettle, no list ("add eggs to" is no
            # better than "add eggs to it").
            calls = calls if other[0].tool == calls[0].tool else other
        if calls:
            return list_cleared(text, calls, last)
        as_heard = self.grammar.library_match(spoken_form(heard)) if heard else None
        if as_heard is not None:
            return [as_heard.call]
        said = switched(text.split())  # "off the tube light": a name read with its verb
        fuzzy = self.grammar.match_fuzzy(" ".join(said) if said is not None else text)
        if isinstance(fuzzy, Call):
            return [fuzzy]
        if fuzzy is not None:
            return fuzzy  # the words name something this home does not have
        # "Och no, it's dark out, close them again": the aside after the opener.
        bare = relaxed_text(text)
        found = self._cut(text, last) or (self._cut(bare, last) if bare != text else None)
        return list_cleared(text, found, last) if found else None

    def _cut(self, text: str, last: Call | None) -> list[Call] | None:
        """The trimmed readings, whose pieces are not reordered as a learner's words are
        ("the beer's in there, turn it on" cut to "the garage turn it on" is no "turn the
        garage on")."""
        self._cutting = True
        try:
            return self._trimmed.calls(text, last)
        finally:
            self._cutting = False

    def _in_as_and(self, text: str) -> str:
        """'Turn on the bathroom heater in the exhaust fan': "and" heard as "in" before a
        device's name (no place has that name)."""
        words = text.split()
        for k in range(2, len(words) - 1):
            if words[k] != "in":
                continue
            rest = words[k + 2 :] if words[k + 1] == "the" else words[k + 1 :]
            said = " ".join(rest)
            if said in self.names and not self.grammar.is_place(said):
                return " ".join([*words[:k], "and", *words[k + 1 :]])
        return text

    def _verbless(self, text: str, last: Call | None) -> list[Call] | None:
        """'Off the kitchen light', 'on the porch light': the verb left out, "turn" meant.

        Only for what was said whole, never for a part left after a cut ("turn off the
        heating on the thermostat" is not "on the thermostat")."""
        said = switched(text.split())
        return self.parts(" ".join(said), last) if said is not None else None

    def _carried(self, text: str, last: Call | None) -> list[Call] | None:
        """'A bit more', 'lower', 'and limes too': the last change carried on."""
        carried = carry_on(text, last, self._acted_on_devices(last))
        if isinstance(carried, str):
            return self.parts(carried, last)
        return [carried] if carried is not None else None

    def parts(
        self, text: str, last: Call | None, about: str | None = None, *, head: bool = False
    ) -> list[Call] | None:
        """Calls for the whole text, or for pieces joined by 'and'/'then'.

        `about` is a device the words are about (an aside named it): "it" is that device.
        `head`: the text starts where the utterance does (a cut piece may still be read in
        a learner's order: "kitchen fan, stop it, cooking is finished").
        """
        reorder = head or not self._cutting
        for variant in relaxed_forms(text, reorder=reorder):
            calls = self._parts_of(variant, last, about)
            if calls:
                return calls
        return None

    def _parts_of(self, text: str, last: Call | None, about: str | None) -> list[Call] | None:
        whole = self._best(text, last, about)
        resolved = self._resolve(whole.call, last, about) if whole is not None else None
        if whole is not None and resolved is None and whole.call.tool == FOLLOW_UP:
            # A follow-up with nothing to follow ("the bedroom to 50 percent" first): Home
            # Assistant's sentences may read it as a command of its own.
            alone = self.grammar.library_match(text)
            resolved, whole = (alone.call, alone) if alone is not None else (None, whole)
        if resolved is None or whole is None:
            return self._split(text, last, about)
        # A list name that is an aside ("take the grits off, we still got some"): the
        # trimmed readings will find the command without it.
        listed = whole.call.args.get("list_name")
        said = relaxed_text(listed).split() if isinstance(listed, str) else []
        if said and (is_aside(said) or about_someone(said)):
            return self._split(text, last, about)
        # A free-text slot that swallowed "and ..." may hide two commands.
        if _swallows_connector(whole.wild):
            return self._split(text, last, about) or [resolved]
        # Or it swallowed a command said after it, with no "and".
        return self._command_inside(text, whole.wild) or [resolved]

    def _best(self, text: str, last: Call | None, about: str | None) -> Match | None:
        """The grammar's best reading, "it" read as what was acted on (or `about`)."""
        kind: str | None
        if about is not None:
            kind = about.partition(".")[0]
            prefer, referent = self._kind_plugin(kind), True
        else:
            prefer, referent = self._plugin_of(last), self._acted_on_devices(last)
            # A question about a device, with no command since: "it" is that device.
            referent = referent or (last is None and self._referent_kind is not None)
            kind = self._referent_kind if referent else _AMBIENT_KIND
        whole = self.grammar.best(text, prefer=prefer, device_referent=referent)
        if whole is not None and referent and kind is not None and _says_it(whole.call):
            # "Make it half" after opening a blind: only readings that can act on a blind.
            spec = self.registry.get(whole.call.tool)
            if spec is not None and spec.kinds and kind not in spec.kinds:
                fits = self.grammar.best(text, prefer, device_referent=referent, kind=kind)
                whole = fits or whole
        whole = self._pronouns.said_by_name(text, whole, self._referent)
        if whole is None or whole.plugin == prefer or not _says_it(whole.call):
            return whole
        # A tie the last plugin did not break: "it" is of the kind last acted on ("turn
        # it up" after "turn it off" of a light), and with nothing acted on, it is no
        # device named before but what is playing ("turn it up": the music).
        wanted = self._kind_plugin(kind) if kind is not None else None
        if wanted is None or wanted == whole.plugin:
            return whole
        return self.grammar.best(text, prefer=wanted, device_referent=referent) or whole

    def _command_inside(self, text: str, wild: tuple[str, ...]) -> list[Call] | None:
        """A command said after the words a free-text slot took, with what came before it.

        "We are out of butter, add some butter to the shopping list": the item is not
        "butter add some butter to the shopping list". The words before the command
        are an aside (only the command counts) or a command of their own ("add eggs,
        turn off the light"; an aside after it is dropped: "add milk, we are out of
        it"); else the free text stands ("tell anna to turn off the lights",
        "remember that the boiler man comes at 3").
        """
        words = text.split()
        for value in wild:
            inner = value.split()
            start = _position(words, inner)
            if start is None:
                continue
            # The command starts inside the free text and has two words or more.
            stop = min(start + len(inner), len(words) - 1)
            for cut in range(max(start + 1, len(words) - _COMMAND_WORDS), stop):
                head, tail = words[:cut], words[cut:]
                if not self._may_start_command(head, tail):
                    continue
                command = self.parts(" ".join(tail), None)
                if not command or self._opens_with_free_text(" ".join(tail)):
                    continue
                before = self.parts(" ".join(head), None)
                # A statement is the command's reason ("we are out of butter"); a request
                # is one of its own ("we need bread"), unless the command says it again.
                if is_aside(head) and (
                    not before or is_statement(head) or _same_tools(before, command)
                ):
                    return command
                if before:
                    # "add milk, we are out of it": a clause after a command is an aside.
                    return before if is_aside(tail) else before + command
        return None

    def _may_start_command(self, head: list[str], tail: list[str]) -> bool:
        """Whether a command may start at `tail`, inside the free text that `head` ends."""
        # It opens as a command does ("lock the front door", not "starts at 8"), and not
        # inside a name: in "text ben i left the kitchen light on", "light on" is what was
        # left on, not an order.
        return (
            may_start_command(head, tail)
            and tail[0] in opening_words(self.registry)
            and not (head[-1] in self._name_words and tail[0] in self._name_words)
        )

    def _opens_with_free_text(self, text: str) -> bool:
        """Whether the text's reading takes its first words as free text ("at 8 set a
        timer": a timer labelled "at 8 set a"): then where it starts is no clearer."""
        match = self.grammar.best(text)
        return match is not None and any(f"{text} ".startswith(f"{w.strip()} ") for w in match.wild)

    def _split(self, text: str, last: Call | None, about: str | None) -> list[Call] | None:
        # Each piece is split again: the work grows exponentially with the connectors
        # (five took 4 s), so past the limit the words are not split (docs/limits.md).
        if sum(word in _CONNECTOR_WORDS for word in text.split()) > MAX_JOINED_CONNECTORS:
            return None
        for connector in _CONNECTORS:
            start = text.find(connector)
            while start > 0:
                left = self.parts(text[:start], last, about)
                if left:
                    rest = text[start + len(connector) :]
                    # "... and the kettle": the rest may be a bare follow-up of the left.
                    right = self.parts(rest, left[-1], about) or self.parts(
                        "and " + rest, left[-1], about
                    )
                    if right:
                        return self._past_statement(text[:start], rest, about) or left + right
                start = text.find(connector, start + 1)
        return None

    def _past_statement(self, said: str, rest: str, about: str | None) -> list[Call] | None:
        """The command after a statement said as its reason, which is no command then.

        "It's freezing, add gloves and a scarf to the list" (the comma read as "and"):
        only the list. The rest must be a command of its own, not a follow-up nor
        another statement ("we are out of milk and we need eggs" is both).
        """
        words, after = said.split(), rest.split()
        if not is_statement(words) or is_aside(after) or not self._may_start_command(words, after):
            return None
        return self.parts(rest, None, about)

    def _resolve(self, call: Call, last: Call | None, about: str | None) -> Call | None:
        if call.tool != FOLLOW_UP:
            return self._aimed(self._same_day(same_list(call, last), last), about)
        if last is None:
            return None
        slots = call.args
        if "kind" in slots:  # the same room as the device acted on
            name = last.args.get("name")
            area = self.grammar.area_of(name) if isinstance(name, str) else None
            slots = {"area": area or last.args.get("area") or self._referent_area, **slots}
        elif "area" in slots and "name" not in slots:
            slots = {**slots, **kept_sort(self.grammar, self.names, last, str(slots["area"]))}
        return follow_up(self.registry, last, slots)

    def _same_day(self, call: Call, last: Call | None) -> Call:
        """'And what's the high gonna be?' after asking about tomorrow: still tomorrow (a
        question of the same plugin that names no day keeps the day asked about before;
        a day something was put on is not asked about: "add golf on wednesday", "what do
        i have coming up")."""
        spec = self.registry.get(call.tool)
        day = last.args.get("day") if last is not None else None
        before = self.registry.get(last.tool) if last is not None else None
        if spec is None or not day or "day" in call.args or not spec.reads_only:
            return call
        if before is None or not before.reads_only:
            return call
        if last is not None and last.tool == call.tool:
            return call  # the same question again: about now
        same = self._plugin_of(last) == spec.plugin and "day" in spec.args_model.model_fields
        return Call(call.tool, {**call.args, "day": day}) if same else call

    def _aimed(self, call: Call, device: str | None) -> Call | None:
        """The call with "it" as the device an aside was about; None if it cannot act on it.

        ("The front door is stuck, open it": opening is for covers, not for a lock.)
        """
        if device is None or not _says_it(call):
            return call
        spec = self.registry.get(call.tool)
        if spec is None or (spec.kinds and device.partition(".")[0] not in spec.kinds):
            return None
        return Call(call.tool, {k: device if v == "it" else v for k, v in call.args.items()})

    def _kind_plugin(self, kind: str) -> str | None:
        """The plugin whose tools act on this kind of device alone (lights for a light)."""
        return next((spec.plugin for spec in self.registry if spec.kinds == (kind,)), None)

    def _acted_on_devices(self, call: Call | None) -> bool:
        spec = self.registry.get(call.tool) if call is not None else None
        return spec is not None and bool(spec.kinds)

    def _plugin_of(self, call: Call | None) -> str | None:
        spec = self.registry.get(call.tool) if call is not None else None
        return spec.plugin if spec is not None else None


def _same_tools(first: list[Call], second: list[Call]) -> bool:
    return {call.tool for call in first} == {call.tool for call in second}


def _says_it(call: Call) -> bool:
    return "it" in call.args.values()


def _position(words: list[str], run: list[str]) -> int | None:
    """Where the run of words last starts among the words, or None."""
    for start in range(len(words) - len(run), -1, -1):
        if run and words[start : start + len(run)] == run:
            return start
    return None


def _swallows_connector(wild: tuple[str, ...]) -> bool:
    return any(f" {word} " in f" {text} " for text in wild for word in ("and", "then"))
