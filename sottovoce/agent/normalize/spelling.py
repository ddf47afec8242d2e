"""Spelling folded before words are read: case, symbols, punctuation, contractions, list commas."""

from __future__ import annotations

import re

# Typed text often drops the apostrophe; only unambiguous forms are listed
# ("its", "well", "ill", "id", "lets", "wont" are real words).
_BARE_CONTRACTIONS = {
    **{f"{w}nt": f"{w} not" for w in "do does did is are was were could would should have has"
       .split()},
    **{f"{w}s": f"{w} is" for w in ("what", "that", "there", "where", "how")},
    "cant": "can not", "cannot": "can not", "im": "i am", "youre": "you are", "ive": "i have",
    "gonna": "going to", "wanna": "want to", "gimme": "give me", "lemme": "let me",
    # As typed in a message: "can u turn it up", "is ur light on".
    "u": "you", "ur": "your", "r": "are", "thx": "thanks", "thnx": "thanks", "lvl": "level",
    "tmrw": "tomorrow", "tmr": "tomorrow", "rn": "right now", "asap": "now",
}  # fmt: skip
# "its freezing", "its too dark in here": typed without its apostrophe, before a word that
# says how it is ("its" as a possessive is followed by a noun).
_ITS_IS = re.compile(
    r"\bits (?=(?:so|too|really|very|way|getting|kind of|a bit|freezing|cold|hot|warm|dark"
    r"|bright|late|loud|noisy|boiling|chilly|raining|snowing|pouring|quiet|stuffy)\b)"
)
# "how long's left", "how much time's left", "everything's off": 's is "is" there.
_IS_WORDS = frozenset(
    "what it that there here where who how when why he she this long much time"
    " everything nothing something anything".split()
)
_WOULD_WORDS = frozenset("i you he she we they it that who what where how there".split())
_NOT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_SUFFIX_WORDS = {"s": "is", "m": "am", "d": "would", "re": "are", "ll": "will", "ve": "have"}
# 's and 'd are also possessive or "had"; expand them only after these words.
_SUFFIX_HOSTS = {"s": _IS_WORDS, "m": frozenset({"i"}), "d": _WOULD_WORDS}
_CONTRACTION = re.compile(r"\b([a-z]+)'(s|re|ll|ve|m|d|t)\b")

CHAR_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2212": "-",
                           "\u00a0": " ", "\u2013": " ", "\u2014": " "})  # fmt: skip
_DEGREES_C = re.compile(r"\s*[°º]\s*c\b")
_DEGREES_F = re.compile(r"\s*[°º]\s*f\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ATTACHED_UNIT = re.compile(
    r"(?<=\d)(?=(?:a\.?m|p\.?m|mins?|minutes?|secs?|seconds?|hrs?|hours?|days?|weeks?"
    r"|percent|degrees?)\b)"
)
# Keep "." and ":" only between digits, apostrophes only inside words, "-" only as a sign.
_PUNCT = re.compile(
    r"[^\w\s'.:\-]|_|(?<!\d)[.:]|[.:](?!\d)|'(?![^\W\d_])|(?<![^\W\d_])'|-(?!\d)|(?<=\S)-"
)
# "1/2 an hour" is "half an hour"; other slashes stay separators ("on/off").
_FRACTION_WORDS = {"1/2": "half", "1/4": "a quarter", "3/4": "three quarters", "1/3": "a third"}
_FRACTION = re.compile(r"(?<![\d/])(?:1/2|1/4|3/4|1/3)(?![\d/])")
SPELLINGS = re.compile(
    r"\bper cent\b|\b(?:degrees? )?(?:celsius|centigrade)\b|\bhalf way\b|(?<![^\W\d_])o ?'?clock\b"
)
SPELLING_WORDS = {"p": "percent", "h": "halfway", "d": "degrees", "c": "degrees", "o": " oclock"}

