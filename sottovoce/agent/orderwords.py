"""Words that mark an order, shared by the readings of how people say one.

The verbs a command opens with (or, from a learner of English, ends with), the
informal verbs people switch things with ("pop the light on", "knock off the
lamp"), and the words that point at a thing ("the", "my", "this"). One list
each, so that the reading of a verb said last, of a thing said first and of a
statement said as a question agree on what is a verb. Words only: no imports.
"""

from __future__ import annotations

# Verbs that open an order in the templates' idiom ("turn", "lock", "add").
ORDER_VERBS = frozenset(
    "turn switch put make set close open stop start pause play lower raise dim lock unlock"
    " mute unmute resume add remove".split()
)
# Verbs said for switching either way: "cut the porch light on" (Southern US), "knock off
# the lamp", "flick on the light", "power off the plug", "click the lamp on", "shut off
# the fan", "mash on" (US South). In the order the relaxed forms try them.
SWITCHING_VERBS = (
    "put", "cut", "knock", "flick", "pop", "stick", "throw", "whack", "bang", "flip",
    "power", "click", "shut", "mash", "hit", "kick",
)  # fmt: skip
# Other verbs of an order, which a statement's subject never starts with.
OTHER_ORDER_VERBS = frozenset(
    "get leave keep give let bring take show read call text send run".split()
)
# Words that point at one thing: "the lamp", "my desk lamp", "this light".
POINTING = frozenset({"the", "my", "our", "this", "that"})
