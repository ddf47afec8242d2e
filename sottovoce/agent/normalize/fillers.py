"""Filler words, defined once: hesitations, politeness, and the words around a request.

Three kinds, by how surely they can go:
- dropped always, by `normalize` (`drop_fillers`): hesitations ("um"), politeness
  ("please"), request openers and closers ("could you", "thank you");
- dropped for a second try, by the grammar's cascade (`relaxed.py`): discourse
  words around or inside a command ("actually", "now", "a bit"), which may
  also be content ("turn it up a bit" is still a command without "a bit");
- trimmed around a bare name before a clarifying question (`clarify.py`), which
  adds its own lead-in words ("how about", "turn") to the discourse ones here.
"""

from __future__ import annotations

import re

from sottovoce.agent.normalize.spelling import CHAR_MAP

FILLER_WORDS: frozenset[str] = frozenset({"please", "pls", "plz", "kindly", "abeg", "biko"})
"""Politeness words dropped wherever they occur (hesitations like "um" are matched by shape)."""

_HESITATION = re.compile(r"u+h+|u+h*m+|e+r+m*|h+m+")

# Discourse words: dropped from the edges (and inside) for the cascade's second try.
DISCOURSE_OPENERS = (
    "actually", "ok", "okay", "now", "so", "like", "well", "and", "then", "also", "alright",
    "oh", "right", "hey", "just", "maybe", "no", "yes", "i said", "and then",
    "can you", "could you", "would you", "will you", "i want you to", "i need you to",
    "go ahead and", "please", "i want to", "let us", "never mind", "on second thought",
    "you can", "you could", "wait", "hang on", "do 1 thing", "listen", "yo", "tell you what",
    "och", "ach", "ah", "aw", "fine", "sorry", "oops", "whoops", "right then", "ok then",
    "nah", "yeah", "yep", "lord", "oh lord", "gosh", "oh gosh", "jeez", "ugh", "ag", "ag no",
    "not that again", "oh no", "ja", "shame", "eish", "ag man", "ja well", "hey man",
    # Nigerian English: "oya on the light", "ehen, and the parlour one", "ah ah".
    "oya", "ehen", "ah ah", "haba", "o ya", "sorry sorry", "sorry not that one",
    "not that one", "not this one", "no not that one", "no not this one",
    # Singapore English: "help me on the rice cooker", "aiyah", "wah", "cannot, make it 25".
    "help me", "help me to", "aiyah", "aiyo", "wah", "cannot", "eh", "alamak",
    # Indian English: "arre, on the light", "accha, make it 24", "haan, switch it off".
    "arre", "arey", "accha", "acha", "achha", "haan", "bas",
    # Australian: "righto, put the sundowner scene on", "sorry to be a pain but ...".
    "righto", "right o", "mate", "sorry to be a pain but", "sorry to bother you but",
    # "Ok too much, medium", "too loud, down to 20": the reason for a change said first.
    "too much", "too far", "too loud", "too bright", "too strong", "too noisy", "too fast",
    "too slow", "too dark", "too dim", "too quiet", "too hot", "too cold", "too high", "too low",
    # A greeting before a request (kept for chit-chat: "hello there, how are you").
    "hi there", "hello there", "hi", "hello", "would you be so kind as to",
    # "Bit quieter pls", "little warmer": the "a" left out, as typed.
    "bit", "little", "a bit", "a little", "a tad",
)  # fmt: skip
DISCOURSE_CLOSERS = (
    "now", "again", "instead", "too", "as well", "then", "right now", "for me", "in here",
    "already", "a bit", "a little", "a little bit", "thanks", "thank you", "ok", "okay",
    "please", "for a bit", "for a while", "quickly", "would you", "will you", "could you",
    "can you", "if you can", "if you could", "if you would", "if you do not mind",
    "1 seconds", "for 1 seconds", "a moment", "for a moment", "or what", "1 moment",
    "for 1 moment", "real quick", "quick", "real quickly",
    "or not", "love", "dear", "darling", "mate", "buddy", "honey", "sweetie", "for me love",
    "when you get a chance", "when you get a sec", "when you get a minute", "when you can",
    "whenever you can", "if you get a chance", "when you have a moment", "if you have a sec",
    "only", "anyway", "60 seconds", "for 60 seconds", "back", "at least", "out here",
    # "hold on, turn off the TV first": a request of its own (docs/cases.md: it drops a
    # question still waiting for a yes).
    "first", "before that",
    # Irish and British tags: "lock it so", "stick on the lights there", "for me there".
    "so", "there", "for me there", "so it is", "sure",
    # Indian English: "reduce it little", "make it little brighter".
    "little", "little bit", "little more", "also", "yaar", "na", "ji",
    # Australian and British: "verandah light on, ta", "turn it on for us".
    "ta", "for us", "cheers",
    # "stop it altogether", "turn it off for now"
    "altogether", "completely", "entirely", "for now", "for the night", "for tonight",
    # Nigerian English: "dim it small" (a little), "off it o".
    "small", "small small", "o", "jare", "for me o",
    # Singapore English particles and "can?": "off the light lah", "brighter can?"
    "lah", "leh", "lor", "ah", "sia", "meh", "hor", "can", "can or not", "can anot",
)  # fmt: skip
DISCOURSE_INNER = (
    " a little bit ", " a little ", " a wee bit ", " a bit ", " slightly ", " just ",
    " still ", " actually ", " possibly ", " kind of ", " sort of ", " kinda ", " sorta ",
)  # fmt: skip
# "Turn the bedroom light up to full": the direction adds nothing to a level.
INNER_SWAPS = (
    (" up to ", " to "), (" down to ", " to "), (" my ", " the "), (" our ", " the "),
    # "A timer for like three minutes": "like" before an amount is a hedge.
    (" for like ", " for "), (" at like ", " at "), (" to like ", " to "),
    (" like about ", " about "), (" like super ", " super "), (" like really ", " really "),
    (" like so ", " so "), (" like very ", " very "),
    # "Turn it back on": as it was before is still on.
    (" back on ", " on "), (" back off ", " off "), (" on back ", " on "), (" off back ", " off "),
    (" back up ", " up "), (" back down ", " down "),
    # "Close over the curtains" (Irish), "set it back to heat": as it was is still the same.
    (" close over ", " close "), (" back to ", " to "),
    (" them all ", " them "), (" all of them ", " them "), (" they all ", " they "),
    # "Make the lights in here dimmer": the lights of the room the speaker is in, as said
    # without it; "set the volume level to 50".
    (" lights in here ", " lights "), (" volume level ", " volume "),
    # "Put Nan's lamp on at half brightness".
    (" half brightness ", " 50 percent "), (" full brightness ", " 100 percent "),
)  # fmt: skip


