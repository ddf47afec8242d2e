"""Locks: lock, unlock (only after the user confirms by voice), and ask whether locked.

"Lock the doors" (plural) means every lock in the house: people lock up on the
way out, wherever they stand. "Lock the door" (singular) means the one here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext
from sottovoce.tools.targets import find_devices, phrase, sentence, status_sentences

plugin = Plugin("locks", "Lock and unlock doors, and say whether they are locked.")

Name = Annotated[str | None, Field(description="lock name or alias, or 'it'")]
Area = Annotated[str | None, Field(description="area or floor; 'house' for all")]


def _forms(verb: str, tail: str = "", every: str = "[all] ") -> list[str | dict[str, Any]]:
    """`verb` applied to every way of naming a lock, then `tail`.

    Questions leave out "all": "are all the doors locked" is the questions plugin's.
    """
    end = f" {tail}" if tail else ""
    area = "[(in|on) [the] {area}]"
    return [
        f"{verb} [the] {{lock:name}}{end}",
        f"{verb} [the] (door|lock) {area}{end}",
        f"{verb} {every}[the] (doors|locks) (in|on) [the] {{area}}{end}",
        f"{verb} {every}[the] {{area}} (door|doors|lock|locks){end}",
        f"{verb} [the] {{area}}{end}",  # "is the shed locked": the shed's lock
        f"{verb} [the] {{lock_part:name}}{end}",  # "unlock the gate": the gate lock
        {"sentences": [f"{verb} {every}[the] (doors|locks){end}"], "slots": {"area": "house"}},
    ]


def _lock_sentences() -> list[str | dict[str, Any]]:
    sentences = _forms("(lock|secure|bolt|lock up)")
    sentences += ["lock {ref:name} [again]"]
    house = ["lock (up|everything|the house|up the house)", "lock all [the] doors and windows"]
    house = [f"{form} [for the night|before bed|for bed]" for form in house]
    sentences.append({"sentences": house, "slots": {"area": "house"}})
    return sentences


@plugin.tool(kinds=["lock"], sentences=_lock_sentences())
def lock_lock(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Lock doors."""
    locks = find_devices(ctx, ["lock"], name, area)
    for lock in locks:
        lock.set(locked=True)
    return sentence(locks, "is locked", "are locked")


def _unlock_sentences() -> list[str | dict[str, Any]]:
    sentences = _forms("(unlock|unbolt)")
    sentences += ["unlock {ref:name}"]
    # "Open the stair door" for a door that is a lock: it opens by unlocking (asked first).
    sentences += [
        "open [the] {lock:name}",
        "(let me|let us|let them) in [through] [the] {lock:name}",
    ]
    return sentences


@plugin.tool(kinds=["lock"], confirm=True, sentences=_unlock_sentences())
def lock_unlock(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Unlock doors (the user is asked to confirm first)."""
    locks = find_devices(ctx, ["lock"], name, area)
    locked = [lock for lock in locks if lock.state()["locked"]]
    if not locked:
        # Nothing to do, so nothing to confirm.
        return sentence(locks, "is already unlocked", "are already unlocked")
    text = phrase(locked)
    ctx.confirm(f"Unlock {text}?")
    for lock in locked:
        lock.set(locked=False)
    return sentence(locks, "is unlocked", "are unlocked")


def _status_sentences() -> list[str | dict[str, Any]]:
    # Speech recognition often drops a final "-ed" ("is the front door lock").
    sentences = _forms(
        "(is|are)", "(locked|lock|unlocked|unlock|still unlocked|secure|snibbed|bolted)", ""
    )
    sentences += _forms("did i (lock|forget to lock|leave unlocked|remember to lock)")
    # "Did I leave the back door unlocked", "have I locked the front door".
    sentences += _forms("did (i|we|someone|somebody|anyone) leave", "(unlocked|unlock|locked|lock)")
    sentences += _forms("(have|did) (i|we) (locked|lock)")
    sentences += _forms(
        "(is|are)", "(still|definitely|currently|now) (locked|lock|unlocked|unlock)", ""
    )
    sentences += ["(is|are) {ref:name} (locked|lock|unlocked|unlock)", *status_sentences("lock")]
    house = ["(is|are) the house (locked|secure|locked up)", "is everything (secure|locked up)"]
    house += ["did i lock up"]
    sentences.append({"sentences": house, "slots": {"area": "house"}})
    return sentences


@plugin.tool(reads_only=True, kinds=["lock"], sentences=_status_sentences())
def lock_status(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Say whether doors are locked."""
    locks = find_devices(ctx, ["lock"], name, area)
    return _report(locks)


def _report(locks: list[Device]) -> str:
    """'The front door is locked; the back door is unlocked.'"""
    locked = [lock for lock in locks if lock.state()["locked"]]
    unlocked = [lock for lock in locks if not lock.state()["locked"]]
    if not unlocked:
        return sentence(locks, "is locked", "are all locked")
    if not locked:
        return sentence(locks, "is unlocked", "are all unlocked")
    first = sentence(unlocked, "is unlocked", "are unlocked").rstrip(".")
    second = sentence(locked, "is locked", "are locked")
    return f"{first}; {second[0].lower()}{second[1:]}"
