"""sottovoce: an offline voice agent with tool calling."""

__version__ = "0.1.0"
