"""Model Context Protocol servers over stdio, all run on one background thread.

The mcp client is anyio code whose sessions belong to the event loop (and the
task) that opened them, while the agent's own loop starts later, inside
`asyncio.run` in `chat` and `run`. So every server's session lives on one
dedicated thread with its own loop, each in a task that holds it open until
`close()`; the agent submits calls to that loop and awaits the answers from
its own.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO, cast

import anyio
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp import types as mcp
from mcp.shared.exceptions import MCPError

log = logging.getLogger(__name__)

INIT_TIMEOUT_S = 5.0
# stdio shutdown waits up to 2 s for a server to exit, 2 s after SIGTERM and 2 s
# after SIGKILL; servers are closed side by side, so this bounds the whole.
CLOSE_TIMEOUT_S = 10.0
_MAX_TOOL_PAGES = 100


@dataclass(frozen=True)
class ServerConfig:
    """One `[mcp.servers.NAME]` table: how to start the server and how its tools behave."""

    name: str
    command: str
    args: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    cwd: str | None = None
    timeout_s: float = 10.0
    confirm: tuple[str, ...] = ()
    tools: tuple[str, ...] = ("*",)


class ServerStopped(Exception):
    """The server's process is gone (it crashed or exited), or the hub was closed."""


class ServerRefused(Exception):
    """The server answered a call with a protocol error (an unknown tool, bad arguments)."""


@dataclass
class _Connection:
    config: ServerConfig
    errlog: TextIO
    closing: asyncio.Event
    session: ClientSession | None = None
    tools: list[mcp.Tool] = field(default_factory=list)
    stopped: bool = False
    task: asyncio.Task[None] | None = None


