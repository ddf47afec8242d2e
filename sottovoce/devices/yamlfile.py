"""Reading hand-written YAML (world files, case files) with YAML 1.2 booleans.

PyYAML follows YAML 1.1, where `on`, `off`, `yes` and `no` are booleans, so the key
in `{on: false}` would silently become True. Here only true/false are booleans.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import WorldError

_BOOL_TAG = "tag:yaml.org,2002:bool"
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _yaml12_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag != _BOOL_TAG]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for first in "tTfF":
        resolvers.setdefault(first, []).append((_BOOL_TAG, _BOOL))
    return resolvers


class _Loader(yaml.SafeLoader):
    """A safe loader whose only booleans are true and false."""

    yaml_implicit_resolvers = _yaml12_resolvers()


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML `text`; WorldError (one line naming `source`) if it is not valid YAML."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise WorldError(f"{source}: not valid YAML{at}: {problem}") from None
