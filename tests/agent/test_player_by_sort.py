"""A player said by its sort and its room ("the TV in the game room") is that player."""

from __future__ import annotations

from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-07-18T14:30:00",
    "areas": [{"name": "kitchen"}, {"name": "game room"}, {"name": "hall"}],
    "listener": {"area": "kitchen"},
    "devices": [
        {"id": "media_player.game_tv", "kind": "media_player", "name": "game room TV",
         "area": "game room", "state": {"status": "playing", "volume": 30}},
        {"id": "media_player.game_speaker", "kind": "media_player", "name": "soundbar",
         "area": "game room", "state": {"status": "playing", "volume": 30}},
    ],
}  # fmt: skip


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


def test_a_player_by_its_sort_and_room_is_that_player_alone() -> None:
    h = _harness()
    h.say("turn off the tv in the game room")
    assert h.state("media_player.game_tv")["status"] == "stopped"
    assert h.state("media_player.game_speaker")["status"] == "playing"
