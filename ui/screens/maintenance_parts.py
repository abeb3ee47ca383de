"""What the configuration, outbox and usage pages share: a card of plain lines, the first
one a reading item the keypad stops at, the rest in body type."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLayout, QVBoxLayout

from ui.screens.base import Screen
from ui.widgets.controls import label, reading_item


def card(screen: Screen, first: str, lines: tuple[str, ...] | list[str] = (), *,
         name: str, kind: str = "value", line_kind: str = "body") -> QFrame:
    frame = QFrame()
    frame.setProperty("kind", "card")
    inner = QVBoxLayout(frame)
    inner.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed
    pad = screen.px(16)
    inner.setContentsMargins(pad, pad // 2, pad, pad // 2)
    inner.setSpacing(screen.px(4))
    inner.addWidget(reading_item(first, kind, name=name))
    for line in lines:
        inner.addWidget(label(line, line_kind))
    return frame
