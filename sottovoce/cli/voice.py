"""`sottovoce run` and `sottovoce demo`: the voice loop on a microphone, files or a simulated room.

Both assemble the same pipeline (`voice/voiceloop.py`): Silero VAD and
streaming whisper in, the agent, piper out, echo cancellation and barge-in.
`run` listens to the microphone (after the wake word by default) and plays to
the speaker, or reads `--input` and writes `--output`; `demo` has a scripted
user speak to the default world in a simulated room.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import statistics
import sys
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from sottovoce.app import data_dir, home_agent, load_registry, open_store
from sottovoce.cli import speech
from sottovoce.cli.args import EXIT_BAD_INPUT, number, whole
from sottovoce.cli.buttons import connect_talk_buttons, open_talk_button
from sottovoce.cli.llm import add_llm_options, open_llm
from sottovoce.cli.speech import file_presses, open_wake
from sottovoce.config import load_config
from sottovoce.models.limits import MAX_SILENCE_MS
from sottovoce.models.memory import share_heaps


def add_voice_parsers(commands: Any) -> None:
    """Register `run` and `demo` on the command line."""
    run = commands.add_parser("run", help="the assistant: microphone -> actions -> speaker")
    run.add_argument("--input", type=Path, help="an audio file instead of the microphone")
    run.add_argument("--output", type=Path, help="write the replies to this WAV (with --input)")
    run.add_argument("--world", type=Path, help="world file (default: the built-in home)")
    run.add_argument("--data-dir", type=Path, help="where timers, lists and notes are kept")
    run.add_argument("--wake", help="wake word (default: hey_jarvis on the mic, none on files)")
    run.add_argument("--always", action="store_true", help="no wake word: every utterance counts")
    run.add_argument(
        "--wake-threshold", type=number(0.0, 1.0), default=0.5, help="lower wakes more easily"
    )
    run.add_argument(
        "--push-to-talk",
        action="store_true",
        help="listen after Enter is pressed (with --input: press times in seconds on stdin)",
    )
    run.add_argument("--device", help="microphone: name or number")
    run.add_argument("--output-device", help="speaker: name or number")
    run.add_argument("--realtime", action="store_true", help="with --input: keep real time")
    run.add_argument(
        "--virtual-time",
        action="store_true",
        help="with --input: the file waits while the agent computes (the same run on any machine)",
    )
    _common(run)
    run.set_defaults(run=_run_run)
    demo = commands.add_parser("demo", help="a spoken conversation with the simulated home")
    demo.add_argument("--output-dir", type=Path, help="write each utterance as a WAV here")
    demo.add_argument("--world", type=Path, help="world file (default: the built-in home)")
    demo.add_argument(
        "--seed",
        type=whole(0, 2**32 - 1),
        help="the voices sound the same every run (piper's speech varies)",
    )
    _common(demo)
    demo.set_defaults(run=_run_demo)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--voice", help="piper voice: catalog name or .onnx path")
    parser.add_argument("--stt-model", help="speech model from the catalog (default: the default)")
    parser.add_argument("--silence-ms", type=int, default=600, help="silence that ends a command")
    parser.add_argument("--no-barge-in", action="store_true", help="keep talking over the user")
    parser.add_argument("--trace", action="store_true", help="print each turn's stage timings")
    add_llm_options(parser)


class Printer:
    """Shows the conversation as it happens, one line per event."""

    def __init__(self, trace: bool) -> None:
        self.trace = trace
        self.latencies: list[float] = []

    def __call__(self, event: Any) -> None:
        """Print one event."""
        from sottovoce.voice import events as ev

        if isinstance(event, ev.UserSaid):
            print(f"you: {event.text}", flush=True)
        elif isinstance(event, ev.TurnDone):
            result = event.result
            done = ", ".join(call.tool for call in result.calls) or "nothing"
            print(f"  did: {done} (route: {result.route})", flush=True)
        elif isinstance(event, ev.Speaking):
            who = "sottovoce (announcement)" if event.announcement else "sottovoce"
            print(f"{who}: {event.text}", flush=True)
        elif isinstance(event, ev.Interrupted):
            print("  (interrupted: the user spoke)", flush=True)
        elif isinstance(event, ev.Woke):
            print(f"  (woke: {event.word})", flush=True)
        elif isinstance(event, ev.Problem):
            print(f"sottovoce: problem: {event.text}", file=sys.stderr, flush=True)
        elif isinstance(event, ev.MicrophoneLost | ev.MicrophoneBack):
            from sottovoce.voice.audio.microphone import describe

            print(f"sottovoce: {describe(event)}", file=sys.stderr, flush=True)
        elif isinstance(event, ev.TurnTrace):
            self._latency(event)
        elif isinstance(event, ev.Ignored) and self.trace:
            print(f"  (ignored {event.text!r}: {event.reason})", flush=True)

    def _latency(self, trace: Any) -> None:
        first = trace.stage_s.get("first_audio")
        if first is not None:
            self.latencies.append(first)
            print(f"  latency: {first:.2f} s from end of speech to first reply audio", flush=True)
        if self.trace:
            print(f"  {trace.line()}", flush=True)

    def summary(self) -> str:
        """The median latency over the conversation."""
        if not self.latencies:
            return "no turns were answered"
        median = statistics.median(self.latencies)
        turns = "1 turn" if len(self.latencies) == 1 else f"{len(self.latencies)} turns"
        return f"{turns}; median {median:.2f} s to first reply audio"


def _check(args: argparse.Namespace) -> str | None:
    if not 0 < args.silence_ms <= MAX_SILENCE_MS:
        return f"--silence-ms must be a number of ms from 1 to {MAX_SILENCE_MS}"
    source = getattr(args, "input", None)
    if getattr(args, "output", None) is not None and source is None:
        return "--output needs --input (without a file, replies go to the speaker)"
    if source is not None and not source.is_file():
        return f"{source}: no such audio file"
    if getattr(args, "virtual_time", False):
        if source is None:
            return "--virtual-time needs --input (a microphone keeps its own time)"
        if args.realtime:
            return "--realtime and --virtual-time cannot be used together: choose one"
    return _clobbers(args)


_DEMO_FILES = re.compile(r"\d\d-(user|agent)\.wav")


def _clobbers(args: argparse.Namespace) -> str | None:
    """An output that is one of the inputs, refused before anything is written."""
    from sottovoce.cli.outputs import clobber_problem, dir_clobber_problem
    from sottovoce.config import config_path

    inputs = {"--world": args.world, "the config file": config_path()}
    if hasattr(args, "output_dir"):  # demo: its own world, nothing of the user's data
        return dir_clobber_problem("--output-dir", args.output_dir, _DEMO_FILES, inputs)
    store = data_dir(args.data_dir) / "store.sqlite3"  # run: the user's store is an input too
    inputs = {"--input": args.input, **inputs, "the store": store}
    for suffix in ("-wal", "-shm", "-journal"):
        inputs[f"the store's {suffix[1:]} file"] = store.with_name(store.name + suffix)
    return clobber_problem("--output", args.output, inputs)


def _open_stt(args: argparse.Namespace) -> Any:
    """The speech model, loaded before the other engines.

    Loading whisper converts its weights and briefly needs about 170 MiB more
    than it keeps; loaded first, that passing peak does not sit on top of the
    voice, the wake word and the language model (the four engines loaded in a
    fresh process peaked at 440 MiB whisper first, 619 MiB whisper last).
    """
    # Through the module, so tests can hand in a model loaded once (tests/cli/conftest.py).
    return speech.open_stt(args.stt_model)


def _loop(
    args: argparse.Namespace, agent: Any, voice: Any, stt: Any, world_path: Path, **kw: Any
) -> Any:
    """The pipeline, with the default speech models, biased to what the agent understands."""
    from sottovoce.models.vad import SileroVAD, VADConfig
    from sottovoce.voice.bargein import BargeInDetector
    from sottovoce.voice.hearing import Listener
    from sottovoce.voice.voiceloop import VoiceLoop

    ears, prompt = speech.agent_speech(stt, agent.registry, agent.world)
    # The agent says when the words so far are a whole command: the turn ends then.
    listener = Listener(ears, SileroVAD(), prompt, complete=agent.would_act)
    listener.endpointer.trailing_silence_s = args.silence_ms / 1000
    quick = SileroVAD(VADConfig(min_speech_ms=60, trailing_silence_ms=100, pad_ms=0))
    barge_in = None if args.no_barge_in else BargeInDetector(quick)
    return VoiceLoop(agent, listener, voice, barge_in=barge_in, **kw)


def _canceller(heard_in_room: bool) -> Any:
    """WebRTC's echo canceller where the microphone hears the speaker; none for a recording."""
    from sottovoce.voice.echo import NoCanceller, WebRTCCanceller

    return WebRTCCanceller() if heard_in_room else NoCanceller()


