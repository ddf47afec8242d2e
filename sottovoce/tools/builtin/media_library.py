"""The media library: the title meant by a (possibly misheard) title or artist, and its name."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from sottovoce.tools import ToolContext, ToolError

MEDIA_CUTOFF = 80.0
# Words people add after a title ("play morning jazz playlist") that are not part of it.
KIND_SUFFIXES = ("playlist", "album", "podcast", "station", "radio station", "radio", "record")
# Words that describe what to play without naming it ("play some christmas music",
# "something relaxing", "a bit of elvis"): never part of the title that is meant.
_GENERIC = re.compile(
    r"\b(?:a bit of|a little|a couple of|a few|something|anything|some|music|songs?|tunes?"
    r"|stuff)\b"
)
# Streaming services people name out of habit ("play rain by subliminal on groove shark",
# "open spotify and play ..."): none of them is reachable offline, so the name is not part
# of what to play, which the home's own library then supplies.
_SERVICE = (
    r"(?:spotify|deezer|pandora|tidal|napster|slacker(?: radio)?|i ?tunes|apple music"
    r"|amazon(?: prime)?(?: music)?|google(?: play)?(?: music)?|you ?tube(?: music)?|vimeo"
    r"|netflix|sound ?cloud|groove ?shark|i ?heart(?: ?radio)?|last ?\.?fm|zvooq|rhapsody"
    r"|tune ?in|bandcamp|qobuz|anghami|(?:jio ?)?saavn|gaana|audible)"
)
_SERVICE_AFTER = re.compile(
    rf"(?:\s+(?:on|from|through|via|using|with|off|in|at)\s+(?:my\s+|the\s+)?)?\s*{_SERVICE}"
    r"(?:\s+(?:app|service|account|radio))?$"
)
_SERVICE_BEFORE = re.compile(
    rf"^(?:(?:open|use|using|on|with|through|via|go to|from)\s+(?:my\s+|the\s+)?)?{_SERVICE}"
    r"(?:\s+(?:app|service|account))?\s+(?:(?:and|to)\s+)?(?:play\s+)?"
)


def describe(ctx: ToolContext, title: str) -> str:
    """'Abbey Road by The Beatles', or the bare title."""
    for item in ctx.world.media_library:
        if item.title.casefold() == title.casefold() and item.artist:
            return f"{item.title} by {item.artist}"
    return title


def find_title(ctx: ToolContext, media: str | None, artist: str | None) -> str:
    """The library title meant by a (possibly misheard) title and/or artist; failing that, by
    the title as people wrap it ("me some dance music", "chopin now", "audiobook snow white",
    "queen's barcelona", "michael buble save the last dance", "all songs of eminem")."""
    try:
        return _find_title(ctx, media, artist)
    except ToolError as missing:
        for title, by in _readings(media or "", artist):
            try:
                return _find_title(ctx, title, by)
            except ToolError:
                continue
        raise missing from None


_WRAP_BEFORE = re.compile(
    r"^(?:(?:me|us|for me|the|my|a|an|some|all|all the|all of the|from the|music from the"
    r"|favorite|favourite|something that's|something that is|something like)\s+)+"
    r"(?:(?:audio ?book|podcast|album|song|track|playlist|radio station|station)s?"
    r"(?:\s+(?:of|called|named))?\s+)?"
)
_WRAP_AFTER = re.compile(
    r"\s+(?:now|right now|please|again|for me|for us|today|genre|where (?:i|we) left off"
    r"|from the (?:beginning|start))$"
)
# "All songs of eminem", "an album from nithyasree mahadevan", "a symphony from kano":
# a piece described only by its kind is the artist's.
_ARTIST_OF = re.compile(
    r"^(?:all\s+)?(?:the\s+|an?\s+|some\s+|one\s+|any\s+)?(?:songs?|music|tracks?|albums?"
    r"|records?|tunes?|movements?|symphon(?:y|ies)|sound ?tracks?|pieces?|singles?|hits?"
    r"|concertos?|sonatas?|operas?) (?:of|by|from) (.+)$"
)


def _readings(said: str, artist: str | None) -> list[tuple[str | None, str | None]]:
    """Other ways to read what was said: unwrapped, artist's title, artist then title."""
    text = " ".join(said.lower().split())
    for _ in range(3):
        text = _WRAP_AFTER.sub("", _WRAP_BEFORE.sub("", text))
        text = _SERVICE_BEFORE.sub("", _SERVICE_AFTER.sub("", text))
    text = re.sub(r"^(?:audio ?book|podcast|album|song|track|playlist) ", "", text)
    if artist is not None:  # "something by joe dolce on google music"
        artist = _SERVICE_AFTER.sub("", " ".join(artist.lower().split())) or artist
    readings: list[tuple[str | None, str | None]] = [(text or None, artist)]
    of = _ARTIST_OF.match(text)
    if of is not None:
        readings.append((None, of[1]))
    for word in (" by ", " from "):  # "lady by kenny rogers", once unwrapped
        if word in text and artist is None:
            title, _, by = text.partition(word)
            readings.append((title, by))
    source = re.search(r"(?:^| )from (?:my|the) (.+)$", text)
    if source is not None:  # "a song from my favourites"
        readings.append((source[1], artist))
    if "'s " in text and artist is None:  # "queen's barcelona"
        owner, _, title = text.partition("'s ")
        readings.append((title, owner))
    words = text.split()
    if artist is None:  # "michael buble save the last dance": an artist, then a title
        readings += [(" ".join(words[k:]), " ".join(words[:k])) for k in range(1, len(words))]
    return readings


