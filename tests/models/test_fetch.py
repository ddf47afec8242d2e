"""`pull` against a real local HTTP server: resume, faults, checks, and the MLC manifest pull."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_hub import FakeHub, fake_model, serving, sha256

from sottovoce.models import download, fetch
from sottovoce.models.catalog import Catalog, ModelEntry, ModelError, ModelFile
from sottovoce.models.fetch import FetchError, apply_mirror, pull
from sottovoce.models.mlc_manifest import safe_name
from sottovoce.models.progress import Progress

DATA = fake_model()
PATH = "/org/fake-GGUF/resolve/main/fake.gguf"


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    with serving() as running:
        yield running


def _entry(url: str, sha: str | None = sha256(DATA), size: int | None = len(DATA)) -> ModelEntry:
    return ModelEntry(
        name="fake",
        kind="llm",
        engine="llama.cpp",
        license="MIT",
        description="a fake model",
        files=(ModelFile("fake.gguf", sha, size, url=url),),
        main_file="fake.gguf",
    )


def _pull(entry: ModelEntry, dest: Path, **options: Any) -> fetch.PullResult:
    options.setdefault("retry_delay", 0.0)
    options.setdefault("timeout", 5.0)
    return pull(entry, dest, **options)


def test_pull_downloads_checks_and_renames_into_place(hub: FakeHub, tmp_path: Path) -> None:
    lines = io.StringIO()
    result = _pull(_entry(hub.add(PATH, DATA)), tmp_path, progress=Progress(lines, tty=False))
    assert result.path == tmp_path / "fake.gguf"
    assert result.path.read_bytes() == DATA
    assert not result.already and result.fetched == ("fake.gguf",) and result.unchecked == ()
    assert not (tmp_path / "fake.gguf.part").exists()
    shown = lines.getvalue()
    assert "downloading fake.gguf (300.0 kB)" in shown and "100.0%" in shown


def test_pulling_again_checks_and_does_nothing(hub: FakeHub, tmp_path: Path) -> None:
    entry = _entry(hub.add(PATH, DATA))
    _pull(entry, tmp_path)
    again = _pull(entry, tmp_path)
    assert again.already and again.fetched == ()
    assert len(hub.requests) == 1


def test_a_dropped_connection_resumes_with_a_range_request(hub: FakeHub, tmp_path: Path) -> None:
    url = hub.add(PATH, DATA)
    hub.fault(PATH, "drop:100000")
    lines = io.StringIO()
    _pull(_entry(url), tmp_path, progress=Progress(lines, tty=False))
    assert (tmp_path / "fake.gguf").read_bytes() == DATA
    assert hub.requests == [(PATH, None), (PATH, "bytes=100000-")]
    assert "connection lost" in lines.getvalue()


def test_without_retries_the_part_is_kept_and_the_next_pull_resumes(
    hub: FakeHub, tmp_path: Path
) -> None:
    entry = _entry(hub.add(PATH, DATA))
    hub.fault(PATH, "drop:120000")
    with pytest.raises(FetchError, match="run the same command again to resume"):
        _pull(entry, tmp_path, retries=0)
    assert (tmp_path / "fake.gguf.part").stat().st_size == 120000
    assert not (tmp_path / "fake.gguf").exists()
    _pull(entry, tmp_path)
    assert hub.requests[-1] == (PATH, "bytes=120000-")
    assert (tmp_path / "fake.gguf").read_bytes() == DATA


def test_a_server_ignoring_range_means_starting_over(hub: FakeHub, tmp_path: Path) -> None:
    url = hub.add(PATH, DATA)
    (tmp_path / "fake.gguf.part").write_bytes(DATA[:5000])
    hub.fault(PATH, "ignore-range")
    lines = io.StringIO()
    _pull(_entry(url), tmp_path, progress=Progress(lines, tty=False))
    assert (tmp_path / "fake.gguf").read_bytes() == DATA
    assert "did not resume" in lines.getvalue()


def test_416_to_a_resume_means_the_part_is_complete(hub: FakeHub, tmp_path: Path) -> None:
    url = hub.add(PATH, DATA)
    (tmp_path / "fake.gguf.part").write_bytes(DATA)
    _pull(_entry(url, size=None), tmp_path)  # size unknown: it has to ask the server
    assert hub.requests == [(PATH, f"bytes={len(DATA)}-")]
    assert (tmp_path / "fake.gguf").read_bytes() == DATA


def test_a_wrong_checksum_deletes_the_download(hub: FakeHub, tmp_path: Path) -> None:
    url = hub.add(PATH, DATA)
    hub.fault(PATH, "corrupt")
    with pytest.raises(FetchError, match="failed its sha256 check.*deleted") as caught:
        _pull(_entry(url), tmp_path)
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_size_is_refused_even_before_hashing(hub: FakeHub, tmp_path: Path) -> None:
    url = hub.add(PATH, DATA)
    with pytest.raises(FetchError, match="more than the expected"):
        _pull(_entry(url, size=len(DATA) - 10), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_404_names_the_url(hub: FakeHub, tmp_path: Path) -> None:
    url = hub.add(PATH, DATA)
    hub.fault(PATH, "404")
    with pytest.raises(FetchError, match=r"was not found \(HTTP 404\)") as caught:
        _pull(_entry(url), tmp_path)
    assert url in str(caught.value) and caught.value.status == 404


def test_connection_refused_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/fake.gguf"
    with pytest.raises(FetchError, match="connection refused") as caught:
        _pull(_entry(url), tmp_path)
    assert url in str(caught.value)


def test_a_silent_server_times_out(tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts connections, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/fake.gguf"
        with pytest.raises(FetchError, match="did not answer within 0.3 s"):
            _pull(_entry(url), tmp_path, timeout=0.3)


def test_a_full_disk_keeps_the_part_for_later(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = _entry(hub.add(PATH, DATA))

    written = [0]

    def half_then_full(out: Any, chunk: bytes) -> None:
        room = 100000 - written[0]
        out.write(chunk[:room])
        written[0] += min(room, len(chunk))
        if len(chunk) >= room:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download, "_write_chunk", half_then_full)
    with pytest.raises(FetchError, match="disk is full.*resume"):
        _pull(entry, tmp_path)
    assert (tmp_path / "fake.gguf.part").stat().st_size == 100000
    monkeypatch.undo()
    _pull(entry, tmp_path)
    assert hub.requests[-1] == (PATH, "bytes=100000-")
    assert (tmp_path / "fake.gguf").read_bytes() == DATA


def test_the_mirror_replaces_the_hub_prefix(hub: FakeHub, tmp_path: Path) -> None:
    hub.add(PATH, DATA)
    entry = _entry("https://huggingface.co" + PATH)
    _pull(entry, tmp_path, mirror=hub.url + "/")
    assert (tmp_path / "fake.gguf").read_bytes() == DATA
    assert apply_mirror("https://example.org/x", hub.url) == "https://example.org/x"


def test_a_file_without_a_published_checksum_reports_its_sha256(
    hub: FakeHub, tmp_path: Path
) -> None:
    result = _pull(_entry(hub.add(PATH, DATA), sha=None, size=None), tmp_path)
    assert result.unchecked == (("fake.gguf", sha256(DATA)),)


def test_a_registry_model_is_not_downloaded(tmp_path: Path) -> None:
    entry = ModelEntry("pkg", "tts", "piper", "MIT", "x", package="no-such-dist-sv")
    with pytest.raises(FetchError, match="pip install no-such-dist-sv"):
        pull(entry, tmp_path)


def test_progress_on_a_terminal_redraws_one_line() -> None:
    screen = io.StringIO()
    ticks = iter(range(100))
    progress = Progress(screen, tty=True, clock=lambda: float(next(ticks)))
    progress.start("model.gguf", 2000)
    progress.advance(1000)
    progress.finish()
    shown = screen.getvalue()
    assert shown.count("\n") == 1 and "\r" in shown and " 50.0%" in shown and "100.0%" not in shown


# --- MLC builds: a directory of files listed by the build's own manifest ---

MLC = "/mlc-ai/Fake-q4f16_1-MLC/resolve/main/"
SHARDS = {"params_shard_0.bin": fake_model(50_000, 1), "params_shard_1.bin": fake_model(70_000, 2)}


def _serve_mlc(hub: FakeHub) -> ModelEntry:
    hub.add(
        MLC + "mlc-chat-config.json", json.dumps({"tokenizer_files": ["tokenizer.json"]}).encode()
    )
    hub.add(MLC + "tokenizer.json", b'{"version": "1.0"}')
    records = [
        {"dataPath": name, "nbytes": len(data), "md5sum": hashlib.md5(data).hexdigest()}
        for name, data in SHARDS.items()
    ]
    hub.add(MLC + "tensor-cache.json", json.dumps({"records": records}).encode())
    for name, data in SHARDS.items():
        hub.add(MLC + name, data)
    return ModelEntry(
        "fake-mlc", "llm", "mlc", "MIT", "x", main_file=".",
        mlc_repo=hub.url + "/mlc-ai/Fake-q4f16_1-MLC",
    )  # fmt: skip


def test_an_mlc_build_is_pulled_from_its_manifest_and_checked(hub: FakeHub, tmp_path: Path) -> None:
    entry = _serve_mlc(hub)
    catalog = Catalog(tmp_path, [entry])
    result = _pull(entry, tmp_path / "fake-mlc")
    assert catalog.installed(entry) and catalog.verify(entry) == []
    assert not (tmp_path / "fake-mlc.part").exists()
    assert {name for name, _ in result.unchecked} == {
        "mlc-chat-config.json",
        "tensor-cache.json",
        "tokenizer.json",
    }
    assert (MLC + "ndarray-cache.json", None) in hub.requests  # the older name is tried first
    shard = tmp_path / "fake-mlc" / "params_shard_1.bin"
    shard.write_bytes(b"x" + shard.read_bytes()[1:])
    assert "md5 check" in catalog.verify(entry)[0]
    assert not _pull(entry, tmp_path / "fake-mlc").already  # repairs the shard
    assert catalog.verify(entry) == []
    assert _pull(entry, tmp_path / "fake-mlc").already


def test_an_interrupted_mlc_pull_is_not_installed(hub: FakeHub, tmp_path: Path) -> None:
    entry = _serve_mlc(hub)
    hub.fault(MLC + "params_shard_1.bin", "404")
    with pytest.raises(FetchError, match="404"):
        _pull(entry, tmp_path / "fake-mlc")
    assert not Catalog(tmp_path, [entry]).installed(entry)
    assert (tmp_path / "fake-mlc.part" / "params_shard_0.bin").is_file()
    _pull(entry, tmp_path / "fake-mlc")
    assert Catalog(tmp_path, [entry]).verify(entry) == []


def test_a_manifest_cannot_name_files_outside_its_directory() -> None:
    for bad in ("../evil.bin", "/etc/passwd", "a\\..\\b", ""):
        with pytest.raises(ModelError):
            safe_name(bad, "manifest")
    assert safe_name("params_shard_0.bin", "manifest") == "params_shard_0.bin"


def test_a_server_that_stops_sending_is_a_stall(hub: FakeHub, tmp_path: Path) -> None:
    entry = _entry(hub.add(PATH, DATA))
    hub.fault(PATH, "trickle:1000:5")  # a thousand bytes, then nothing for seconds
    with pytest.raises(FetchError) as caught:
        _pull(entry, tmp_path, stall_timeout=0.3)
    message = str(caught.value)
    assert "\n" not in message
    assert hub.url + PATH in message
    assert "no data arrived for 0.3 s" in message
    assert "try again" in message and "--stall-timeout" in message
    assert not (tmp_path / "fake.gguf").exists()  # nothing half-written in place
    assert (tmp_path / "fake.gguf.part").stat().st_size == 1000  # kept for a resume
    assert len(hub.requests) == 1  # a stall is not retried
    _pull(entry, tmp_path)
    assert hub.requests[-1] == (PATH, "bytes=1000-")
    assert (tmp_path / "fake.gguf").read_bytes() == DATA


def test_a_server_that_trickles_under_the_minimum_rate_is_a_stall(
    hub: FakeHub, tmp_path: Path
) -> None:
    entry = _entry(hub.add(PATH, DATA))
    hub.fault(PATH, "trickle:20:0.02")  # about 1 KB/s: bytes keep coming, too slowly
    with pytest.raises(FetchError, match=r"stalled: it arrived at \d+ bytes/s") as caught:
        _pull(entry, tmp_path, stall_timeout=0.3, min_rate=50_000)
    assert "under the minimum 50000 bytes/s" in str(caught.value)
    assert not (tmp_path / "fake.gguf").exists()


def test_a_slow_but_steady_server_is_not_a_stall(hub: FakeHub, tmp_path: Path) -> None:
    data = fake_model(20_000)
    entry = _entry(hub.add(PATH, data), sha256(data), len(data))
    hub.fault(PATH, "trickle:4000:0.05")
    _pull(entry, tmp_path, stall_timeout=0.2, min_rate=1000)
    assert (tmp_path / "fake.gguf").read_bytes() == data
