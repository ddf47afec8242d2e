"""Every test starts without the developer's own config file (real devices, MCP servers)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_user_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(tmp_path_factory.getbasetemp() / "no-config.toml"))
