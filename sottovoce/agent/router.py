"""The router: decide what a user's words mean, first by grammar, then by language model.

Order: the grammar's cascade (`cascade.py`: exact, split at "and", follow-ups,
relaxed, Home Assistant's sentences, near-miss names, trimmed edges); a
question when the words name something cut short or ambiguous (`clarify.py`);
"there is no X here" when they name something this home lacks; the language
model, checked before it acts; and if nothing understood it, a clear "I didn't
understand". Negations ("don't open the garage") are decided here too: they
do nothing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field

from pydantic import ValidationError

from sottovoce.agent.addressee import Addressee
from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.cascade import GrammarCascade
from sottovoce.agent.clarify import Clarification, Clarifier
from sottovoce.agent.dialogue import DialogueState, is_dismissal, is_negated
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.grammar_intents import FOLLOW_UP
from sottovoce.agent.grounding import Grounding
from sottovoce.agent.later import LATER_REPLY, for_later
from sottovoce.agent.modelguard import help_sentence, is_musing
from sottovoce.agent.names import all_spoken_names
from sottovoce.agent.normalize import normalize
from sottovoce.agent.otherone import OtherOne
from sottovoce.agent.prompt import build_messages, static_prompt
from sottovoce.agent.relaxed import relaxed_text, switched
from sottovoce.agent.toolselect import ToolSelector
from sottovoce.agent.typos import Typos, as_typed, holds_the, with_article
from sottovoce.devices import World
from sottovoce.models import (
    ChatMessage,
    DeadlinePassed,
    EngineUnavailable,
    LLMDecision,
    LLMEngine,
    ModelOutputError,
    TextSink,
    ToolSchema,
)
from sottovoce.models.llm import turn_deadline_s
from sottovoce.models.toolcall import decision_json
from sottovoce.tools import Registry

log = logging.getLogger(__name__)

CANT_REACH = "I can't reach the language model right now, so I only know simple commands."
NOT_UNDERSTOOD = "Sorry, I didn't understand that."
TOO_SLOW = "Sorry, the language model took too long to answer, so I did nothing."
# How long past the deadline the agent waits for an engine that should have stopped itself.
_GRACE_S = 0.25
_NAME_WORDS = 4  # a name said alone to stand for one this home lacks


@dataclass
class Decision:
    """What the router decided for one utterance."""

    route: str
    calls: list[Call] = field(default_factory=list)
    reply: str | None = None
    problems: list[str] = field(default_factory=list)
    model_outputs: int = 0  # decisions the language model wrote this turn
    model_valid: int = 0  # of those, the ones that were a valid call or a reply


class Router:
    """Turns normalized text into tool calls."""

    def __init__(
        self,
        registry: Registry,
        world: World,
        engine: LLMEngine | None = None,
        *,
        use_grammar: bool = True,
        grammar: Grammar | None = None,
        selector: ToolSelector | None = None,
    ) -> None:
        self.registry = registry
        self.engine = engine
        # A compiled grammar can be shared by agents on copies of the same world.
        self.grammar = (grammar or Grammar(registry, world)) if use_grammar else None
        places = [normalize(area.name) for area in world.areas]
        self.addressee = Addressee(
            registry,
            [word for name in [*_device_names(world), *places] for word in name.split()],
            [normalize(contact.name) for contact in world.contacts],
        )
        self.cascade = (
            None
            if self.grammar is None
            else GrammarCascade(
                registry,
                self.grammar,
                _device_names(world),
                places,
                people=self.addressee.people,
            )
        )
        self.clarifier = None if self.grammar is None else Clarifier(registry, world, self.grammar)
        if engine is not None and selector is None:
            selector = ToolSelector(registry, world)
        self.selector = selector
        self.typos = Typos.of_home(registry, world)
        self.grounding = Grounding(world)
        self.other_one = OtherOne(world)
        self.static_prompt = static_prompt(world)

    async def route(
        self,
        text: str,
        state: DialogueState,
        on_text: TextSink | None = None,
        *,
        heard: str | None = None,
    ) -> Decision:
        """Decide the calls for normalized text in the light of the conversation.

        `heard` is the utterance before normalization, when there is one: Home
        Assistant's sentences are tried on it too. A language model's spoken
        answer is passed to `on_text` while it is written.
        """
        if not text:
            return Decision("none", reply="Sorry, I didn't catch that.")
        if is_negated(text):
            return Decision("grammar", reply="Okay, I won't.")
        if self.addressee.not_for_me(text, heard) or is_musing(text):
            return Decision("none", reply=NOT_UNDERSTOOD)
        text = self.other_one.possessed(text, state.last_call)
        unknown: UnknownName | None = None
        if (moved := self.other_one.moved(text, state.last_call)) is not None:
            return Decision("grammar", [moved])
        if state.which_asked and state.last_call is not None:
            answer = self._which_answer(text, state)
            if answer:
                return Decision("grammar", answer)
        retry, state.unknown_said = state.unknown_said, None
        if self.cascade is not None:
            found = self.cascade.decide(text, state.last_call, heard, state.referent)
            if isinstance(found, list):
                return Decision("grammar", found)
            unknown = found
            if retry is not None and (again := self._named_instead(text, retry, state)):
                return Decision("grammar", again)
            if (repaired := self._repaired(text, state)) is not None:
                return Decision("grammar", repaired)
        # Words that name something here but are cut short or fit several devices: ask.
        said = switched(text.split())  # "off the tube light": asked as "turn off ..."
        asked_about = " ".join(said) if said is not None else text
        asked = self.clarifier.ask(asked_about, unknown) if self.clarifier is not None else None
        if asked is not None and (every := self._all_meant(asked, text)):
            return Decision("grammar", every)
        if asked is not None:
            state.clarification = asked
            return Decision("clarify", reply=asked.question)
        if is_dismissal(text):  # "forget it, I'll do it myself": nothing for a model to do
            return Decision("grammar", reply="Okay.")
        if unknown is not None:
            # The words name something this home does not have: saying so beats
            # any guess a model could make.
            state.unknown_said = (text, unknown.text)
            return Decision("grammar", reply=unknown.reply())
        if for_later(text):  # "at 13:00 start the vacuum": no tool acts later
            return Decision("none", reply=LATER_REPLY)
        decided = await self._ask_model(text, state, on_text)
        if decided is not None:
            return decided
        return Decision("none", reply=NOT_UNDERSTOOD)

    def _all_meant(self, asked: Clarification, text: str) -> list[Call]:
        """The calls for every device a plural name fits ("the nightstand lamps")."""
        assert self.cascade is not None and self.clarifier is not None
        texts = self.clarifier.all_meant(asked, text) or []
        found = [self.cascade.decide(t, None, None, ()) for t in texts]
        return [c for f in found if isinstance(f, list) for c in f]

    def _repaired(self, text: str, state: DialogueState) -> list[Call] | None:
        """The calls for words typed with slips ("remnd me ...") or said without their
        "the" ("cancel alarm", "turn on big light"), if any."""
        assert self.cascade is not None
        mended, typed = self.typos.mend(text)
        if typed:
            found = self.cascade.decide(mended, state.last_call, None, state.referent)
            if isinstance(found, list):
                return as_typed(found, typed)
        for said in with_article(text):
            # A whole sentence of the grammar only: the "the" must open no other reading.
            call = self.grammar.match(said) if self.grammar is not None else None
            # ... and the "the" must not be what a slot holds ("put the to my calendar").
            if call is not None and call.tool != FOLLOW_UP and not holds_the(call):
                return [call]
        return None

    def _named_instead(
        self, text: str, retry: tuple[str, str], state: DialogueState
    ) -> list[Call] | None:
        """'Turn on the hot tub' - "no hot tub here" - "ok, the patio lights then": the
        command said before, with the name said now in place of the one this home lacks."""
        assert self.cascade is not None
        said, missing = retry
        name = relaxed_text(text).removeprefix("the ")
        if not name or len(name.split()) > _NAME_WORDS or f" {missing} " not in f" {said} ":
            return None
        again = f" {said} ".replace(f" {missing} ", f" {name} ", 1).strip()
        found = self.cascade.decide(again, state.last_call, None, state.referent)
        return found if isinstance(found, list) else None

    def _which_answer(self, text: str, state: DialogueState) -> list[Call] | None:
        """'Which lamp?' - "Jaden's", "the one in the den", "both", "the Ecobee": the call
        that asked, aimed at the devices the answer picks."""
        assert state.last_call is not None
        last = state.last_call
        picked = (
            self.clarifier.pick(state.which_choices, text)
            if self.clarifier is not None and state.which_choices
            else []
        )
        if picked:
            args = {k: v for k, v in last.args.items() if k not in ("name", "area")}
            return [Call(last.tool, {**args, "name": device}) for device in picked]
        if self.cascade is None:
            return None
        answer = self.cascade.decide(f"what about {text}", last, None)
        return answer if isinstance(answer, list) else None

    def completes(self, text: str) -> bool:
        """Whether normalized text is a whole command the grammar acts on as it stands."""
        return (
            self.cascade is not None and bool(text) and self.cascade.parts(text, None) is not None
        )

    async def _ask_model(
        self, text: str, state: DialogueState, on_text: TextSink | None
    ) -> Decision | None:
        if self.engine is None or self.selector is None:
            return None
        specs = self.selector.select(text, state.last_call)
        tools = self.selector.schemas(specs)
        messages = build_messages(self.static_prompt, tools, state.history, text)
        # One deadline for the model's whole part of the turn, the second try included.
        attempt = _Attempt(deadline=time.monotonic() + turn_deadline_s(self.engine))
        try:
            calls, error, decision = await self._decide(messages, tools, attempt)
            if error is not None:
                messages += [
                    ChatMessage("assistant", decision_json(decision) if decision else "?"),
                    ChatMessage("tool", f"That was not a valid call: {error}. Try again."),
                ]
                calls, error, decision = await self._decide(messages, tools, attempt)
        except DeadlinePassed as exc:
            log.info("language model stopped at the turn's deadline: %s", exc)
            return attempt.count(Decision("none", reply=TOO_SLOW, problems=[f"llm: {exc}"]))
        except EngineUnavailable as exc:
            return Decision("none", reply=CANT_REACH, problems=[f"llm: {exc}"])
        if error is None and self._invented(calls, text):
            return attempt.count(Decision("none", reply=NOT_UNDERSTOOD))
        reply, why = self._screened(calls, decision, text) if error is None else (None, None)
        if why is not None:
            log.info("model's decision not used: %s", why)
            refused = Decision("none", reply=help_sentence(self.registry))
            refused.problems.append(f"llm: not used: {why}")
            return attempt.count(refused)
        if reply and on_text is not None:
            on_text(reply)  # checked whole before it is said, so it is not streamed
        return attempt.finish(calls, error, reply)

    def _invented(self, calls: list[Call], text: str) -> bool:
        for call in calls:
            spec = self.registry.get(call.tool)
            name = self.grounding.ungrounded(call, spec, text) if spec else None
            if name is not None:
                log.info("model named %r, which the user did not say; not acting", name)
                return True
        return False

    def _screened(
        self, calls: list[Call], decision: LLMDecision | None, text: str
    ) -> tuple[str | None, str | None]:
        """The reply to say, and why the model's decision must not be used (None: it may)."""
        for call in calls:
            spec = self.registry.get(call.tool)
            why = self.grounding.refused(spec, text) if spec is not None else None
            if why is not None:
                return None, why
        if calls or decision is None or not decision.text:
            return None, None
        reply, why = self.grounding.reply(decision.text, text)
        return (spoken_reply(reply), None) if reply else (None, f"the reply: {why}")

    async def _decide(
        self,
        messages: list[ChatMessage],
        tools: list[ToolSchema],
        attempt: _Attempt,
    ) -> tuple[list[Call], str | None, LLMDecision | None]:
        assert self.engine is not None
        left = attempt.deadline - time.monotonic()
        if left <= 0:
            raise DeadlinePassed("the turn's time for the model was up before it was asked again")
        attempt.outputs += 1
        asked = asyncio.to_thread(
            self.engine.decide, messages, tools, None, deadline=attempt.deadline
        )
        try:
            # An engine that cannot stop at the deadline (in-process generation) is left
            # to finish in its thread; its answer is not used.
            decision = await asyncio.wait_for(asked, left + _GRACE_S)
        except TimeoutError:
            raise DeadlinePassed(
                f"the {self.engine.name} engine had not answered when the turn's time was up"
            ) from None
        except ModelOutputError as exc:
            log.info("model output rejected: %s", exc)
            return [], str(exc), None
        except EngineUnavailable:
            raise
        except Exception as exc:  # a broken engine must not end the conversation
            log.exception("language model engine failed")
            raise EngineUnavailable(f"the engine failed: {type(exc).__name__}: {exc}") from exc
        calls, error = self._check(decision)
        if error is None:
            attempt.valid += 1
        return calls, error, decision

    def _check(self, decision: LLMDecision) -> tuple[list[Call], str | None]:
        calls = []
        for choice in decision.calls:
            spec = self.registry.get(choice.name)
            if spec is None:
                return [], f"there is no tool called {choice.name}"
            try:
                spec.validate(choice.arguments)
            except ValidationError as exc:
                return [], f"{choice.name}: {_first_error(exc)}"
            calls.append(Call(choice.name, dict(choice.arguments)))
        return calls, None


