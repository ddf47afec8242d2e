"""More sensor templates: places said with "up"/"down"/"out" or bare, and who is about."""

from __future__ import annotations

from sottovoce.tools.targets import the_name

WARM = "(warm|hot|cold|cool|chilly)"
# "Up in the loft", "down in the kitchen", "out in the garden"; or a floor alone ("upstairs").
WHERE = "((up|down|out|over) (in|on) [the] {area}|(up|down|out|over) there in [the] {area})"
BARE = "{area}"
QUITE = "[too|very|really|a bit]"
FEELS = "(warm|hot|cold|cool|chilly|freezing|stuffy)"


def temperature_sentences() -> list[str]:
    """'How warm is it up in the loft', 'what's the temperature like in the bedroom'."""
    return [
        f"how {WARM} is it {WHERE}",
        f"how {WARM} is it {BARE}",
        f"how {WARM} is [it] {WHERE}",
        f"how {WARM} is [the] {{area}} [right now|at the moment]",
        f"what is the temperature [like] {WHERE}",
        "what is the temperature like (in|on) [the] {area}",
        f"what is the temperature [like] {BARE}",
        f"what temperature is it {WHERE}",
        f"what temperature is it {BARE}",
        "what is the temperature (of|in) [the] {area} [right now|at the moment]",
        f"is it {WARM} {WHERE}",
        f"is it {WARM} {BARE}",
        f"is it {QUITE} {FEELS} (in here|in this room|in [the] {{area}})",  # "is it cold in here"
        f"how many degrees is it ({WHERE}|{BARE})",
    ]


def quantity_sentences() -> list[str]:
    """'What's the humidity like up in the bathroom', 'what is the humidity upstairs'."""
    return [
        "what is the {sensor_quantity:quantity} [like] " + WHERE,
        "what is the {sensor_quantity:quantity} like (in|on) [the] {area}",
        "what is the {sensor_quantity:quantity} [like] " + BARE,
    ]


def motion_sentences() -> list[str]:
    """'Is there any motion up in the loft', 'is anyone upstairs', 'is anyone moving about'."""
    who = "(anyone|anybody|someone|somebody|people)"
    return [
        f"is there [any] (motion|movement) {WHERE}",
        f"is there [any] (motion|movement) {BARE}",
        "is there [any] (motion|movement) (detected|going on) [(in|on) [the] {area}]",
        f"(is|are) [there] {who} {WHERE}",
        f"(is|are) [there] {who} {BARE}",
        f"(is|are) [there] {who} (moving|about|moving about|around) [(in|on) [the] {{area}}]",
        "(is|are) there (someone|somebody|anyone|anybody|people) (in|on) [the] {area}",
        "(does|did) [the] {area} motion sensor (see|detect|show) (anything|anyone|motion)",
    ]


def in_place(names: list[str], place: str) -> str:
    """' in the loft', ' upstairs', ' on the top floor': a place as said after a noun."""
    if place in names:
        return f" in {the_name(place)}"
    if place in ("upstairs", "downstairs", "outside", "inside", "everywhere"):
        return f" {place}"
    return f" on the {place}" if place.endswith("floor") else f" in {the_name(place)}"


# A measure as said: "the co2 level", "the total amount of consumed water", "the
# carbon monoxide concentration". No tail word may end a measure's own name ("rate",
# "intensity"): "rain" + "intensity" would outscore "rainfall intensity".
_MOD = "[current|present|latest|total|accumulated|overall|measured|actual|stored|consumed|used]"
_TAIL = "[level|levels|concentration|reading|readings|value|amount|measurement|percentage|index]"
_NOUN = "(amount|level|concentration|quantity|value|reading|measurement|percentage)"
MEASURE = (
    f"({_MOD} {{sensor_measure:measure}} {_TAIL}"
    f"|{_MOD} {_NOUN} of [the] {_MOD} {{sensor_measure:measure}})"
)
BATTERY = (
    f"({_MOD} battery [level|charge|percentage|status|life|power|left]"
    f"|{_MOD} (charge|charge level)|{_NOUN} of [the] battery)"
)
_BY = (
    "(indicated|measured|shown|reported|given|recorded|registered|detected|read|displayed"
    "|sensed|provided|returned|seen) by"
)
_OF = "(of|in|on|from|for|at|inside|according to)"
_NOW = "[now|right now|currently|at the moment|at]"
_TELL = "(tell me|give me|check|read|show me|get|say|read out|report)"
_HAVE = (
    "(have|show|read|report|measure|indicate|hold|contain|use|draw|produce|got|used|consumed"
    "|produced|generated|drawn|measured|recorded|record|register|collect|log|generate|consume)"
)
_HOW = "(high|low|strong|fast|loud|heavy|big|far|long|good|bad|full|bright|hot|warm|cold)"


