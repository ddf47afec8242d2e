"""A world media_player played by the Linux desktop: its mixer's volume, its MPRIS player."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sottovoce.devices.device import Device
from sottovoce.devices.kinds import check_state, check_write

from .mixer import Mixer
from .player import Playerctl
from .programs import ProgramError

log = logging.getLogger(__name__)

# A turn reads every device several times (checkpoint, the tool, the permission check);
# within this long one reading serves them all, and a track change cannot look like a write.
FRESH_S = 1.0
URI_SCHEMES = ("file://", "http://", "https://")


class DesktopMediaPlayer:
    """A media_player whose status and media are the desktop player's, volume the mixer's.

    Reading never fails: a program that cannot answer is logged and the last
    values read stand. Writing does what was asked or raises (ValueError for
    what the desktop cannot do, ProgramError when a program fails), and only
    attributes that differ from the present state are written, so that putting
    back an unchanged state after a failed turn runs nothing.
    """

    def __init__(
        self,
        like: Device,
        mixer: Mixer | None,
        player: Playerctl | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.id = like.id
        self.kind = like.kind
        self.name = like.name
        self.aliases = like.aliases
        self.area = like.area
        self.mixer = mixer
        self.player = player
        self._clock = clock
        self._known = check_state(like.kind, like.state())  # until the desktop says otherwise
        self._read_at: float | None = None
        self._warned: dict[str, str] = {}  # program -> its failure, said once until it recovers

    def state(self) -> dict[str, Any]:
        """The desktop's state, read afresh unless read a moment ago."""
        now = self._clock()
        if self._read_at is None or now - self._read_at >= FRESH_S:
            self._refresh()
            self._read_at = now
        return dict(self._known)

    def set(self, **attrs: Any) -> None:
        """Write attributes: status to the player, volume and muted to the mixer."""
        values = check_write(self.kind, attrs)
        present = self.state()
        changes = {k: v for k, v in values.items() if present.get(k) != v}
        self._check_can(changes)
        self._read_at = None  # what was written is read back next time
        if "media" in changes and self.player is not None:
            self.player.open(changes["media"])
        if "status" in changes and self.player is not None:
            self.player.command(changes["status"])
        if "volume" in changes and self.mixer is not None:
            self.mixer.set_volume(changes["volume"])
        if "muted" in changes and self.mixer is not None:
            self.mixer.set_muted(changes["muted"])

    def refresh(self) -> dict[str, Any]:
        """The state read from the desktop now, whenever it was last read."""
        self._read_at = None
        return self.state()

    def _check_can(self, changes: dict[str, Any]) -> None:
        # Everything is checked before anything runs: half a write cannot be taken back.
        if self.player is None and {"status", "media"} & set(changes):
            raise ValueError(f'the {self.name} does not control a player (media = "none")')
        if self.mixer is None and {"volume", "muted"} & set(changes):
            raise ValueError(f'the {self.name} does not control the volume (mixer = "none")')
        media = changes.get("media")
        if media is not None and not media.startswith(URI_SCHEMES):
            # MPRIS can open a file or a stream, not search a music collection by title.
            raise ValueError(
                f"the {self.name} cannot look up titles such as {media!r}; "
                "choose it in the player, or give a file:// or http(s):// address"
            )

    def _refresh(self) -> None:
        if self.mixer is not None:
            try:
                self._known["volume"], self._known["muted"] = self.mixer.read()
                self._warned.pop(self.mixer.program, None)
            except ProgramError as exc:
                self._warn(self.mixer.program, exc)
        if self.player is not None:
            try:
                status = self.player.status()
                media = self.player.media() if status != "stopped" else ""
                self._known["status"], self._known["media"] = status, media
                self._warned.pop(self.player.program, None)
            except ProgramError as exc:
                self._warn(self.player.program, exc)

    def _warn(self, program: str, exc: ProgramError) -> None:
        # A program that keeps failing would otherwise log on every reading.
        if self._warned.get(program) != str(exc):
            self._warned[program] = str(exc)
            log.warning("%s: %s; keeping the last known state", self.id, exc)
