"""The top bar: where this kiosk is, what is paused, paper running low (for staff passing
by), that help is on its way, and the time. One line, always the same height."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from kiosk.state import ReadOnly
from ui.accessibility import as_notification
from ui.binding import Bindings
from ui.theme import Theme
from ui.widgets.controls import ElidedLabel, label

CLOCK_FORMAT = "yyyy-MM-dd HH:mm"


class TopBar(QFrame):
    def __init__(self, view: ReadOnly, text: Callable[..., str], bindings: Bindings) -> None:
        super().__init__()
        self.view, self.text = view, text
        self.setProperty("kind", "topbar")
        self.setObjectName("TopBar")
        row = QHBoxLayout(self)
        self.site = ElidedLabel(view.site_name, "topbar")
        self.site.setObjectName("site")
        self.devices_out = label(view.devices_out, "topbar", wrap=False)
        self.devices_out.setObjectName("devices_out")
        self.paper_low = label("", "topbar", wrap=False)
        self.paper_low.setObjectName("paper_low")
        self.helper = as_notification(label("", "helper", wrap=False))
        self.helper.setObjectName("helper_called")
        self.clock = label("", "topbar", wrap=False)
        self.clock.setObjectName("clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.site, 1)
        for widget in (self.helper, self.devices_out, self.paper_low, self.clock):
            row.addWidget(widget)
        # A long name gives way to the rest (cut short), never to the bar's height.
        bindings.on(view.events.site_name, self.site.set_full_text)
        bindings.on(view.events.devices_out, self._show_devices_out)
        bindings.on(view.events.paper_low, lambda _value: self._relabel())
        bindings.on(view.events.helper_called, lambda _value: self._relabel())
        bindings.on(view.events.language, lambda _value: self._relabel())
        self._show_devices_out(view.devices_out)
        self._relabel()
        self.tick_clock()

    def _show_devices_out(self, text: str) -> None:
        self.devices_out.setText(text)
        self.devices_out.setVisible(bool(text))

    def _relabel(self) -> None:
        self.paper_low.setText(self.text("topbar.paper_low"))
        self.paper_low.setVisible(self.view.paper_low)
        self.helper.setText(self.text("topbar.helper_called"))
        self.helper.setAccessibleName(self.helper.text())
        self.helper.setVisible(self.view.helper_called)

    def tick_clock(self) -> None:
        """Once a second; the label changes once a minute."""
        now = QDateTime.currentDateTime().toString(CLOCK_FORMAT)
        if self.clock.text() != now:
            self.clock.setText(now)

    def restyle(self, theme: Theme) -> None:
        pad = theme.px(24)
        self.layout().setContentsMargins(pad, theme.px(14), pad, theme.px(14))
        self.layout().setSpacing(theme.px(24))
        for widget in self.labels():
            widget.ensurePolished()
        height = max(w.sizeHint().height() for w in self.labels()) + theme.px(28)
        self.setFixedHeight(height)

    def labels(self) -> list[QLabel]:
        return [self.site, self.helper, self.devices_out, self.paper_low, self.clock]