def is_hesitation(word: str) -> bool:
    """Whether a word is a hesitation ("um", "uhh", "hmm", "erm"), by its shape."""
    return bool(_HESITATION.fullmatch(word))


def single_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The one-word phrases of a list (for checks word by word)."""
    return frozenset(p for p in phrases if " " not in p)


_Phrases = tuple[tuple[str, ...], ...]
_Phrase = tuple[str, ...] | None
# Longest first: the first phrase that matches is the one removed.
_LEADING: _Phrases = tuple(
    tuple(p.split())
    for p in "would you mind,do you mind,i would like you to,i want you to,i need you to,do me a"
    " favour and,do me a favor and,go ahead and,would you ever,will you ever,could you,can you"
    ",would you,will you"
    # An assistant called by its name first ("alexa, ...", "ok google ...", "olly ..."): the
    # bundled wake words' names and other assistants' (crowd-written commands say them).
    ",hey google,ok google,okay google,google,alexa,hey siri,siri,olly,hey olly,hey mycroft"
    ",mycroft,hey jarvis,jarvis,hey rhasspy,hey sottovoce,sottovoce,hey computer,ok computer"
    ",hey,okay,ok"
    ",would you be so kind as to,could you be so kind as to,be so kind as to"
    ",alright,all right,just,gonnae,gonna,would ye,will ye".split(",")
)
_TRAILING: _Phrases = tuple(
    tuple(p.split())
    for p in "thank you very much,thank you so much,thanks a lot,thanks so much,thank you,thanks,ty"
    ",for me,if you"
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


def spoken_form(text: str) -> str:
    """The words as said, lower case, without hesitations (for sentences that read numbers)."""
    words = text.lower().translate(CHAR_MAP).split()
    return " ".join(w for w in words if not is_hesitation(w.strip(",.!?;:")))


def drop_fillers(tokens: list[str]) -> list[str]:
    """Remove hesitations everywhere and politeness at the edges of the request."""
    spoken = [t for t in tokens if not is_hesitation(t)]
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
