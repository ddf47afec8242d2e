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


def for_later(text: str) -> bool:
    """Whether the normalized words open with a time to act and then give an order."""
    words = text.split()
    if not words or words[0] not in _OPENING:
        return False
    k, timed = 0, False
    while k < len(words) and (words[k] in _WHEN_WORDS or _CLOCK.match(words[k])):
        timed = timed or bool(_CLOCK.match(words[k])) or words[k] not in ("at", "by", "the")
        k += 1
    return timed and 0 < k < len(words) and words[k] in _VERBS
