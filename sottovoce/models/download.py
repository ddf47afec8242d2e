"""Downloading one file of a model: resumable, checked, and never half-written where it belongs.

Each file is written to `NAME.part` next to its target. An interrupted
transfer resumes with an HTTP Range request (from a fresh start when the
server ignores it); the finished file's size and checksum are checked, and
only then is it renamed into place. A wrong checksum deletes the `.part`.
Standard library only (urllib), so it works wherever Python does.

A stalled transfer ends the pull: no byte for `stall_timeout` seconds, or
fewer than `min_rate` bytes a second over a window of `stall_timeout`
seconds (a server trickling a byte a second would otherwise run for weeks).
The `.part` is kept, so the same command resumes it.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sottovoce import __version__
from sottovoce.models.catalog_entry import ModelFile
from sottovoce.models.digest import file_digest
from sottovoce.models.fetch_errors import (
    FetchError,
    http_message,
    unreachable_message,
    write_failed,
)
from sottovoce.models.progress import Progress, human_bytes

HUB = "https://huggingface.co"
_CHUNK = 1 << 20
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")
STALL_TIMEOUT_S = 30.0
MIN_RATE_BPS = 1024.0


class Response(Protocol):
    """What the downloader needs of an HTTP response (urllib's satisfies it)."""

    status: int
    headers: http.client.HTTPMessage

    def read(self, amount: int, /) -> bytes: ...
    def close(self) -> None: ...


Opener = Callable[[urllib.request.Request, float], Response]


def urlopen(request: urllib.request.Request, timeout: float) -> Response:
    response: Response = urllib.request.urlopen(request, timeout=timeout)
    return response


@dataclass
class FetchOptions:
    """How to download: the display, the transport, and how patient to be."""

    progress: Progress | None = None
    opener: Opener = urlopen
    timeout: float = 30.0
    retries: int = 3  # resumes after a dropped connection before giving up
    retry_delay: float = 1.0
    mirror: str | None = None
    stall_timeout: float = STALL_TIMEOUT_S  # no progress for this long, or too slow over it
    min_rate: float = MIN_RATE_BPS  # bytes a second, averaged over `stall_timeout`

    @property
    def wait_s(self) -> float:
        """How long one read or connection may wait for the server."""
        return min(self.timeout, self.stall_timeout)


@dataclass(frozen=True)
class PullResult:
    """What `pull` did: where the model is, and which files could not be checked."""

    path: Path
    already: bool
    fetched: tuple[str, ...] = ()
    unchecked: tuple[tuple[str, str], ...] = field(default=())  # (file, sha256 it got)


class _Dropped(Exception):
    """The connection ended before the file did; the `.part` is kept for a resume."""


def apply_mirror(url: str, mirror: str | None) -> str:
    """The URL with the Hugging Face prefix replaced by the mirror's."""
    if mirror and url.startswith(HUB + "/"):
        return mirror.rstrip("/") + url[len(HUB) :]
    return url


def download(url: str, target: Path, expected: ModelFile, options: FetchOptions) -> str:
    """Fetch `url` into `target` through `target.part`; returns the file's sha256."""
    part = target.with_name(target.name + ".part")
    _make_dir(target.parent)
    attempts = 0
    while True:
        try:
            _transfer(url, part, expected.size_bytes, options)
            break
        except _Dropped as dropped:
            attempts += 1
            if attempts > options.retries:
                raise FetchError(
                    f"the connection for {url} was lost ({dropped}); run the same command "
                    f"again to resume from {part}"
                ) from None
            if options.progress:
                options.progress.note(f"connection lost ({dropped}); resuming")
            time.sleep(options.retry_delay)
    return _check_and_place(url, part, target, expected)


def _make_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"cannot create {directory}: {exc.strerror or exc}") from None


def _transfer(url: str, part: Path, size: int | None, options: FetchOptions) -> None:
    have = part.stat().st_size if part.exists() else 0
    if size is not None and have > size:
        part.unlink()  # longer than the real file: nothing in it can be trusted
        have = 0
    if size is not None and have == size:
        return  # complete already (an earlier run stopped before checking it)
    response = _open(url, have, options)
    if response is None:
        return  # 416 to a resume: the .part already holds all the server has
    with closing(response):
        have = _resume_point(response, part, have, options)
        total = _expected_total(response, have, size)
        _check_space(part, total, have)
        _receive(url, response, part, have, total, options)


