"""When a reminder or an alarm is due: "HH:MM" as the grammar writes it, a day, a half of the day.

Sentences reach the reminders plugin normalized: a time of day is "HH:MM" (or
"H:MM" when the half of the day was not said: "at five thirty"), with "am"/"pm"
kept after 10 to 12. These helpers turn that, a day word ("tomorrow",
"tuesday") and a part of the day ("in the morning", "this evening") into the
next local time it names, and say a time back the way people read a clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sottovoce.tools import ToolError

NO_TIME = "I didn't catch the time."
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A part of the day said with a time that did not say its half: "at eight in the morning".
PARTS = {
    "morning": "am", "in the morning": "am", "this morning": "am", "am": "am",
    "afternoon": "pm", "in the afternoon": "pm", "this afternoon": "pm",
    "evening": "pm", "in the evening": "pm", "this evening": "pm", "tonight": "pm",
    "at night": "pm", "night": "pm", "pm": "pm",
}  # fmt: skip
# A part of the day said after a day or a repeat ("tomorrow morning", "every evening").
PARTS_OF_DAY = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "pm"}


def clock_values() -> list[dict[str, str]]:
    """Every "HH:MM" (and "H:MM") as a slot list, so that a time and the text can sit
    side by side in a template: two adjacent wildcards cannot be split."""
    values = []
    for hour in range(24):
        for minute in range(60):
            out = f"{hour:02d}:{minute:02d}"
            values.append({"in": out, "out": out})
            if hour < 10:  # unpadded, so still without its half: due_at picks the next
                said = f"{hour}:{minute:02d}"
                values.append({"in": said, "out": said})
            if 10 <= hour <= 12:  # the half of the day said: "10:30 am", "12:00 pm"
                said = f"{out} {'pm' if hour == 12 else 'am'}"
                values.append({"in": said, "out": said})
    # A bare hour ("an alarm for three today": the normalizer leaves "for 3" alone).
    values += [{"in": str(hour), "out": f"{hour}:00"} for hour in range(1, 13)]
    return values


def when_values() -> list[dict[str, str]]:
    """A day and/or a part of the day as said around an alarm's time, each to "DAY HALF"
    ("tomorrow morning" -> "tomorrow am", "on tuesday" -> "tuesday", "tonight" -> "today pm")."""
    days = {"today": "today", "tomorrow": "tomorrow", "tonight": "today"}
    days |= {d: d for d in WEEKDAYS} | {f"on {d}": d for d in WEEKDAYS}
    days |= {f"this {d}": d for d in WEEKDAYS} | {f"next {d}": d for d in WEEKDAYS}
    values = {said: day for said, day in days.items()}
    for part, half in PARTS.items():
        if part not in ("am", "pm"):
            values[part] = f"{'today ' if part == 'tonight' else ''}{half}"
    for said, day in days.items():
        if said != "tonight":
            for part in ("morning", "afternoon", "evening", "night"):
                values[f"{said} {part}"] = f"{day} {PARTS[part]}"
            values[f"{said} in the morning"] = f"{day} am"
            values[f"{said} in the evening"] = f"{day} pm"
    return [{"in": said, "out": out} for said, out in values.items()]


def clock(when: datetime) -> str:
    """'8:40 AM', '12:05 PM'."""
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def when_phrase(due: datetime, now: datetime) -> str:
    """'at 8:40 AM', 'tomorrow at 8:40 AM', 'on Friday at 8:40 AM'."""
    days = (due.date() - now.date()).days
    if days <= 0:
        return f"at {clock(due)}"
    if days == 1:
        return f"tomorrow at {clock(due)}"
    if days < 7:
        return f"on {due:%A} at {clock(due)}"
    return f"on {due:%A} {due:%B} {due.day} at {clock(due)}"


# A clock time inside free text with the word that introduced it: "meet bob at 17:00",
# "my event starting at 1:00 pm".
_TIME_IN_TEXT = re.compile(r"\b(?:(?:at|by|for|from|starting at) )?(\d{1,2}:\d{2}(?: am| pm)?)\b")


def take_time(text: str) -> tuple[str | None, str]:
    """('17:00', 'meet bob ') from 'meet bob at 17:00': the first clock time, and the text
    without it; (None, text) when there is none."""
    found = _TIME_IN_TEXT.search(text)
    if found is None:
        return None, text
    return found[1], text[: found.start()] + " " + text[found.end() :]


def parse_hhmm(text: str) -> tuple[int, int]:
    """'08:40' -> (8, 40); ToolError for anything else."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?: am| pm)?", text.strip())
    if match is None:
        raise ToolError(NO_TIME)
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ToolError(NO_TIME)
    return hour, minute


def hours_of(hhmm: str, half: str | None = None) -> list[int]:
    """The hours of the day "HH:MM" may mean: one when its half was said, else two."""
    hour, _ = parse_hhmm(hhmm)
    text = hhmm.strip()
    if text.endswith(("am", "pm")):
        half = text[-2:]
    elif text.startswith("0") or hour == 0 or hour > 12:
        return [hour]  # "07:30", "19:30": said with its half
    if half == "am":
        return [hour % 12]
    if half == "pm":
        return [hour % 12 + 12]
    return [hour % 12, hour % 12 + 12]


