"""Evaluation: case files run on fresh worlds, typed or spoken; comparison; word error rate; the
`tools check` of plugins (`plugincheck`, with example sentences from `samples`). May import voice,
agent, below."""
