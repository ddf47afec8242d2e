"""The desktop's media player through MPRIS, with `playerctl`."""

from __future__ import annotations

from dataclasses import dataclass

from .programs import ProgramError, run

# playerctl's words for "there is no player to ask" (versions differ).
NO_PLAYER = ("no players found", "no player could handle this command")
STATUSES = {"playing": "playing", "paused": "paused", "stopped": "stopped"}
# Artist and title apart, so that a title holding " - " is not split wrongly.
METADATA_FORMAT = "{{artist}}\t{{title}}"
# What the world's media_player status asks of the player.
VERBS = {"playing": "play", "paused": "pause", "stopped": "stop"}


@dataclass
class Playerctl:
    """The MPRIS player that `playerctl` picks (or the one named by `player`)."""

    player: str | None = None
    timeout_s: float = 2.0
    program: str = "playerctl"

    def status(self) -> str:
        """playing, paused or stopped; stopped when no player is running."""
        try:
            said = self._run("status")
        except ProgramError as exc:
            if _no_player(exc):
                return "stopped"
            raise
        return STATUSES.get(said.strip().lower(), "stopped")

    def media(self) -> str:
        """ "Artist - Title" (or the bare title) of what the player has; "" for nothing."""
        try:
            said = self._run("metadata", "--format", METADATA_FORMAT)
        except ProgramError as exc:
            if _no_player(exc) or "no metadata" in str(exc).lower():
                return ""
            raise
        artist, _, title = said.rstrip("\r\n").partition("\t")
        return " - ".join(part.strip() for part in (artist, title) if part.strip())

    def command(self, status: str) -> None:
        """Make the player's status `status` (play, pause or stop)."""
        self._run(VERBS[status])

    def open(self, uri: str) -> None:
        """Have the player open and play `uri` (a file or a stream, not a title)."""
        self._run("open", uri)

    def _run(self, *args: str) -> str:
        chosen = [f"--player={self.player}"] if self.player else []
        return run(["playerctl", *chosen, *args], self.timeout_s, command=f"playerctl {args[0]}")


def _no_player(exc: ProgramError) -> bool:
    text = str(exc).lower()
    return any(words in text for words in NO_PLAYER)
