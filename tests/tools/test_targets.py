"""Tests for the shared target helpers: names said with or without an article, status phrases."""

from __future__ import annotations

import hassil

from sottovoce.tools.targets import status_sentences, the_name


def test_a_possessive_name_takes_no_article() -> None:
    assert the_name("desk lamp") == "the desk lamp"
    assert the_name("tom's light") == "tom's light"
    assert the_name("kids' lamp") == "kids' lamp"


def test_status_sentences_compile_with_and_without_room_words() -> None:
    for text in [*status_sentences("lock"), *status_sentences("light", words="(light|lights)")]:
        hassil.parse_sentence(text)
    assert any("{area}" in text for text in status_sentences("light", words="(lights)"))
    assert not any("{area}" in text for text in status_sentences("cover", "valve"))
