"""`sottovoce speak`: text to speech, played on the speaker or written to a WAV file.

Piper makes the audio one sentence at a time. To the speaker, the first
sentence plays (in a worker thread) while the next is synthesized, so the
voice starts after one sentence's synthesis rather than the whole text's.
Nothing is printed on success; any error is one line on standard error and
exit code 2.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sottovoce.cli.args import EXIT_BAD_INPUT
from sottovoce.models.limits import MAX_LENGTH_SCALE, MAX_SPEAK_CHARS, MIN_LENGTH_SCALE

_QUEUED_SENTENCES = 2  # enough to keep the speaker busy; synthesis stays at most this far ahead


def add_speak_parser(commands: Any) -> None:
    """Register `speak` on the command line."""
    parser = commands.add_parser(
        "speak",
        help="say a text aloud, or write it to a WAV file",
        description="Say TEXT with a piper voice. Any error (no voice, no speaker, an "
        "unwritable --output, nothing to say) is one line on standard error and exit code 2.",
    )
    parser.add_argument("text", metavar="TEXT", help="what to say, or - to read standard input")
    parser.add_argument("--output", type=Path, help="write a WAV file instead of playing it")
    parser.add_argument("--voice", help="voice from the catalog, or a .onnx file (default voice)")
    parser.add_argument(
        "--length-scale", type=float, help="above 1 speaks slower, below 1 faster (voice's own)"
    )
    parser.add_argument("--device", help="output device name or number (default: the default)")
    parser.set_defaults(run=_run_speak)


def _run_speak(args: argparse.Namespace) -> int:
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import ModelError
    from sottovoce.voice.audio import AudioError

    if (clobber := _clobbers(args)) is not None:
        return _error(clobber)
    text, problem = speak_text(args.text)
    if problem is not None:
        return _error(problem)
    if not text.strip():
        return _error("nothing to say; give TEXT, or - and the text on standard input")
    scale = args.length_scale
    if scale is not None and not MIN_LENGTH_SCALE <= scale <= MAX_LENGTH_SCALE:
        return _error(
            f"--length-scale must be from {MIN_LENGTH_SCALE} to {MAX_LENGTH_SCALE} "
            "(1.0 is the voice's own pace)"
        )
    try:
        if args.output is None:
            from sottovoce.voice.audio import load_sounddevice

            load_sounddevice()  # says what is missing before the voice takes a second to load
        tts = open_voice(args.voice, args.length_scale)
        if args.output is not None:
            _to_file(tts.sentences(text), args.output, tts.sample_rate)
        else:
            _to_speaker(tts.sentences(text), _device(args.device), tts.sample_rate)
    except (AudioError, ModelError, EngineUnavailable) as exc:
        return _error(str(exc))
    return 0


def _clobbers(args: argparse.Namespace) -> str | None:
    """An --output that is the voice itself (or its config), refused before anything is read."""
    from sottovoce.cli.outputs import clobber_problem

    voice = Path(args.voice) if args.voice and args.voice.endswith(".onnx") else None
    inputs = {
        "--voice": voice,
        "its config": voice.with_name(voice.name + ".json") if voice else None,
    }
    return clobber_problem("--output", args.output, inputs)


def speak_text(arg: str) -> tuple[str, str | None]:
    """The text to say (TEXT, or standard input for -), and what is wrong with it, if anything.

    Standard input is read no further than the limit allows; it must be UTF-8,
    and the text may hold no control characters (a NUL byte: binary data).
    """
    if arg == "-":
        limit = MAX_SPEAK_CHARS * 4  # UTF-8 takes at most 4 bytes a character
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1)
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return "", f"standard input is not UTF-8 text (byte {exc.start})"
        text: str = raw
    else:
        text = arg
    if len(text) > MAX_SPEAK_CHARS:
        return "", f"the text is longer than the limit of {MAX_SPEAK_CHARS} characters"
    for index, char in enumerate(text):
        kind = unicodedata.category(char)
        if kind == "Cs":  # undecodable bytes of a command-line argument
            return "", "the text is not UTF-8"
        if kind == "Cc" and char not in "\t\n\r":
            return "", f"the text holds a control character (U+{ord(char):04X} at {index})"
    return text, None


def _error(message: str) -> int:
    print(f"sottovoce: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def open_voice(name: str | None, length_scale: float | None = None, seed: int | None = None) -> Any:
    """A piper voice: a catalog name, an .onnx path, or the default (checked by sha256)."""
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.catalog import Catalog, ModelError, default_models_dir
    from sottovoce.models.tts import PiperTTS, TTSConfig, voice_path

    try:
        path = voice_path(Catalog(default_models_dir()), name)
    except ModelError as exc:
        raise EngineUnavailable(str(exc)) from None
    return PiperTTS(path, TTSConfig(length_scale=length_scale, seed=seed))


def _device(name: str | None) -> str | int | None:
    return int(name) if name and name.isdigit() else name


def _to_file(sentences: Iterable[Any], path: Path, rate: int) -> None:
    """Each sentence is written as soon as it is made, so a long text never sits in memory."""
    from sottovoce.voice.audio import WavFileSink

    with WavFileSink(path, rate) as sink:
        for sentence in sentences:
            sink.write(sentence.pcm)


def _to_speaker(sentences: Iterable[Any], device: str | int | None, rate: int) -> None:
    """Synthesize here and play in a worker thread, a sentence or two behind."""
    import queue
    import threading

    from sottovoce.voice.audio import AudioError, SpeakerSink

    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=_QUEUED_SENTENCES)
    failures: list[AudioError] = []

    with SpeakerSink(device, rate) as sink:

        def play() -> None:
            while (pcm := pending.get()) is not None:
                if not failures:  # after a failure, keep taking so the producer never blocks
                    try:
                        sink.write(pcm)
                    except AudioError as exc:
                        failures.append(exc)

        player = threading.Thread(target=play, name="speaker")
        player.start()
        try:
            for sentence in sentences:
                if failures:
                    break
                pending.put(sentence.pcm)
        except BaseException:
            sink.stop()  # Ctrl-C: silence now rather than finishing the queue
            raise
        finally:
            pending.put(None)
            player.join()
    if failures:
        raise failures[0]
