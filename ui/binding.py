"""Connections from the screen state's change events to the widgets that show each field,
kept together so they are all undone when those widgets go: a deleted widget must never be
called by a state change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Bindings:
    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []

    def on(self, signal: Any, slot: Callable[..., Any]) -> None:
        """Call `slot(new_value)` whenever the field behind `signal` changes."""
        signal.connect(slot, max_args=1)  # the new value only (fields also send the old)
        self._undo.append(lambda: signal.disconnect(slot))

    def clear(self) -> None:
        undo, self._undo = self._undo, []
        for disconnect in undo:
            disconnect()
