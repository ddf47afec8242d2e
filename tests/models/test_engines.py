"""Opening the engine the config names; each engine's library is imported only when chosen."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sottovoce.models import EngineUnavailable
from sottovoce.models.engines import open_engine
from sottovoce.models.llm_config import LLMConfig
from sottovoce.models.openai_http import OpenAIHTTPEngine


def test_none_means_no_engine() -> None:
    assert open_engine(LLMConfig(engine="none"), None) is None


def test_openai_needs_no_local_model() -> None:
    engine = open_engine(LLMConfig(engine="openai"), None)
    assert isinstance(engine, OpenAIHTTPEngine)


@pytest.mark.parametrize("engine", ["llama", "mlc"])
def test_local_engines_need_a_model(engine: str) -> None:
    with pytest.raises(EngineUnavailable, match="needs a model"):
        open_engine(LLMConfig(engine=engine), None)


def test_the_agent_and_cli_do_not_import_llama_cpp() -> None:
    code = (
        "import sys, sottovoce.cli, sottovoce.agent.agent, sottovoce.models.engines;"
        "print('llama_cpp' in sys.modules, 'mlc_llm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
