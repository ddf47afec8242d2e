"""The `sottovoce` command line: chat, eval, tools.

Bad input (a missing or malformed world or case file, an unreadable store)
ends in one line on standard error that names the problem, and exit code 2;
never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sottovoce import __version__
from sottovoce.app import data_dir, home_agent, load_registry, open_store
from sottovoce.cli.args import OneLineParser
from sottovoce.cli.llm import add_llm_options, open_llm
from sottovoce.cli.models import add_models_parser
from sottovoce.cli.plugin import add_plugin_parser
from sottovoce.cli.speak import add_speak_parser, open_voice
from sottovoce.cli.speech import add_listen_parser, add_transcribe_parser, open_ears
from sottovoce.cli.tools import add_tools_parser
from sottovoce.cli.voice import add_voice_parsers
from sottovoce.config import load_config

if TYPE_CHECKING:
    pass

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="sottovoce: %(levelname)s: %(message)s")
    from sottovoce.devices import StoreError, WorldError
    from sottovoce.devices.backends import BackendError
    from sottovoce.eval.cases import CaseError
    from sottovoce.models import EngineUnavailable
    from sottovoce.models.llm_config import ConfigError

    try:
        code: int = args.run(args)
        return code
    except (WorldError, CaseError, StoreError, ConfigError, EngineUnavailable, BackendError) as exc:
        print(f"sottovoce: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`sottovoce tools | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    # Every subcommand's parser is of this class too: a bad argument is one line.
    parser = OneLineParser(prog="sottovoce", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"sottovoce {__version__}")
    commands: Any = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    chat = commands.add_parser("chat", help="talk to the agent by typing")
    chat.add_argument("--world", type=Path, help="world file (default: the built-in home)")
    chat.add_argument("--data-dir", type=Path, help="where timers, lists and notes are kept")
    chat.add_argument("--demo", action="store_true", help="play a short scripted conversation")
    chat.add_argument(
        "--world-clock",
        action="store_true",
        help="use the world file's fixed clock instead of the real time",
    )
    add_llm_options(chat)
    chat.set_defaults(run=_run_chat)

    evaluate = commands.add_parser("eval", help="run a case file and report")
    evaluate.add_argument("cases", type=Path, help="case file (YAML)")
    evaluate.add_argument("--world", type=Path, help="world file (overrides the case file's)")
    evaluate.add_argument("--json", type=Path, dest="json_out", help="write the JSON report here")
    evaluate.add_argument("--realtime", action="store_true", help="feed audio at microphone pace")
    evaluate.add_argument(
        "--no-grammar", action="store_true", help="send every turn to the language model"
    )
    evaluate.add_argument("--stt-model", help="speech model for audio turns (default: the default)")
    evaluate.add_argument(
        "--voice", help="piper voice (catalog name or .onnx) timing spoken turns' replies"
    )
    evaluate.add_argument(
        "--no-voice", action="store_true", help="do not time the first sentence of replies"
    )
    evaluate.add_argument("-q", "--quiet", action="store_true", help="only the summary line")
    add_llm_options(evaluate)
    evaluate.set_defaults(run=_run_eval)

    add_tools_parser(commands)
    add_plugin_parser(commands)
    add_models_parser(commands)
    add_transcribe_parser(commands)
    add_listen_parser(commands)
    add_speak_parser(commands)
    add_voice_parsers(commands)
    return parser


def _run_chat(args: argparse.Namespace) -> int:
    from sottovoce.agent.chat import DEMO_SCRIPT, chat, run_script
    from sottovoce.devices import RealClock, default_world_path, load_world

    world_path = args.world or default_world_path()
    world = load_world(world_path, store=open_store(data_dir(args.data_dir)))
    if not args.world_clock:
        world.clock = RealClock(world.location.timezone)
    with contextlib.ExitStack() as stack:
        tables = load_config()  # read once: devices, MCP servers and notifications share it
        agent = home_agent(world, stack, tables, lambda: open_llm(args, required=False))
        if args.demo:
            asyncio.run(run_script(agent, DEMO_SCRIPT, print))
            return 0
        interactive = sys.stdin.isatty()
        if interactive:
            print(f"sottovoce: {world.name}. Type a command; 'quit' or Ctrl-D ends.")
        asyncio.run(chat(agent, sys.stdin, print, interactive=interactive))
        return 0


def _run_eval(args: argparse.Namespace) -> int:
    from sottovoce.devices import default_world_path
    from sottovoce.eval.cases import load_cases
    from sottovoce.eval.evaluate import Evaluator
    from sottovoce.models.safetext import printable

    cases = load_cases(args.cases)
    world_path = args.world or cases.world or default_world_path()
    if (problem := _json_out_problem(args, cases)) is not None:
        print(f"sottovoce: error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    registry = load_registry()
    # Without the grammar the model is all there is: it must start.
    engine = open_llm(args, required=args.no_grammar)
    if engine is None and args.no_grammar:
        print("sottovoce: error: --no-grammar needs a language model (--engine)", file=sys.stderr)
        return EXIT_BAD_INPUT
    ears = open_ears(Path(world_path), args.stt_model, registry) if cases.has_audio() else None
    voice = open_voice(args.voice) if cases.has_audio() and not args.no_voice else None
    evaluator = Evaluator(
        registry,
        Path(world_path),
        engine=engine,
        use_grammar=not args.no_grammar,
        ears=ears,
        realtime=args.realtime,
        voice=voice,
    )

    def show(report: object) -> None:
        if not args.quiet and not getattr(report, "passed", True):
            line = f"FAIL {report.id}: {report.first_problem()}"  # type: ignore[attr-defined]
            print(printable(line))  # a reply or a server's words may be in the problem

    try:
        report = asyncio.run(evaluator.run(cases, show))
    finally:
        if engine is not None:
            engine.close()
    if args.json_out is not None:
        from sottovoce.models.atomic import atomic_write

        try:
            with atomic_write(args.json_out) as out:
                out.write((json.dumps(report.as_json(), indent=2) + "\n").encode())
        except OSError as exc:
            why = exc.strerror or exc
            print(f"sottovoce: error: cannot write {args.json_out}: {why}", file=sys.stderr)
            return EXIT_BAD_INPUT
    print(report.summary_line())
    return 0 if report.passed == len(report.cases) else 1


def _json_out_problem(args: argparse.Namespace, cases: Any) -> str | None:
    """`--json` must not be the case file, a world or a recording, and its folder must exist."""
    from sottovoce.cli.outputs import clobber_problem

    if args.json_out is None:
        return None
    inputs = {"the case file": args.cases, "--world": args.world, "its world": cases.world}
    for case in cases.cases:
        for number, turn in enumerate(case.turns, 1):
            inputs[f"case {case.id}'s audio (turn {number})"] = turn.audio
    problem = clobber_problem("--json", args.json_out, inputs)
    if problem is None and not args.json_out.absolute().parent.is_dir():
        problem = f"--json {args.json_out}: no such directory {args.json_out.parent}"
    return problem
