"""Canonical text for the sentence-grammar router.

Speech-to-text and typing produce many spellings of one request ("Um, set a timer for
forty-five seconds please", "5 p.m.", "21°C"). ``normalize`` folds them into one form so
the templates stay simple: lower case, no punctuation or filler words, contractions
expanded, digits for number words, durations as ``<N> seconds`` and times as ``HH:MM``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FILLER_WORDS: frozenset[str] = frozenset({"please", "pls", "plz", "kindly"})
"""Politeness words dropped wherever they occur (hesitations like "um" are matched by shape)."""

_HESITATION = re.compile(r"u+h+|u+h*m+|e+r+m*|h+m+")
_Phrases = tuple[tuple[str, ...], ...]
_Phrase = tuple[str, ...] | None
_Reader = Callable[[list[str], int, list[str]], tuple[str, int] | None]
# Longest first: the first phrase that matches is the one removed.
_LEADING: _Phrases = tuple(
    tuple(p.split())
    for p in "would you mind,do you mind,i would like you to,i want you to,i need you to,do me a"
    " favour and,do me a favor and,go ahead and,could you,can you,would you,will you,hey,okay,ok"
    ",alright,all right,just".split(",")
)
_TRAILING: _Phrases = tuple(
    tuple(p.split())
    for p in "thank you very much,thank you so much,thanks a lot,thank you,thanks,for me,if you"
    " can,if you could,if possible".split(",")
)
# "would you mind turning off..." should reach the templates as "turn off...".
_GERUNDS = dict(
    pair.split(":")
    for pair in "turning:turn switching:switch setting:set opening:open closing:close playing:play"
    " starting:start stopping:stop pausing:pause adding:add removing:remove reminding:remind"
    " calling:call sending:send telling:tell checking:check locking:lock unlocking:unlock"
    " dimming:dim reading:read making:make putting:put giving:give showing:show finding:find"
    " cancelling:cancel raising:raise lowering:lower changing:change getting:get".split()
)

# Typed text often drops the apostrophe; only unambiguous forms are listed
# ("its", "well", "ill", "id", "lets", "wont" are real words).
_BARE_CONTRACTIONS = {
    **{f"{w}nt": f"{w} not" for w in "do does did is are was were could would should have has"
       .split()},
    **{f"{w}s": f"{w} is" for w in ("what", "that", "there", "where", "how")},
    "cant": "can not", "cannot": "can not", "im": "i am", "youre": "you are", "ive": "i have",
    "gonna": "going to", "wanna": "want to", "gimme": "give me", "lemme": "let me",
}  # fmt: skip
_IS_WORDS = frozenset("what it that there here where who how when why he she".split())
_WOULD_WORDS = frozenset("i you he she we they it that who what where how there".split())
_NOT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_SUFFIX_WORDS = {"s": "is", "m": "am", "d": "would", "re": "are", "ll": "will", "ve": "have"}
# 's and 'd are also possessive or "had"; expand them only after these words.
_SUFFIX_HOSTS = {"s": _IS_WORDS, "m": frozenset({"i"}), "d": _WOULD_WORDS}
_CONTRACTION = re.compile(r"\b([a-z]+)'(s|re|ll|ve|m|d|t)\b")

_CHAR_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2212": "-",
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
_SPELLINGS = re.compile(
    r"\bper cent\b|\b(?:degrees? )?(?:celsius|centigrade)\b|\bhalf way\b|(?<![^\W\d_])o ?'?clock\b"
)
_SPELLING_WORDS = {"p": "percent", "h": "halfway", "d": "degrees", "c": "degrees", "o": " oclock"}

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS: dict[str, tuple[int, str]] = {
    **{w: (n, "unit" if n < 10 else "teen") for n, w in enumerate(_SMALL) if n},
    **{w: (10 * n, "tens") for n, w in enumerate(_TENS, start=2)},
}
# Which word may come before a unit, teen or tens word inside one number ("" = none).
_AFTER_BIG = frozenset({"", "hundred", "scale", "and"})
_MAY_PRECEDE = {"unit": _AFTER_BIG | {"tens"}, "teen": _AFTER_BIG, "tens": _AFTER_BIG}
_COUNTS = ("unit", "teen", "tens")
_SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_MULTIPLIERS = frozenset({"hundred", "dozen", *_SCALES})
_ORDINALS = frozenset(
    "first third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth "
    "fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth".split()
)
# "the other one", "which one", "the red one": "one" is a pronoun there, not a count.
_ONE_PRONOUN_BEFORE = frozenset(
    "the that this which other another each every any no only same last next first big "
    "small little large new old left right front back top bottom main red green blue "
    "yellow white black orange purple pink warm cool bright dark".split()
)

_UNIT_SECONDS = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1, "minute": 60, "minutes": 60,
    "min": 60, "mins": 60, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600,
    "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
}  # fmt: skip
_VAGUE_COUNTS = {"half": 0.5, "quarter": 0.25, "couple": 2.0, "few": 3.0}
# "a second timer" is an ordinal; "wait a second" is a duration.
_AFTER_A_SECOND = frozenset({"", "and", "then", "or", "before", "after", "later", "from"})
_QUANTITY_WORDS = frozenset(
    {*_UNIT_SECONDS, "percent", "degrees", "degree", "times", "x", "out", "stars", "points"}
)
# "set the volume at 5" and "from 10 to 5" are levels, not clock times.
_LEVEL_WORDS = frozenset(
    "volume brightness temperature thermostat heating heat fan speed level dimmer".split()
)
_MERIDIEM: dict[tuple[str, ...], str] = {
    ("am",): "am", ("a", "m"): "am", ("pm",): "pm", ("p", "m"): "pm",
    ("in", "the", "morning"): "am", ("in", "the", "afternoon"): "pm",
    ("in", "the", "evening"): "pm", ("at", "night"): "night",
}  # fmt: skip
_NAMED_HOURS = {"noon": 12, "midday": 12, "midnight": 0}
_CLOCK = re.compile(r"(\d{1,2})([:.])(\d{2})")
_TIME_TOKEN = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_SECONDS_TOKEN = re.compile(r"\b(\d+) seconds\b")
_BARE_TIME = re.compile(r"(?:at )?(\d{1,2})(?: (\d{2}))?")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def normalize(text: str) -> str:
    """Return the canonical form of a user sentence for template matching."""
    words = _drop_fillers(_expand_bare(_clean(_enumeration_commas(text)).split()))
    # Folded after filler removal so that "per um cent" settles in one pass.
    tokens = _SPELLINGS.sub(lambda m: _SPELLING_WORDS[m.group(0)[0]], " ".join(words)).split()
    for reader in (_number_at, _time_at, _duration_at):
        tokens = _rewrite(tokens, reader)
    return " ".join(tokens)


# Template syntax: slots, rules, groups, alternatives and permutations.
_TEMPLATE_SYNTAX = re.compile(r"(\{[^}]*\}|<[^>]*>|[()\[\]|;])")


def normalize_template(template: str) -> str:
    """A hassil template with its words in the form `normalize` gives what was heard.

    A plugin's "i'd like a {drink}" must meet the heard "i would like a latte":
    each run of plain words between the template's syntax may also be said in
    the form heard text is normalized to (contractions, politeness words,
    spellings, numbers and durations); the syntax and the slots stay as written.
    """
    pieces = _TEMPLATE_SYNTAX.split(template)
    return "".join(p if _TEMPLATE_SYNTAX.fullmatch(p) else _template_words(p) for p in pieces)


def _template_words(text: str) -> str:
    if not text.strip():
        return text
    tokens = [t for t in _expand_bare(_clean(text).split()) if t not in FILLER_WORDS]
    tokens = _SPELLINGS.sub(lambda m: _SPELLING_WORDS[m.group(0)[0]], " ".join(tokens)).split()
    for reader in (_number_at, _time_at, _duration_at):
        tokens = _rewrite(tokens, reader)
    words, core = text.strip(), " ".join(tokens)
    if core != words:
        # Both forms: a fragment is normalized without the words around it, which can
        # decide ("the next one" keeps its "one"). A space, not nothing, where words
        # were dropped: hassil matches "( |x)" but not "(|x)".
        core = f"({words}|{core or ' '})"
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


_ENUM_COMMA = re.compile(r"(?<!\d),(?!\d)")
_LAST_ITEM = re.compile(r"\s*(\S+\s+){0,3}(and|or)\b", re.IGNORECASE)
_LEADING_JOIN = re.compile(r"^\s*(and|or)\s+", re.IGNORECASE)


def _enumeration_commas(text: str) -> str:
    """'eggs, milk and bread' -> 'eggs and milk and bread', so the items stay apart.

    Only for a list that ends in "<item> and/or <item>", and not after a lone opener
    ("okay, ..."); an Oxford comma ("butter, and flour") adds no second "and".
    """
    parts = _ENUM_COMMA.split(text)
    # "a timer, called roast for an hour and a half" has an "and" far from the comma.
    if len(parts) < 2 or not _LAST_ITEM.match(parts[-1]):
        return text
    parts = [_LEADING_JOIN.sub("", part) for part in parts]
    head = parts[0].split()
    joined = parts[0] if len(head) >= 2 else parts[0] + " " + parts[1]
    rest = parts[1:] if len(head) >= 2 else parts[2:]
    return " and ".join([joined, *rest]) if rest else joined


def spoken_form(text: str) -> str:
    """The words as said, lower case, without hesitations (for sentences that read numbers)."""
    words = text.lower().translate(_CHAR_MAP).split()
    return " ".join(w for w in words if not _HESITATION.fullmatch(w.strip(",.!?;:")))


def parse_duration_s(text: str) -> int | None:
    """Seconds in a duration phrase such as "10 minutes" or "600 seconds", or None."""
    match = _SECONDS_TOKEN.search(normalize(text))
    return int(match.group(1)) if match else None


def parse_time_of_day(text: str) -> tuple[int, int] | None:
    """(hour, minute) of a time phrase such as "17:00", "5 pm" or a bare "7"; or None."""
    norm = normalize(text)
    match = _TIME_TOKEN.search(norm) or _BARE_TIME.fullmatch(norm)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def _clean(text: str) -> str:
    """Lower-case, expand symbols and contractions, and strip punctuation."""
    s = text.lower().translate(_CHAR_MAP)
    s = _DEGREES_C.sub(" degrees ", s)
    s = _DEGREES_F.sub(" degrees fahrenheit ", s)
    s = s.replace("°", " degrees ").replace("º", " degrees ")
    s = s.replace("%", " percent ").replace("&", " and ").replace("+", " plus ")
    s = _THOUSANDS.sub("", s)
    s = _FRACTION.sub(lambda m: _FRACTION_WORDS[m.group(0)], s)
    s = _ATTACHED_UNIT.sub(" ", s)
    s = _CONTRACTION.sub(_expand_contraction, s)
    return _PUNCT.sub(" ", s)


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


def _expand_bare(tokens: list[str]) -> list[str]:
    """Expand contractions typed without an apostrophe ("dont", "whats")."""
    if not any(t in _BARE_CONTRACTIONS for t in tokens):
        return tokens
    return " ".join(_BARE_CONTRACTIONS.get(t, t) for t in tokens).split()


def _drop_fillers(tokens: list[str]) -> list[str]:
    """Remove hesitations everywhere and politeness at the edges of the request."""
    spoken = [t for t in tokens if not _HESITATION.fullmatch(t)]
    # "please do" is itself an answer, so its "please" is content.
    kept = [t for i, t in enumerate(spoken) if t not in FILLER_WORDS or spoken[i + 1 :] == ["do"]]
    start, end = 0, len(kept)
    while (phrase := _phrase_at(kept, start, end, _LEADING)) is not None:
        start += len(phrase)
        if phrase[-1] == "mind" and start < end and kept[start] in _GERUNDS:
            kept[start] = _GERUNDS[kept[start]]
    while (phrase := _phrase_at(kept, start, end, _TRAILING, at_end=True)) is not None:
        end -= len(phrase)
    # A bare "thank you" or "ok" is a whole answer: keep it rather than return nothing.
    return kept[start:end] or spoken


def _phrase_at(
    toks: list[str], lo: int, hi: int, phrases: _Phrases, at_end: bool = False
) -> _Phrase:
    """The first phrase found at the start (or end) of toks[lo:hi]."""
    for phrase in phrases:
        at = hi - len(phrase) if at_end else lo
        if len(phrase) <= hi - lo and tuple(toks[at : at + len(phrase)]) == phrase:
            return phrase
    return None


def _read_number(tokens: list[str], i: int) -> tuple[int, int, str] | None:
    """Parse a cardinal starting at i: (value, end, kind of its last word)."""
    n, total, current, last, j = len(tokens), 0, 0, "", i
    if tokens[i] == "zero":
        return 0, i + 1, "unit"
    if tokens[i] in ("a", "an") and tokens[i + 1 : i + 2] in (["hundred"], ["thousand"], ["dozen"]):
        current, last, j = 1, "unit", i + 1
    elif tokens[i].isdecimal():
        if tokens[i + 1 : i + 2] == [] or tokens[i + 1] not in _MULTIPLIERS:
            return int(tokens[i]), i + 1, "digit"
        current, last, j = int(tokens[i]), "unit", i + 1
    while j < n:
        tok, after = tokens[j], tokens[j + 1] if j + 1 < n else ""
        value, kind = _NUMBER_WORDS.get(tok, (0, ""))
        if kind and last in _MAY_PRECEDE[kind]:
            current += value
        elif tok == "hundred" and last in _COUNTS and 0 < current < 100:
            current, kind = current * 100, "hundred"
        elif tok == "dozen" and last in _COUNTS:
            current, kind = current * 12, "unit"
        elif tok in _SCALES and last in (*_COUNTS, "hundred") and current > 0:
            total, current, kind = total + current * _SCALES[tok], 0, "scale"
        elif tok == "and" and last in ("hundred", "scale") and after in _NUMBER_WORDS:
            kind = "and"
        else:
            break
        last, j = kind, j + 1
    return (total + current, j, last) if j > i else None


def _is_pronoun_one(tokens: list[str], i: int, end: int, prev: list[str]) -> bool:
    """Whether a lone "one" at i means a thing ("that one") rather than a count."""
    after = tokens[end] if end < len(tokens) else ""
    if tokens[i] != "one" or end != i + 1 or after in _UNIT_SECONDS:
        return False
    return bool(_ONE_PRONOUN_BEFORE.intersection(prev)) or after == "of"


def _rewrite(tokens: list[str], reader: _Reader) -> list[str]:
    """Replace every span that reader recognizes with its canonical text."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        # Numbers and times right after "play" are usually titles ("play one love").
        found = None if out[-1:] == ["play"] else reader(tokens, i, out)
        if found is None:
            out.append(tokens[i])
            i += 1
        else:
            text, i = found
            out.extend(text.split())
    return out