def _run_demo(args: argparse.Namespace) -> int:
    from sottovoce.agent.agent import Agent
    from sottovoce.cli.speak import open_voice
    from sottovoce.devices import default_world_path, load_world
    from sottovoce.voice.audio import AudioError
    from sottovoce.voice.demo import ScriptedUser, demo_room, speak_lines, write_conversation
    from sottovoce.voice.outputs import RoomOut
    from sottovoce.voice.voiceloop import LoopConfig

    if (problem := _check(args)) is not None:
        return _error(problem)
    share_heaps()  # before the engines load: they share freed memory (models/memory.py)
    world_path = args.world or default_world_path()
    world = load_world(world_path, virtual=True)  # a fresh home; the user's data is not touched
    stt = _open_stt(args)
    voice = open_voice(args.voice, seed=args.seed)
    lines = speak_lines(voice)
    engine = open_llm(args, required=False)
    printer = Printer(args.trace)
    room = demo_room()
    out = RoomOut(room, voice.sample_rate)
    try:
        agent = Agent(load_registry(), world, engine)
        loop = _loop(
            args,
            agent,
            voice,
            stt,
            world_path,
            out=out,
            canceller=_canceller(heard_in_room=True),
            on_event=printer,
            # Virtual pace: the room waits while the agent thinks, so the user
            # talks over the announcement at the same point however busy the
            # machine is.
            config=LoopConfig(pace="virtual", barge_in=not args.no_barge_in),
            advance_clock=getattr(world.clock, "advance", None),
        )
        user = ScriptedUser(room, loop, lines, finished=lambda: not world.snapshot().get("timers"))
        print(f"sottovoce: demo in {world.name}: a user speaks {len(lines)} lines.", flush=True)
        asyncio.run(loop.run(user.chunks()))
    finally:
        if engine is not None:
            engine.close()
    print(f"sottovoce: {printer.summary()}")
    if args.output_dir is not None:
        try:
            paths = write_conversation(args.output_dir, user.said, out.replies, voice.sample_rate)
        except AudioError as exc:
            return _error(str(exc))
        except OSError as exc:
            return _error(f"cannot write into {args.output_dir}: {exc.strerror or exc}")
        print(f"sottovoce: wrote {len(paths)} WAV files to {args.output_dir}")
    return 0


