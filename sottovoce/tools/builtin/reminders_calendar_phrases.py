"""What people say to the calendar: the sentences of its tools and their slot lists.

"add the dentist to my calendar on friday at 3 pm", "what do i have coming up",
"remove dinner with mike from my calendar". The tools are in reminders_calendar.py;
reminders.py registers them with these sentences.
"""

from __future__ import annotations

from typing import Any

from sottovoce.tools.builtin.reminders_when import WEEKDAYS

_EVENT = "(event|events|appointment|appointments|meeting|meetings|entry|entries|plans)"
_CALENDAR = "[my|the|our] [family|work|personal] (calendar|schedule|agenda|diary|planner)"
_CAL_DAY = "{calendar_day:day}"
_D = "[" + _CAL_DAY + "]"

_PUT = (
    "(add|schedule|book|put|create|make|set up|enter|plan|set) [me] [a|an|the|my] [new] [calendar] "
    "(event|entry|{event_kind:kind}) [for|of|called]"
)
# A kind that names the event when only its company follows ("a meeting with pawel").
EVENT_KINDS = ("meeting", "appointment")
_AT = "[at|for|from|starting at] {reminder_clock:at}"
_ON = "{calendar_day:day}"


def _timed(head: str, tail: str = "") -> list[str]:
    """The head, the event and its time and day in the orders people say them."""
    return [
        f"{head} {{text}} {_AT} [{_ON}] {tail}",
        f"{head} {{text}} {_ON} {_AT} {tail}",
        f"{head} {_AT} [{_ON}] {{text}} {tail}",
        f"{head} {_ON} {_AT} {{text}} {tail}",
        # "... at eight pm on the ninth of august": a date, read by event_add.
        f"{head} {{text}} {_AT} (on|for) {{words:date}} {tail}",
    ] + (
        # "add the dentist to my calendar on friday at 3 pm": the calendar before the time.
        [
            f"{head} {{text}} {tail} {_AT} [{_ON}]",
            f"{head} {{text}} {tail} {_ON} {_AT}",
            f"{head} {{text}} {tail} (on|for) {{words:date}} {_AT}",
            f"{head} {{text}} {tail} {_AT} (on|for) {{words:date}}",
        ]
        if tail
        else []
    )