def _number_at(tokens: list[str], i: int, before: list[str]) -> tuple[str, int] | None:
    """Spoken number at i as digits ("forty five" -> "45", "two point five" -> "2.5")."""
    parsed = _read_number(tokens, i)
    if parsed is None:
        return None
    value, end, last = parsed
    after = tokens[end] if end < len(tokens) else ""
    # "the twenty second" is a date; "a twenty second timer" is a duration.
    ordinal_next = last != "digit" and (
        after in _ORDINALS or (after == "second" and before[-1:] == ["the"])
    )
    # "two thousand thousand" is garbled; digits would merge with the rest on a second pass.
    if ordinal_next or after in _MULTIPLIERS or _is_pronoun_one(tokens, i, end, before[-1:]):
        return " ".join(tokens[i:end]), end
    return _fraction(tokens, end, tokens[i] if last == "digit" else str(value))


def _fraction(tokens: list[str], j: int, text: str) -> tuple[str, int]:
    """Append "point five" or "and a half" after a whole number: (text, new end)."""
    digits: list[str] = []
    if j + 1 < len(tokens) and tokens[j] == "point":
        k = j + 1
        # Digit words only: a "1" here may come from "a second" on an earlier pass.
        while k < len(tokens) and tokens[k] in _SMALL[:10]:
            digits.append(str(_SMALL.index(tokens[k])))
            k += 1
        if digits:
            return f"{text}.{''.join(digits)}", k
    if tokens[j : j + 3] in (["and", "a", "half"], ["and", "a", "quarter"]):
        return f"{text}.{'5' if tokens[j + 2] == 'half' else '25'}", j + 3
    return text, j