def measure_sentences(name: str = "{sensor:name}", measure: str = MEASURE) -> list[str]:
    """'What is the co2 level of the office sensor', "what is macrotorrent's download speed"."""
    who = f"[the|my|our] {name}"
    return [
        f"what (is|was|are|were) [the] {measure} {_OF} {who} {_NOW}",
        f"what (is|was|are|were) [the] {measure} {_BY} {who} {_NOW}",
        f"what (is|was|are) {who}('s|s) {measure} {_NOW}",
        f"what (is|was|are) {who} {measure} {_NOW}",
        f"{_TELL} [the] {measure} {_OF} {who}",
        f"{_TELL} [the] {measure} {_BY} {who}",
        f"{_TELL} {who}('s|s) {measure}",
        f"how much {measure} (does|did|do|has|have) {who} {_HAVE} [left|remaining|now|right now]",
        f"how much {measure} (is|was|are) [there|left|remaining|stored] (in|on|at) {who}",
        f"how much {measure} is {who} (using|drawing|producing|showing|reading|reporting)",
        f"what {measure} (does|do|did) {who} (show|read|report|measure|indicate|say|register)",
        f"what {measure} is {who} (showing|reading|reporting|measuring|indicating|at|on)",
        f"how {_HOW} is [the] {measure} {_OF} {who} {_NOW}",
        f"how {_HOW} is {who}('s|s) {measure} {_NOW}",
        f"[the] {measure} {_OF} {who}",
        f"{who}('s|s) {measure}",
    ]


def battery_sentences() -> list[str]:
    """'How much battery does the remote have left': the battery of any named device."""
    return measure_sentences("{device:name}", BATTERY)


def device_measure_sentences() -> list[str]:
    """'How much power is the washing machine using': a measure of any named device."""
    measure = MEASURE.replace("{sensor_measure:measure}", "{sensor_device_measure:measure}")
    return measure_sentences("{device:name}", measure)


def plain_read_sentences() -> list[str]:
    """'How fast is mistral', 'what is the current reading on the rain gauge'."""
    return [
        f"how {_HOW} is [the|my|our] {{sensor:name}} {_NOW}",
        "what is the (current|present|latest) (reading|value) (of|on|from) [the] {sensor:name}",
        "what is [the] {sensor:name} (showing|reading|reporting|measuring) [now|right now]",
    ]


def area_measure_sentences() -> list[str]:
    """'What's the air quality in the nursery': a room and a measure both said, never a
    measure alone (the weather has "what's the wind speed")."""
    measure = "{sensor_area_measure:quantity} [level|levels|reading|concentration|index]"
    return [
        f"what (is|was) [the] {_MOD} {measure} (in|on|at) [the] {{area}} {_NOW}",
        f"what (is|was) [the] {_MOD} {measure} [like] {WHERE}",
        f"what (is|was) the {{area}} {measure} {_NOW}",
        f"{_TELL} [the] {measure} (in|on) [the] {{area}}",
        f"how much {measure} is there (in|on) [the] {{area}}",
        f"how (high|low|bad|good) is the {measure} (in|on) [the] {{area}} {_NOW}",
    ]


def time_left_sentences() -> list[str]:
    """'How long is left on the dishwasher', 'when will the washing machine be done'."""
    who = "[the|my|our] {device:name}"
    return [
        f"how (much time|long) [is] (left|remaining|to go) (on|for|in) {who}",
        f"how long (does|has|have) {who} [got] (left|to go|remaining)",
        f"how long until {who} (is done|is finished|finishes|is ready)",
        f"when (will|is) {who} (be done|be finished|finish|done|finished|be ready|ready)",
    ]
