"""The words a command can open with, read from the tools' sentence templates."""

from __future__ import annotations

from sottovoce.agent.openers import opening_words
from sottovoce.tools import Plugin, Registry, ToolContext


def test_the_first_words_of_templates_optional_words_and_alternatives_included() -> None:
    plugin = Plugin("kettle")

    @plugin.tool(sentences=["[please] (boil|heat) the kettle", "{text} for tea", "kettle on"])
    def kettle_boil(ctx: ToolContext, text: str = "") -> str:
        """Boil the kettle."""
        return "Boiling."

    registry = Registry()
    registry.add(plugin)
    assert opening_words(registry) == {"please", "boil", "heat", "kettle"}  # a slot opens none


def test_the_builtin_commands_open_with_verbs_not_with_what_follows_a_note() -> None:
    words = opening_words(Registry.builtin())
    assert {"add", "turn", "switch", "set", "lock", "remind", "text", "play"} <= words
    assert not {"starts", "comes", "left", "wants", "butter"} & words