def _run_run(args: argparse.Namespace) -> int:
    from sottovoce.voice.audio import AudioError

    if (problem := _check(args)) is not None:
        return _error(problem)
    try:
        return _run_loop(args)
    except AudioError as exc:
        return _error(str(exc))
    except KeyboardInterrupt:
        # Ctrl-C is how a user ends `run`, while loading as much as while listening.
        print("sottovoce: stopped.", file=sys.stderr)
        return 0


def _run_loop(args: argparse.Namespace) -> int:
    from sottovoce.cli.speak import open_voice
    from sottovoce.devices import RealClock, VirtualClock, default_world_path, load_world
    from sottovoce.voice.talkgate import TalkGate
    from sottovoce.voice.voiceloop import LoopConfig, Pace

    if args.input is None:
        _microphone_or_fail()  # before anything is created in the user's data directory
    share_heaps()  # before the engines load: they share freed memory (models/memory.py)
    world_path = args.world or default_world_path()
    world = load_world(world_path, store=open_store(data_dir(args.data_dir)))
    real = RealClock(world.location.timezone)
    advance = None
    if args.input is None:
        world.clock = real
    else:
        # A file is read faster than it plays: the clock follows the audio, from now.
        virtual = VirtualClock(real.now())
        world.clock, advance = virtual, virtual.advance
    stt = _open_stt(args)
    voice = open_voice(args.voice)
    wake = args.wake or ("hey_jarvis" if args.input is None and not args.always else None)
    if args.push_to_talk:
        wake, gate = None, TalkGate("push")
    elif wake:
        gate = TalkGate("wake", open_wake(wake, args.wake_threshold))
    else:
        gate = TalkGate("always")
    printer = Printer(args.trace)
    with contextlib.ExitStack() as stack:
        tables = load_config()  # read once: devices, button, MCP servers and notifications
        agent = home_agent(world, stack, tables, lambda: open_llm(args, required=False))
        wants_button = args.push_to_talk and args.input is None
        button = open_talk_button(stack, tables) if wants_button else None
        out = _output(args, voice.sample_rate)
        if out is not None:
            stack.push(_finisher(out))
        pace: Pace = "live" if args.input is None else "realtime" if args.realtime else "fast"
        if args.input is not None and args.virtual_time:
            pace = "virtual"
        loop = _loop(
            args,
            agent,
            voice,
            stt,
            world_path,
            gate=gate,
            out=out,
            canceller=_canceller(heard_in_room=args.input is None),
            on_event=printer,
            config=LoopConfig(pace=pace, barge_in=not args.no_barge_in),
            advance_clock=advance,
        )
        asyncio.run(_converse(args, loop, gate, wake, button))
    if args.input is not None:
        print(f"sottovoce: {printer.summary()}")
    return 0


