"""A real MCP server for the tests, run over stdio: `python mcp_server_fixture.py`.

Its tools cover what the agent must cope with: a simple schema, a nested one,
a destructive tool, one that reports an error, one slower than any timeout in
the tests, and one that kills the server.
"""

from __future__ import annotations

import asyncio
import os

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import BaseModel

app = MCPServer("sottovoce-test", log_level="WARNING")
notes: dict[str, str] = {"groceries": "eggs, milk"}


class Item(BaseModel):
    """One line of an order."""

    name: str
    quantity: int = 1


@app.tool()
def read_note(title: str) -> str:
    """Read a saved note aloud."""
    if title not in notes:
        raise ToolError(f"There is no note called {title}.\nKnown: {', '.join(notes)}")
    return f"{title}: {notes[title]}"


@app.tool()
def write_note(title: str, text: str) -> str:
    """Save a note under a title."""
    notes[title] = text
    return f"Saved {title}."


@app.tool()
def order_groceries(items: list[Item], shop: str = "corner shop") -> str:
    """Order groceries from a shop."""
    listed = ", ".join(f"{item.quantity} {item.name}" for item in items)
    return f"Ordered {listed} from the {shop}."


@app.tool(annotations=ToolAnnotations(destructive_hint=True))
def erase_note(title: str) -> str:
    """Erase a saved note."""
    notes.pop(title, None)
    return f"Erased {title}."


@app.tool()
async def ponder_slowly(seconds: float = 30.0) -> str:
    """Ponder a question slowly."""
    await asyncio.sleep(seconds)
    return "Pondered."


@app.tool()
def spell_word(ctx: str) -> str:
    """Spell a word (its argument's name is the one sottovoce gives a tool's context)."""
    return "-".join(ctx)


@app.tool()
def process_id() -> str:
    """The server's process id (to check that it is gone after close)."""
    return str(os.getpid())


@app.tool()
def explode_server() -> str:
    """Explode the server process."""
    os._exit(3)


if __name__ == "__main__":
    app.run()
