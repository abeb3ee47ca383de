"""What the appointment screens share: the line that says the platform is being asked or
what went wrong (with its 再试一次), a grid of big choices, and a booking's card."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.state import BookingView
from ui.accessibility import as_notification
from ui.widgets.controls import WrappingButton, label, reading_item, set_reading_text

if TYPE_CHECKING:
    from ui.screens.base import Screen


class StatusLine:
    """Busy or a problem, bound to the state; hidden otherwise. The retry button shows when
    the screen has nothing to choose from because a fetch failed."""

    def __init__(self, screen: Screen, *, retry_when_empty: Callable[[], bool] | None = None
                 ) -> None:
        self.screen = screen
        self.line = as_notification(reading_item("", "muted", name="status"))
        self.retry: QPushButton = screen.button(screen.t("booking.retry"),
                                                screen.actions.retry, icon="mdi6.refresh",
                                                name="retry")
        self._empty = retry_when_empty
        self.update()
        screen.bind("booking_busy", lambda _busy: self.update())
        screen.bind("booking_problem", lambda _problem: self.update())

    def update(self) -> None:
        view, t = self.screen.view, self.screen.t
        problem, busy = view.booking_problem, view.booking_busy
        kind = "problem" if problem else "muted"
        if self.line.property("kind") != kind:
            self.line.setProperty("kind", kind)
            self.line.style().polish(self.line)
        set_reading_text(self.line, problem or (t("booking.busy") if busy else ""))
        self.line.setVisible(bool(problem or busy))
        retry = bool(problem) and not busy and self._empty is not None and self._empty()
        self.retry.setVisible(retry)
        self.retry.setEnabled(retry)


def choice_grid(screen: Screen, buttons: list[QWidget], columns: int) -> QGridLayout:
    grid = QGridLayout()
    grid.setSpacing(screen.px(screen.theme.sizes.gap))
    for index, widget in enumerate(buttons):
        grid.addWidget(widget, index // columns, index % columns)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return grid


def choice(text: str, on_click: Callable[[], None], name: str) -> WrappingButton:
    """A big choice whose words may take two lines: a day and its places, a time."""
    return WrappingButton(text, on_click, name=name)


def booking_card(screen: Screen, booking: BookingView, *, state: bool = False) -> QFrame:
    """The booking: when (first, biggest), where, the address, the matter; its state too
    where the screen is about how it stands."""
    t = screen.t
    card = QFrame()
    card.setProperty("kind", "card")
    inner = QVBoxLayout(card)
    pad = screen.px(24)
    inner.setContentsMargins(pad, pad, pad, pad)
    inner.setSpacing(screen.px(8))
    when = reading_item(booking.when, "title", name="when")
    set_reading_text(when, booking.when, t("slip.row", label=t("slip.when"), value=booking.when))
    inner.addWidget(when)
    if booking.was:
        inner.addWidget(reading_item(t("booking.confirm.was", when=booking.was), "muted",
                                     name="was"))
    place = reading_item(booking.centre, "value", name="where")
    set_reading_text(place, booking.centre,
                     t("booking.comma").join(filter(None, (booking.centre, booking.address))))
    inner.addWidget(place)
    if booking.address:
        inner.addWidget(label(booking.address, "muted"))
    inner.addWidget(reading_item(t("slip.row", label=t("slip.matter"), value=booking.matter),
                                 "body", name="matter"))
    if state and booking.state:
        inner.addWidget(reading_item(booking.state, "value", name="state"))
    return card