@dataclass
class _Attempt:
    """How the model did this turn: outputs written and how many were valid."""

    deadline: float = float("inf")  # time.monotonic() when the model's time is up
    outputs: int = 0
    valid: int = 0

    def finish(self, calls: list[Call], error: str | None, reply: str | None) -> Decision:
        """The model's decision as the router's ("didn't understand" when it did neither)."""
        if error is not None:
            sorry = "Sorry, I couldn't work out how to do that."
            result = Decision("llm", reply=sorry, problems=[f"llm: {error}"])
        elif calls:
            result = Decision("llm", calls)
        elif reply:
            result = Decision("llm", reply=reply)
        else:  # it neither called nor said: counted all the same
            result = Decision("none", reply=NOT_UNDERSTOOD)
        return self.count(result)

    def count(self, result: Decision) -> Decision:
        """The decision with this turn's model outputs counted."""
        result.model_outputs, result.model_valid = self.outputs, self.valid
        return result


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def spoken_reply(text: str, max_sentences: int = 2) -> str:
    """A model's free-text reply, fit to be said: repeats dropped, at most a couple of sentences."""
    # Small models loop ("I am on. I am on. I am on."); a listener should hear it once.
    sentences: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        key = re.sub(r"\W+", " ", sentence.lower()).strip()
        if key and all(key != re.sub(r"\W+", " ", s.lower()).strip() for s in sentences):
            sentences.append(sentence)
    return " ".join(sentences[:max_sentences])


def _device_names(world: World) -> dict[str, str]:
    """Each device's spoken names, normalized, to its id (a name two devices share: neither)."""
    found: dict[str, str | None] = {}
    for device, names in all_spoken_names(world).items():
        for name in names:
            key = normalize(name)
            found[key] = device if found.get(key, device) == device else None
    return {name: device for name, device in found.items() if device is not None and name}
