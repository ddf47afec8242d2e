"""Media players: play, pause, stop, skip, volume, mute, and play from the media library."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin.media_library import describe, find_title
from sottovoce.tools.builtin.media_phrases import (
    FOR_A_WHILE,
    MUTE_SENTENCES,
    NOW_PLAYING_SENTENCES,
    RESUME_MEDIA_SENTENCES,
    RESUME_SENTENCES,
    SOUND,
    SPEAK,
    UNMUTE_SENTENCES,
    VOLUME,
    play_media_sentences,
    volume_ends,
    volume_steps,
    wish_to_play_sentences,
)
from sottovoce.tools.builtin.media_players import KINDS, find_players, now_playing, one_player
from sottovoce.tools.targets import phrase, sentence, the_name

plugin = Plugin("media", "Play, pause and stop music and media, change the volume, skip tracks.")
STEP = 10

Name = Annotated[str | None, Field(description="media player name, alias or 'it'")]
Area = Annotated[str | None, Field(description="area or floor")]
Step = Annotated[int, Field(description="how many percent to change the volume by", ge=1, le=100)]

_PLAYER = "[the] {media_player:name}"
_MUSIC = "[the] (music|song|track|audio|sound|media|playback|tv|radio|podcast|speaker)"
# "The TV in the game room": a player said by its sort and its room (not every player there).
_SORT = "[the] {player_word:name} (in|on) [the] {area}"
_SORT_WORDS = {
    "player_word": {
        "values": ["tv", "telly", "television", "radio", "speaker", "speakers", "player"]
    }
}
# "Turn off the TV" with a TV in two rooms: the sort alone (the one here, else a question).
_SORT_ALONE = "[the] (tv|television|telly|radio)"


def _say(text: str) -> str:
    return text[0].upper() + text[1:]


@plugin.tool(
    kinds=KINDS,
    lists=_SORT_WORDS,
    sentences=[
        "(play|resume|unpause|continue) [playing] [the] [music|song|track|audio|playback|media]",
        *RESUME_SENTENCES,
        "(resume|unpause|continue) [playing] " + _PLAYER,
        "(play|start) [some|the] music",
        "(play|start) [some|the] music (on|in) " + _PLAYER,
        "(play|start) [some|the] music in [the] {area}",
        "(start|resume) playback",
        "(start|resume) [playing] on " + _PLAYER,
        "(turn|switch) [the] music [back] on",
        "(play|resume) {ref:name} [again]",
        "(start|get) {ref:name} (back [up]|again|up again|going again) [where it was]",
        "(turn|switch) on " + _PLAYER,
        "(turn|switch) on " + _SORT,
        "(turn|switch) on " + _SORT_ALONE,
        "(turn|switch) " + _SORT_ALONE + " on",
        # "Turn the radio on at 20 percent": playing, at that volume, in one.
        "(turn|switch|put) " + _PLAYER + " on (at|to) [volume] {percent:volume} [percent]",
        "(turn|switch) on " + _PLAYER + " (at|to) [volume] {percent:volume} [percent]",
        *wish_to_play_sentences(),
    ],
)
def media_play(
    ctx: ToolContext,
    name: Name = None,
    area: Area = None,
    volume: Annotated[int | None, Field(description="volume to play at", ge=0, le=100)] = None,
) -> str:
    """Start or resume playing on a media player (at a volume, when one is given)."""
    players = find_players(ctx, name, area)
    for player in players:
        player.set(status="playing")
        if volume is not None:
            player.set(volume=volume)
    at = f" at volume {volume}" if volume is not None else ""
    if len(players) == 1:
        media = players[0].state().get("media") or ""
        if media:
            return f"{_say(phrase(players))} is playing {describe(ctx, media)}{at}."
    return sentence(players, f"is playing{at}", f"are playing{at}")


@plugin.tool(
    kinds=KINDS,
    sentences=[
        "pause",
        "pause " + _MUSIC,
        "pause " + _PLAYER,
        "pause " + _PLAYER + " (in|on) [the] {area}",
        "pause [the] music (on|in) " + _PLAYER,
        "pause " + _MUSIC + " (in|on) [the] {area}",
        "pause {ref:name}",
        "hold [the] music",
    ],
)
def media_pause(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Pause a media player that is playing."""
    players = find_players(ctx, name, area, busy_first=True)
    playing = [p for p in players if p.state().get("status") == "playing"]
    if not playing:
        return f"{_say(phrase(players))} {'is' if len(players) == 1 else 'are'} not playing."
    for player in playing:
        player.set(status="paused")
    return sentence(playing, "is paused", "are paused")