def _microphone_or_fail() -> None:
    from sottovoce.voice.audio import AudioError, load_sounddevice

    sd = load_sounddevice()
    try:
        sd.query_devices(None, "input")
    except (sd.PortAudioError, ValueError) as exc:
        raise AudioError(f"no microphone ({exc}); check `arecord -l`") from None


def _finisher(out: Any) -> Any:
    """Closes the output; an output file is dropped if the run fails.

    Ctrl-C is how a user ends `run`: the file is finished with what was
    played until then (a whole WAV, shorter than the input).
    """

    def finish(kind: type[BaseException] | None, *_: object) -> bool:
        failed = kind is not None and not issubclass(kind, KeyboardInterrupt)
        if failed and hasattr(out, "discard"):
            out.discard()
        else:
            out.close()
        return False

    return finish


def _output(args: argparse.Namespace, rate: int) -> Any:
    from sottovoce.voice.audio import SpeakerSink
    from sottovoce.voice.outputs import SpeakerOut, TimelineFile

    if args.output is not None:
        return TimelineFile(args.output, rate)
    if args.input is not None:
        return None  # replies are printed; nothing plays
    device = args.output_device
    return SpeakerOut(SpeakerSink(int(device) if device and device.isdigit() else device, rate))


async def _converse(
    args: argparse.Namespace, loop: Any, gate: Any, wake: str | None, button: Any = None
) -> None:
    if args.input is None:
        how = "just speak"
        if args.push_to_talk:
            how = connect_talk_buttons(asyncio.get_running_loop(), gate, button)
        how = f"say '{wake.replace('_', ' ')}'" if wake else how
        print(f"sottovoce: listening ({how}); Ctrl-C ends.", file=sys.stderr, flush=True)
    presses = file_presses() if args.push_to_talk and args.input is not None else []
    await loop.run(_chunks(args, gate, presses, loop.on_event))


async def _chunks(
    args: argparse.Namespace, gate: Any, presses: list[float], report: Any = None
) -> AsyncIterator[Any]:
    from sottovoce.voice.audio import FileSource, MicrophoneSource

    if args.input is None:
        device = args.device
        # A microphone that goes away is reported as an event and reopened.
        source = MicrophoneSource(
            int(device) if device and device.isdigit() else device, report=report
        )
        async for chunk in source.chunks():
            yield chunk
        return
    chunks: Iterable[Any] = FileSource(args.input)
    for chunk in chunks:
        while presses and presses[0] <= chunk.start_s:
            presses.pop(0)
            gate.press()  # the talk button, pressed at this moment of the file
        yield chunk


def _error(message: str) -> int:
    print(f"sottovoce: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