def likely_hour(hours: list[int], morning_from: int = 7) -> int:
    """Of 'HH:MM' said without its half, on a named day: `morning_from` to 11 in the
    morning, else pm."""
    return hours[0] if len(hours) == 1 or morning_from <= hours[0] < 12 else hours[1]


def due_on(day: date, hhmm: str, half: str | None = None) -> datetime:
    """HH:MM on a given date (the half of the day as on a named day)."""
    _, minute = parse_hhmm(hhmm)
    return datetime(day.year, day.month, day.day, likely_hour(hours_of(hhmm, half)), minute)


def due_at(
    now: datetime, hhmm: str, day: str | None, half: str | None = None, morning_from: int = 7
) -> datetime:
    """The next HH:MM: today if still ahead, else tomorrow; a day word forces its day.

    An unpadded "2:30" did not say am or pm: the next of 2:30 and 14:30 is meant
    (on a named day: `morning_from` to 11 in the morning, 12 at noon, the other
    hours in the afternoon),
    unless a part of the day (`half`, "am"/"pm") said it. "07:30", "19:30",
    "10:30 am" and "12:00 pm" said which half of the day. `day` is "today",
    "tomorrow" or a weekday ("tuesday": the next one, today if still ahead).
    """
    hours = hours_of(hhmm, half)
    _, minute = parse_hhmm(hhmm)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    likely = likely_hour(hours, morning_from)
    if day == "tomorrow":
        return midnight + timedelta(days=1, hours=likely, minutes=minute)
    if day in WEEKDAYS:
        ahead = (WEEKDAYS.index(day) - now.weekday()) % 7
        due = midnight + timedelta(days=ahead, hours=likely, minutes=minute)
        return due if due > now else due + timedelta(days=7)
    for offset in (0, 1):
        for candidate in hours:
            due = midnight + timedelta(days=offset, hours=candidate, minutes=minute)
            if due > now:
                if offset and day == "today":
                    raise ToolError(f"It is already past {clock(due)} today.")
                return due
    raise ToolError(NO_TIME)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth"
_TEENS += " eighteenth nineteenth"
_DAY_WORDS = {word: n for n, word in enumerate(_UNITS, start=1)}
_DAY_WORDS |= {word: n for n, word in enumerate(_TEENS.split(), start=10)}
_DAY_WORDS |= {"twentieth": 20, "thirtieth": 30}
_DAY_WORDS |= {f"twenty {word}": 20 + n for n, word in enumerate(_UNITS, start=1)}
_DAY_WORDS |= {"thirty first": 31}
_CARDINALS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_CARDINALS += " fifteen sixteen seventeen eighteen nineteen twenty"
_DAY_WORDS |= {word: n for n, word in enumerate(_CARDINALS.split(), start=1)}
_DAY_WORDS |= {f"twenty {word}": 20 + n for n, word in enumerate(_CARDINALS.split()[:9], start=1)}
_DAY_WORDS |= {"thirty": 30, "thirty one": 31}
_DAY = r"(\d{1,2}(?:st|nd|rd|th)?|" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + ")"
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_DATES = (
    re.compile(rf"\b(?:on )?(?:the )?{_DAY} (?:of )?{_MONTH}\b"),  # "the ninth of august"
    re.compile(rf"\b(?:on )?{_MONTH} (?:the )?{_DAY}\b"),  # "may fifth", "feb 4"
)


def date_in(text: str, today: date) -> tuple[date | None, str]:
    """A day of a month said in the text ("on the ninth of august", "feb four"), the next
    such date from today, and the text without it; (None, text) when there is none."""
    for pattern in _DATES:
        found = pattern.search(text)
        if found is None:
            continue
        groups = found.groups()
        day_said, month_said = groups if pattern is _DATES[0] else groups[::-1]
        digits = re.match(r"\d+", day_said)
        number = int(digits[0]) if digits else _DAY_WORDS[day_said]
        try:
            when = date(today.year, _MONTHS[month_said], number)
            if when < today:
                when = date(today.year + 1, when.month, number)
        except ValueError:
            continue
        return when, " ".join((text[: found.start()] + " " + text[found.end() :]).split())
    return None, text


_ORDINALS = [w for w in _DAY_WORDS if w.endswith(("st", "nd", "rd", "th"))]
_ORDINAL_ONLY = re.compile(
    r"^(?:the )?(\d{1,2}(?:st|nd|rd|th)|"
    + "|".join(sorted(_ORDINALS, key=len, reverse=True))
    + ")$"
)


def day_of_month(text: str, today: date) -> date | None:
    """'the ninth', 'the 21st': the next date on that day of a month, today included."""
    found = _ORDINAL_ONLY.match(text.strip())
    if found is None:
        return None
    digits = re.match(r"\d+", found[1])
    number = int(digits[0]) if digits else _DAY_WORDS[found[1]]
    year, month = today.year, today.month
    for _ in range(3):  # the 31st may be two months away
        try:
            when = date(year, month, number)
        except ValueError:
            when = None
        if when is not None and when >= today:
            return when
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None