def _is_digit(tok: str) -> bool:
    """Whether tok is a single digit."""
    return len(tok) == 1 and tok.isdecimal()


def _time_at(tokens: list[str], i: int, before: list[str]) -> tuple[str, int] | None:
    """Clock time at i as 24-hour "HH:MM" ("half past seven" -> "07:30")."""
    tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
    if tok == "12" and nxt in _NAMED_HOURS:
        found: tuple[int, int, int] | None = (_NAMED_HOURS[nxt], 0, i + 2)
    elif tok in _NAMED_HOURS:
        found = (_NAMED_HOURS[tok], 0, i + 1)
    elif tok == "a" and nxt == "quarter":
        found = _read_relative(tokens, i + 1, before)
    else:
        found = _read_relative(tokens, i, before) or _read_clock_time(tokens, i, before)
    if found is None:
        return None
    hour, minute, end = found
    # A stray "am"/"pm" left after a time would turn it again on a second pass.
    while (skip := _apply_meridiem(tokens, end, 0)[1]) > end:
        end = skip
    # Two forms the tools can tell apart: "07:30"/"19:30" (the half of the day is known)
    # and "7:30" ("half past seven": either half of the day).
    if not _is_explicit(tokens[i:end], hour):
        return f"{hour}:{minute:02d}", end
    return f"{hour:02d}:{minute:02d}", end


