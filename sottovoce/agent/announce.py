"""Timers and reminders that come due: take them out of the store and say so."""

from __future__ import annotations

from sottovoce.devices import World
from sottovoce.tools.builtin.reminders import announce_reminder
from sottovoce.tools.builtin.timers import announce_timer


def fire_due(world: World) -> list[str]:
    """Remove the timers and reminders due by the world's clock; their announcements."""
    now = world.clock.now()
    spoken = [announce_timer(timer) for timer in world.store.pop_due_timers(now)]
    spoken += [announce_reminder(reminder) for reminder in world.store.pop_due_reminders(now)]
    return spoken
