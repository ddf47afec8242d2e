"""Where one thing said ends and the next begins: asides, and commands inside free text.

An aside is a short clause of its own said with a command: "it is freezing in
here", "we are out of butter", "i am off out", or one about a device, "the
bedside lamp's a bit dim". The cascade drops it and acts on the command
(`cascade.py`). A free-text slot (a list item, a note, a message) takes every
word after its template's words, so a command said after it ("we are out of
butter add some butter to the shopping list") ends up inside it; these are the
word tests that say whether a run of words may be the start of such a command,
or is bound to the words before it ("tell anna to turn off the lights").
"""

from __future__ import annotations

from collections.abc import Mapping

# Words after which the rest is what someone said, asked, did, plans or feels ("mum said to
# lock the door"): a misheard start of a command is never cut past one.
REPORTING = frozenset(
    "said says say told tells asked asks wants wanted did does left leaves forgot keeps kept"
    " was were"
    # The speaker's own plans and doubts: "i might add milk ...", "we should turn ...".
    " might may should ought"
    # Feelings and habits: "I love the fairy lights on the deck", "Callum's forever leaving
    # the bathroom light on" say what is, not what to do.
    " love loves hate hates think thought hope wish leaving forever always".split()
)

ASIDE_WORDS = 8  # an aside ("it is freezing in here") has at most this many words
# An aside opens with a subject and its verb: "it is freezing", "i am cold".
_SUBJECTS = frozenset({"it", "i", "we", "they", "you", "he", "she", "there"})
CLAUSE_VERBS = frozenset(
    "is am are was were feels feel gets get looks look seems seem has have need needs"
    " want wants think can got must".split()
)
_STATE_VERBS = frozenset("is am are was were feels feel gets get looks look seems seem".split())
# A device's name opens an aside as its subject: "the bedside lamp is a bit dim".
_DEVICE_VERBS = CLAUSE_VERBS | frozenset("keeps went goes sounds".split())
_ARTICLES = ("the", "my", "our", "that", "this")
_MAX_NAME_WORDS = 5

# Words that begin a noun phrase: after them comes the rest of it, not a new command
# ("text bob i left the lights on": "the lights on" is what was left, not an order).
_NOUN_PHRASE_STARTS = frozenset(
    "the a an my your our their his her its this that these those some any all every no".split()
)
# Words after which the next words belong to them: an infinitive, a clause they open,
# a verb's subject or auxiliary ("tell anna to turn off the lights", "note that the
# kids should stop the music", "text anna can you turn the oven on").
_BINDING = _NOUN_PHRASE_STARTS | frozenset(
    (
        "to that if whether when while because so but or and then than before after until"
        " unless of in on at for with from about by into onto off up down over"
        " i you we they he she it who which what"
        " is are was were be been am will would should can could must might may shall"
        " do does did not never always just also still already really please"
    ).split()
)


def opens_clause(word: str, verb: str) -> bool:
    """Whether two words open a clause of their own: a subject and its verb ("it is")."""
    # "it will freeze tonight" (not "i will add milk later": the speaker's plan)
    return word in _SUBJECTS and (verb in CLAUSE_VERBS or (word, verb) in _IT_WILL)


_IT_WILL = frozenset({("it", "will"), ("it", "might"), ("there", "will"), ("there", "might")})


# "That's", "what's": a contraction that opens a relative clause or a question, not a remark.
_NOT_REMARKS = frozenset("that's what's where's how's which's".split())
_BE = frozenset("is are was were".split())
_REASONS = frozenset("so because cause coz since".split())
_PEOPLE = frozenset("i we they he she".split())


# Verbs that say what someone did or is doing: "Tomasz forgot his keys", "Lakshmi is
# mopping", "Dad bought everything" (a statement about them, not words to them).
# (Not "said", "wants", "asked": what follows them is someone else's words.)
_DID = frozenset(
    "is was has had bought went came got lost broke goes comes gets brought took forgot left"
    " finished".split()
)
# A clause's verb after its subject: "the street light comes in", "the glare is brutal".
REMARK_VERBS = CLAUSE_VERBS | _DID


def about_someone(words: list[str]) -> bool:
    """Whether the words open with a statement about someone: a name and what they did."""
    return len(words) > 1 and words[0] not in _BINDING and words[1] in _DID


