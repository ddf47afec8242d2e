"""The grammar's cascade: from normalized words to calls, trying looser readings in turn.

Order: the exact sentence grammar on the whole text, then split at "and"/"then"
(each piece may be a follow-up of the one before: "and in the kitchen"), each
also in its relaxed form (without "actually", "now", "a bit": `relaxed.py`);
Home Assistant's sentences on the words as heard; near-miss names (which may
instead say that a name is unknown here); and last the text without a few
misheard words at its edges. The first reading that yields calls wins. The
matching itself is `grammar.py`'s; choosing between grammar, a question and the
language model is the router's.
"""

from __future__ import annotations

from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.followups import follow_up
from sottovoce.agent.grammar import FOLLOW_UP, Grammar
from sottovoce.agent.normalize.fillers import spoken_form
from sottovoce.agent.relaxed import relaxed_forms
from sottovoce.models.limits import MAX_JOINED_CONNECTORS
from sottovoce.tools import Registry

_CONNECTORS = (" and then ", " and also ", " then ", " and ", " also ")
_CONNECTOR_WORDS = frozenset({"and", "then", "also"})
_EDGE_WORDS = 4  # at most this many leading words may be dropped as misheard
_ASIDE_WORDS = 8  # an aside ("it is freezing in here") has at most this many words
# An aside opens with a subject and its verb: "it is freezing", "i am cold".
_SUBJECTS = frozenset({"it", "i", "we", "they", "you", "he", "she"})
_CLAUSE_VERBS = frozenset(
    "is am are was were feels feel gets get looks look seems seem has have need needs"
    " want wants think".split()
)
_QUESTION_STARTS = frozenset(
    "do does did is are was were can could should would will what where when why how who"
    " which".split()
)


class GrammarCascade:
    """The grammar's readings of one utterance, strictest first."""

    def __init__(self, registry: Registry, grammar: Grammar) -> None:
        self.registry = registry
        self.grammar = grammar

    def decide(
        self, text: str, last: Call | None, heard: str | None = None
    ) -> list[Call] | UnknownName | None:
        """The calls of the first reading that has any; else a name unknown here, or None.

        `last` is the previous command (for follow-ups); `heard` the utterance
        before normalization, for Home Assistant's sentences (which read numbers).
        """
        calls = self.parts(text, last)
        if calls:
            return calls
        as_heard = self.grammar.library_match(spoken_form(heard)) if heard else None
        if as_heard is not None:
            return [as_heard.call]
        fuzzy = self.grammar.match_fuzzy(text)
        if isinstance(fuzzy, Call):
            return [fuzzy]
        if fuzzy is not None:
            return fuzzy  # the words name something this home does not have
        return self._trimmed(text, last)

    def parts(self, text: str, last: Call | None) -> list[Call] | None:
        """Calls for the whole text, or for pieces joined by 'and'/'then'."""
        for variant in relaxed_forms(text):
            calls = self._parts_of(variant, last)
            if calls:
                return calls
        return None

    def _trimmed(self, text: str, last: Call | None) -> list[Call] | None:
        """Calls for the text without a few misheard words at its edges.

        Speech recognition turns fillers and false starts into words ("um could
        you" -> "i am kid you") and mishears a last short word ("too" -> "tube").
        Only an exact grammar match of what remains counts.
        """
        words = text.split()
        # A question is not a command with a misheard start: "do i need a jacket" is
        # not "i need a jacket" (which adds it to the shopping list).
        asks = bool(words) and words[0] in _QUESTION_STARTS
        cuts = 0 if asks else min(_EDGE_WORDS, len(words) - 2)
        # What is left is not a follow-up: "turn off the dining room" cut to "the dining
        # room" must not re-aim the last command at the dining room.
        # An aside first: "heated blanket on it is freezing" is about the blanket, though
        # "it is freezing" alone (a cut of three words) would warm the house.
        if not asks and (calls := self._without_aside(words)):
            return calls
        for cut in range(1, cuts + 1):
            calls = self.parts(" ".join(words[cut:]), None)
            if calls:
                return calls
        return self.parts(" ".join(words[:-1]), None) if len(words) > 3 else None

    def _without_aside(self, words: list[str]) -> list[Call] | None:
        """Calls for a command said with an aside before or after it.

        "It is freezing in here, turn the heating up" / "heated blanket on, it is
        freezing": an aside is a clause of its own, opened by a subject and its
        verb ("it is", "i am", "we are"). Only an exact match of the command counts,
        and a relative clause ("the lamp that is ...") is not an aside.
        """
        # An aside is short: the search stays bounded however long the utterance is.
        starts = [k for k in range(len(words) - 1) if _opens_clause(words[k], words[k + 1])]
        for k in starts:
            if 2 <= k and len(words) - k <= _ASIDE_WORDS:  # the aside after the command
                if calls := self.parts(" ".join(words[:k]), None):
                    return calls
        if starts[:1] == [0]:  # the aside first: the command is what follows it
            for cut in range(2, min(len(words) - 1, _ASIDE_WORDS + 1)):
                if calls := self.parts(" ".join(words[cut:]), None):
                    return calls
        return None

    def _parts_of(self, text: str, last: Call | None) -> list[Call] | None:
        whole = self.grammar.best(
            text, prefer=self._plugin_of(last), device_referent=self._acted_on_devices(last)
        )
        resolved = self._resolve(whole.call, last) if whole is not None else None
        # A free-text slot that swallowed "and ..." may hide two commands.
        if resolved is not None and whole is not None and not _swallows_connector(whole.wild):
            return [resolved]
        return self._split(text, last) or ([resolved] if resolved is not None else None)

    def _split(self, text: str, last: Call | None) -> list[Call] | None:
        # Each piece is split again: the work grows exponentially with the connectors
        # (five took 4 s), so past the limit the words are not split (docs/limits.md).
        if sum(word in _CONNECTOR_WORDS for word in text.split()) > MAX_JOINED_CONNECTORS:
            return None
        for connector in _CONNECTORS:
            start = text.find(connector)
            while start > 0:
                left = self.parts(text[:start], last)
                if left:
                    rest = text[start + len(connector) :]
                    # "... and the kettle": the rest may be a bare follow-up of the left.
                    right = self.parts(rest, left[-1]) or self.parts("and " + rest, left[-1])
                    if right:
                        return left + right
                start = text.find(connector, start + 1)
        return None

    def _resolve(self, call: Call, last: Call | None) -> Call | None:
        if call.tool != FOLLOW_UP:
            return call
        if last is None:
            return None
        return follow_up(self.registry, last, call.args)

    def _acted_on_devices(self, call: Call | None) -> bool:
        spec = self.registry.get(call.tool) if call is not None else None
        return spec is not None and bool(spec.kinds)

    def _plugin_of(self, call: Call | None) -> str | None:
        spec = self.registry.get(call.tool) if call is not None else None
        return spec.plugin if spec is not None else None


def _opens_clause(word: str, verb: str) -> bool:
    return word in _SUBJECTS and verb in _CLAUSE_VERBS


def _swallows_connector(wild: tuple[str, ...]) -> bool:
    return any(f" {word} " in f" {text} " for text in wild for word in ("and", "then"))
