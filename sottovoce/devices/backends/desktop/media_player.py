"""A world media_player played by the Linux desktop: its mixer's volume, its MPRIS player."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from sottovoce.devices.backends import take_identity
from sottovoce.devices.device import Device
from sottovoce.devices.kinds import check_state, check_write

from .mixer import Mixer
from .player import Playerctl
from .programs import ProgramError

log = logging.getLogger(__name__)

# A turn reads every device several times (checkpoint, the tool, the permission check);
# within this long one reading serves them all, and a track change cannot look like a write.
FRESH_S = 1.0
# A program that failed (no sound server, a player hung on D-Bus) is not asked again for
# this long: every turn reads every device, and each try could cost the whole timeout.
RETRY_S = 15.0
SIDES = {"mixer": ("volume", "muted"), "player": ("status", "media")}
URI_SCHEMES = ("file://", "http://", "https://")


class DesktopMediaPlayer:
    """A media_player whose status and media are the desktop player's, volume the mixer's.

    Reading never fails: a program that cannot answer is logged, the last
    values read stand, and it is not asked again for a while. Writing does
    what was asked or raises (ValueError for what the desktop cannot do,
    ProgramError when a program fails), and only attributes that differ from
    the present state are written, so that putting back an unchanged state
    after a failed turn runs nothing.
    """

    id: str  # the world device's identity, set by take_identity
    kind: str
    name: str
    aliases: tuple[str, ...]
    area: str | None

    def __init__(
        self,
        like: Device,
        mixer: Mixer | None,
        player: Playerctl | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        take_identity(self, like)
        self.mixer = mixer
        self.player = player
        self._clock = clock
        self._known = check_state(like.kind, like.state())  # until the desktop says otherwise
        self._due = dict.fromkeys(SIDES, 0.0)  # when each side is next read (clock time)
        self._warned: dict[str, str] = {}  # program -> its failure, said once until it recovers

    def state(self) -> dict[str, Any]:
        """The desktop's state, read afresh unless read a moment ago."""
        self._fresh(SIDES)
        return dict(self._known)

    def set(self, **attrs: Any) -> None:
        """Write attributes: status to the player, volume and muted to the mixer."""
        values = check_write(self.kind, attrs)
        self._fresh([side for side, names in SIDES.items() if set(names) & set(values)])
        changes = {k: v for k, v in values.items() if self._known.get(k) != v}
        self._check_can(changes)
        if self.player is not None and {"status", "media"} & set(changes):
            if "media" in changes:
                self.player.open(changes["media"])
            if "status" in changes:
                self.player.command(changes["status"])
            self._due["player"] = 0.0  # what was written is read back next time
        if self.mixer is not None and {"volume", "muted"} & set(changes):
            if "volume" in changes:
                self.mixer.set_volume(changes["volume"])
            if "muted" in changes:
                self.mixer.set_muted(changes["muted"])
            self._due["mixer"] = 0.0

    def refresh(self) -> dict[str, Any]:
        """The state read from the desktop now, whenever it was last read."""
        self._due = dict.fromkeys(SIDES, 0.0)
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

    def _fresh(self, sides: Iterable[str]) -> None:
        """Read the sides whose last reading is old (or whose program may have recovered)."""
        for side in sides:
            now = self._clock()
            if now >= self._due[side]:
                read = self._read_mixer() if side == "mixer" else self._read_player()
                self._due[side] = now + (FRESH_S if read else RETRY_S)

    def _read_mixer(self) -> bool:
        if self.mixer is None:
            return True
        try:
            self._known["volume"], self._known["muted"] = self.mixer.read()
        except ProgramError as exc:
            return self._warn(self.mixer.program, exc)
        self._warned.pop(self.mixer.program, None)
        return True

    def _read_player(self) -> bool:
        if self.player is None:
            return True
        try:
            status = self.player.status()
            media = self.player.media() if status != "stopped" else ""
        except ProgramError as exc:
            return self._warn(self.player.program, exc)
        self._known["status"], self._known["media"] = status, media
        self._warned.pop(self.player.program, None)
        return True

    def _warn(self, program: str, exc: ProgramError) -> bool:
        """Log a failed reading, once while it keeps failing alike; always False."""
        if self._warned.get(program) != str(exc):
            self._warned[program] = str(exc)
            log.warning("%s: %s; keeping the last known state", self.id, exc)
        return False
