"""The agent's own sentences, beside the tools': follow-ups and names this home lacks.

Follow-ups ("and in the kitchen?", "no, I meant the hall light") re-aim the last
call (`followups.py`); the unknown-name sentences catch the words where a name
was expected when nothing else matched ("turn on the hot tub"), so the reply
can say the home has no such thing. `grammar.py` compiles both.
"""

from __future__ import annotations

from typing import Any

# "And in the kitchen?" / "what about the fan?": the agent re-runs the last call.
FOLLOW_UP_SENTENCES = [
    "(make|set|change|put|turn) (that|it) [to] {number:value} [percent|degrees|seconds]",
    "[no] [make it] {number:value} [percent|degrees] instead",
    # "No, 21" after setting the heating to 22; "twenty three please" after its mode.
    "(no|nah|actually|make that) {number:value} [percent|degrees] [please|then|instead]",
    "{number:value} [percent|degrees] [then|is fine|will do|is grand|is good|is enough|is ok"
    "|is okay]",
    # "And upstairs to 22" after setting the downstairs thermostat.
    "[and] [set] [the] {area} [one|thermostat|heating] (to|at) {number:value} [percent|degrees]",
    # "And the fan" after the lights out here: that kind, in the same place.
    "and [the] {kind_word:kind} [too|as well|also]",
    "[and] [what|how] [about] [in|for|at|on] [the] {area} [too|as well|also|please]",
    "[and] [what|how] [about] [the] {area} (one|ones) [too|as well|also|please]",
    "[and] [what|how] [about] the (one|ones) (in|on|at|upstairs|downstairs) [the] {area} [too]",
    "[and] [do] [the] same [thing] (for|in|on|with|at) [the] {area} [too|please]",
    "[and] [do] [the] same [thing] {area} [too|please]",
    "and [the] {device:name} [too|as well|also]",
    # "And the bedside lamp in there" (two bedside lamps): the one in that room.
    "and [the] {device:name} (in|on) [the] {area} [too|as well|also]",
    "and [the] {area} {device:name} [too|as well|also]",
    "(what|how) about [the] {device:name}",
    "[and] [also] [the] {device:name} (too|as well|also)",
    "[and] [what|how] [about] {day} [too|as well|also]",
    "and [the] {contact} [too|as well|also]",
    "[and] [what|how] about [the|my] {list_name} list",
    "and [the|my] {list_name} list [too|as well|also]",
    "[now] do [the] {area} [one|ones] [too|as well|also]",
    # A correction: "no, I meant the hall light", "sorry, I meant in the bedroom".
    "i (meant|mean|said|wanted) [the] {device:name} [instead|not that one]",
    "i (meant|mean|said|wanted) (in|on) [the] {area} [instead]",
    "i (meant|mean|said|wanted) [the|my] {list_name} list",
    "(not (that|this) one|wrong one) [the] {device:name}",
    "i (meant|mean|said|wanted) [the] {kind_word:kind} [instead|not that one]",
    "i (meant|mean|said|wanted) [the] {area} (one|ones) [instead]",
    "i (meant|mean|said|wanted) [in] [the] {area} [instead]",
    # "No no, the balcony light": a name said straight after "no" corrects the last command.
    "(no|nah|nope|ag no) [no|nah|wait] [not (that|this) one] [the] {device:name}"
    " [instead|please|only]",
    "(no|nah|nope) [no|nah] [not (that|this) one] [the] {area} (one|ones) [instead|please|only]",
    "[and] same (for|in|with) [the] {area} [too|as well|also|please]",
    # "And the blinds in the conservatory": the same change to that kind there.
    "and [the] {kind_word:kind} (in|on) [the] {area} [too|as well|also]",
    "and [the] {area} {kind_word:kind} [too|as well|also]",
]

# "Nah, red" after a colour, "ok too much, medium" after the fan went up: by the list of
# words they use, compiled only when a plugin brings that list.
VALUE_WORD_FOLLOW_UPS = {
    "color": ["(no|nah|nope|actually|make (that|it)) [no|nah] {color} [instead|please|then]"],
    "fan_speed": [
        "(no|nah|nope|actually|make (that|it)) [no|nah] {fan_speed:value} [instead|please|then]",
        "{fan_speed:value} (is fine|is ok|is okay|is enough|is good|will do)",
    ],
}

# "And in here" from another room: the last change where the user is now.
HERE = "here"  # the area slot it fills
HERE_FOLLOW_UP = [
    "[and] [now] [the same] [what|how] [about] (in here|here|this room) [too|as well|also]"
]

# "Actually, halfway" after opening a blind: the same device, half of it.
HALFWAY_FOLLOW_UP = [
    "[no] [make it|make that|put it at|set it to] (halfway|half way|half) [instead|please|only]",
    "[no] (halfway|half way) (is|will do|is grand|is fine|is enough) [thanks]",
]

# "Ah no, all the way" after opening a blind halfway: the same device, fully.
ALL_THE_WAY_FOLLOW_UP = [
    "[no] [make it|open it|put it] all the way [up|open] [instead|please|then]",
    "[no] (fully|full) [open] [instead|please]",
    "(open|put|make|set) it (fully|full|full open|to full) [instead|please|then]",
]

# Commands whose object is a name: when nothing else matched, the words there name
# something this world does not have ("turn on the hot tub").
UNKNOWN_SENTENCES = {
    "place": [
        "(turn|switch) (on|off) [all] [the] {kind} in [the] {thing}",
        "(turn|switch) [all] [the] {kind} in [the] {thing} (on|off)",
        "(open|close) [all] [the] {kind} in [the] {thing}",
        "what is the (temperature|humidity) in [the] {thing}",
    ],
    "thing": [
        "(turn|switch|put|shut) (on|off) [the] {thing}",
        "(turn|switch|put|shut) [the] {thing} (on|off)",
        "(open|close|shut|lock|unlock|start|stop|dim|brighten|preheat|heat) [the] {thing}",
        "(activate|enable) [the] {thing}",
        "(set|preheat|heat|turn) [the] {thing} (to|at) {anything}",
        "(is|are) [the] {thing} (on|off|open|closed|locked|unlocked|running)",
    ],
    "media": ["play [some|something|music|songs|anything] by {thing}", "play [the] {thing}"],
    "contact": ["(call|phone|ring|text|message) {thing}", "send [a] message to {thing} {anything}"],
    "scene": ["(activate|start|set) [the] {thing} scene"],
}
UNKNOWN_INTENTS: dict[str, Any] = {
    "language": "en",
    "intents": {what: {"data": [{"sentences": s}]} for what, s in UNKNOWN_SENTENCES.items()},
    "lists": {
        "thing": {"wildcard": True},
        "anything": {"wildcard": True},
        "kind": {"values": ["light", "lights", "lamps", "blinds", "curtains", "fan", "fans"]},
    },
}
