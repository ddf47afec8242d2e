"""The `sottovoce` command line: chat, eval, tools.

Bad input (a missing or malformed world or case file, an unreadable store)
ends in one line on standard error that names the problem, and exit code 2;
never a traceback.

Each command is a module of this package (`chat`, `eval`, `tools`, ...), which
registers its parser; this one holds only `main` and the top-level parser.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from sottovoce import __version__
from sottovoce.cli.args import EXIT_BAD_INPUT, OneLineParser
from sottovoce.cli.chat import add_chat_parser
from sottovoce.cli.eval import add_eval_parser
from sottovoce.cli.models import add_models_parser
from sottovoce.cli.plugin import add_plugin_parser
from sottovoce.cli.speak import add_speak_parser
from sottovoce.cli.speech import add_listen_parser, add_transcribe_parser
from sottovoce.cli.tools import add_tools_parser
from sottovoce.cli.voice import add_voice_parsers


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

    add_chat_parser(commands)
    add_eval_parser(commands)
    add_tools_parser(commands)
    add_plugin_parser(commands)
    add_models_parser(commands)
    add_transcribe_parser(commands)
    add_listen_parser(commands)
    add_speak_parser(commands)
    add_voice_parsers(commands)
    return parser
