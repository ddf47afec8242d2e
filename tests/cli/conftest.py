"""Shared fixtures for command-line tests."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.cli import speech as cli_speech


@pytest.fixture(scope="session")
def default_stt() -> Any:
    """The default speech model, loaded once for every test that asks for it."""
    return cli_speech.open_stt(None)


@pytest.fixture
def stt_loaded_once(monkeypatch: pytest.MonkeyPatch, default_stt: Any) -> None:
    """Commands use the already-loaded model; everything after the load is the real command."""
    monkeypatch.setattr(cli_speech, "open_stt", lambda name: default_stt)
