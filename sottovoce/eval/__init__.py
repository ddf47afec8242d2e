"""Evaluation: case files run on fresh worlds, typed or spoken. May import voice, agent, below."""