def _find_title(ctx: ToolContext, media: str | None, artist: str | None) -> str:
    library = ctx.world.media_library
    if artist:
        by = _by_artist(ctx, artist)
        if not media:
            return by[0]
        library = [item for item in library if item.title in by] or library
    titles = [item.title for item in library]
    said = _strip_kind(" ".join((media or "").lower().split()))
    # A title made of generic words ("Music for Airports") is matched whole first.
    exact = [t for t in titles if t.casefold() == said]
    if exact:
        return exact[0]
    wanted = _strip_generic(said)
    if not wanted:
        raise ToolError("What should I play?")
    if wanted.startswith("by ") and not artist:
        # "Something by elvis" read whole as a title: the artist is after "by".
        return _by_artist(ctx, wanted.removeprefix("by "))[0]
    found = _title_by_words(wanted, titles)
    if found is None and not artist:
        # "I want to listen to dobbyn": no title fits, but a part of one artist's name,
        # or the whole name nearly ("a.j pero" for A.J. Pero).
        by_part = _artist_by_part(ctx, wanted) or _artist_near(ctx, wanted)
        found = _first_by(ctx, by_part) if by_part else None
    if found is None:
        raise ToolError(f"I can't find {media} in your music.")
    return found


def _title_by_words(wanted: str, titles: list[str]) -> str | None:
    """The title said exactly, by words of exactly one title, or nearly (a mishearing)."""
    for title in titles:
        if title.casefold() == wanted:
            return title
    # "play jazz": a word of exactly one title.
    words = [t for t in titles if set(wanted.split()) <= set(t.casefold().split())]
    if len(words) == 1:
        return words[0]
    best = process.extractOne(
        wanted, {t: t.casefold() for t in titles}, scorer=fuzz.ratio, score_cutoff=MEDIA_CUTOFF
    )
    return None if best is None else str(best[2])


def _strip_kind(text: str) -> str:
    for word in ("the ", "some ", "my "):
        if text.startswith(word):
            text = text[len(word) :]
    for suffix in KIND_SUFFIXES:
        if text.endswith(" " + suffix):
            return text[: -len(suffix) - 1]
    return text


def _strip_generic(text: str) -> str:
    return _strip_kind(" ".join(_GENERIC.sub(" ", text).split()))


def _by_artist(ctx: ToolContext, artist: str) -> list[str]:
    """Titles by the artist (near misses, a missing 'the', a part of one name), library order."""
    said = _strip_kind(" ".join(artist.lower().split()))
    # As said first, so that an artist named with a generic word ("Songs: Ohia") is found.
    name = _artist_near(ctx, said) or _artist_near(ctx, _strip_generic(said))
    name = name or _artist_by_part(ctx, _strip_generic(said))
    if not name:
        raise ToolError(f"I have nothing by {artist}.")
    return [i.title for i in ctx.world.media_library if i.artist == name]


def _artist_near(ctx: ToolContext, wanted: str) -> str | None:
    artists = {i.artist for i in ctx.world.media_library if i.artist}
    choices = {a: _strip_kind(a.casefold()) for a in artists}
    best = process.extractOne(wanted, choices, scorer=fuzz.ratio, score_cutoff=MEDIA_CUTOFF)
    return None if best is None else str(best[2])


def _artist_by_part(ctx: ToolContext, wanted: str) -> str | None:
    """The one artist whose name has all the words said ("elvis": Elvis Presley)."""
    words = set(wanted.split())
    fits = {
        i.artist
        for i in ctx.world.media_library
        if i.artist and words and words <= set(i.artist.casefold().split())
    }
    return fits.pop() if len(fits) == 1 else None


def _first_by(ctx: ToolContext, artist: str) -> str:
    return next(i.title for i in ctx.world.media_library if i.artist == artist)
