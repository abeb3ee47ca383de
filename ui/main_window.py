"""The kiosk's one window: the shared frame around a stack of screens. It is the view the
controller drives: it shows the screen asked for, re-renders on change, and wipes on end."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.controller import STEPS, TOTAL_STEPS, KioskController, ScreenName
from ui.screens import SCREENS
from ui.screens.base import Layout, Screen
from ui.theme import THEMES, Theme, style_sheet
from ui.widgets.bars import bottom_bar, top_bar
from ui.widgets.controls import label
from ui.widgets.idle_overlay import IdleOverlay

ACTIVITY_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)


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
        self._frame.addWidget(self.stack, 1)
        self.overlay = IdleOverlay(self)
        self._style_key: tuple[str, float] | None = None
        self._refreshing = False
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(lambda: controller.tick(controller.session.now()))
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

    def wipe(self) -> None:
        self.overlay.dismiss()
        for screen in self.screens.values():
            screen.wipe()

    # --- the frame ---

    def _rebuild_frame(self, screen: Screen, theme: Theme) -> None:
        for old in (self._top, self._title_row, self._bottom):
            if old is not None:
                self._frame.removeWidget(old)
                old.hide()
                old.deleteLater()
        self._top = top_bar(self.controller, theme)
        self._title_row = self._title(screen, theme)
        self._bottom = bottom_bar(self.controller, theme, screen.nav, self.portrait)
        self._frame.insertWidget(0, self._top)
        self._frame.insertWidget(1, self._title_row)
        self._frame.addWidget(self._bottom)
        self._top.show()
        self._title_row.show()
        self._bottom.setVisible(self.controller.screen != ScreenName.PRINTING)

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
        if event.type() in ACTIVITY_EVENTS:
            self.controller.activity()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())
        if event.oldSize().isValid() and event.oldSize() != event.size():
            self.refresh()

    def close_down(self) -> None:
        self.ticker.stop()
        QApplication.instance().removeEventFilter(self)
