"""A new plugin package, made from the templates in `sottovoce/data/plugin_template/`.

`sottovoce plugin new NAME` calls `create_plugin`. The package it writes is
installable (`pip install -e NAME`), registers its plugin under the
`sottovoce.plugins` entry point, and carries tests that run on
`sottovoce.testing`. Nothing that exists is ever overwritten: the package
is written into a hidden temporary folder beside the target and renamed
into place once complete (a rename onto an existing non-empty folder
fails), so a failure or a crash never leaves a half-made package under the
plugin's name.
"""

from __future__ import annotations

import ast
import errno
import keyword
import os
import re
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

from sottovoce import __version__
from sottovoce.tools.builtin import BUILTIN_PLUGINS

MAX_NAME = 40
_NAME = re.compile(r"[a-z][a-z0-9_]*")

# Template file -> where it goes in the new package (tokens substituted in both).
TEMPLATES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "plugin_build.py.tmpl": "plugin_build.py",
    "README.md.tmpl": "README.md",
    "plugin.py.tmpl": "__MODULE__/__init__.py",
    "py.typed.tmpl": "__MODULE__/py.typed",
    "test_plugin.py.tmpl": "tests/test___NAME__.py",
}


class ScaffoldError(Exception):
    """A plugin package that cannot be made; the message is one line."""


def reserved_names() -> frozenset[str]:
    """Names a new plugin may not take: sottovoce itself and the built-in plugins."""
    builtin = {target.partition(":")[0].rsplit(".", 1)[-1] for target in BUILTIN_PLUGINS}
    return frozenset({"sottovoce", *builtin})


def check_name(name: str) -> str:
    """The plugin name, lower case; ScaffoldError says why a name cannot be used."""
    lowered = name.strip().lower()
    if not lowered:
        raise ScaffoldError("plugin name is empty: give one, e.g. garden_hose")
    if len(lowered) > MAX_NAME:
        raise ScaffoldError(f"plugin name {name!r} is too long (at most {MAX_NAME} characters)")
    if lowered[0].isdigit():
        raise ScaffoldError(f"plugin name {name!r} starts with a digit; start it with a letter")
    if not _NAME.fullmatch(lowered):
        hint = f" (try {re.sub(r'[^a-z0-9_]+', '_', lowered).strip('_')!r})" if lowered else ""
        raise ScaffoldError(
            f"plugin name {name!r} is not a plain Python identifier (ASCII letters, "
            f"digits and underscores, starting with a letter){hint}"
        )
    if keyword.iskeyword(lowered):
        raise ScaffoldError(f"plugin name {name!r} is a Python keyword")
    if lowered == "sottovoce":
        raise ScaffoldError("plugin name 'sottovoce' is the agent's own; choose another")
    if lowered in reserved_names():
        raise ScaffoldError(f"plugin name {name!r} is taken by sottovoce's own plugins")
    return lowered


def render(name: str) -> dict[str, str]:
    """The new package's files for plugin `name` (already checked): relative path -> text."""
    tokens = {
        "__MODULE__": f"sottovoce_{name}",
        "__DIST__": f"sottovoce-{name.replace('_', '-')}",
        "__SOTTOVOCE_VERSION__": __version__,
        "__TITLE__": name.replace("_", " ").capitalize(),
        "__LABEL__": name.replace("_", " "),
        "__NAME__": name,
    }
    folder = files("sottovoce").joinpath("data").joinpath("plugin_template")
    rendered = {}
    for template, target in TEMPLATES.items():
        text = folder.joinpath(template).read_text(encoding="utf-8")
        rendered[_substitute(target, tokens)] = _substitute(text, tokens)
    return rendered


def tool_names(module: str) -> list[str]:
    """The tools a plugin module's source defines: functions decorated `@<plugin>.tool`."""
    names = []
    for node in ast.parse(module).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            _is_tool_decorator(decorator) for decorator in node.decorator_list
        ):
            names.append(node.name)
    return names


def _is_tool_decorator(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "tool"


def _substitute(text: str, tokens: dict[str, str]) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    return text


def create_plugin(name: str, parent: Path) -> tuple[Path, list[Path]]:
    """Write the package for plugin `name` into `parent/<name>`; the folder and its files."""
    name = check_name(name)
    if not parent.is_dir():
        raise ScaffoldError(f"{parent}: no such directory")
    target = parent / name
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target} already exists; not overwriting it")
    contents = render(name)
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise ScaffoldError(f"cannot create {target}: {exc.strerror or exc}") from None
    try:
        for relative, text in contents.items():
            _write(building / relative, text)
        building.chmod(0o755)  # mkdtemp makes it private; a package is not
        _place(building, target)
    except FileExistsError:
        raise ScaffoldError(f"{target} already exists; not overwriting it") from None
    except OSError as exc:
        raise ScaffoldError(f"cannot write into {target}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)  # gone already when it was placed
    return target, [target / relative for relative in contents]


def _place(building: Path, target: Path) -> None:
    """Rename the finished folder to `target`, refusing anything already there."""
    if target.exists() or target.is_symlink():  # made meanwhile
        raise FileExistsError(target)
    try:
        os.rename(building, target)  # an existing non-empty folder makes this fail
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
            raise FileExistsError(target) from None
        raise


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
