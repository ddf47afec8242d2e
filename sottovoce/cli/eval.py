"""`sottovoce eval CASES`: run a case file, typed or spoken, and report."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from sottovoce.app import load_registry
from sottovoce.cli.args import EXIT_BAD_INPUT
from sottovoce.cli.llm import add_llm_options, open_llm
from sottovoce.cli.speak import open_voice
from sottovoce.cli.speech import open_ears


def add_eval_parser(commands: Any) -> None:
    """Register `eval` on the command line."""
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
