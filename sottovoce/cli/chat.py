"""`sottovoce chat`: talk to the agent by typing (or play the scripted demo conversation)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from pathlib import Path
from typing import Any

from sottovoce.app import data_dir, home_agent, open_store
from sottovoce.cli.llm import add_llm_options, open_llm
from sottovoce.config import load_config


def add_chat_parser(commands: Any) -> None:
    """Register `chat` on the command line."""
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