def _is_explicit(words: list[str], hour: int) -> bool:
    """Whether a clock time said which half of the day it is (am/pm, 24-hour, noon)."""
    if hour == 0 or hour > 12 or words[0].startswith("0"):
        return True
    marks = {"am", "pm", "a", "p", "morning", "afternoon", "evening", "night", *_NAMED_HOURS}
    return any(word in marks for word in words)


def _read_relative(tokens: list[str], i: int, before: list[str]) -> tuple[int, int, int] | None:
    """Parse "quarter past 8", "20 to 5", "ten minutes past six"."""
    tok, n = tokens[i], len(tokens)
    minute = {"half": 30, "quarter": 15}.get(tok) or (int(tok) if tok.isdecimal() else 0)
    j = i + 2 if tok.isdecimal() and tokens[i + 1 : i + 2] in (["minutes"], ["minute"]) else i + 1
    if not 0 < minute <= 30 or j + 1 >= n or not tokens[j + 1].isdecimal():
        return None
    relation, hour = tokens[j], int(tokens[j + 1])
    if not 1 <= hour <= 12 or _quantity_follows(tokens, j + 2):
        return None
    if relation in ("to", "till", "til"):
        levels = before[-1:] in (["from"], ["between"]) or _is_level(before)
        if tok == "half" or (tok.isdecimal() and (minute % 5 or levels)):
            return None
        minute, hour = 60 - minute, hour - 1 or 12
    elif relation not in ("past", "after"):
        return None
    hour, end = _apply_meridiem(tokens, j + 2, hour)
    return hour, minute, end


