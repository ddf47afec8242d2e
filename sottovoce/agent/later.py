"""'At one pm today start the vacuum', 'every morning at 7 turn on the coffee machine':
an order for later.

No tool acts at a later time (a reminder speaks, it does not act). When words that
nothing else read open with when to act and then give an order, saying so beats a
guess: a language model would act now, and acting now is not what was asked.
"""

from __future__ import annotations

import re

from sottovoce.agent.orderwords import ORDER_VERBS, OTHER_ORDER_VERBS

LATER_REPLY = "I can't do things at a later time yet. Ask me then, or ask me to remind you."
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
# Words that say when, in any order before the order: "by 10:50 am daily", "tomorrow at 8:00".
_WHEN_WORDS = frozenset(
    "at by from on today tomorrow tonight daily every each morning evening night afternoon"
    " day week weekday weekdays am pm in the".split()
)
_OPENING = frozenset({"at", "by", "from", "tomorrow", "tonight", "daily", "every", "each"})
_VERBS = ORDER_VERBS | OTHER_ORDER_VERBS


# A time to act said after the order (only when nothing else read the words): "start coffee
# at 06:00", "turn off the bedroom light at 21:30", "my vacuum cleaner should start between
# 10 to 11:00 am everyday".
_AFTER = _WHEN_WORDS | {"everyday", "between", "to", "and"}
_WHEN_AFTER = frozenset({"tomorrow", "tonight", "daily", "everyday", "every", "each"})
_WHEN_OPENS = _OPENING | {"between", "everyday"}
_MODAL = frozenset({"should", "must"})
# An order is short, and no clause of a reason ("set your alarms because they kick off at 7")
# nor words to pass on ("send anna word that dinner is at eight": the time is the message's).
_ORDER_WORDS = 10
_CLAUSE = frozenset(
    "because cause since as when if so while that saying say tell text message word".split()
)


def for_later(text: str) -> bool:
    """Whether the normalized words give an order with a time to act before or after it."""
    words = text.split()
    if words and words[0] not in _OPENING:
        return _later_after(words)
    if not words:
        return False
    k, timed = 0, False
    while k < len(words) and (words[k] in _WHEN_WORDS or _CLOCK.match(words[k])):
        timed = timed or bool(_CLOCK.match(words[k])) or words[k] not in ("at", "by", "the")
        k += 1
    return timed and 0 < k < len(words) and words[k] in _VERBS


def _later_after(words: list[str]) -> bool:
    """An order ("turn off ...", "the vacuum should start ...") and then when to act."""
    k = len(words)
    while k > 0 and (
        words[k - 1] in _AFTER or _CLOCK.match(words[k - 1]) or words[k - 1].isdigit()
    ):
        k -= 1
    while k < len(words) and words[k] not in _WHEN_OPENS:
        k += 1  # it opens with "at", "between", "every", "tomorrow" ("until 00:00" is no when)
    when, said = words[k:], words[:k]
    timed = any(_CLOCK.match(w) or w in _WHEN_AFTER for w in when)
    if not timed or not said or len(said) > _ORDER_WORDS or _CLAUSE & set(said):
        return False
    # The order opens the words, or follows "should"/"must" ("the vacuum should start").
    return said[0] in _VERBS or any(
        w in _MODAL and nxt in _VERBS for w, nxt in zip(said, said[1:], strict=False)
    )
