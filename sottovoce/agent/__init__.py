"""The agent, one turn: normalize, route, dialogue, execute. May import tools, devices, models."""