# A comma, or a full stop speech recognition put between the items ("Add butter. Flour
# and sugar to the shopping list.").
# "Make it warmer in here" heard as "... and hear" (nothing is heard at the end of a command).
_HEAR = re.compile(r"\b(?:in|and) hear(?=(?:\s+please)?\s*$)")
_ENUM_COMMA = re.compile(
    r"(?<!\d),(?!\d)|(?<![\d.\s])(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bst)"
    r"\.(?=\s+[^\W\d_])",
    re.IGNORECASE,
)
_LAST_ITEM = re.compile(r"\s*(\S+\s+){0,3}(and|or)\b", re.IGNORECASE)
_LEADING_JOIN = re.compile(r"^\s*(and|or)\s+", re.IGNORECASE)


def enumeration_commas(text: str) -> str:
    """'eggs, milk and bread' -> 'eggs and milk and bread', so the items stay apart.

    Only for a list that ends in "<item> and/or <item>", and not after a lone opener
    ("okay, ..."); an Oxford comma ("butter, and flour") adds no second "and".
    """
    parts = _ENUM_COMMA.split(text)
    # "a timer, called roast for an hour and a half" has an "and" far from the comma.
    if len(parts) < 2 or not _LAST_ITEM.match(parts[-1]):
        return text
    head = parts[0].split()
    # After a lone opener the "and" stays: "oh, and the fan too" is a follow-up.
    lone = len(head) < 2
    parts = [p if lone and i == 1 else _LEADING_JOIN.sub("", p) for i, p in enumerate(parts)]
    joined = parts[0] if not lone else parts[0] + " " + parts[1]
    rest = parts[1:] if not lone else parts[2:]
    return " and ".join([joined, *rest]) if rest else joined


def clean(text: str) -> str:
    """Lower-case, expand symbols and contractions, and strip punctuation."""
    s = text.lower().translate(CHAR_MAP)
    s = _DEGREES_C.sub(" degrees ", s)
    s = _DEGREES_F.sub(" degrees fahrenheit ", s)
    s = s.replace("°", " degrees ").replace("º", " degrees ")
    s = s.replace("%", " percent ").replace("&", " and ").replace("+", " plus ")
    s = _THOUSANDS.sub("", s)
    s = _FRACTION.sub(lambda m: _FRACTION_WORDS[m.group(0)], s)
    s = _ATTACHED_UNIT.sub(" ", s)
    s = _ONE_DEGREE.sub(" degrees", s)  # "22 degree": the number says how many
    s = _IS_IT.sub(r"\1 is \2", s)
    s = _CONTRACTION.sub(_expand_contraction, s)
    s = _ITS_IS.sub("it is ", s)
    s = _ROOM_SPLIT.sub(r"\1room", s)
    s = _YALL.sub("you", s)
    s = _DIALECT.sub(lambda m: DIALECT_WORDS[m.group(0)], s)
    s = _SCOTS_DAYS.sub(lambda m: _SCOTS_DAY_WORDS[m.group(1)], s)
    s = _HAVE_I.sub(r"\1 do \2 have", s)
    s = _WHAT_ALL.sub("what", s)
    s = _SHEY.sub(r"\2 \1 ", s)
    s = _OWN.sub("one", s)
    s = _LITTLE.sub("a little ", s)
    s = _US_ME.sub(r"\1 me", s)
    s = _MY_ME.sub(r"\1 my", s)
    s = _YA.sub(r"\1 you", s)
    return _HEAR.sub("in here", _PUNCT.sub(" ", s))