def _read_clock_time(tokens: list[str], i: int, before: list[str]) -> tuple[int, int, int] | None:
    """Parse "7:30", "5 pm", "6 30 pm", "7 oclock", "at 5", "at 6 30"."""
    clock = _read_clock(tokens, i)
    if clock is None:
        return None
    hour, minute, end, kind = clock
    if minute > 59 or hour > 23:
        return None
    if kind == "bare" and tokens[end : end + 1] == ["oclock"]:
        end += 1
    if 1 <= hour <= 12 and (new := _apply_meridiem(tokens, end, hour))[1] > end:
        return new[0], minute, new[1]
    if kind == "colon":  # "17:30 pm" is already 24-hour; drop the stray mark
        return hour, minute, _apply_meridiem(tokens, end, hour)[1]
    if kind == "bare" and end > i + 1:  # "7 oclock"
        return hour, minute, end
    prev = before[-1] if before else ""
    if _quantity_follows(tokens, end) or _is_level(before):
        return None
    if prev == "at" and (kind in ("pair", "dot") or 1 <= hour <= 12):
        return hour, minute, end
    if prev == "for" and kind == "pair" and "timer" not in before:
        return hour, minute, end
    return None


def _read_clock(tokens: list[str], i: int) -> tuple[int, int, int, str] | None:
    """Read an hour and optional minutes: (hour, minute, end, kind)."""
    tok = tokens[i]
    if match := _CLOCK.fullmatch(tok):
        kind = "colon" if match.group(2) == ":" else "dot"
        return int(match.group(1)), int(match.group(3)), i + 1, kind
    if not tok.isdecimal() or len(tok) > 2:
        return None
    after = tokens[i + 1 : i + 3]
    if after[:1] and len(after[0]) == 2 and after[0].isdecimal():
        return int(tok), int(after[0]), i + 2, "pair"
    if len(after) == 2 and after[0] == "oh" and _is_digit(after[1]):
        return int(tok), int(after[1]), i + 3, "pair"
    return int(tok), 0, i + 1, "bare"


