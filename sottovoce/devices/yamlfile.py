"""Reading hand-written YAML (world files, case files) with YAML 1.2 booleans, within bounds.

PyYAML follows YAML 1.1, where `on`, `off`, `yes` and `no` are booleans, so the key
in `{on: false}` would silently become True. Here only true/false are booleans.

A file is read only up to its size limit, values nest at most `MAX_NESTING`
deep (PyYAML composes recursively: 900 levels were a RecursionError), anchors
and aliases may not repeat a value more than `MAX_YAML_NODES` times in all (a
"billion laughs" file is a few lines long) nor refer to themselves, and a
caller may bound the length of every text. Each problem is a one-line
WorldError naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from sottovoce.models.limits import MAX_NESTING, MAX_YAML_NODES

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


class _Beyond(Exception):
    """A limit was passed while composing: the problem, and where."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem)
        self.problem, self.mark = problem, mark


class _Loader(yaml.SafeLoader):
    """A safe loader whose only booleans are true and false, and whose nesting is bounded."""

    yaml_implicit_resolvers = _yaml12_resolvers()

    def __init__(self, stream: str, max_text_chars: int | None) -> None:
        super().__init__(stream)
        self.max_text_chars = max_text_chars
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _Beyond(f"values nest more than {MAX_NESTING} deep", mark)
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        limit = self.max_text_chars
        if limit is not None and isinstance(node, yaml.ScalarNode) and len(node.value) > limit:
            raise _Beyond(f"a text is longer than {limit} characters", node.start_mark)
        return node


def read_limited(path: Path, max_bytes: int, what: str) -> str:
    """The UTF-8 text of the file at `path`, read no further than `max_bytes` (+1).

    WorldError names the file if it is missing, unreadable, not UTF-8 or too large.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise WorldError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise WorldError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise WorldError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise WorldError(f"{path}: the {what} is larger than the limit of {max_bytes} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorldError(
            f"{path}: cannot read the {what} (not UTF-8 text at byte {exc.start})"
        ) from None


def load_yaml(text: str, source: str, *, max_text_chars: int | None = None) -> Any:
    """Parse YAML `text`; WorldError (one line naming `source`) if it is not valid YAML.

    Also when it passes a limit: nesting, repeated values, or (with
    `max_text_chars`) the length of any text in it.
    """
    loader = None
    try:
        loader = _Loader(text, max_text_chars)  # reads the start: a NUL is a ReaderError here
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expanded(node)
        return loader.construct_document(node)
    except _Beyond as exc:
        at = f" at line {exc.mark.line + 1}, column {exc.mark.column + 1}" if exc.mark else ""
        raise WorldError(f"{source}: beyond a limit{at}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise WorldError(f"{source}: not valid YAML{at}: {problem}") from None
    except (ValueError, OverflowError) as exc:  # a date like 2026-13-45, a 5000-digit number
        raise WorldError(f"{source}: not valid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _check_expanded(root: Any) -> None:
    """Count values as often as aliases repeat them, and their depth; refuse cycles."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth)
    busy: set[int] = set()

    def walk(node: Any) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise _Beyond("a value contains itself (a recursive alias)", node.start_mark)
        busy.add(key)
        values, depth = 1, 1
        children: list[Any] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        for child in children:
            n, d = walk(child)
            values, depth = values + n, max(depth, d + 1)
            if values > MAX_YAML_NODES:
                raise _Beyond(f"more than {MAX_YAML_NODES} values (counting aliases' repeats)")
            if depth > MAX_NESTING:
                raise _Beyond(f"values nest more than {MAX_NESTING} deep", node.start_mark)
        busy.discard(key)
        sizes[key] = (values, depth)
        return values, depth

    walk(root)
