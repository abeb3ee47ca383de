"""The kiosk's one window: the shared frame around a stack of screens. It is the view the
controller drives: it shows the screen asked for, re-renders on change, and wipes on end."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QDateTime, QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.controller import KioskController
from kiosk.view import STEPS, TOTAL_STEPS, ScreenName
from ui.keypad import KEYMAP, KeyAction, move_focus, spoken_label
from ui.screens import SCREENS
from ui.screens.base import Layout, Screen
from ui.theme import THEMES, Theme, style_sheet
from ui.widgets.bars import CLOCK_FORMAT, bottom_bar, side_rail, top_bar
from ui.widgets.controls import label
from ui.widgets.idle_overlay import IdleOverlay

TREMOR_SECONDS = 0.5


class MainWindow(QWidget):
    def __init__(self, controller: KioskController) -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("Window")
        self.setWindowTitle("一网通办 · Tongban Kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._frame = QVBoxLayout(self)
        self._frame.setContentsMargins(0, 0, 0, 0)
        self._frame.setSpacing(0)
        self._top: QWidget | None = None
        self._title_row: QWidget | None = None
        self._bottom: QWidget | None = None
        self.stack = QStackedWidget()
        self.stack.setObjectName("ScreenStack")
        self.screens: dict[ScreenName, Screen] = {}
        for name, screen_class in SCREENS.items():
            screen = screen_class(controller)
            self.screens[name] = screen
            self.stack.addWidget(screen)
        self._middle = QHBoxLayout()
        self._middle.setSpacing(0)
        self._middle.addWidget(self.stack, 1)
        self._frame.addLayout(self._middle, 1)
        self._rail: QWidget | None = None
        self.overlay = IdleOverlay(self)
        self._style_key: tuple[str, float] | None = None
        self._refreshing = False
        self.tremor_clock = time.monotonic
        self._last_touch: tuple[float, QPointF] | None = None
        self._swallow_release = False
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        QApplication.instance().installEventFilter(self)
        controller.attach(self)
        self.ticker.start()

    # --- the view the controller drives ---

    @property
    def current(self) -> Screen:
        return self.screens[self.controller.screen]

    @property
    def theme(self) -> Theme:
        size = self.size()
        return THEMES[self.controller.mode].scaled(size.width(), size.height())

    @property
    def portrait(self) -> bool:
        return self.height() > self.width()

    def show_screen(self, screen: ScreenName) -> None:
        self.refresh()

    def set_screen_size(self, width: int, height: int) -> None:
        """A kiosk's screen does not grow: lay out within exactly this size."""
        self.setFixedSize(width, height)

    def refresh(self) -> None:
        if self._refreshing:  # a layout pass can resize the window, which asks again
            return
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False

    def _refresh(self) -> None:
        theme = self.theme
        key = (theme.name, round(theme.scale, 3))
        if key != self._style_key:
            self.setStyleSheet(style_sheet(theme))
            self._style_key = key
        screen = self.current
        self._rebuild_frame(screen, theme)
        screen.render(Layout(theme, self.portrait))
        self.stack.setCurrentWidget(screen)
        self._update_overlay(theme)
        if not self.overlay.isVisible():
            focus = screen.first_focus()
            if focus is not None:
                focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def idle_changed(self) -> None:
        self._update_overlay(self.theme)

    def _tick(self) -> None:
        """Once a second: the session's clock, then the texts that count time on screen."""
        self.controller.tick(self.controller.session.now())
        clock = self.findChild(QLabel, "clock")
        if clock is not None:
            clock.setText(QDateTime.currentDateTime().toString(CLOCK_FORMAT))
        if self.controller.screen == ScreenName.GOODBYE:
            countdown = self.current.findChild(QLabel, "countdown")
            if countdown is not None:
                seconds = math.ceil(self.controller.goodbye_remaining)
                countdown.setText(self.controller.text("goodbye.wiping", seconds=seconds))

    def wipe(self) -> None:
        self.overlay.dismiss()
        for screen in self.screens.values():
            screen.wipe()

    # --- the frame ---

    def _rebuild_frame(self, screen: Screen, theme: Theme) -> None:
        for old in (self._top, self._title_row, self._bottom, self._rail):
            if old is not None:
                old.hide()  # deleteLater also takes it out of its layout
                old.deleteLater()
        printing = self.controller.screen == ScreenName.PRINTING
        self._top = top_bar(self.controller, theme)
        self._title_row = self._title(screen, theme)
        self._bottom = bottom_bar(self.controller, theme, screen.nav, self.portrait)
        self._frame.insertWidget(0, self._top)
        self._frame.insertWidget(1, self._title_row)
        self._frame.addWidget(self._bottom)
        self._top.show()
        self._title_row.show()
        self._bottom.setVisible(self._bottom.layout().count() > 0 and not printing)
        self._rail = None
        if not self.portrait and not printing:
            self._rail = side_rail(self.controller, theme)
            self._middle.addWidget(self._rail)
            self._rail.show()

    def _title(self, screen: Screen, theme: Theme) -> QWidget:
        row = QFrame()
        row.setObjectName("TitleRow")
        layout = QHBoxLayout(row)
        margin = theme.px(theme.sizes.margin)
        layout.setContentsMargins(margin, theme.px(20), margin, theme.px(8))
        title = label(screen.title(), "title")
        title.setObjectName("title")
        layout.addWidget(title, 1)
        step = STEPS.get(self.controller.screen) if self.controller.service else None
        if step is not None:
            layout.addWidget(label(self.controller.text("step", step=step, total=TOTAL_STEPS),
                                   "muted", wrap=False))
        return row

    def _update_overlay(self, theme: Theme) -> None:
        idle = self.controller.idle
        if idle.warning:
            self.overlay.show_countdown(theme, self.controller.text, idle.remaining,
                                        self.controller.activity)
        else:
            self.overlay.dismiss()

    # --- events ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.controller.activity()
            action = KEYMAP.get(Qt.Key(event.key()))
            if action is None:
                return False
            self._keypad(action)
            return True
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if isinstance(event, QMouseEvent) and self._tremor_repeat(event):
                self._swallow_release = True
                return True
            self.controller.activity()
            if isinstance(watched, QAbstractButton):
                self.controller.speak_control(spoken_label(watched))
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if self._swallow_release:
                self._swallow_release = False
                return True
            self._last_touch = (self.tremor_clock(), event.globalPosition())
        elif kind == QEvent.Type.TouchBegin:
            self.controller.activity()
        return False

    def _tremor_repeat(self, event: QMouseEvent) -> bool:
        """A second touch near the last one within half a second is a tremor, not a choice:
        it would otherwise land on whatever the first touch brought up in the same place."""
        if self._last_touch is None:
            return False
        when, where = self._last_touch
        near = (event.globalPosition() - where).manhattanLength() < self.theme.px(48)
        return near and self.tremor_clock() - when < TREMOR_SECONDS

    def _keypad(self, action: KeyAction) -> None:
        controller = self.controller
        controller.keypad_used()
        if action in (KeyAction.NEXT, KeyAction.PREVIOUS):
            target = move_focus(self, forward=action == KeyAction.NEXT)
            if target is not None:
                controller.speak_control(spoken_label(target))
        elif action == KeyAction.ACTIVATE:
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton) and focused.isEnabled():
                focused.click()
            elif controller.screen == ScreenName.ATTRACT:
                controller.start()
        elif action == KeyAction.BACK:
            controller.go_back()
        elif action == KeyAction.HELP:
            controller.call_helper()
        elif action == KeyAction.REPEAT:
            controller.announce()
        elif action in (KeyAction.VOLUME_UP, KeyAction.VOLUME_DOWN):
            controller.volume(up=action == KeyAction.VOLUME_UP)
        elif action == KeyAction.HEADPHONES:
            controller.set_headphones(not controller.session.headphones)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())
        if event.oldSize().isValid() and event.oldSize() != event.size():
            self.refresh()

    def close_down(self) -> None:
        self.ticker.stop()
        QApplication.instance().removeEventFilter(self)
