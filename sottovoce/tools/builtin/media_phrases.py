"""Media templates: what to play from the library, and the volume said colloquially."""

from __future__ import annotations

_PLAYER = "[the] {media_player:name}"
_VOL = "[the] (volume|sound|music) [level]"
_PUSH = "(turn|crank|bump|knock|nudge|push|put|set|whack|change|adjust)"
# "Lower your volume", "lower all volume on speakers": the volume said with whose it is.
# "Lower music volume", "raise the volume of the current music": whose volume, either side.
VOLUME = (
    "[the|your|all|all the|all of the] [music|speaker|speakers] (volume|sound|music|audio) [level]"
    " [(on|of|from|for) [the|this] [current] (speaker|speakers|music|song|track)]"
)
# Said to the assistant's own voice, which is the speaker's: "can you speak louder".
SPEAK = "(speak|talk) [a (bit|little)] "
# How long, said and not kept: muted stays muted until unmuted.
FOR_A_WHILE = "for (a while|now|a bit|the (next|coming) (hour|minute|while))|until i say otherwise"
SOUND = "[the] [music|sound|volume|audio|speaker|speakers|tv|radio]"
_SOUNDS = "[the] (sound|sounds|noise)"
_SPEAKERS = "[the] (speaker|speakers|music|sound|volume)"
# Muting said every way: "silence speakers", "turn off the sounds", "mute for 15 minutes"
# (how long is said, and answered: nothing unmutes later by itself).
MUTE_SENTENCES = [
    f"silence {_SPEAKERS}",
    f"silence [the] (volume|sound|music) (on|of|from) {_SPEAKERS}",
    f"(turn|switch) off {_SOUNDS}",
    f"(turn|switch) {_SOUNDS} off",
    f"shut (off|down) {_SOUNDS}",
    "from now on mute [the] [music|sound|volume|speaker|speakers]",
    "(mute|silence) [the] [music|sound|volume|speaker|speakers] for {duration_s:for_s} seconds",
    "(put|set|turn) [the] (speaker|speakers) (on|to) mute",
]
UNMUTE_SENTENCES = [
    "(unmute|un mute) " + SOUND,
    "(unmute|un mute) (" + _PLAYER + "|{ref:name})",
    "(unmute|un mute) [the] (music|sound) in [the] {area}",
    "(turn|switch) [the] sound [back] on",
    "(turn|switch) on [the] sound",
    _PLAYER + " (unmute|un mute)",
]


def volume_ends(way: str) -> list[str]:
    """'Crank the volume all the way up', 'turn the radio down as low as it goes'."""
    goes = "(possible|it goes|it will go|it can go)"
    if way == "up":
        end = f"[up] (all the way [up]|as (loud|high) as {goes}|to the (max|maximum|top)|"
        end += "to the (loudest|highest) [setting|level]|"
        end += "(to|on) (full blast|full volume|maximum|max))"
    else:
        end = f"[down] (all the way [down]|as (quiet|low) as {goes}|to the (min|minimum)|"
        end += "to the (quietest|lowest) [setting|level]|"
        end += "to (minimum|min))"
    return [
        f"{_PUSH} {_VOL} {end} [(on|of) {_PLAYER}]",
        f"{_PUSH} {_VOL} {end} in [the] {{area}}",
        f"{_PUSH} ({_PLAYER}|{{ref:name}}) {end}",
        f"{_PUSH} {way} {_VOL} {end.removeprefix(f'[{way}] ')}",
    ]


def volume_steps(way: str) -> list[str]:
    """'Crank the radio up 20 percent', 'knock the volume down by 10', 'bump up the radio'."""
    push = "(turn|crank|bump|knock|nudge|push|whack)"
    by = "[by] {percent:step} [percent]"
    what = f"({_VOL}|{_PLAYER})"
    return [
        f"{push} {what} {way} {by}",
        f"{push} {way} {what} {by}",
        f"{push} {what} {way} [(on|of) {_PLAYER}]",
        f"{push} {way} {what}",
        f"{push} {_VOL} {way} {by} (on|of) {_PLAYER}",
        f"{push} {_VOL} {way} [{by}] in [the] {{area}}",
    ]


_ON = " (on|in|through) " + _PLAYER
_IN = " in [the] {area}"
_ITEM = "[some|the|my] {media} [playlist|album|podcast|record|station|radio station]"
_BY = "[something|some music|music|songs|anything] by {artist}"
_PLAY = "(play|put on|stick on|start playing|throw on)"
_WHERE = "((on|in|through) " + _PLAYER + "|in [the] {area})"
_HEAR = "i (want|would like) to (hear|listen to)"
# A wish to hear something: "we'd like to hear", "can I listen to", "I fancy hearing".
_WISH = (
    "((i|we) (want|would like|need) to (hear|listen to)|let us (hear|listen to)|"
    "(can|could|may) (i|we) (hear|listen to)|(i|we) (fancy|feel like) (hearing|listening to))"
)
# What is played, described rather than named: "something by", "a bit of".
_LOOSE = "(something|anything|some music|music|songs|some songs|a bit of|some stuff|stuff)"