class McpHub:
    """The configured MCP servers: started together, called from any loop, closed together."""

    def __init__(
        self, servers: Sequence[ServerConfig], *, init_timeout_s: float = INIT_TIMEOUT_S
    ) -> None:
        self._configs = list(servers)
        self._init_timeout_s = init_timeout_s
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._connections: dict[str, _Connection] = {}
        self._errlogs: list[TextIO] = []
        self._closed = False

    def start(self) -> dict[str, str]:
        """Open every server; returns, by server name, why each one that failed was skipped."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="sottovoce-mcp", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        return asyncio.run_coroutine_threadsafe(self._open_all(), loop).result()

    def tools(self, server: str) -> list[mcp.Tool] | None:
        """The tools `server` offers, or None when it did not start."""
        conn = self._connections.get(server)
        return list(conn.tools) if conn is not None else None

    async def call(
        self, server: str, tool: str, args: Mapping[str, Any], timeout_s: float
    ) -> mcp.CallToolResult:
        """Call `tool` on `server` from any event loop.

        Raises ServerStopped, ServerRefused, or TimeoutError after `timeout_s`.
        """
        conn = self._connections.get(server)
        if conn is None or self._loop is None or self._closed:
            raise ServerStopped(server)
        work = self._call(conn, tool, dict(args), timeout_s)
        future = asyncio.run_coroutine_threadsafe(work, self._loop)
        # Cancelling this await (the executor's timeout) cancels the call on the hub's loop.
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """End every session, stop the server processes and the thread; safe to call twice."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or self._closed:
            return
        self._closed = True
        closing = asyncio.run_coroutine_threadsafe(self._close_all(), loop)
        try:
            closing.result(timeout=CLOSE_TIMEOUT_S)
        except concurrent.futures.TimeoutError:
            log.warning("MCP servers did not stop within %s s", CLOSE_TIMEOUT_S)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=CLOSE_TIMEOUT_S)
        if not thread.is_alive():
            loop.close()
        for errlog in self._errlogs:
            errlog.close()

    async def _open_all(self) -> dict[str, str]:
        opening = [self._open(config) for config in self._configs]
        results = await asyncio.gather(*opening, return_exceptions=True)
        skipped: dict[str, str] = {}
        for config, result in zip(self._configs, results, strict=True):
            if isinstance(result, BaseException):
                skipped[config.name] = self._why(config, result)
                self._connections.pop(config.name, None)
        return skipped

    async def _open(self, config: ServerConfig) -> None:
        # The server's stderr is kept aside (it would interleave with the
        # conversation); its last line explains a server that will not start.
        errlog = cast(TextIO, tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace"))
        self._errlogs.append(errlog)
        conn = _Connection(config, errlog, asyncio.Event())
        self._connections[config.name] = conn
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        conn.task = asyncio.create_task(self._serve(conn, ready))
        await ready

    async def _serve(self, conn: _Connection, ready: asyncio.Future[None]) -> None:
        """Hold one server's session open until the hub closes (one task owns its scopes)."""
        config = conn.config
        params = StdioServerParameters(
            command=config.command, args=list(config.args), env=dict(config.env), cwd=config.cwd
        )
        try:
            async with (
                stdio_client(params, errlog=conn.errlog) as (read, write),
                ClientSession(read, write) as session,
            ):
                with anyio.fail_after(self._init_timeout_s):
                    await session.initialize()
                    conn.tools = await _list_tools(session)
                conn.session = session
                ready.set_result(None)
                await conn.closing.wait()
        except BaseException as exc:  # reported through `ready`, or logged once running
            if not ready.done():
                ready.set_exception(_leaf(exc))
            elif not isinstance(exc, asyncio.CancelledError):
                log.info("MCP server %s ended: %s", config.name, _leaf(exc))
        finally:
            conn.session, conn.stopped = None, True

    async def _call(
        self, conn: _Connection, tool: str, args: dict[str, Any], timeout_s: float
    ) -> mcp.CallToolResult:
        session = conn.session
        if session is None or conn.stopped:
            raise ServerStopped(conn.config.name)
        try:
            with anyio.fail_after(timeout_s):
                return await session.call_tool(tool, args)
        except MCPError as exc:
            if exc.code != mcp.CONNECTION_CLOSED:
                raise ServerRefused(exc.message) from None
            conn.stopped = True
            raise ServerStopped(conn.config.name) from None
        except (anyio.ClosedResourceError, anyio.BrokenResourceError):
            conn.stopped = True
            raise ServerStopped(conn.config.name) from None

    async def _close_all(self) -> None:
        for conn in self._connections.values():
            conn.closing.set()
        tasks = [conn.task for conn in self._connections.values() if conn.task is not None]
        await asyncio.gather(*tasks, return_exceptions=True)

    def _why(self, config: ServerConfig, exc: BaseException) -> str:
        """One line on why a server could not be used."""
        if isinstance(exc, FileNotFoundError):
            where = f"[mcp.servers.{config.name}]"
            return f"command not found: {config.command}; check `command` in {where}"
        if isinstance(exc, TimeoutError):
            return f"it did not answer within {self._init_timeout_s:g} s"
        if isinstance(exc, OSError):
            return f"cannot run {config.command}: {exc.strerror or exc}"
        if isinstance(exc, MCPError) and exc.code == mcp.CONNECTION_CLOSED:
            last = self._last_stderr_line(config.name)
            return "it exited before answering" + (f" ({last})" if last else "")
        return f"{type(exc).__name__}: {exc}"

    def _last_stderr_line(self, server: str) -> str:
        conn = self._connections.get(server)
        if conn is None:
            return ""
        conn.errlog.flush()
        conn.errlog.seek(0)
        lines = [line.strip() for line in conn.errlog.read().splitlines() if line.strip()]
        return lines[-1] if lines else ""


async def _list_tools(session: ClientSession) -> list[mcp.Tool]:
    """Every tool the server offers, across pages."""
    found: list[mcp.Tool] = []
    cursor: str | None = None
    for _ in range(_MAX_TOOL_PAGES):
        params = mcp.PaginatedRequestParams(cursor=cursor) if cursor is not None else None
        page = await session.list_tools(params=params)
        found.extend(page.tools)
        cursor = page.next_cursor
        if cursor is None:
            break
    return found


def _leaf(exc: BaseException) -> BaseException:
    """The first real exception inside anyio's exception groups."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc
