"""The bounds on what sottovoce accepts, in one place (docs/limits.md explains each value).

Constants only: this module imports nothing, so every floor may use it. It sits
in `models`, the lowest floor, because the floors that need these numbers
(devices for world files, models for engine settings, agent for utterances,
and the command line for files and options) all stand on it.

Each value is far above anything a real user says, writes or sets, and low
enough that the work it bounds stays within a second or two and a few hundred
megabytes on a Raspberry Pi.
"""

from __future__ import annotations

# What the user says or types, in one turn (Agent.handle, Agent.would_act).
MAX_UTTERANCE_CHARS = 500
TOO_LONG_REPLY = "That was too long for me; please say it in fewer words."
# Commands joined by "and"/"then" that the grammar splits one utterance into.
MAX_JOINED_CONNECTORS = 4

# Hand-written YAML (world and case files) and TOML (config.toml).
MAX_WORLD_FILE_BYTES = 1024 * 1024
MAX_CASE_FILE_BYTES = 4 * 1024 * 1024
MAX_CONFIG_FILE_BYTES = 256 * 1024
MAX_NESTING = 32  # mappings and lists inside each other (worlds use 6, cases 10)
MAX_YAML_NODES = 200_000  # every value counted as often as anchors/aliases repeat it
MAX_WORLD_TEXT_CHARS = 200  # any name, alias or other text in a world file
MAX_DEVICES = 1000
MAX_ALIASES = 50  # per device

# A world's fixed clock: far from the end of Python's dates (9999), which timers,
# reminders and case files' advance would otherwise pass.
MIN_CLOCK_YEAR, MAX_CLOCK_YEAR = 1900, 2999

# Case files: how far a turn may move the virtual clock.
MAX_ADVANCE_S = 366 * 24 * 3600

# `sottovoce speak`.
MAX_SPEAK_CHARS = 20_000
MIN_LENGTH_SCALE = 0.25
MAX_LENGTH_SCALE = 4.0

# The trailing silence that ends an utterance (--silence-ms of run, demo, listen).
MAX_SILENCE_MS = 10_000

# Language-model settings ([llm] in config.toml, and --threads, --context):
# the lowest and highest value each may take.
LLM_SETTING_RANGES: dict[str, tuple[float, float]] = {
    "threads": (0, 256),  # 0 = chosen from the CPU count
    "context": (128, 131_072),
    "max_tokens": (1, 32_768),
    "temperature": (0.0, 2.0),
    "top_k": (0, 1000),
    "top_p": (0.0, 1.0),
    "seed": (-1, 2**32 - 1),
    "timeout_s": (0.001, 3600.0),
    "turn_deadline_s": (0.001, 3600.0),
}
MAX_URL_CHARS = 2048

# `models pull --timeout/--stall-timeout`: seconds to wait for a server.
MAX_NETWORK_WAIT_S = 3600.0
