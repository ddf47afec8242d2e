"""`sottovoce eval`: run a case file against fresh copies of a world and report.

Each case gets a new world on a virtual clock with an in-memory store, and
a new agent; the compiled grammar is shared, since every copy has the same
names. A case that raises is counted as an error, not a failure, and the
run goes on. With a voice, a spoken turn also times the synthesis of its
reply's first sentence: the moment the user would start hearing the answer.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import TurnResult
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.toolselect import ToolSelector
from sottovoce.devices import World, parse_world, read_world_data
from sottovoce.eval.cases import Case, CaseFile, Turn
from sottovoce.eval.compare import mismatches, unexpected_changes
from sottovoce.models import LLMEngine
from sottovoce.tools import Registry

if TYPE_CHECKING:
    # The speech path (PyAV, numpy) is imported only when a case is spoken.
    from sottovoce.models.tts import SpokenAudio
    from sottovoce.voice.hearing import Heard, Hearing


class Voice(Protocol):
    """Speaks a reply one sentence at a time (`PiperTTS`, or a fake in tests)."""

    def sentences(self, text: str) -> Iterator[SpokenAudio]:
        """The audio of each sentence of `text`, made as it is asked for."""
        ...


@dataclass
class CaseReport:
    """The outcome of one case."""

    id: str
    passed: bool
    error: str | None = None
    turns: list[dict[str, Any]] = field(default_factory=list)

    def first_problem(self) -> str:
        """The first reason this case did not pass."""
        if self.error:
            return self.error
        for number, turn in enumerate(self.turns, start=1):
            if turn["problems"]:
                return f"turn {number} ({turn['heard']!r}): {turn['problems'][0]}"
        return "failed"


@dataclass
class EvalReport:
    """The outcome of a case file."""

    cases: list[CaseReport]

    @property
    def passed(self) -> int:
        """Cases that passed."""
        return sum(1 for c in self.cases if c.passed)

    @property
    def errors(self) -> int:
        """Cases that crashed."""
        return sum(1 for c in self.cases if c.error is not None)

    @property
    def failed(self) -> int:
        """Cases that ran and did not pass."""
        return len(self.cases) - self.passed - self.errors

    def summary_line(self) -> str:
        """'N passed, M failed' (crashed cases count as failed here), then the model's record."""
        line = f"{self.passed} passed, {self.failed + self.errors} failed"
        outputs, valid = self.model_counts()
        if outputs:
            line += f"; language model: {valid} of {outputs} outputs were valid calls or replies"
        return line

    def model_counts(self) -> tuple[int, int]:
        """Decisions the language model wrote in all turns, and how many were valid."""
        turns = [t.get("model", {}) for c in self.cases for t in c.turns]
        return sum(t.get("outputs", 0) for t in turns), sum(t.get("valid", 0) for t in turns)

    def as_json(self) -> dict[str, Any]:
        """The JSON report of SPEC.md section 4."""
        return {
            "passed": self.passed,
            "failed": self.failed,
            "errors": self.errors,
            "cases": [
                {"id": c.id, "passed": c.passed, "error": c.error, "turns": c.turns}
                for c in self.cases
            ],
            "summary_s": _summary(self.cases),
            "model": dict(zip(("outputs", "valid"), self.model_counts(), strict=True)),
        }


