"""The media library: the title meant by a (possibly misheard) title or artist, and its name."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from sottovoce.tools import ToolContext, ToolError

MEDIA_CUTOFF = 80.0
# Words people add after a title ("play morning jazz playlist") that are not part of it.
KIND_SUFFIXES = ("playlist", "album", "podcast", "station", "radio station", "radio", "record")


def describe(ctx: ToolContext, title: str) -> str:
    """'Abbey Road by The Beatles', or the bare title."""
    for item in ctx.world.media_library:
        if item.title.casefold() == title.casefold() and item.artist:
            return f"{item.title} by {item.artist}"
    return title


def find_title(ctx: ToolContext, media: str | None, artist: str | None) -> str:
    """The library title meant by a (possibly misheard) title and/or artist."""
    library = ctx.world.media_library
    if artist:
        by = _by_artist(ctx, artist)
        if not media:
            return by[0]
        library = [item for item in library if item.title in by] or library
    titles = [item.title for item in library]
    wanted = _strip_kind(" ".join((media or "").lower().split()))
    if not wanted:
        raise ToolError("What should I play?")
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
    if best is None:
        raise ToolError(f"I can't find {media} in your music.")
    return str(best[2])


def _strip_kind(text: str) -> str:
    for word in ("the ", "some ", "my "):
        if text.startswith(word):
            text = text[len(word) :]
    for suffix in KIND_SUFFIXES:
        if text.endswith(" " + suffix):
            return text[: -len(suffix) - 1]
    return text


def _by_artist(ctx: ToolContext, artist: str) -> list[str]:
    """Titles by the artist (near misses and a missing 'the' allowed), library order."""
    wanted = _strip_kind(" ".join(artist.lower().split()))
    artists = {i.artist for i in ctx.world.media_library if i.artist}
    choices = {a: _strip_kind(a.casefold()) for a in artists}
    best = process.extractOne(wanted, choices, scorer=fuzz.ratio, score_cutoff=MEDIA_CUTOFF)
    if best is None:
        raise ToolError(f"I have nothing by {artist}.")
    return [i.title for i in ctx.world.media_library if i.artist == best[2]]