@plugin.tool(
    kinds=KINDS,
    lists=_SORT_WORDS,
    sentences=[
        "stop " + _MUSIC,
        "stop (playing|playback) [the] [music]",
        "stop [playing] " + _PLAYER,
        "stop [playing] " + _PLAYER + " (in|on) [the] {area}",
        "stop the music (on|in) " + _PLAYER,
        "stop " + _MUSIC + " (in|on) [the] {area}",
        "(turn|switch) [the] music off",
        "(turn|switch) off [the] music",
        "(turn|switch) off " + _PLAYER,
        "(turn|switch) " + _PLAYER + " off",
        "(turn|switch) off " + _SORT,
        "(turn|switch) off " + _SORT_ALONE,
        "(turn|switch) " + _SORT_ALONE + " off",
        _PLAYER + " stop",
        "(kill|cut) " + _MUSIC,
        "(kill|cut) (" + _PLAYER + "|the music (on|in) " + _PLAYER + ")",
    ],
)
def media_stop(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Stop a media player."""
    players = find_players(ctx, name, area, busy_first=True)
    for player in players:
        player.set(status="stopped")
    return sentence(players, "is stopped", "are stopped")


@plugin.tool(
    kinds=KINDS,
    sentences=[
        "(next|skip) [song|track|tune]",
        "skip (this|the) (song|track|tune)",
        "(play|go to) the next (song|track|tune|one)",
        "(skip [to the next]|next) [song|track] on " + _PLAYER,
        "skip (ahead|it)",
        {
            "sentences": [
                "(previous|last) (song|track|tune)",
                "(play|go to) the (previous|last) (song|track|tune|one) [again]",
                "go back [a|one] [song|track]",
                "(previous|last) (song|track) on " + _PLAYER,
                "(go back|back up) [a|one] (song|track) on " + _PLAYER,
                "(replay|restart) [this|the] (song|track)",
            ],
            "slots": {"direction": "previous"},
        },
    ],
)
def media_skip(
    ctx: ToolContext,
    direction: Annotated[Literal["next", "previous"], Field(description="which track")] = "next",
    name: Name = None,
    area: Area = None,
) -> str:
    """Skip to the next (or back to the previous) track."""
    player = one_player(ctx, name, area)
    state = player.state()
    if state.get("status") == "stopped" or not state.get("media"):
        raise ToolError(f"Nothing is playing on {the_name(player.name)}.")
    return f"Playing the {direction} track on {the_name(player.name)}."


_VOL = "[the] (volume|sound|music)"
_PCT = "{percent} [percent]"


@plugin.tool(
    kinds=KINDS,
    sentences=[
        "(set|turn|change|put) " + _VOL + " [up|down] to {percent} [percent]",
        "volume [to] {percent} [percent]",
        "(set|turn|change|put) " + _VOL + " (on|of) " + _PLAYER + " [up|down] to " + _PCT,
        "(set|turn|change|put) " + _PLAYER + " [volume] [up|down] to " + _PCT,
        "(set|turn|change|put) " + _VOL + " in [the] {area} [up|down] to {percent} [percent]",
        "(set|turn|change|put) {ref:name} [up|down] to {percent} [percent]",
        # Terse forms: "radio volume 15", "the volume on the radio to 30".
        _PLAYER + " volume [up|down] [to|at] " + _PCT,
        _VOL + " (on|of|for) " + _PLAYER + " [up|down] [to|at] " + _PCT,
        # "Volume of the office speaker, make it 20": the player first, then the level.
        _VOL + " (on|of|for) " + _PLAYER + " (make|set|put|turn) it [up|down] [to|at] " + _PCT,
        "volume [to] " + _PCT + " (on|for) " + _PLAYER,
        {"sentences": volume_ends("up"), "slots": {"percent": 100}},
        {"sentences": volume_ends("down"), "slots": {"percent": 0}},
    ],
)
def media_set_volume(
    ctx: ToolContext,
    percent: Annotated[int, Field(description="volume 0-100", ge=0, le=100)],
    name: Name = None,
    area: Area = None,
) -> str:
    """Set the volume of a media player in percent."""
    players = find_players(ctx, name, area)
    for player in players:
        player.set(volume=percent)
    return sentence(players, f"is at volume {percent}", f"are at volume {percent}")


_UP = "(turn up|raise|increase|crank up) " + VOLUME
_KIND = "[the] (music|sound|tv|telly|radio|speaker|speakers|stereo)"
_DOWN = "(turn down|lower|decrease|reduce|slow down) " + VOLUME


@plugin.tool(
    kinds=KINDS,
    sentences=[
        _UP,
        "(turn|crank) [the] (volume|sound|music) up [(on|of) " + _PLAYER + "]",
        "(volume up|louder|make it louder)",
        SPEAK + "(louder|up|more loudly|loudly|loud) [please]",
        "[the] (music|sound|tv|telly|radio) up",
        # The player by its kind: "turn the speaker up", "make the music louder".
        "((turn|crank) " + _KIND + " up|turn up " + _KIND + "|make " + _KIND + " louder)",
        "(volume|sound) up (on|for) (" + _PLAYER + "|" + _KIND + ")",
        "(turn|crank) ({ref:name}|" + _PLAYER + ") up",
        "(turn up|make) " + _PLAYER + " [louder]",
        "make {ref:name} louder",
        _UP + " (on|of) " + _PLAYER,
        _UP + " in [the] {area}",
        "(turn {ref:name} up|volume up|" + _UP + ") by {percent:step} [percent]",
        _PLAYER + " (volume up|louder)",
        "(turn up|raise|increase|crank up) " + _PLAYER + " (volume|sound)",
        *volume_steps("up"),
        # Said as a complaint: "I can't hear the TV", "we can barely hear the music".
        "(i|we) (can not|cannot|can barely|can hardly) hear [the] ("
        + _PLAYER
        + "|{ref:name}|music|tv|sound|radio)",
        "(i|we) (can not|cannot|can barely|can hardly) hear (it|anything|you)",
        "(" + _PLAYER + "|[the] (music|tv|sound|radio)) is too (quiet|soft|low)",
        {
            "sentences": [
                _DOWN,
                "turn [the] (volume|sound|music) down [(on|of) " + _PLAYER + "]",
                "(volume down|quieter|make it quieter|softer|not so loud|too loud)",
                SPEAK + "(quieter|softer|more quietly|more softly|lower) [to me]",
                "[the] (music|sound|tv|telly|radio) down",
                "(turn " + _KIND + " down|turn down " + _KIND + "|make " + _KIND + " quieter)",
                "make " + _KIND + " softer",
                "(volume|sound) down (on|for) (" + _PLAYER + "|" + _KIND + ")",
                "turn ({ref:name}|" + _PLAYER + ") down",
                "turn down " + _PLAYER,
                "make (" + _PLAYER + "|{ref:name}) quieter",
                _DOWN + " (on|of) " + _PLAYER,
                _DOWN + " in [the] {area}",
                "(turn {ref:name} down|volume down|" + _DOWN + ") by {percent:step} [percent]",
                _PLAYER + " (volume down|quieter|softer)",
                "(turn down|lower|decrease|reduce) " + _PLAYER + " (volume|sound)",
                *volume_steps("down"),
            ],
            "slots": {"direction": "down"},
        },
    ],
)
def media_volume_step(
    ctx: ToolContext,
    direction: Annotated[Literal["up", "down"], Field(description="louder or quieter")] = "up",
    step: Step = STEP,
    name: Name = None,
    area: Area = None,
) -> str:
    """Turn the volume up or down (by 10 percent unless told otherwise)."""
    delta = step if direction == "up" else -step
    players = find_players(ctx, name, area, busy_first=True)
    for player in players:
        volume = int(player.state().get("volume", 50))
        player.set(volume=max(0, min(100, volume + delta)))
    if len(players) == 1:
        volume = players[0].state()["volume"]
        edge = {100: " (the maximum)", 0: " (the minimum)"}.get(volume, "")
        return f"{_say(phrase(players))} is at volume {volume}{edge}."
    return f"{_say(phrase(players))} are {'louder' if delta > 0 else 'quieter'}."


@plugin.tool(
    kinds=KINDS,
    sentences=[
        "mute " + SOUND + " [" + FOR_A_WHILE + "]",
        "mute [the] (sound|audio|music) (from|on|of) [the] (speaker|speakers)",
        "mute (" + _PLAYER + "|{ref:name})",
        # "Be muted for a while", "set mute until I say otherwise", "hit the mute button".
        "(be|go|stay) (muted|on mute) [" + FOR_A_WHILE + "]",
        "(set|put|turn) [on] [the] mute [on] [" + FOR_A_WHILE + "|until said otherwise]",
        "(press|push|hit|touch|tap) [the] mute [button]",
        "mute " + _PLAYER + " (in|on) [the] {area}",
        "(put|set|turn) (" + _PLAYER + "|{ref:name}) on mute",
        "mute " + _MUSIC + " (in|on) [the] {area}",
        "(put|set|turn) (" + _PLAYER + "|{ref:name}) to mute",
        *MUTE_SENTENCES,
        _PLAYER + " mute",
        {"sentences": UNMUTE_SENTENCES, "slots": {"muted": False}},
    ],
)
def media_mute(
    ctx: ToolContext,
    name: Name = None,
    area: Area = None,
    muted: Annotated[bool, Field(description="true to mute, false to unmute")] = True,
    for_s: Annotated[int | None, Field(description="seconds said; not kept", ge=1)] = None,
) -> str:
    """Mute or unmute a media player (muted stays so until unmuted, whatever time is said)."""
    players = find_players(ctx, name, area, busy_first=True)
    for player in players:
        player.set(muted=muted)
    word = "muted" if muted else "unmuted"
    later = " I can't unmute it later by myself: ask me when." if muted and for_s else ""
    return sentence(players, f"is {word}", f"are {word}") + later


@plugin.tool(kinds=KINDS, sentences=[*play_media_sentences(), *RESUME_MEDIA_SENTENCES])
def media_play_media(
    ctx: ToolContext,
    media: Annotated[str | None, Field(description="title of an album, playlist, ...")] = None,
    artist: Annotated[str | None, Field(description="artist to play something by")] = None,
    name: Name = None,
    area: Area = None,
) -> str:
    """Play a title (or something by an artist) from the media library."""
    if not media and not artist:
        raise ToolError("What should I play?")
    try:
        title = find_title(ctx, media, artist)
    except ToolError as missing:
        if artist or not media:
            raise
        try:  # "play some beatles": an artist heard as a title
            title = find_title(ctx, None, media)
        except ToolError:
            raise missing from None
    player = one_player(ctx, name, area)
    player.set(status="playing", media=title)
    return f"Playing {describe(ctx, title)} on {the_name(player.name)}."


@plugin.tool(
    reads_only=True,
    kinds=KINDS,
    sentences=[
        "what is playing [right now|now]",
        "what is (playing|on) (on|in) " + _PLAYER,
        "what is on " + _PLAYER + " [right now|now|at the moment]",
        "what is on [the] (radio|tv|telly|television) [right now|now|at the moment]",
        "what is playing in [the] {area}",
        # "Is the bedroom speaker playing anything": answered by what it plays, or not.
        "(is|are) " + _PLAYER + " [still] (playing|on) [anything|something|music|at the moment]",
        "is (anything|something|music) playing (on|in) " + _PLAYER,
        "(what|which) (song|track|album|music|playlist) is (this|that|playing|on)",
        "what is (this|the) (song|track|album|music|playlist) [called]",
        "what am i listening to",
        "who is (this|playing|singing)",
        "what is the (name of|title of) (this|the) (song|track|album)",
        *NOW_PLAYING_SENTENCES,
    ],
)
def media_now_playing(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Say what a media player is playing."""
    players = now_playing(ctx, name, area)
    if not players:
        return "Nothing is playing."
    parts = []
    for player in players:
        state = player.state()
        media = state.get("media") or "something"
        status = state.get("status")
        if status == "stopped":
            parts.append(f"{the_name(player.name)} is stopped")
        else:
            verb = "is playing" if status == "playing" else "is paused on"
            parts.append(f"{the_name(player.name)} {verb} {describe(ctx, media)}")
    return _say(" and ".join(parts)) + "."


@plugin.tool(
    reads_only=True,
    kinds=KINDS,
    sentences=[
        "what is the volume [level] [(on|of) " + _PLAYER + "]",
        "what is the volume [level] in [the] {area}",
        "(how loud is|what volume is) (" + _PLAYER + "|the music) [at|set to]",
        "what is " + _PLAYER + " volume [at|set to]",
    ],
)
def media_get_volume(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Say the volume of a media player."""
    players = find_players(ctx, name, area, busy_first=True)
    parts = []
    for player in players:
        state = player.state()
        muted = " and muted" if state.get("muted") else ""
        parts.append(f"{the_name(player.name)} is at volume {state.get('volume')}{muted}")
    return _say(" and ".join(parts)) + "."
