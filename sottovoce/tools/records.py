"""A plugin's own persistent records: `ctx.records`, a namespaced section of the store.

Values are JSON (numbers, text, true/false, null, lists and maps of them), kept
per plugin under string keys. They are saved with the turn that changed them,
rolled back with a turn that failed, survive a restart or a kill -9, and are
shared with other processes on the same store: a key is the unit (two processes
writing one key: the later turn's value stays; different keys never clash).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from typing import Any

from sottovoce.devices import Store


class PluginRecords(MutableMapping[str, Any]):
    """One plugin's records: a dict of JSON values under string keys."""

    def __init__(self, store: Store, plugin: str) -> None:
        self._store, self._plugin = store, plugin

    def _own(self) -> dict[str, Any]:
        return self._store.records.get(self._plugin, {})

    def __getitem__(self, key: str) -> Any:
        # A copy: what a tool changes counts only once it is stored back.
        return json.loads(json.dumps(self._own()[key]))

    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError(f"record keys are text, not {key!r}")
        try:
            kept = json.loads(json.dumps(value, allow_nan=False))
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"records hold JSON values (numbers, text, lists, maps): {exc}"
            ) from None
        self._store.records.setdefault(self._plugin, {})[key] = kept

    def __delitem__(self, key: str) -> None:
        own = self._own()
        del own[key]
        if not own:
            self._store.records.pop(self._plugin, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._own()))

    def __len__(self) -> int:
        return len(self._own())

    def new_id(self) -> int:
        """A fresh whole number, never handed out before by any process sharing the store."""
        return self._store.next_id()