_ONE_DEGREE = re.compile(r"(?<=\d) degree\b")
# "The light of my bed room": a room written as two words that is one ("bedroom").
_ROOM_SPLIT = re.compile(r"\b(bed|bath|play|store|mud|box|sun|wash|cloak|show|class) room\b")
_YALL = re.compile(r"\by'?all\b")  # "can y'all turn the tv down": "you" to the assistant
# Scots and Irish forms that speech recognition writes as said: "can ye", "I cannae see".
DIALECT_WORDS = {
    "ye": "you", "youse": "you", "yous": "you", "dinnae": "do not", "dinna": "do not",
    **{f"{w}nae": f"{w} not" for w in "can did could would should is was does has have".split()},
    **{f"{w}na": f"{w} not" for w in ("can", "did", "could", "would")},
}  # fmt: skip
_DIALECT = re.compile(r"\b(?:" + "|".join(DIALECT_WORDS) + r")\b")
# "What day is it the day", "rain the morn": "the day" at the end is today.
_SCOTS_DAY_WORDS = {"day": "today", "morn": "tomorrow", "night": "tonight"}
_SCOTS_DAYS = re.compile(r"\bthe (day|morn|night)(?=[\s.?!]*$)")
# "What reminders have I?" (Irish, British): "what reminders do I have".
_HAVE_I = re.compile(r"^((?:what|which|how many) [a-z ]+?) have (i|we)(?: got)?(?=[\s.?!]*$)")
# "What all is there on the list" (Indian English): "what".
_WHAT_ALL = re.compile(r"\bwhat all(?= (?:is|are|do|does|did|have|has|was|were|can)\b)")
# "Shey the gate is locked?" (Nigerian English): "is the gate locked".
_SHEY = re.compile(r"^\s*(?:shey|sebi) ((?:the |my |our )?[a-z' ]+?) (is|are|was|were) ")
# "And the parlour own", "Mama's own too" (Nigerian English): "one".
_OWN = re.compile(
    r"(?<!\bmy )(?<!\bour )(?<!\byour )(?<!\bhis )(?<!\bher )(?<!\bits )"
    r"(?<!\btheir )(?<!\bon )(?<!\bof )\bown(?=\s*(?:too|also|as well|then|[.?!,]|$))"
)
# "Make it little cooler", "little more" (Indian English): "a little".
_LITTLE = re.compile(r"(?<!\ba )(?<!\bvery )(?<!\bthe )\blittle (?=(?:more|less|bit|[a-z]+er)\b)")
# "Give us the weather", "tell us the time" (Australian, British): said to the assistant.
_US_ME = re.compile(r"\b(give|tell|show) us\b")
# "What's me heart rate", "where's me phone" (Irish, Australian, Northern English): "my".
_MY_ME = re.compile(r"\b(what is|where is|where are|how is|how are) me\b")
# "Can ya turn the telly down": "you".
_YA = re.compile(r"\b(can|could|would|will) ya\b")
# "How hot's it gonna get", "how much water's left": "is" (no possessive) before these.
_IS_IT = re.compile(r"\b([a-z]+)'s (it|there|that|left)\b")
_LETTER = re.compile(r"[a-z]")
_CLOCK_LETTERS = frozenset({"am", "pm"})


def joined_letters(words: list[str]) -> list[str]:
    """Letters said one by one become the word: "t v" -> "tv", "a c" -> "ac", "c o two" -> "co2".

    Speech recognition writes an abbreviation spoken as letters with spaces. "a" and
    "i" are words of their own: a run of two starts with one only after "the" or
    "my" ("the a c"; "a q i" is three); "a m" and "p m" are left for the clock.
    """
    out: list[str] = []
    k = 0
    while k < len(words):
        end = k
        while end < len(words) and _LETTER.fullmatch(words[end]):
            end += 1
        run = "".join(words[k:end])
        opens = words[k] not in ("a", "i") or end - k >= 3 or out[-1:] in (["the"], ["my"])
        if end - k >= 2 and opens and run not in _CLOCK_LETTERS:
            if run in ("co", "no", "so") and end < len(words) and words[end] in ("2", "two"):
                run, end = run + "2", end + 1  # "c o two", "n o 2": carbon and nitrogen dioxide
            out.append(run)
            k = end
        else:
            out.append(words[k])
            k += 1
    return out


def _expand_contraction(match: re.Match[str]) -> str:
    """Expand one apostrophe contraction; possessives are left as they are."""
    word, suffix = match.group(1), match.group(2)
    if suffix == "t":
        stem = word[:-1]
        return f"{_NOT_STEMS.get(stem, stem)} not" if word.endswith("n") else match.group(0)
    if word == "let" and suffix == "s":
        return "let us"
    if suffix in _SUFFIX_HOSTS and word not in _SUFFIX_HOSTS[suffix]:
        return match.group(0)
    return f"{word} {_SUFFIX_WORDS[suffix]}"


def expand_bare(tokens: list[str]) -> list[str]:
    """Expand contractions typed without an apostrophe ("dont", "whats")."""
    if not any(t in _BARE_CONTRACTIONS for t in tokens):
        return tokens
    return " ".join(_BARE_CONTRACTIONS.get(t, t) for t in tokens).split()
