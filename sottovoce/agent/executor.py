"""Running one tool call safely: validation, timeout, permissions and rollback.

Whatever happens inside a tool, the world is either changed as the tool
meant or left exactly as it was: a user-facing error, a fault, a timeout, a
request for confirmation or a change to a device kind the tool did not
declare all roll the world back to its state before the call.

A tool marked `confirm=True` asks with `ctx.confirm("Unlock the front
door?")` before it acts. One that did not ask and had nothing to do ("The
front door is already unlocked.") is answered as it is; one that tried to act
without asking is stopped at its first device write, or rolled back if it
changed the store, and the user is asked a question built from the call.

Kinds are policed twice. The tool sees the world through a guard that
refuses `set()` on an undeclared kind before the device is reached (real
hardware cannot be rolled back); afterwards every device's state is compared
with its state before the call, in case a change got past the guard.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from sottovoce.devices import World
from sottovoce.devices.backends import BackendError
from sottovoce.tools import NeedsConfirmation, ToolContext, ToolError, ToolSpec, WhichOne
from sottovoce.tools.guard import REFUSAL, Guard, NotPermitted

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """How a call ended: its reply, and whether it acted or needs the user's yes."""

    reply: str
    ok: bool
    confirm_prompt: str | None = None
    touched: list[str] = field(default_factory=list)
    problem: str | None = None
    asks_which: bool = False  # the tool asked which device: the next turn may answer
    choices: tuple[str, ...] = ()  # the devices it asked between, when it knew them


async def execute(
    spec: ToolSpec,
    args: Mapping[str, Any],
    world: World,
    *,
    area: str | None,
    referent: tuple[str, ...] = (),
    confirmed: bool = False,
) -> Outcome:
    """Validate and run one call, rolling the world back if it does not succeed."""
    try:
        values = spec.validate(args)
    except ValidationError as exc:
        return Outcome(_invalid_reply(spec), ok=False, problem=_one_line(exc))
    unasked = unasked_prompt(spec, values) if spec.confirm and not confirmed else None
    guard = Guard(spec.name, spec.kinds, ask_first=unasked)
    view = guard.view(world)
    ctx = ToolContext(
        world=view, area=area, referent=referent, confirmed=confirmed, plugin=spec.plugin
    )
    checkpoint = world.checkpoint()
    store = _store_view(world) if unasked is not None else None
    before = _Before({d.id: d.state() for d in world.devices.values()}, store)
    outcome = await _run(spec, ctx, values)
    if guard.refused:
        # Even a tool that caught the refusal and carried on is refused as a whole.
        outcome = Outcome(REFUSAL, ok=False, problem=guard.refused[0])
    elif guard.asked is not None and outcome.confirm_prompt is None:
        # A tool that caught the guard's question and carried on still asks.
        outcome = Outcome(guard.asked, ok=False, confirm_prompt=guard.asked)
    if outcome.ok:
        outcome = _police(spec, world, before, outcome, unasked)
    if not outcome.ok:
        world.restore(checkpoint)
    outcome.touched = list(ctx.touched)
    return outcome


async def _run(spec: ToolSpec, ctx: ToolContext, values: dict[str, Any]) -> Outcome:
    try:
        reply = await asyncio.wait_for(_call(spec, ctx, values), timeout=spec.timeout_s)
    except NeedsConfirmation as ask:
        return Outcome(ask.prompt, ok=False, confirm_prompt=ask.prompt)
    except NotPermitted as refused:
        return Outcome(str(refused), ok=False, problem=refused.problem)
    except ToolError as exc:
        which = isinstance(exc, WhichOne)
        choices = exc.choices if isinstance(exc, WhichOne) else ()
        problem = f"{spec.name}: {exc}"
        return Outcome(str(exc), ok=False, problem=problem, asks_which=which, choices=choices)
    except TimeoutError:
        reply = f"Sorry, that took too long, so I stopped. Nothing was changed by {spec.name}."
        return Outcome(reply, ok=False, problem=f"{spec.name}: timed out after {spec.timeout_s}s")
    except BackendError as exc:  # real hardware or a desktop program failed: say so, no traceback
        log.warning("%s: %s", spec.name, exc)
        reply = "Sorry, I couldn't reach that device, so I changed nothing."
        return Outcome(reply, ok=False, problem=f"{spec.name}: {exc}")
    except Exception as exc:  # a faulty plugin must not take the agent down
        log.warning("tool %s failed", spec.name, exc_info=True)
        reply = "Sorry, something went wrong, so I changed nothing."
        return Outcome(reply, ok=False, problem=f"{spec.name}: {type(exc).__name__}: {exc}")
    return Outcome(str(reply), ok=True)


