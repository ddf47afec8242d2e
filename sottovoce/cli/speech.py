"""`sottovoce transcribe`: speech to text of an audio file (or raw PCM on standard input).

The transcript alone goes to standard output; with `--partials` the growing
partial transcripts go to standard error. Bad audio or a missing model ends in
one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from sottovoce.cli.args import EXIT_BAD_INPUT, number
from sottovoce.models.limits import MAX_SILENCE_MS


def add_transcribe_parser(commands: Any) -> None:
    """Register `transcribe` on the command line."""
    parser = commands.add_parser("transcribe", help="speech to text of an audio file")
    parser.add_argument("file", help="audio file (WAV, FLAC, MP3, OGG...), or - for raw PCM")
    parser.add_argument("--model", help="speech model from the catalog (default: the default)")
    parser.add_argument("--world", type=Path, help="bias recognition to this world's names")
    parser.add_argument("--partials", action="store_true", help="show partial transcripts")
    parser.add_argument("--rate", type=int, default=16000, help="raw PCM: sample rate")
    parser.add_argument("--channels", type=int, default=1, help="raw PCM: channels")
    parser.add_argument("--format", default="s16", help="raw PCM: u8, s16, s32 or f32")
    parser.set_defaults(run=_run_transcribe)


def add_listen_parser(commands: Any) -> None:
    """Register `listen` on the command line."""
    parser = commands.add_parser("listen", help="transcribe what the microphone hears, live")
    parser.add_argument("--input", type=Path, help="an audio file instead of the microphone")
    parser.add_argument("--model", help="speech model from the catalog (default: the default)")
    parser.add_argument("--world", type=Path, help="bias recognition to this world's names")
    parser.add_argument("--device", help="input device name or number (default: the default)")
    parser.add_argument("--wake", help="only after this wake word (e.g. hey_jarvis, alexa)")
    parser.add_argument(
        "--wake-threshold",
        type=number(0.0, 1.0),
        default=0.5,
        help="wake word sensitivity: lower wakes more",
    )
    parser.add_argument(
        "--push-to-talk",
        action="store_true",
        help="only after Enter is pressed (with --input: press times in seconds on stdin)",
    )
    parser.add_argument(
        "--silence-ms",
        type=int,
        default=600,
        help="trailing silence that ends an utterance",
    )
    parser.set_defaults(run=_run_listen)


def _run_listen(args: argparse.Namespace) -> int:
    import asyncio

    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import ModelError
    from sottovoce.voice.audio import AudioError

    if not 0 < args.silence_ms <= MAX_SILENCE_MS:
        print(f"sottovoce: error: --silence-ms must be from 1 to {MAX_SILENCE_MS}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        asyncio.run(_listen(args))
    except (AudioError, ModelError, EngineUnavailable) as exc:
        print(f"sottovoce: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


async def _listen(args: argparse.Namespace) -> None:
    import asyncio

    from sottovoce.models.vad import SileroVAD
    from sottovoce.voice.audio import AudioChunk, FileSource, MicrophoneSource
    from sottovoce.voice.hearing import Listener
    from sottovoce.voice.talkgate import Mode, TalkGate

    stt, prompt = open_stt(args.model), speech_prompt(args.world)
    listener = Listener(stt, SileroVAD(), prompt, on_partial=_show_live, on_final=_show_final)
    listener.endpointer.trailing_silence_s = args.silence_ms / 1000
    mode: Mode = "push" if args.push_to_talk else "wake" if args.wake else "always"
    gate = TalkGate(mode, open_wake(args.wake, args.wake_threshold))
    presses = file_presses() if args.push_to_talk and args.input is not None else []

    def hear(chunk: AudioChunk) -> None:
        while presses and presses[0] <= chunk.start_s:
            presses.pop(0)
            gate.press()
        was_open = gate.is_open
        admitted = gate.admit(chunk)
        if not was_open:
            listener.poll()  # the last command's words may still be on their way
            if admitted:
                _clear_live()
                print(f"[{chunk.end_s:7.2f}] ({gate.woken_by})", flush=True)
        ended = [listener.feed(c) is not None for c in admitted]
        if any(ended):
            gate.utterance_done()  # a wake word or a press covers one utterance

    with listener:
        if args.input is not None:
            for chunk in FileSource(args.input):
                hear(chunk)
        else:
            from sottovoce.voice.audio import load_sounddevice

            load_sounddevice()  # says what is missing before claiming to listen
            if args.push_to_talk:
                read_presses(asyncio.get_running_loop(), gate.press)
            print(f"sottovoce: listening ({_HOW[mode]}); Ctrl-C ends.", file=sys.stderr)
            device = int(args.device) if args.device and args.device.isdigit() else args.device
            async for chunk in MicrophoneSource(device, report=_show_microphone).chunks():
                hear(chunk)
        await asyncio.to_thread(listener.finish)


def _show_microphone(status: Any) -> None:
    from sottovoce.voice.audio.microphone import describe

    print(f"sottovoce: {describe(status)}", file=sys.stderr, flush=True)


_HOW = {"always": "always", "wake": "after the wake word", "push": "press Enter, then speak"}


def file_presses() -> list[float]:
    """Simulated talk-button presses for a file: one time in seconds per line of stdin."""
    from sottovoce.voice.audio import AudioError

    text = sys.stdin.read(_PRESSES_CHARS + 1)
    try:
        presses = sorted(float(line) for line in text.split())
    except ValueError:
        presses = [math.nan]
    # nan, inf and negative times were accepted and never pressed; a gigabyte was read whole.
    if len(text) > _PRESSES_CHARS or not all(0 <= press < math.inf for press in presses):
        raise AudioError("push to talk on a file: stdin must hold press times in seconds")
    return presses


_PRESSES_CHARS = 1024 * 1024


def read_presses(loop: Any, press: Any) -> None:
    """Each Enter on the terminal presses the talk button (from a reader thread)."""
    import threading

    def read() -> None:
        for _line in sys.stdin:
            loop.call_soon_threadsafe(press)

    threading.Thread(target=read, name="talk-button", daemon=True).start()


def _show_live(partial: Any) -> None:
    """A partial transcript on standard error: rewritten in place on a terminal."""
    if partial.text:
        _show_partial(partial.text)


def _clear_live() -> None:
    if sys.stderr.isatty():
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)


def _show_final(final: Any) -> None:
    """An utterance's final transcript on standard output, with its span in the stream."""
    _clear_live()
    if final.text:
        print(f"[{final.start_s:7.2f}-{final.end_s:7.2f}] {final.text}", flush=True)