ADD_SENTENCES: list[str | dict[str, Any]] = [
    *_timed(_PUT),
    *_timed("(add|put|schedule|enter|write|pencil|note)", "(in|on|to|into) " + _CALENDAR),
    *_timed("(in|on|to|into) " + _CALENDAR + " (add|put|write|enter|schedule|note) [that]"),
    *_timed("schedule [a|an|my]"),
    # No calendar said, but a day and a time: an event, never a thing for a list (not
    # "book": "book a taxi for 6 am tomorrow" asks for a service, not an entry).
    f"(add|put|pencil in) [a|an|my] {{text}} [for|on] {_ON} {_AT}",
    f"(add|put|pencil in) [a|an|my] {{text}} {_AT} [on|for] {_ON}",
    *_timed("[set|create|add|make] [a|an] [new] (notification|alert) (for|that|about)"),
    # When and more after the calendar, in any order: "add a meeting to my calendar for
    # nine am with tom", "add lunch to my calendar tomorrow at noon at the cafe".
    "(add|put|schedule|enter|write|pencil|note) {text} (in|on|to|into) "
    + _CALENDAR
    + " {words:date}",
    # Said with no time: asked for it, and nothing is put in.
    _PUT + " {text}",
    "(add|put|schedule|enter|write|pencil|note) {text} (in|on|to|into) " + _CALENDAR,
    "(in|on|to|into) " + _CALENDAR + " (add|put|write|enter|schedule|note) [that] {text}",
]
LIST_SENTENCES: list[str | dict[str, Any]] = [
    "what is (on|in) " + _CALENDAR + " " + _D,
    "what (is|are) " + _CALENDAR + " [events|plans] " + _D,
    "what (events|appointments|meetings|plans|calendar events) (do i have|have i got|are "
    "there|are in " + _CALENDAR + ") [coming up|planned|scheduled|booked] " + _D,
    "(do i have|have i got|are there|is there) (any|anything) [upcoming] [" + _EVENT + "|calendar "
    "events|pending reminders|pending reminder] [coming up|scheduled|planned|booked|on|pending] "
    "[(in|on) " + _CALENDAR + "] " + _D,
    "(show|list|read|tell me|give me|list out) [me] [all] [my|the] [upcoming|up coming] "
    "(" + _EVENT + "|calendar|schedule|agenda|calendar events) " + _D,
    "tell me [all] about [my|the] [upcoming] " + _EVENT + " " + _D,
    # Three words at least: a two-word form would take one of the speech prompt's
    # example places (voice/vocabulary.py) from a command whisper needs more.
    "(my|show|list|any|all) (upcoming|up coming) (events|appointments|meetings)",
    "what does [my] " + _CAL_DAY + " (schedule|calendar|agenda) look like",
    "what does my (schedule|calendar|agenda|day|morning|afternoon|evening) look like " + _D,
    "what is my [event|events|calendar] (agenda|schedule) " + _D,
    "what is my (agenda|schedule) for the (rest|remainder) of the week",
    "what reminders are (coming up|set|there) " + _CAL_DAY,
    # "what do i have coming up", "what do i have planned for this week", "what is the
    # plan today", "what's my schedule like today", "show future events".
    "what (do i have|have i got) (planned|scheduled|booked|coming up|going on|on) " + _D,
    "what (do i have|have i got) (planned|scheduled|booked|coming up) next",
    "what (do i have|have i got) (planned|scheduled|booked|going on) {words:date}",
    "what is [my|the] plan [for] " + _D,
    "what are [my|the] plans [for] " + _D,
    "what is [my|the] (schedule|calendar|agenda|day) like " + _D,
    "(show|list|give me|tell me) [me] [all] [my|the] (future|coming|next|forthcoming) "
    + _EVENT
    + " "
    + _D,
    "what " + _EVENT + " (are|is) (upcoming|coming up|scheduled|planned|booked|on) " + _D,
    "what are [my|the] (meeting|meetings|events|appointments) (scheduled|planned|booked) " + _D,
    "tell [me] my " + _EVENT + " " + _D,
    "(upcoming|future) (events|appointments|meetings) (in|on) " + _CALENDAR,
    "give me the (time|times) of [my|the] " + _EVENT,
    "(is|are) there [a|an|any] {event_noun:about} (on|in) " + _CALENDAR + " " + _D,
    # A date: "do i have anything scheduled for march seventh" (read by calendar_list).
    # "on"/"for" are the date's own words: as literal words they would outrank the
    # day list's "for tomorrow" (grammar.py ranks by literal words first).
    "what is (on|in) " + _CALENDAR + " {words:date}",
    "what (are|is) [my|the] " + _EVENT + " {words:date}",  # "what are the events next week"
    "what is (going on|happening) " + _CAL_DAY,
    "what is (going on|happening) on {words:date}",  # "... on december fourth"
    "(am i|are we) (free|busy|available) {words:date}",  # "am i free at four pm"
    "(do i have|have i got|are there|is there) (any|anything) [" + _EVENT + "] "
    "[scheduled|planned|booked] [(in|on) " + _CALENDAR + "] {words:date}",
    "what (events|appointments|meetings|plans) (do i have|have i got|are there) "
    "[scheduled|planned|booked] {words:date}",
    # "do i have a sales meeting today": the kind of meeting said before it.
    "(do i have|have i got|is there) [a|an|any] {words:date} (meeting|appointment|event|class|"
    "lesson|session) " + _D,
    "(do i have|have i got|is there) [a|an|any] {event_noun:about} [for] "
    + _CAL_DAY
    + " [(in|on) "
    + _CALENDAR
    + "]",
    {
        "sentences": [
            "(when|what time) (is|are) [my|the] [next|first] {event_noun:about} " + _D,
            "what is my (first|next) {event_noun:about} " + _D,
            # An event by its name: "when is my brunch with jennifer", "what time is my
            # doctor appointment on march 31st", "what time does the concert begin".
            "(when|what time) (is|are|will) (my|the) [next|first] {words:date} "
            "[be|begin|start|happen|supposed to (begin|start|be)]",
            "(when|what time) (does|do) (my|the) [next|first] {words:date} (begin|start|happen)",
            "(when|what time) will (my|the) [next|first] {words:date} (be|begin|start) " + _CAL_DAY,
        ],
        "slots": {"first": True},
    },
]
REMOVE_SENTENCES: list[str | dict[str, Any]] = [
    # "All my meetings" are the meetings only ({event_noun:about} below), not every event.
    "(remove|delete|clear|cancel|wipe|erase|drop) (all|everything|all data) [of|from|on|in] "
    "[the|my] [(event|events|entry|entries|plans|appointment|appointments)"
    + "|calendar events|events and schedules] [(from|on|in) "
    + _CALENDAR
    + "] "
    + _D,
    "(clear|wipe|empty|erase) [out] " + _CALENDAR + " [clean|completely] " + _D,
    "(completely|totally) clear " + _CALENDAR + " " + _D,
    "make sure " + _CALENDAR + " is [completely] (clear|empty) " + _D,
    "[open calendar] [do] (remove|delete|cancel|clear) all [of] [the|my] {event_noun:about} "
    "[(from|on|in) " + _CALENDAR + "] " + _D,
    {
        "sentences": [
            "[do] (remove|delete|cancel|drop) [the|my] next [calendar] (event|appointment|meeting) "
            "[(from|on|in) " + _CALENDAR + "]",
            "(remove|delete|cancel) from " + _CALENDAR + " the next (event|appointment|meeting)",
        ],
        "slots": {"first": True},
    },
    {
        "sentences": [
            # "The meeting i have with john tonight", "the event for dan": not "at one pm".
            "(remove|delete|cancel) [the|my] [calendar] (event|appointment|meeting) "
            "[(i|we) have] (with|for|about) {words:about}",
            "(remove|delete|cancel) [the|my] {words:about} (event|appointment|meeting|meetings) "
            "[(from|on|in) " + _CALENDAR + "]",
            "(remove|delete|cancel) [my] " + _CAL_DAY + " {words:about}",
            "(remove|delete|cancel) [the|my] {event_noun:about} " + _D,
            "(remove|delete|cancel) [the|my] [calendar] [{event_noun:about}] (at|for) "
            "{reminder_clock:at} [(in|on|from) " + _CALENDAR + "] " + _D,
            # Anything taken off the calendar is an event: "remove dinner with mike from my
            # calendar" (not a list called calendar), "delete eric's bday from the calendar".
            "(remove|delete|erase|cancel|take|clear|drop) {words:about} (from|off|off of|on|in) "
            + _CALENDAR
            + " "
            + _D,
            "(remove|delete|erase|cancel|take|clear|drop) (from|off) "
            + _CALENDAR
            + " [the|my] {words:about}",
        ],
        "slots": {"one": True},
    },
]


def day_values() -> list[dict[str, str]]:
    """Days and spans as said after a calendar question: 'today', 'for friday', 'this week'."""
    values = {
        "(today|tonight|this (morning|afternoon|evening)|for (today|tonight)"
        "|for the rest of the day|(in|for) the rest of today)": "today",
        "[for] tomorrow [morning|afternoon|evening]|tomorrow's|tomorrows": "tomorrow",
        "today's|todays": "today",
        "[for] (this|the) week|for the (rest|remainder) of the week|this coming week"
        "|(for|in) the next (432000|604800) seconds": "week",
        "[for] (this|the) month|for the (rest|remainder) of the month": "month",
    }
    out = [{"in": said, "out": day} for said, day in values.items()]
    out += [
        {"in": f"[for|on|this|next] {d} [morning|afternoon|evening]", "out": d} for d in WEEKDAYS
    ]
    return out


def event_nouns() -> list[str]:
    """What people call the things in a calendar ('my meeting', 'the dentist')."""
    nouns = "meeting appointment event lunch dinner breakfast party class lesson practice"
    nouns += " game call interview date visit training session dentist doctor"
    return [form for noun in nouns.split() for form in (noun, noun + "s")]
