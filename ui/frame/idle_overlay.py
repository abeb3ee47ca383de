"""The "are you still there?" warning over the whole screen, ended by one touch. Built once:
when the warning starts it takes the focus and is announced once, as an alert; each second
after that only its countdown changes; when it ends the focus goes back where it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.state import ReadOnly
from kiosk.view import Actions
from ui.accessibility import announce, as_notification
from ui.binding import Bindings
from ui.theme import Theme
from ui.widgets.controls import button, label, set_button_text, style_icon

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no limit" for a widget's size


class IdleOverlay(QWidget):
    def __init__(self, parent: QWidget, view: ReadOnly, actions: Actions, theme: Theme,
                 bindings: Bindings) -> None:
        super().__init__(parent)
        self.view, self.actions = view, actions
        self.setObjectName("IdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = as_notification(QFrame(self))
        self.card.setProperty("kind", "card")
        self.card.setObjectName("IdleWarning")
        self.card.setAccessibleName(actions.text("idle.title"))
        inner = QVBoxLayout(self.card)
        self.heading = label(actions.text("idle.title"), "title",
                             align=Qt.AlignmentFlag.AlignCenter)
        self.countdown = label("", "body", align=Qt.AlignmentFlag.AlignCenter)
        self.countdown.setObjectName("countdown")
        # It changes every second: painted on its own ground, nothing under it repainted.
        self.countdown.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.countdown.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.keep = button(actions.text("idle.continue"), actions.activity, kind="primary",
                           icon="mdi6.gesture-tap", theme=theme, name="continue")
        for widget in (self.heading, self.countdown, self.keep):
            inner.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        self._return_focus: QWidget | None = None
        self.hide()
        bindings.on(view.events.idle_seconds, self._show)
        bindings.on(view.events.language, lambda _value: self._relabel())
        self.restyle(theme)

    def _show(self, seconds: int | None) -> None:
        if seconds is None:
            self._dismiss()
            return
        self.countdown.setText(self.actions.text("idle.countdown", seconds=seconds))
        if self.isVisible():
            return  # only the countdown changes each second
        window = self.parentWidget()
        self._return_focus = window.focusWidget()
        self.setGeometry(window.rect())
        self.show()
        self.raise_()
        self.layout().activate()
        # Its size is settled now, so that a shorter number never lays the window out again.
        self.countdown.setFixedSize(self.countdown.size())
        # Said once, as it appears; its countdown then changes without a word.
        self.card.setAccessibleName(self.heading.text() + " " + self.countdown.text())
        self.keep.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.card, self.card.accessibleName(), assertive=True)

    def _dismiss(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self.countdown.setMinimumSize(0, 0)
        self.countdown.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        back, self._return_focus = self._return_focus, None
        if back is not None and back.isVisible() and back.isEnabled():
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def forget_focus(self, gone: QWidget) -> None:
        """A screen is going away: never give the focus back to one of its widgets."""
        if self._return_focus is not None and (self._return_focus is gone
                                               or gone.isAncestorOf(self._return_focus)):
            self._return_focus = None

    def _relabel(self) -> None:
        t = self.actions.text
        self.heading.setText(t("idle.title"))
        self.card.setAccessibleName(t("idle.title"))
        set_button_text(self.keep, t("idle.continue"))
        if self.view.idle_seconds is not None:
            self.countdown.setText(t("idle.countdown", seconds=self.view.idle_seconds))

    def restyle(self, theme: Theme) -> None:
        self.card.setMaximumWidth(theme.px(900))
        pad = theme.px(40)
        self.card.layout().setContentsMargins(pad, pad, pad, pad)
        self.card.layout().setSpacing(theme.px(theme.sizes.gap))
        style_icon(self.keep, theme)

    def fit(self) -> None:
        self.setGeometry(self.parentWidget().rect())