def open_wake(word: str | None, threshold: float) -> Any:
    if word is None:
        return None
    from sottovoce.models.wake import WakeWord

    return WakeWord([word], threshold)


def _run_transcribe(args: argparse.Namespace) -> int:
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import ModelError
    from sottovoce.models.stt_stream import transcribe_stream
    from sottovoce.models.vad import SileroVAD
    from sottovoce.voice.audio import AudioError

    try:
        stt = open_stt(args.model)
        source = _source(args)
        prompt = speech_prompt(args.world)
        partial = _show_partial if args.partials else None
        pieces = (chunk.pcm for chunk in source)
        texts = list(transcribe_stream(stt, pieces, prompt, partial, SileroVAD()))
    except (AudioError, ModelError, EngineUnavailable) as exc:
        print(f"sottovoce: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.partials:
        print(file=sys.stderr)
    print(" ".join(texts))
    return 0


def open_stt(name: str | None) -> Any:
    from sottovoce.models.catalog import Catalog, ModelError, default_models_dir
    from sottovoce.models.filecheck import check_entry
    from sottovoce.models.stt import WhisperSTT
    from sottovoce.models.stt_files import whisper_dir

    catalog = Catalog(default_models_dir())
    entry = catalog.get(name) if name else catalog.default("stt")
    if entry.kind != "stt":
        raise ModelError(f"'{entry.name}' is a {entry.kind} model, not a speech model")
    if catalog.installed(entry):
        check_entry(catalog, entry)  # size and sha256, remembered while the files are unchanged
    return WhisperSTT(whisper_dir(catalog, entry))


def _source(args: argparse.Namespace) -> Any:
    from sottovoce.voice.audio import FileSource, PcmSource

    if args.file == "-":
        return PcmSource(sys.stdin.buffer, args.rate, args.channels, args.format)
    return FileSource(Path(args.file))


def speech_prompt(world_path: Path | None) -> str | None:
    if world_path is None:
        return None
    from sottovoce.agent.prompt import speech_vocabulary
    from sottovoce.devices import load_world

    return speech_vocabulary(load_world(world_path))


def _show_partial(text: str) -> None:
    print(f"\r\x1b[K… {text}" if sys.stderr.isatty() else f"… {text}", file=sys.stderr, end="")
    if not sys.stderr.isatty():
        print(file=sys.stderr)


def open_ears(world_path: Path, model: str | None = None, registry: Any = None) -> Any:
    """The speech path for spoken eval turns: the default STT and VAD, biased to the agent."""
    from sottovoce.devices import load_world
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import ModelError
    from sottovoce.models.vad import SileroVAD
    from sottovoce.voice.hearing import Hearing

    try:
        stt = open_stt(model)
    except ModelError as exc:
        raise EngineUnavailable(str(exc)) from None
    if registry is None:
        return Hearing(stt, SileroVAD(), speech_prompt(world_path))
    ears, prompt = agent_speech(stt, registry, load_world(world_path, virtual=True))
    return Hearing(ears, SileroVAD(), prompt)


def agent_speech(stt: Any, registry: Any, world: Any) -> tuple[Any, str]:
    """A recognizer that prefers what the agent's grammar matches, and a prompt of its vocabulary.

    The prompt holds every installed plugin's short commands and words and the
    world's names; of whisper's best readings, one the grammar matches exactly
    is taken when it scores close to the best (models/stt_choice.py).
    """
    from sottovoce.agent.grammar import Grammar
    from sottovoce.models.stt_choice import GrammarAwareSTT
    from sottovoce.voice.vocabulary import build_vocabulary, grammar_acceptor
    from sottovoce.voice.vocabulary import speech_prompt as vocabulary_prompt

    accepts = grammar_acceptor(Grammar(registry, world))
    return GrammarAwareSTT(stt, accepts), vocabulary_prompt(build_vocabulary(registry, world))
