"""What every command's arguments share: errors in one line, and numbers within bounds.

argparse prints its usage (several lines for the larger commands) before an
error; here a bad argument is one line naming it, with a pointer to --help,
and exit code 2, like every other bad input (docs/limits.md).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from typing import NoReturn

EXIT_BAD_INPUT = 2  # bad input: a file, an option, standard input (SPEC.md section 5)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        """Print `message` in one line and exit with code 2."""
        line = " ".join(message.split())
        print(f"sottovoce: error: {line} (see '{self.prog} --help')", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {low} to {high}, got {_shown(text)}"
            )
        return value

    return parse


def number(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number from `low` to `high` (never nan or infinity)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(
                f"expected a number from {low} to {high}, got {_shown(text)}"
            )
        return value

    return parse


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
