"""A small language model must do no harm: what it may call, and what of its words may be said.

Measured on out-of-domain sentences, SmolLM2-135M turned "what is the
exchange rate between us and mexico" into a walking workout and answered a
misheard word with "Service office, service office, ...". A wrong action is
worse than "I didn't understand", so:

- a question or a remark ("the garage door squeaks") may only call tools that
  change nothing;
- any call needs a word of its own tool's sentences (or of the names it acts
  on) among the user's words;
- a call that changes something needs a word that asks for its action (a verb
  its sentences open with, or a close synonym: `agent/actionwords.py`), so
  "walk the dog" starts no walk and "water" in a valve's name opens nothing;
- a free-text reply is said only when it is short, on topic, not looping and
  claims nothing ("I've turned it on", "I'm here to help with your shopping").

Everything is derived from each tool's sentence templates and the world, so
third-party plugins get the same protection as the built-in ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sottovoce.agent.actionwords import said_actions
from sottovoce.agent.toolselect import lists_by_param, words_of
from sottovoce.tools import Registry
from sottovoce.tools.api import SLOT_RE, ToolSpec

MAX_REPLY_WORDS = 25
_WORD = re.compile(r"[a-z0-9']+")
_WH = frozenset("what whats what's who whom whose when where why how which".split())
_AUX = frozenset(
    "is are am was were do does did can could should would will shall may might must has have"
    " had isnt arent dont doesnt didnt cant wont shouldnt isn't aren't don't doesn't didn't"
    " can't won't shouldn't".split()
)
# "can you turn on the light" is a request; "can you tell me ..." is a question.
_POLITE = frozenset({"can", "could", "would", "will"})
_HEARING = ("hear me", "see me", "understand me", "hear us")
_ASKING_VERBS = frozenset(
    "tell know think say explain recommend guess imagine believe hear see understand".split()
)
_ASKING = (
    "tell me", "i wonder", "do you know", "any idea", "i would like to know", "explain",
    "reckon", "you reckon", "do you reckon", "do you think",
)  # fmt: skip
_OPENERS = ("please ", "hey ", "so ", "ok ", "okay ", "and ", "can you ", "could you ")
_DETERMINERS = frozenset("the my our this that these those your his her their".split())
_REMARK_VERBS = frozenset(
    "is are was were looks look seems sounds smells feels needs has have had got gets getting"
    " broke keeps squeaks isnt arent wasnt".split()
)
_I_REMARK = frozenset(
    "had bought got forgot think thought love like hate feel felt saw went was were just really"
    " can't cant don't dont wish hope guess".split()
)
_SUPPOSING = frozenset({"if", "unless", "whenever", "suppose", "supposing", "imagine", "once"})
# Musings: "maybe we should get a second robot vacuum", "one day we should put a dimmer on".
# ("one day" reaches here as normalization writes a duration: "86400 seconds".)
_MUSING = (
    "maybe ", "perhaps ", "one day ", "86400 seconds ", "someday ", "some day ",
    "one of these days ", "i wonder if ", "i wonder whether ", "i was wondering if ",
)  # fmt: skip
_PLANS = frozenset({"should", "might", "could", "may", "ought", "would"})
# Said to people in the room: "kids, go brush your teeth and turn the light off after",
# "turn your nightlight on" (the assistant has no nightlight; "your volume" is its own).
_PEOPLE_CALLED = frozenset(
    "kids children guys boys girls everyone everybody folks darling sweetie honey babe".split()
)
_ASSISTANTS_OWN = frozenset({"volume", "voice", "name", "speaker", "settings", "microphone"})
_PAST = frozenset(
    "ran went left took made came saw broke forgot got bought kept sent told said thought heard"
    " knew woke slept drove brought caught began sang won lost spent stood sat fell did".split()
)
# Words that do not say which tool is meant, though many templates contain them.
_WEAK = words_of(
    "i am me my we us our let lets so just on off up down out all some any now also get go"
    " going want make there here then again too very really not no yes it its your should"
    " have has had be been about into onto more can will into"
)
_SOCIAL = words_of("hello hi hey thanks thank bye goodbye joke morning evening night name")
_CLAIMS = re.compile(
    r"\b(?:i|we)(?:'ve| have| had| will|'ll| shall)\b"
    r"|\b(?:i|we)(?:'m| am| are) (?!not\b|sorry\b|afraid\b|unable\b|glad\b|happy\b)\w+ing\b"
    r"|\b(?:i|we) (?!need\b|feed\b|speed\b)\w+ed\b"
    r"|\bhere to (?:help|assist)\b|\bi can (?:help|assist|do)\b|\b(?:done|all set)\b",
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _opening(text: str) -> str:
    """The text without polite openers, lower-cased."""
    lowered = " ".join(_words(text))
    changed = True
    while changed:
        changed = False
        for opener in _OPENERS:
            if lowered.startswith(opener) and not lowered.startswith(("can you ", "could you ")):
                lowered, changed = lowered[len(opener) :], True
    return lowered


def is_question(text: str) -> bool:
    """Whether the words ask something rather than ask for something to be done."""
    if text.rstrip().endswith("?"):
        return True
    opening = _opening(text)
    words = opening.split()
    if not words:
        return False
    if any(opening.startswith(p) for p in _ASKING) or " i wonder " in f" {opening} ":
        return True
    if opening.startswith(_HEARING):  # "(can you) hear me okay": about the assistant
        return True
    if words[0] in _WH:
        return True
    if words[0] not in _AUX:
        return False
    polite = words[0] in _POLITE and words[1:2] == ["you"] and len(words) > 2
    return not polite or words[2] in _ASKING_VERBS or words[2:4] == ["please", "tell"]


def is_remark(text: str, verbs: frozenset[str] = frozenset()) -> bool:
    """Whether the words state something ("the garage door squeaks", "I forgot my keys").

    `verbs` are words that start a command: a sentence opening with one is no story
    ("turn on the heated blanket"), though a past tense follows it.
    """
    opening = _opening(text)
    for musing in _MUSING:
        opening = opening.removeprefix(musing)
    words = opening.split()
    if len(words) < 2:
        return False
    if words[0] in ("i", "we") and words[1] in _PLANS:
        return True  # the speaker's own plans: "we should turn the heating up one day"
    if words[0] in _SUPPOSING:
        return True  # "if I had the money I'd put strips in every room"
    if words[0] in ("i", "we"):
        verb = words[1]
        return verb in _I_REMARK or _past(verb)
    if words[0] in _DETERMINERS:
        return any(w in _REMARK_VERBS or _past(w) for w in words[1:])
    # What someone did: "Ben switched off the hall light", "Radio Paradise played ...".
    opens_command = words[0] in verbs or words[0] in _AUX or words[0] in _WH
    return not opens_command and any(_past(w) for w in words[1:3])


def is_musing(text: str) -> bool:
    """'Maybe we should get a second robot vacuum', 'that telly is always on too loud': a
    thought or a complaint said aloud, not a request."""
    opening = _opening(text)
    said = opening.split()
    if said[:1] and said[0] in _DETERMINERS and _HABIT & set(said[1:]):
        return True  # how something always is, not what to do now
    words = next((opening.removeprefix(m) for m in _MUSING if opening.startswith(m)), "").split()
    return len(words) > 2 and words[0] in ("i", "we") and words[1] in _PLANS


# Words of how things always are: "that telly is always on too loud".
_HABIT = frozenset({"always", "forever", "constantly", "never", "usually"})


def said_to_someone(text: str) -> bool:
    """Whether the words are said to a person in the room ("kids, turn the light off",
    "go and turn your nightlight on"), not to the assistant."""
    words = _words(text)
    if words[:1] and words[0] in _PEOPLE_CALLED:
        return True
    pairs = zip(words, words[1:], strict=False)
    return any(a == "your" and b not in _ASSISTANTS_OWN for a, b in pairs)


def _past(word: str) -> bool:
    """Whether a word is a verb's past tense, as far as its form tells."""
    return word in _PAST or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))


