"""The agent: routing, dialogue, tool execution, eval. May import tools, devices, models."""