def _open(url: str, have: int, options: FetchOptions) -> Response | None:
    headers = {"User-Agent": f"sottovoce/{__version__}"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        return options.opener(request, options.wait_s)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection
        if exc.code == 416 and have:
            return None
        raise FetchError(http_message(url, exc.code, str(exc.reason)), exc.code) from None
    except urllib.error.URLError as exc:
        raise FetchError(unreachable_message(url, exc.reason, options.wait_s)) from None
    except (TimeoutError, OSError) as exc:
        raise FetchError(unreachable_message(url, exc, options.wait_s)) from None


def _resume_point(response: Response, part: Path, have: int, options: FetchOptions) -> int:
    """Where the body starts: `have` for a matching 206, else 0 (the .part is emptied)."""
    if not have:
        return 0
    if response.status == 206:
        match = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
        if match and int(match.group(1)) == have:
            return have
    if options.progress:
        options.progress.note(f"the server did not resume {part.name}; starting it over")
    part.write_bytes(b"")
    return 0


def _expected_total(response: Response, have: int, size: int | None) -> int | None:
    if size is not None:
        return size
    match = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
    if match and match.group(3) != "*":
        return int(match.group(3))
    length = response.headers.get("Content-Length")
    return have + int(length) if length and length.isdigit() else None


def _check_space(part: Path, total: int | None, have: int) -> None:
    if total is None:
        return
    free = shutil.disk_usage(part.parent).free
    if free < total - have:
        raise FetchError(
            f"{part.parent} has {human_bytes(free)} free but {part.name} needs "
            f"{human_bytes(total - have)} more; free some space and run again"
        )


def _receive(
    url: str, response: Response, part: Path, have: int, total: int | None, options: FetchOptions
) -> None:
    progress = options.progress
    if progress:
        progress.start(part.name.removesuffix(".part"), total, have)
    try:
        with part.open("ab" if have else "wb") as out:
            have = _copy(
                _StallWatch(url, response, part, options), out, part, have, total, progress
            )
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise write_failed(part, exc) from None
    finally:
        if progress:
            progress.finish()
    if total is not None and have < total:
        raise _Dropped(f"{human_bytes(have)} of {human_bytes(total)} received")


def _copy(
    watch: _StallWatch,
    out: _Writable,
    part: Path,
    have: int,
    total: int | None,
    progress: Progress | None,
) -> int:
    while chunk := watch.read(have, total):
        _write_chunk(out, chunk)
        have += len(chunk)
        if total is not None and have > total:
            out.close()
            part.unlink()
            raise FetchError(
                f"the server sent more than the expected {total} bytes for "
                f"{part.name}; the download was deleted"
            )
        if progress:
            progress.advance(len(chunk))
    return have


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...
    def close(self) -> None: ...


class _StallWatch:
    """Reads what has arrived, and ends a transfer that has stalled or crawls.

    `read1` returns as soon as some bytes are there (urllib's `read(n)` would
    wait for all n), so progress is seen as it happens; a read that waits
    longer than the stall timeout raises the socket's timeout.
    """

    def __init__(self, url: str, response: Response, part: Path, options: FetchOptions) -> None:
        self._read = getattr(response, "read1", response.read)
        self.url, self.part, self.options = url, part, options
        self._mark = (time.monotonic(), 0)
        self._counted = 0

    def read(self, have: int, total: int | None) -> bytes:
        try:
            chunk: bytes = self._read(_CHUNK)
        except TimeoutError:
            raise self._stalled(
                f"no data arrived for {self.options.wait_s:g} s", have, total
            ) from None
        except (http.client.HTTPException, OSError) as exc:
            of = f" of {human_bytes(total)}" if total else ""
            why = exc or type(exc).__name__
            raise _Dropped(f"{human_bytes(have)}{of} received; {why}") from None
        self._counted += len(chunk)
        self._check_rate(have + len(chunk), total)
        return chunk

    def _check_rate(self, have: int, total: int | None) -> None:
        window = self.options.stall_timeout
        started, counted = self._mark
        now = time.monotonic()
        if now - started < window:
            return
        rate = (self._counted - counted) / (now - started)
        if rate < self.options.min_rate:
            raise self._stalled(
                f"it arrived at {rate:.0f} bytes/s over {now - started:.1f} s, under the minimum "
                f"{self.options.min_rate:g} bytes/s",
                have,
                total,
            )
        self._mark = (now, self._counted)

    def _stalled(self, what: str, have: int, total: int | None) -> FetchError:
        of = f" of {human_bytes(total)}" if total else ""
        return FetchError(
            f"the download of {self.url} stalled: {what} ({human_bytes(have)}{of} kept in "
            f"{self.part}); try again (it resumes), or use --stall-timeout / --min-rate"
        )


def _write_chunk(out: _Writable, chunk: bytes) -> None:
    """Write one piece of the download (a seam the disk-full tests replace)."""
    out.write(chunk)


def _check_and_place(url: str, part: Path, target: Path, expected: ModelFile) -> str:
    size = part.stat().st_size
    if expected.size_bytes is not None and size != expected.size_bytes:
        part.unlink()
        raise FetchError(
            f"{url} gave {size} bytes, not the expected {expected.size_bytes}; "
            "the download was deleted; run again"
        )
    got = file_digest(part)
    checks = (("sha256", expected.sha256, got), ("md5", expected.md5, None))
    for algorithm, want, have in checks:
        if want is None:
            continue
        have = have or file_digest(part, algorithm)
        if have != want.lower():
            part.unlink()
            raise FetchError(
                f"{target.name} from {url} failed its {algorithm} check (expected {want[:12]}…, "
                f"got {have[:12]}…); the download was deleted. Run the pull again; if it "
                "fails the same way the upstream file has changed: please report it"
            )
    os.replace(part, target)
    return got