def template_words(spec: ToolSpec) -> set[str]:
    """The words of a tool's sentence templates and of its own value lists, less weak ones."""
    texts = [SLOT_RE.sub(" ", s) for group in spec.sentences for s in group.sentences]
    for body in spec.lists.values():
        texts += _list_inputs(body)
    return words_of(" ".join(texts)) - _WEAK


def _list_inputs(body: Mapping[str, object]) -> list[str]:
    values = body.get("values")
    if not isinstance(values, list):
        return []
    out = []
    for value in values:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, Mapping) and isinstance(value.get("in"), str):
            out.append(str(value["in"]))
    return out


def tool_words(spec: ToolSpec, world_values: Mapping[str, Iterable[str]]) -> set[str]:
    """Words that, said, show the user meant this tool: its templates and the names it acts on.

    A tool without sentences (an MCP server's) is known by its name and
    description instead. A room does not say which tool is meant ("the kitchen
    is cold"), so areas are left out.
    """
    words = template_words(spec)
    if not spec.sentences:
        words |= words_of(f"{spec.name.replace('_', ' ')} {spec.description}")
    for list_names in lists_by_param(spec).values():
        for name in list_names - {"area"}:
            words |= words_of(" ".join(world_values.get(name, ())))
    return words - _WEAK


def refusal(
    spec: ToolSpec,
    words: set[str],
    text: str,
    areas: set[str],
    actions: frozenset[str] = frozenset(),
) -> str | None:
    """Why a model's call of `spec` must not be carried out for `text`, or None if it may.

    `words` are the tool's words (`tool_words`), `actions` the words that ask for
    its action, synonyms included (`actionwords.py`); a tool whose sentences give
    none is judged by its words alone.
    """
    if not spec.reads_only and is_question(text):
        return f"a question must not call {spec.name}, which changes things"
    if not spec.reads_only and is_remark(text, actions):
        return f"a remark must not call {spec.name}, which changes things"
    if not spec.reads_only and said_to_someone(text):
        return f"words said to someone else must not call {spec.name}"
    if not spec.reads_only and actions and not said_actions(text) & actions:
        return f"nothing said calls for {spec.name}: no word asks for what it does"
    if not words_of(text) & (words - areas):
        return f"nothing said calls for {spec.name}"
    return None


def checked_reply(reply: str, text: str, home_words: set[str]) -> tuple[str | None, str]:
    """The part of a model's reply fit to be said, or None and why it is not."""
    if _loops(reply):
        return None, "it repeats itself"
    spoken = _short(reply)
    if spoken is None:
        return None, "it is too long"
    if _CLAIMS.search(spoken.lower()):
        return None, "it claims to do something"
    said = words_of(text)
    replied = words_of(spoken)
    stray = (replied & home_words) - said
    if stray:
        return None, f"it brings up {', '.join(sorted(stray))}, which the user did not"
    if not replied & said and not said & _SOCIAL:
        return None, "it is not about what the user said"
    return spoken, ""


def _loops(reply: str) -> bool:
    """Whether three words in a row come twice, or one word four times."""
    words = _words(reply)
    triples = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    if len(set(triples)) < len(triples):
        return True
    content = [w for w in words if words_of(w)]
    return any(content.count(w) >= 4 for w in set(content))


def _short(reply: str) -> str | None:
    """At most two whole sentences within the word limit; a cut-off tail is dropped."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", reply.strip()) if s]
    if len(sentences) > 1 and not sentences[-1].endswith((".", "!", "?")):
        sentences.pop()  # the reply ran into its length limit mid-sentence
    kept: list[str] = []
    for sentence in sentences[:2]:
        if len(_words(" ".join([*kept, sentence]))) > MAX_REPLY_WORDS:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else None


def help_sentence(registry: Registry, most: int = 3) -> str:
    """'Sorry, I didn't understand. You can ask me to ...', from the plugins' descriptions."""
    verbs = {
        _words(s)[0]
        for spec in registry
        for group in spec.sentences
        for s in group.sentences
        if _words(s)
    }
    abilities: list[str] = []
    for plugin in registry.plugins():
        ability = _ability(plugin.description, verbs)
        if ability is not None and len(abilities) < most:
            abilities.append(ability)
    if not abilities:
        return "Sorry, I didn't understand that."
    listed = (
        abilities[0] if len(abilities) == 1 else f"{', '.join(abilities[:-1])} or {abilities[-1]}"
    )
    return f"Sorry, I didn't understand. You can ask me to {listed}."


def _ability(description: str, verbs: set[str]) -> str | None:
    """A description's first clause, when it starts with a verb the sentences use and is short."""
    clause = re.split(r"[;:.(]", description, maxsplit=1)[0].strip()
    if len(clause.split()) > 6:
        clause = clause.split(",", 1)[0].strip()
        if len(clause.split()) < 3:  # "Turn switches, plugs, fans ...": a list, not a clause
            return None
    words = clause.split()
    if not 2 <= len(words) <= 6 or words[0].lower() not in verbs:
        return None
    return clause[0].lower() + clause[1:]