def _apply_meridiem(tokens: list[str], j: int, hour: int) -> tuple[int, int]:
    """Apply a following "am"/"pm"/"in the evening" to a 12-hour hour: (hour, end)."""
    for phrase, mark in _MERIDIEM.items():
        if tuple(tokens[j : j + len(phrase)]) == phrase:
            if mark == "night":
                mark = "pm" if 6 <= hour < 12 else "am"
            return hour % 12 + (12 if mark == "pm" else 0), j + len(phrase)
    return hour, j


def _quantity_follows(tokens: list[str], j: int) -> bool:
    """Whether the number before j is a quantity ("5 percent", "5 10")."""
    return j < len(tokens) and (tokens[j] in _QUANTITY_WORDS or tokens[j][:1].isdecimal())


def _is_level(before: list[str]) -> bool:
    """Whether a number ending these words is a level ("set the volume at 5"), not a time."""
    return bool(_LEVEL_WORDS.intersection(before)) and not any(t[:1].isdecimal() for t in before)


def _duration_at(tokens: list[str], i: int, before: list[str]) -> tuple[str, int] | None:
    """Duration at i as "<N> seconds" ("an hour and a half" -> "5400 seconds")."""
    found = _read_duration(tokens, i)
    if found is None:
        return None
    total, i, size = found
    # Sum "1 hour and 30 minutes", but not "5 minutes and 10 minutes" (two timers).
    while more := _read_duration(tokens, i + 1 if tokens[i : i + 1] == ["and"] else i):
        if more[2] >= size:
            break
        total, i, size = total + more[0], more[1], more[2]
    # "one minute thirty": a trailing count belongs to the next smaller unit.
    if size in (60, 3600) and tokens[i : i + 1] and tokens[i].isdecimal() and int(tokens[i]) < 60:
        if not _quantity_follows(tokens, i + 1):
            total, i = total + int(tokens[i]) * size // 60, i + 1
    return f"{int(total + 0.5)} seconds", i


def _read_duration(tokens: list[str], i: int) -> tuple[float, int, int] | None:
    """Parse one amount of one unit at i: (seconds, end, unit size)."""
    amount = _read_amount(tokens, i) if i < len(tokens) else None
    if amount is None:
        return None
    count, j, article = amount
    if tokens[j : j + 1] in (["a"], ["an"]) and tokens[j - 1] in ("half", "quarter", "of"):
        j += 1  # "half an hour", "a quarter of an hour"
    unit = tokens[j] if j < len(tokens) else ""
    size = _UNIT_SECONDS.get(unit)
    if size is None or (article and size > 3600):
        return None
    if article and unit == "second" and (tokens[j + 1 : j + 2] or [""])[0] not in _AFTER_A_SECOND:
        return None
    seconds, j = count * size, j + 1
    if tokens[j : j + 3] == ["and", "a", "half"]:
        seconds, j = seconds + size / 2, j + 3
    return seconds, j, size


def _read_amount(tokens: list[str], i: int) -> tuple[float, int, bool] | None:
    """Parse how many units precede a unit word: (count, end, was an article)."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tok in ("a", "an") and nxt in ("half", "quarter", "couple", "few"):
        found = _read_amount(tokens, i + 1)
        return (found[0], found[1], False) if found else None
    if tok in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[tok], i + (2 if nxt == "of" else 1), False
    if tok in ("a", "an"):
        return 1, i + 1, True
    if not _DECIMAL.fullmatch(tok):
        return None
    count = float(tok)
    if nxt == "quarters":
        return count / 4, i + (3 if tokens[i + 2 : i + 3] == ["of"] else 2), False
    return count, i + 1, False