class Evaluator:
    """Runs cases against one world file."""

    def __init__(
        self,
        registry: Registry,
        world_path: Path,
        *,
        engine: LLMEngine | None = None,
        use_grammar: bool = True,
        ears: Hearing | None = None,
        realtime: bool = False,
        voice: Voice | None = None,
        grammar: Grammar | None = None,
    ) -> None:
        self.registry = registry
        self.world_path = world_path
        self.ears = ears
        self.voice = voice
        self.realtime = realtime
        self.engine = engine
        self.use_grammar = use_grammar
        self._world_data = _read_world(world_path)
        first = self.fresh_world()
        self._grammar = (grammar or Grammar(registry, first)) if use_grammar else None
        self._selector = ToolSelector(registry, first) if engine is not None else None

    def fresh_world(self) -> World:
        """A new copy of the world on a virtual clock with an in-memory store."""
        return parse_world(self._world_data, str(self.world_path), virtual=True)

    async def run(
        self, cases: CaseFile, on_case: Callable[[CaseReport], None] | None = None
    ) -> EvalReport:
        """Run every case, calling `on_case` after each."""
        reports = []
        for case in cases.cases:
            report = await self.run_case(case)
            reports.append(report)
            if on_case is not None:
                on_case(report)
        return EvalReport(reports)

    async def run_case(self, case: Case) -> CaseReport:
        """Run one case; a crash becomes an error report."""
        report = CaseReport(case.id, passed=True)
        try:
            world = self.fresh_world()
            agent = Agent(
                self.registry,
                world,
                self.engine,
                use_grammar=self.use_grammar,
                grammar=self._grammar,
                selector=self._selector,
            )
            for turn in case.turns:
                turn_report = await self._run_turn(agent, world, case, turn)
                report.turns.append(turn_report)
                if turn_report["problems"]:
                    report.passed = False
        except Exception as exc:  # one broken case must not stop the run
            where = traceback.extract_tb(exc.__traceback__)[-1]
            report.passed = False
            report.error = f"crashed: {type(exc).__name__}: {exc} (at {where.name})"
        return report

    async def _run_turn(self, agent: Agent, world: World, case: Case, turn: Turn) -> dict[str, Any]:
        if turn.advance_s:
            advance = getattr(world.clock, "advance", None)
            if advance is not None:
                advance(turn.advance_s)
            agent.check_due()
        before = world.snapshot()
        heard: Heard | None = None
        if turn.say is None:
            heard, problem = await self._hear(turn, agent)
            if heard is None:
                return _unheard(turn, problem)
        text = heard.text if heard is not None else turn.say or ""
        result = await agent.handle(text, area=turn.area or case.area)
        after = world.snapshot()
        problems = _judge(turn, result, before, after)
        if heard is not None:
            result.timings_s["stt_final"] = round(heard.stt_final_s, 6)
            if heard.speech_end_s is not None:
                result.timings_s["speech_end"] = round(heard.speech_end_s, 6)
                await self._time_first_audio(heard, result)
        return {
            "heard": result.heard,
            "calls": [call.as_json() for call in result.calls],
            "reply": result.reply,
            "route": result.route,
            "timings_s": result.timings_s,
            "problems": problems,
            "agent_problems": result.problems,
            "model": {"outputs": result.model_outputs, "valid": result.model_valid},
        }

    async def _time_first_audio(self, heard: Heard, result: TurnResult) -> None:
        """Add how long the reply's first sentence took to synthesize, and the whole wait."""
        if self.voice is None:
            return
        first = await asyncio.to_thread(_first_sentence_s, self.voice, result.reply)
        if first is None:
            return
        # The stages run one after another: words, then the turn, then the first audio.
        total = heard.stt_final_s + result.timings_s["turn"] + first
        result.timings_s["first_audio"] = round(first, 6)
        result.timings_s["speech_end_to_first_audio"] = round(total, 6)

    async def _hear(self, turn: Turn, agent: Agent) -> tuple[Heard | None, str]:
        """What a spoken turn said, or None and why it could not be heard."""
        from sottovoce.voice.audio import AudioError, FileSource

        if self.ears is None or turn.audio is None:
            return None, f"audio turn {turn.audio}: no speech model was loaded"
        try:
            source = FileSource(turn.audio)
            # As in the voice loop, the agent says when the words are a whole command.
            hear = partial(self.ears.hear, source, self.realtime, complete=agent.would_act)
            return await asyncio.to_thread(hear), ""
        except AudioError as exc:
            return None, str(exc)


def _first_sentence_s(voice: Voice, text: str) -> float | None:
    """Seconds to synthesize the first sentence of `text`; None when there is nothing to say."""
    if not text.strip():
        return None
    started = time.perf_counter()
    sentences = voice.sentences(text)
    try:
        first = next(iter(sentences), None)
    finally:
        close = getattr(sentences, "close", None)
        if close is not None:
            close()  # the rest of the reply is not needed: free the synthesizer
    return None if first is None else time.perf_counter() - started


def _judge(
    turn: Turn, result: TurnResult, before: dict[str, Any], after: dict[str, Any]
) -> list[str]:
    expected = turn.expect.state
    problems = [] if expected is None else mismatches(expected, after)
    if expected is not None and not turn.loose:
        problems += unexpected_changes(before, after, expected)
    pattern = turn.expect.reply
    if pattern is not None and not re.search(pattern, result.reply):
        problems.append(f"reply {result.reply!r} does not match {pattern!r}")
    return problems


def _unheard(turn: Turn, problem: str) -> dict[str, Any]:
    return {
        "heard": "",
        "calls": [],
        "reply": "",
        "route": "none",
        "timings_s": {},
        "problems": [problem],
    }


def _read_world(path: Path) -> Any:
    return read_world_data(path)  # within the world file's limits (docs/limits.md)


def _summary(cases: list[CaseReport]) -> dict[str, float | None]:
    turns = [t for c in cases for t in c.turns]
    totals = sorted(t["timings_s"]["turn"] for t in turns if "turn" in t.get("timings_s", {}))
    speech = sorted(
        t["timings_s"]["speech_end_to_first_audio"]
        for t in turns
        if "speech_end_to_first_audio" in t.get("timings_s", {})
    )
    return {
        "p50_speech_end_to_first_audio": _quantile(speech, 0.5),
        "p90_speech_end_to_first_audio": _quantile(speech, 0.9),
        "p50_turn": _quantile(totals, 0.5),
        "p90_turn": _quantile(totals, 0.9),
    }


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 6)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1], 6)
