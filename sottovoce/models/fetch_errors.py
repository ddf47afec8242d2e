"""The one-line errors of a failed download: each names the file or URL and what to do."""

from __future__ import annotations

import errno
from pathlib import Path
from urllib.parse import urlsplit

from sottovoce.models.catalog_entry import ModelError
from sottovoce.models.progress import human_bytes

MIRROR_ENV = "SOTTOVOCE_MODEL_MIRROR"


class FetchError(ModelError):
    """A download failed; the one-line message names the file or URL and what to do."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def write_failed(part: Path, exc: OSError) -> FetchError:
    """The error for a failed write; a full disk keeps the `.part` for a resume."""
    kept = part.stat().st_size if part.exists() else 0
    if exc.errno == errno.ENOSPC:
        return FetchError(
            f"the disk is full writing {part} ({human_bytes(kept)} kept); free some space "
            "and run the same command again to resume"
        )
    return FetchError(f"cannot write {part}: {exc.strerror or exc}")


def http_message(url: str, code: int, reason: str) -> str:
    """The message for an HTTP error status."""
    if code == 404:
        return (
            f"{url} was not found (HTTP 404); the file may have moved upstream: check the "
            f"model's source page, or the mirror in ${MIRROR_ENV}"
        )
    if code in (401, 403):
        return (
            f"{url} refused access (HTTP {code}); the repository may be gated or the mirror "
            f"may need credentials; download it by hand and pass its path instead"
        )
    return f"{url} answered HTTP {code} {reason}; try again later"


def unreachable_message(url: str, reason: object, timeout: float) -> str:
    """The message for a server that could not be reached or did not answer."""
    host = urlsplit(url).netloc or url
    if isinstance(reason, ConnectionRefusedError):
        return (
            f"could not connect to {host} (connection refused) for {url}; check the network, "
            f"a proxy, or ${MIRROR_ENV}"
        )
    if isinstance(reason, TimeoutError):
        return (
            f"{host} did not answer within {timeout:g} s ({url}); check the network and run "
            "again (a partial download resumes)"
        )
    return f"could not reach {host} ({reason}) for {url}; check the network or ${MIRROR_ENV}"
