"""Phone: send a message to a contact, or call one; both only after the user says yes.

What was sent and called is kept in the plugin's records: `messages` as
[[to, text], ...] and `calls` as [to, ...], oldest first.
"""

from __future__ import annotations

import logging
import string
from typing import Annotated, Any

from pydantic import Field
from rapidfuzz import fuzz, process

from sottovoce.devices import Contact
from sottovoce.tools import Plugin, ToolContext, ToolError

plugin = Plugin("phone", "Send text messages to contacts and call them.")
log = logging.getLogger(__name__)

CONTACT_CUTOFF = 80.0
# What people say for a family contact saved under another word.
FAMILY = (
    ("mum", "mom", "mother", "mommy", "mummy", "ma"),
    ("dad", "father", "daddy", "pa", "papa"),
    ("grandma", "granny", "grandmother", "nana"),
    ("grandpa", "grandfather", "grandad", "granddad"),
)

Who = Annotated[str, Field(description="contact name")]


def _contact(ctx: ToolContext, who: str) -> Contact:
    """The contact meant by a name: exact, first name, family word or a near miss."""
    wanted = " ".join(who.lower().split())
    for prefix in ("my ", "the "):
        wanted = wanted.removeprefix(prefix)
    contacts = ctx.world.contacts
    exact = [c for c in contacts if c.name.casefold() == wanted]
    if exact:
        return exact[0]
    first = [c for c in contacts if c.name.casefold().split()[:1] == [wanted]]
    if len(first) == 1:
        return first[0]
    for group in FAMILY:
        if wanted in group:
            kin = [c for c in contacts if c.name.casefold() in group]
            if kin:
                return kin[0]
    names = {i: c.name.casefold() for i, c in enumerate(contacts)}
    best = process.extractOne(wanted, names, scorer=fuzz.ratio, score_cutoff=CONTACT_CUTOFF)
    if best is not None:
        return contacts[int(best[2])]
    raise ToolError(f"{string.capwords(who.strip()) or 'That'} is not in your contacts.")


def _text(text: str) -> str:
    text = " ".join(text.split())
    # An optional "saying" before the free text can end up inside it ("that" may be
    # the message's own first word, so it stays).
    for lead in ("saying ", "to say "):
        if text.lower().startswith(lead):
            text = text[len(lead) :]
    return text


_SAY = "[saying|that|to say] {text}"
_MSG = "(message|text|text message|sms|note)"


@plugin.tool(
    confirm=True,
    sentences=[
        "send [a|an] " + _MSG + " to {contact} " + _SAY,
        "send {contact} [a|an] " + _MSG + " " + _SAY,
        "(text|message|sms) {contact} " + _SAY,
        "tell {contact} [that] {text}",
        "let {contact} know [that] {text}",
        "(write|send) to {contact} " + _SAY,
        "(write|send) [a|an] " + _MSG + " to {contact} " + _SAY,
        "(text|message) to {contact} " + _SAY,
        "(write|send) to {contact} [a|an] " + _MSG + " " + _SAY,
    ],
)
def message_send(
    ctx: ToolContext, contact: Who, text: Annotated[str, Field(description="message text")]
) -> str:
    """Send a text message to a contact (asks the user first)."""
    person = _contact(ctx, contact)
    body = _text(text)
    if not body:
        raise ToolError(f"What should the message to {person.name} say?")
    ctx.confirm(f"Send '{body}' to {person.name}?")
    ctx.records["messages"] = [*_stored(ctx, "messages"), [person.name, body]]
    return f"Message sent to {person.name}."


@plugin.tool(
    confirm=True,
    sentences=[
        "(call|phone|ring|dial|facetime) {contact} [now|back|up]",
        "(call|phone|ring) up {contact}",
        "give {contact} a (call|ring|bell|buzz)",
        "(make|place|start) a [phone] call to {contact}",
        "(call|phone|ring) {contact} on [the|my] phone",
        "i (want|would like) to (call|talk to|speak to|speak with) {contact}",
        "get {contact} on the phone",
    ],
)
def call_place(ctx: ToolContext, contact: Who) -> str:
    """Place a phone call to a contact (asks the user first)."""
    person = _contact(ctx, contact)
    ctx.confirm(f"Call {person.name}?")
    ctx.records["calls"] = [*_stored(ctx, "calls"), person.name]
    return f"Calling {person.name}."


def _stored(ctx: ToolContext, key: str) -> list[Any]:
    """The `messages` or `calls` kept, less any entry of the wrong shape (a warning)."""
    value = ctx.records.get(key, [])
    if not isinstance(value, list):
        log.warning("plugin %s, record %s: skipping a value that is not a list", ctx.plugin, key)
        return []
    good = _is_message if key == "messages" else _is_call
    kept = [entry for entry in value if good(entry)]
    if len(kept) != len(value):
        log.warning("plugin %s, record %s: skipping entries of the wrong shape", ctx.plugin, key)
    return kept


def _is_message(entry: Any) -> bool:
    return isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)


def _is_call(entry: Any) -> bool:
    return isinstance(entry, str)


@plugin.section("messages")
def messages_section(ctx: ToolContext) -> list[dict[str, str]]:
    """The messages sent, oldest first."""
    return [{"to": to, "text": text} for to, text in _stored(ctx, "messages")]


@plugin.section("calls")
def calls_section(ctx: ToolContext) -> list[dict[str, str]]:
    """The calls placed, oldest first."""
    return [{"to": to} for to in _stored(ctx, "calls")]