async def _call(spec: ToolSpec, ctx: ToolContext, values: dict[str, Any]) -> Any:
    if spec.is_async():
        return await spec.function(ctx, **values)
    return await _in_daemon_thread(lambda: spec.function(ctx, **values))


async def _in_daemon_thread(work: Callable[[], Any]) -> Any:
    """Run blocking work in a daemon thread, so that a hung tool cannot block exit."""
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()

    def target() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the awaiting coroutine
            _settle(future, exc=exc)
        else:
            _settle(future, result=result)

    threading.Thread(target=target, daemon=True, name="sottovoce-tool").start()
    return await asyncio.wrap_future(future)


def _settle(
    future: concurrent.futures.Future[Any], *, result: Any = None, exc: BaseException | None = None
) -> None:
    # After a timeout the future is cancelled: a late answer is dropped, not raised.
    if future.cancelled():
        return
    try:
        if exc is not None:
            future.set_exception(exc)
        else:
            future.set_result(result)
    except concurrent.futures.InvalidStateError:
        pass


@dataclass
class _Before:
    """The world before a call: device states and the user's things."""

    devices: dict[str, dict[str, Any]]
    store: dict[str, Any] | None  # only for a call that must not act unasked


def _store_view(world: World) -> dict[str, Any]:
    """The plugins' records, as stored (the clock alone changes none of them)."""
    records: dict[str, Any] = world.store.rows()["records"]
    return records


def _police(
    spec: ToolSpec, world: World, before: _Before, outcome: Outcome, unasked: str | None
) -> Outcome:
    """Ask for a confirmed-only tool that acted without asking; refuse an undeclared kind.

    A confirmed-only tool that changed nothing had nothing to ask about: its
    reply ("The front door is already unlocked.") stands.
    """
    changed = [d for d in world.devices.values() if before.devices.get(d.id) != d.state()]
    if unasked is not None and (changed or _store_view(world) != before.store):
        return Outcome(unasked, ok=False, confirm_prompt=unasked)
    for device in changed:
        if device.kind not in spec.kinds:
            problem = f"{spec.name} changed {device.id}, a {device.kind} it did not declare"
            return Outcome(REFUSAL, ok=False, problem=problem)
    return outcome


def unasked_prompt(spec: ToolSpec, values: Mapping[str, Any]) -> str:
    """The question for a risky tool that did not ask its own: its name and its values.

    Never the tool's description, which is written for the language model.
    """
    action = spec.name.replace("_", " ")
    shown = [_short(v) for v in values.values() if _simple(v)]
    target = f" for {', '.join(shown[:3])}" if shown else ""
    return f"Should I run {action}{target}?"


def _simple(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool) and value != ""


def _short(value: Any) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def _invalid_reply(spec: ToolSpec) -> str:
    return f"Sorry, I couldn't {_lower_first(spec.description.rstrip('.'))} with that."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _one_line(exc: ValidationError) -> str:
    parts = [f"{'.'.join(map(str, e['loc'])) or 'args'}: {e['msg']}" for e in exc.errors()]
    return "; ".join(parts)
