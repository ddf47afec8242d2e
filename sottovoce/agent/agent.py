"""The agent: one conversation with a world, turning the user's words into actions and a reply.

It normalizes what was heard, settles a pending clarifying question or
confirmation, asks the router for calls, runs them through the executor,
remembers what the conversation refers to, announces timers and reminders
that came due, and persists the user's things after every turn.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from sottovoce.agent.announce import fire_due
from sottovoce.agent.calls import Call, TurnResult
from sottovoce.agent.clarify import Clarification, answered_forms
from sottovoce.agent.dialogue import DialogueState, after_no, ask_together, is_no, is_yes
from sottovoce.agent.executor import Outcome, execute
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.agent.router import Decision, Router
from sottovoce.agent.toolselect import ToolSelector
from sottovoce.agent.verbatim import verbatim
from sottovoce.agent.yesno import follows_on, yes_or_no
from sottovoce.devices import StoreError, StoreUnsaved, World
from sottovoce.models import LLMEngine
from sottovoce.models.limits import MAX_UTTERANCE_CHARS, TOO_LONG_REPLY
from sottovoce.models.safetext import printable
from sottovoce.tools import Registry

log = logging.getLogger(__name__)


@dataclass
class _Turn:
    """Work in progress for one turn."""

    heard: str
    area: str | None
    started: float
    route: str = "none"
    tools_s: float = 0.0
    route_s: float = 0.0
    model_outputs: int = 0
    model_valid: int = 0


class Agent:
    """Hears text, routes it, runs tools and replies; keeps the conversation's state."""

    def __init__(
        self,
        registry: Registry,
        world: World,
        engine: LLMEngine | None = None,
        *,
        use_grammar: bool = True,
        grammar: Grammar | None = None,
        selector: ToolSelector | None = None,
        on_announce: Callable[[str], None] | None = None,
    ) -> None:
        self.registry = registry
        self.on_announce = on_announce  # e.g. a desktop notification, besides speaking it
        self.world = world
        registry.attach(world)  # the plugins' records in the snapshot and the names
        self.router = Router(
            registry, world, engine, use_grammar=use_grammar, grammar=grammar, selector=selector
        )
        self.state = DialogueState()
        self._queued: list[str] = []

    def check_due(self) -> None:
        """Fire the timers and reminders whose time has come; queue (and hook) what to say."""
        # A reminder's text is the user's, and reaches a terminal and a notification.
        spoken = fire_due(self.world, self.registry)  # cleaned there
        if spoken:
            self._save()
            self._queued += spoken
            for text in spoken:
                self._tell_hook(text)

    def _take_in_saved(self) -> None:
        """Start the turn from what every process sharing the store has saved."""
        try:
            self.world.store.refresh()
        except StoreError as exc:  # unreadable now: go on with what this process holds
            log.warning("%s", exc)

    def _save(self) -> str | None:
        """Save what changed; if it cannot be, say why (it stays here, and is tried again)."""
        try:
            self.world.store.commit()
        except StoreError as exc:
            log.info("%s", exc)
            return exc.reason if isinstance(exc, StoreUnsaved) else "the store failed"
        return None

    def _tell_hook(self, text: str) -> None:
        if self.on_announce is None:
            return
        try:
            self.on_announce(text)
        except Exception:  # a broken hook must not lose the announcement itself
            log.warning("announcement hook failed for %r", text, exc_info=True)

    def take_announcements(self) -> list[str]:
        """Fire what is due and hand over everything waiting to be announced."""
        self.check_due()
        spoken, self._queued = self._queued, []
        return spoken

    def would_act(self, heard: str) -> bool:
        """Whether these words, said now, are a whole request: the grammar's, or an answer."""
        if len(heard) > MAX_UTTERANCE_CHARS:
            return True  # no matching; `handle` answers that it was too long
        text = normalize(heard.strip())
        if self.state.pending and (is_yes(text) or is_no(text)):
            return True
        return self.router.completes(text)

    async def handle(self, text: str, *, area: str | None = None) -> TurnResult:
        """Handle one utterance; `area` is where the user speaks from (default: the listener)."""
        if len(text) > MAX_UTTERANCE_CHARS:
            return _too_long(text)
        turn = _Turn(heard=text.strip(), area=area or self.world.listener_area, started=_now())
        self._take_in_saved()
        announced = self.take_announcements()
        before = self.world.store.rows()
        normalized = normalize(turn.heard)
        calls, replies, problems = await self._respond(turn, normalized)
        if len(calls) == 1 == len(replies) and self._reads_only(calls[0]):
            replies = [self._yes_or_no(normalized, calls[0], replies[0])]  # "No, ..."
        else:
            self.state.yes_no_asked = None
        unsaved = self._save()
        if unsaved is not None and self.world.store.rows() != before:
            replies.append(f"But I couldn't save it because {unsaved}, so it lasts until I stop.")
            problems.append(f"store: {unsaved}")
        # The one place a turn's words come together: a model's, a tool's echo of a
        # note, a list item or a world's name. Nothing said or printed holds a control.
        reply = printable(" ".join([*announced, *replies])).strip()
        self.state.remember(turn.heard, reply)
        timings = {
            "route": round(turn.route_s, 6),
            "tools": round(turn.tools_s, 6),
            "turn": round(_now() - turn.started, 6),
        }
        return TurnResult(
            heard=turn.heard,
            reply=reply,
            route=turn.route,
            calls=calls,
            timings_s=timings,
            problems=problems,
            announcements=announced,
            model_outputs=turn.model_outputs,
            model_valid=turn.model_valid,
        )

    def _yes_or_no(self, text: str, call: Call, reply: str) -> str:
        """The reply with yes or no first when it settles a yes-or-no question (see yesno)."""
        asked = self.state.yes_no_asked
        if asked is not None and asked[0] == call.tool and follows_on(text):
            text = asked[1]  # "is the kitchen light on?" "and the porch light?"
        answered = yes_or_no(text, reply)
        self.state.yes_no_asked = (call.tool, text) if answered != reply else None
        return answered

    def _reads_only(self, call: Call) -> bool:
        spec = self.registry.get(call.tool)
        return spec is not None and spec.reads_only

    async def _respond(self, turn: _Turn, text: str) -> tuple[list[Call], list[str], list[str]]:
        asked, self.state.clarification = self.state.clarification, None
        if asked is not None:
            answered = await self._answer(turn, text, asked)
            if answered is not None:
                return answered
        pending, self.state.pending = self.state.pending, []
        if pending:
            if is_yes(text):
                turn.route = "dialogue"
                return await self._confirmed(turn, pending)
            if is_no(text):
                turn.route = "dialogue"
                return [], ["Okay, I won't."], []
            text = after_no(text) or text
        elif (is_yes(text) or is_no(text)) and not self.router.completes(text):
            # A bare "yes" with no question asked (often a misheard word) must not act;
            # "stop" or "skip it" with nothing asked are commands of their own, and a
            # bare "never mind" is let go, as Home Assistant's HassNevermind is.
            turn.route = "dialogue"
            return [], ["Okay." if is_no(text) else "There's nothing waiting for a yes or no."], []
        return await self._route(turn, [text])

    async def _answer(
        self, turn: _Turn, text: str, asked: Clarification
    ) -> tuple[list[Call], list[str], list[str]] | None:
        """Complete the asked command with the answer; None if the answer is a new request."""
        if is_no(text):
            turn.route = "dialogue"
            return [], ["Okay."], []
        clarifier = self.router.clarifier
        completed = clarifier.complete(asked, text) if clarifier is not None else None
        return await self._route(turn, completed) if completed else None

    async def _route(
        self, turn: _Turn, texts: list[str]
    ) -> tuple[list[Call], list[str], list[str]]:
        """Route each text (several when an answer picked several devices) and carry them out."""
        started = _now()
        # The words as heard, for sentences that read them better than the normalized
        # form does ("5 minute timer for pizza"); only when the text is the heard one.
        heard = turn.heard if texts == [normalize(turn.heard)] else None
        decisions = [await self.router.route(text, self.state, heard=heard) for text in texts]
        turn.route_s = _now() - started
        decision = _merged(decisions)
        if decision.route == "grammar":  # a model writes its free text itself
            decision.calls = verbatim(decision.calls, self.registry, turn.heard)
        turn.route = decision.route
        turn.model_outputs, turn.model_valid = decision.model_outputs, decision.model_valid
        asked = self.state.clarification
        if asked is not None and asked.referent:
            # "What should I do with the front door?" - "unlock it": "it" is the door,
            # not what the last command acted on.
            self.state.referent, self.state.last_call = asked.referent, None
        done = await self._carry_out(turn, decision)
        if len(texts) == 1 == len(decision.calls) and decision.route == "grammar":
            self._ask_back(texts[0], decision.calls[0], done[1])
        return done

    def _ask_back(self, text: str, call: Call, replies: list[str]) -> None:
        """A tool's question ("When should I remind you?"): its answer may complete the call."""
        if len(replies) != 1 or "?" not in replies[0] or self.state.pending:
            return
        if self.state.which_asked or self.state.clarification is not None:
            return  # "which one" is answered by its own rules
        self.state.clarification = Clarification(
            replies[0], forms=answered_forms(text), tool=call.tool, given=frozenset(call.args)
        )

    async def _confirmed(
        self, turn: _Turn, pending: list[Call]
    ) -> tuple[list[Call], list[str], list[str]]:
        """The user said yes: run every call asked about, in order, each validated again."""
        replies: list[str] = []
        problems: list[str] = []
        for call in pending:
            outcome = await self._run(turn, call, confirmed=True)
            replies.append(outcome.reply)
            problems += _problems(outcome)
        return list(pending), replies, problems

    async def _carry_out(
        self, turn: _Turn, decision: Decision
    ) -> tuple[list[Call], list[str], list[str]]:
        """Run what needs no yes now; ask one question for all the rest, after the replies."""
        replies = [decision.reply] if decision.reply else []
        problems = list(decision.problems)
        asked: dict[str, Call] = {}  # by question: the same question is the same action
        for call in decision.calls:
            outcome = await self._run(turn, call, confirmed=False)
            problems += _problems(outcome)
            if outcome.confirm_prompt is None:
                replies.append(outcome.reply)
            else:
                asked.setdefault(outcome.confirm_prompt, call)
        if asked:
            self.state.pending = list(asked.values())
            self.state.pending_prompt = ask_together(list(asked))
            replies.append(self.state.pending_prompt)
        return list(decision.calls), replies, problems

    async def _run(self, turn: _Turn, call: Call, *, confirmed: bool) -> Outcome:
        spec = self.registry.get(call.tool)
        if spec is None:
            return Outcome("Sorry, I can't do that.", ok=False, problem=f"no tool {call.tool}")
        started = _now()
        outcome = await execute(
            spec,
            call.args,
            self.world,
            area=turn.area,
            referent=self.state.referent,
            confirmed=confirmed,
        )
        turn.tools_s += _now() - started
        if outcome.touched:
            self.state.referent = tuple(outcome.touched)
        # After "Which fan? There is none in the kitchen.", "the one in the master bedroom"
        # re-aims the call that asked.
        if outcome.ok or outcome.asks_which:
            self.state.last_call = call
        self.state.which_asked = outcome.asks_which
        self.state.which_choices = outcome.choices
        return outcome


def _merged(decisions: list[Decision]) -> Decision:
    """One decision from several: their calls, replies and problems in order."""
    if len(decisions) == 1:
        return decisions[0]
    replies = [d.reply for d in decisions if d.reply]
    return Decision(
        decisions[0].route,
        [call for d in decisions for call in d.calls],
        " ".join(replies) or None,
        [problem for d in decisions for problem in d.problems],
        sum(d.model_outputs for d in decisions),
        sum(d.model_valid for d in decisions),
    )


def _too_long(text: str) -> TurnResult:
    """The whole turn for an utterance over the limit: one sentence, nothing done.

    Matching grows faster than the text (one megabyte took 23 GB), so nothing
    (no routing, no tools, no model, no store) sees it (docs/limits.md).
    """
    return TurnResult(
        heard=text[:MAX_UTTERANCE_CHARS],
        reply=TOO_LONG_REPLY,
        route="none",
        timings_s={"route": 0.0, "tools": 0.0, "turn": 0.0},
        problems=[f"utterance of {len(text)} characters, over the limit of {MAX_UTTERANCE_CHARS}"],
    )


def _problems(outcome: Outcome) -> list[str]:
    return [outcome.problem] if outcome.problem else []


def _now() -> float:
    return time.perf_counter()
