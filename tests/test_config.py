"""The config file's [llm] table and its one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sottovoce.config import config_path, llm_config, load_config
from sottovoce.models.llm_config import ConfigError, LLMConfig


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml") == {}
    config = llm_config({}, {})
    assert config == LLMConfig() and 1 <= config.n_threads <= 4


def test_file_then_command_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[llm]\nengine = "openai"\nthreads = 3\ncontext = 4096\n', encoding="utf-8")
    config = llm_config(load_config(path), {"context": 1024, "model": None})
    assert (config.engine, config.n_threads, config.context) == ("openai", 3, 1024)


def test_env_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(tmp_path / "c.toml"))
    assert config_path() == tmp_path / "c.toml"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[llm\n", "not valid TOML"),
        ("llm = 3\n", "must be a table"),
        ("[llm]\nthreads = 'many'\n", "threads must be a whole number"),
        ("[llm]\nengin = 'llama'\n", "unknown [llm] setting 'engin'"),
        ("[llm]\nresponse_format = 'xml'\n", "response_format must be"),
        ("[llm]\ntemperature = true\n", "temperature must be"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem.replace("[", r"\[")) as info:
        llm_config(load_config(path), {})
    assert "\n" not in str(info.value)


def test_a_config_path_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    # A directory in its place; a folder on the way that may not be entered is the same
    # OSError (PermissionError), which `exists()` used to raise as a traceback.
    with pytest.raises(ConfigError, match="cannot read config file") as info:
        load_config(tmp_path)
    assert "\n" not in str(info.value)