# A remark said without "is" (Singapore English, and speech everywhere): "the sun very
# glaring", "Daddy coming back", "nobody inside", "Ah Ma cannot hear", "raining already".
_UNSAID_IS = frozenset("very so too really coming going cannot already inside outside".split())


def _without_copula(remark: list[str]) -> bool:
    """Whether words after a command are a remark with its "is" left out."""
    if not remark or remark[0] in _BINDING - {"the", "my", "our"}:
        return False
    if remark[-1] == "already":
        return True
    unsaid = [k for k, word in enumerate(remark[1:4], 1) if word in _UNSAID_IS]
    # "thursday so i have time": "so" with a subject after it opens a reason, and the
    # word before it is the command's own ("wake me at six thursday").
    return any(remark[k] != "so" or remark[k + 1 : k + 2] not in _SUBJECT_LISTS for k in unsaid)


_SUBJECT_LISTS = [[word] for word in _SUBJECTS]


_SUBJECT_WORDS = 5  # the words of a remark's subject after its article, at most


def opens_remark(words: list[str], k: int) -> bool:
    """Whether a remark about someone or something starts at word k: "nana's here", "mum is
    home", "the kids are asleep" (said after a command as its reason)."""
    word, rest = words[k], words[k + 1 :]
    if word in _PEOPLE and rest[:1] in (["all"], ["both"]):
        rest = rest[1:]  # "we all took a shower"
    if not rest:
        return False
    if opens_clause(word, rest[0]) or (word.endswith("'s") and word not in _NOT_REMARKS):
        return True
    if word in _PEOPLE and rest[0] not in _BINDING:  # "i go for a walk", "we leave at 6"
        return True
    if word not in _BINDING and (rest[0] in _BE or about_someone(words[k:])):
        return True
    if word not in _BINDING and rest[0] in ("said", "says", "say"):  # "..., mama said she's cold"
        return True
    if _without_copula(words[k:]):
        return True
    # "load shedding is at six", "load shedding's coming": a two-word subject.
    if len(rest) > 1 and word not in _BINDING and rest[0] not in _BINDING:
        if rest[1] in _BE or (rest[0].endswith("'s") and rest[0] not in _NOT_REMARKS):
            return True
    if opens_reason(words, k):
        return True
    # "the kids are asleep", "the dog's freaking out"
    # "the grandchildren have dropped crisps everywhere"
    # "the glare off the snow is brutal": the subject may run to a few words.
    said = any(w in _BE | _DID or w in ("have", "will") for w in rest[1:_SUBJECT_WORDS])
    return word in _ARTICLES and (said or rest[0].endswith("'s"))


def opens_reason(words: list[str], k: int) -> bool:
    """Whether a reason starts at word k: "so the room airs out", "because it's cold"."""
    return words[k] in _REASONS and len(words) > k + 2


def is_aside(words: list[str]) -> bool:
    """Whether the words are a short clause of their own ("we are out of butter")."""
    return 2 <= len(words) <= ASIDE_WORDS and opens_clause(words[0], words[1])


def is_statement(words: list[str]) -> bool:
    """Whether the words are an aside that states how things are ("it is freezing", "we
    are out of butter"), not one that asks for something ("we need bread")."""
    return is_aside(words) and words[1] in _STATE_VERBS


def may_start_command(head: list[str], tail: list[str]) -> bool:
    """Whether `tail` may be a new command after `head`, not the rest of what head says."""
    return bool(head and tail) and head[-1] not in _BINDING and tail[0] not in _NOUN_PHRASE_STARTS


def device_subject(words: list[str], names: Mapping[str, str]) -> tuple[str, int] | None:
    """The device an aside is about and where the rest of the aside starts, or None.

    "the bedside lamp's a bit dim ..." -> ("light.bedside", 3): a device's name
    (from `names`, normalized spoken name -> device id) followed by a verb, or
    said with "'s" ("lamp's" is "lamp is" here; normalization leaves it alone,
    since it is also the possessive).
    """
    start = 1 if words and words[0] in _ARTICLES else 0
    for end in range(start + 1, min(len(words), start + _MAX_NAME_WORDS) + 1):
        said = words[start:end]
        if said[-1].endswith("'s"):
            device = names.get(" ".join([*said[:-1], said[-1][:-2]]))
            if device is not None:
                return device, end
        device = names.get(" ".join(said))
        if device is not None and end < len(words) and words[end] in _DEVICE_VERBS:
            return device, end + 1
    return None