def play_media_sentences() -> list[str]:
    """'Play Abbey Road', 'put some Oasis on the telly', 'I'd like to hear some Dobbyn'."""
    return [
        "(play|put on|start|start up|start playing|listen to) " + _ITEM,
        "(play|put on|start playing) " + _ITEM + _ON,
        "(play|put on|start playing) " + _ITEM + _IN,
        "put " + _ITEM + " on",
        "put " + _ITEM + " on" + _ON,
        # "Put Cool FM", "put Sunday Praise on the TV" (Nigerian English): put is play.
        "put " + _ITEM,
        "put " + _ITEM + _ON,
        "put " + _ITEM + _IN,
        "i (want|would like) to (hear|listen to) " + _ITEM,
        "(play|put on) " + _BY,
        "(play|put on) " + _BY + _ON,
        "(play|put on) " + _BY + _IN,
        "i (want|would like) to (hear|listen to) " + _BY,
        "(play|put on) [some|the] {media} (by|from) {artist} [" + _ON.strip() + "]",
        "((play|put on) [some]|i (want|would like) to (hear|listen to) [some]) {artist}",
        "(play|put on) [some] {artist} (" + _ON.strip() + "|" + _IN.strip() + ")",
        # "Play me some Miles Davis in the bedroom", "stick on Kind of Blue by Miles Davis".
        _PLAY + " [me|us] [some|the] {media} (by|from) {artist} [" + _WHERE + "]",
        _PLAY + " [me|us] [some|something by|anything by] {artist} [" + _WHERE + "]",
        _PLAY + " [me|us] " + _ITEM + " [" + _WHERE + "]",
        "(put|stick|chuck|pop|throw|whack) [some] {artist} on [" + _WHERE + "]",
        "(put|stick|chuck|pop|throw|whack) " + _ITEM + " on [" + _WHERE + "]",
        # "Put some Oasis on the telly": one "on" for both.
        "(put|stick|chuck|pop|throw|whack) [some] {artist} on " + _PLAYER,
        "(put|stick|chuck|pop|throw|whack) " + _ITEM + " on " + _PLAYER,
        _HEAR + " [some] {artist} " + _WHERE,
        _HEAR + " " + _ITEM + " " + _WHERE,
        # A station or playlist changed on one player: "switch the radio over to Clyde 1".
        "(switch|change|turn|put) " + _PLAYER + " [over] to " + _ITEM,
        *_loose_sentences(),
    ]


def _loose_sentences() -> list[str]:
    """Free-text forms: a part of a name or a description ("something by elvis", "I want
    to listen to dobbyn"), which the library resolves. A reading with the exact {media}
    or {artist} of the forms above wins over these, having no free text."""
    by = f"[{_LOOSE}] by {{text:artist}}"
    return [
        f"{_PLAY} [me|us] {_LOOSE} by {{text:artist}}",
        f"{_PLAY} [me|us] {_LOOSE} by {{text:artist}} {_WHERE}",
        f"{_WISH} {by}",
        f"{_WISH} {by} {_WHERE}",
        f"{_WISH} {{text:media}}",
        f"{_WISH} {{text:media}} {_WHERE}",
    ]


def wish_to_play_sentences() -> list[str]:
    """'I'd like to listen to the radio', 'can we hear some music in the kitchen': play what
    the player has; these exact readings win over the free-text title of the forms above."""
    return [
        f"{_WISH} {_PLAYER} [again]",
        f"{_WISH} [some|the] music [{_WHERE}]",
    ]


# What is playing, asked about the music itself: "who sung this", "what is the name of
# this musical group", "tell me the artist name", "what song is currently playing".
_PIECE = "(song|track|music|tune|record|album|playlist)"
_WHO = "(artist|singer|band|group|musical group|musician|performer)"
_PLAYING = "[that is|which is|is] [currently|now] playing [now|right now|at the moment]"
NOW_PLAYING_SENTENCES = [
    "(what|which) (" + _PIECE + "|" + _WHO + ") is [this|that|it] [currently|now] playing "
    "[now|right now|at the moment]",
    "what is the " + _WHO + " " + _PLAYING,
    "what is the (name|title) of (this|that|the) (" + _PIECE + "|" + _WHO + ") [" + _PLAYING + "]",
    "(who|what) is the " + _WHO + " [of (this|that|the) " + _PIECE + "] [" + _PLAYING + "]",
    "(tell me|give me|what is) the [current] (" + _PIECE + "|" + _WHO + ") (name|title)",
    "[the] (current|currently) playing " + _PIECE + " [name|title]",
    "what " + _PIECE + " is (it|this|that)",
    "who (sung|sang|sings|is singing|performs|wrote|recorded) (this|that|it) [" + _PIECE + "]",
    "(give me|tell me) (information|info|details|more) (on|about) (this|that|the) "
    + _PIECE
    + " ["
    + _PLAYING
    + "]",
    "what is (this|that) " + _PIECE + " [called]",
]


# Going on with what was paused, said of a book or a recording: "resume my audiobook
# where we paused last", "continue with my audiobook please"; and a player started by
# its name: "start radio", "put the radio on".
_BOOK = "(audiobook|audio book|audiobooks|book|playback|audio|recording|podcast|episode)"
_LEFT = "[where (i|we) (left off|paused [last]|stopped)|from where (i|we) (left off|stopped)]"
RESUME_SENTENCES = [
    "(resume|continue [with|listening to|reading]) [my|the|this] [last played|recently paused]"
    " " + _BOOK + " " + _LEFT + " [please]",
    "(resume|continue) [my|the|this] (playback|reading) in [the|my] " + _BOOK,
    "(play|resume) [the] recently paused " + _BOOK,
    "play from (this|that|the) point [(from|in|of) (this|the|my) " + _BOOK + "]",
    "(start|play|put on|turn on) [the] {media_player:name}",
    "put [the] {media_player:name} on",
]
# A title to go on with: "resume the two towers", "continue audiobook the circle",
# "open the davinci code where i left off", "tune into 99.5 fm".
RESUME_MEDIA_SENTENCES = [
    "(resume|continue [with|listening to|reading]) [the reading of] [my|the] "
    "[audiobook|audio book|podcast|book] {media} [for me|please] " + _LEFT,
    "(open|start) [my|the] [audiobook|audio book|book] {media} (where (i|we) left off"
    "|from where (i|we) (left off|stopped))",
    "tune (in|into|in to|to) {media}",
]
