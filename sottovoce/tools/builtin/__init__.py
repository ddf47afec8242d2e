"""The built-in tool plugins; each module exposes one `plugin`.

They are registered as entry points like any third-party plugin; this list
lets tests and an uninstalled checkout load them without package metadata.
"""

BUILTIN_PLUGINS = (
    "sottovoce.tools.builtin.lights:plugin",
    "sottovoce.tools.builtin.switches:plugin",
    "sottovoce.tools.builtin.climate:plugin",
    "sottovoce.tools.builtin.media:plugin",
    "sottovoce.tools.builtin.covers:plugin",
    "sottovoce.tools.builtin.locks:plugin",
    "sottovoce.tools.builtin.sensors:plugin",
    "sottovoce.tools.builtin.binary_sensors:plugin",
    "sottovoce.tools.builtin.questions:plugin",
    "sottovoce.tools.builtin.home:plugin",
    "sottovoce.tools.builtin.timers:plugin",
    "sottovoce.tools.builtin.lists:plugin",
    "sottovoce.tools.builtin.reminders:plugin",
    "sottovoce.tools.builtin.info:plugin",
    "sottovoce.tools.builtin.phone:plugin",
    "sottovoce.tools.builtin.workout:plugin",
)
