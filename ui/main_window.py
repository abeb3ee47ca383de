"""The kiosk's one window: the frame, built once, around the current screen. It is a view
of the screen state: a screen is built when first entered in a visit; a display mode or
language change restyles the frame in place and builds the screen again with the focus where
it was; every other change updates only the widgets showing it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.state import ReadOnly
from kiosk.tremor import TREMOR_DISTANCE, TremorGuard
from kiosk.view import Actions, KeyAction, ScreenName
from ui.binding import Bindings
from ui.corner_taps import TOUCH_INPUT, in_corner, is_chord
from ui.frame.bottom_bar import BottomBar, DisplayModes, SideRail
from ui.frame.idle_overlay import IdleOverlay
from ui.frame.title_row import TitleRow
from ui.frame.top_bar import TopBar
from ui.keypad import KEYMAP, move_focus, spoken_label
from ui.screens import SCREENS
from ui.screens.base import Screen
from ui.theme import THEMES, Theme, style_sheet

RESTING = frozenset({ScreenName.ATTRACT, ScreenName.OUT_OF_SERVICE})  # no visit on these
# where the technicians' gesture works: the resting screens and the sentinel mode's
GESTURE = RESTING | {ScreenName.SENTINEL, ScreenName.SENTINEL_RESULT}
LOCALES = {"zh_CN": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
           "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)}


class MainWindow(QMainWindow):
    def __init__(self, view: ReadOnly, actions: Actions, tick: Callable[[], None]) -> None:
        super().__init__()
        self.view, self.actions, self._tick_kiosk = view, actions, tick
        self.setObjectName("Window")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.bindings = Bindings()
        self._portrait = True
        self._theme = self._make_theme()
        central = QWidget()
        central.setObjectName("Frame")
        self.setCentralWidget(central)
        frame = QVBoxLayout(central)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.setSpacing(0)
        self.top_bar = TopBar(view, actions.text, self.bindings)
        self.title_row = TitleRow(view, actions.text, self.bindings)
        self.stack = QStackedWidget()
        self.stack.setObjectName("ScreenStack")
        self.rail = SideRail()
        self.modes = DisplayModes(view, actions, self._theme, self.bindings)
        self.bottom_bar = BottomBar(view, actions, self._theme, self.modes, self.bindings)
        middle = QHBoxLayout()
        middle.setSpacing(0)
        middle.addWidget(self.stack, 1)
        middle.addWidget(self.rail)
        for widget in (self.top_bar, self.title_row):
            frame.addWidget(widget)
        frame.addLayout(middle, 1)
        frame.addWidget(self.bottom_bar)
        self.overlay = IdleOverlay(self, view, actions, self._theme, self.bindings)
        self.current: Screen | None = None
        # The screens built so far in this visit, hidden but kept up to date, so going back
        # to one costs no building; all are dropped when the visit ends.
        self._kept: dict[ScreenName, Screen] = {}
        self.tremor = TremorGuard(time.monotonic)
        self._swallow_release = False
        self.bindings.on(view.events.title, self._name_window)
        self.bindings.on(view.events.keypad, self._show_keypad_focus)
        self.bindings.on(view.published, self._published)
        self.setProperty("keypad", "false")
        self._laid_out = False  # the first screen is built once the window has its size
        self._name_window(view.title)
        self._set_locale(view.language)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.winId()  # the window's QWindow, made now, so its input can be watched
        self.windowHandle().installEventFilter(self)
        self.ticker.start()

    # --- the theme and the layout -----------------------------------------------------------

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def portrait(self) -> bool:
        return self._portrait

    def _make_theme(self) -> Theme:
        size = self.size()
        return THEMES[self.view.display_mode].scaled(size.width(), size.height())

    def set_screen_size(self, width: int, height: int) -> None:
        """A kiosk's screen does not grow: lay out within exactly this size."""
        self.setFixedSize(width, height)
        self._relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.fit()
        if event.oldSize().isValid() and event.oldSize() != event.size():
            self._relayout()

    def _relayout(self) -> None:
        """The window's size decides the scale and the orientation: restyle, and lay the
        screen out again if either changed (or was never laid out)."""
        portrait = self.height() >= self.width()
        theme = self._make_theme()
        if self._laid_out and (theme, portrait) == (self._theme, self._portrait):
            return
        self._theme, self._portrait, self._laid_out = theme, portrait, True
        self._rebuild(restyle=True)

    def showEvent(self, event) -> None:
        if not self._laid_out:  # shown without a size set: lay out at the size it has
            self._relayout()
        super().showEvent(event)

    def _apply_theme(self) -> None:
        theme = self._theme
        self.setStyleSheet(style_sheet(theme))
        self.top_bar.restyle(theme)
        self.title_row.restyle(theme, self._portrait)
        self.bottom_bar.place(theme, self._portrait, self.rail)
        self.overlay.restyle(theme)

    # --- following the state ------------------------------------------------------------------

    def _published(self, changed: tuple[str, ...]) -> None:
        if not self._laid_out:
            return  # nothing built yet; the first layout reads the state as it is then
        if "language" in changed:
            self._set_locale(self.view.language)
        if "display_mode" in changed:
            self._theme = self._make_theme()
            self._rebuild(restyle=True)
        elif "language" in changed:
            self._rebuild()
        elif "screen" in changed:
            self._enter(start=True)
        elif self.current is not None and self.current.made_for != type(self.current).key(
                self.view):
            self._rebuild(content=True)  # what it is laid out for changed (a new notice, say)

    def _rebuild(self, *, restyle: bool = False, content: bool = False) -> None:
        """Lay the current screen out again (restyled, relabelled, or for new content), with
        the focus on the control of the same name, or left in the frame. After a restyle or
        relabel, screens kept from earlier in the visit are dropped too: they would show the
        old style or language (new content concerns the current screen alone)."""
        focused = self.focusWidget()
        in_screen = self.current is not None and focused is not None \
            and self.current.isAncestorOf(focused)
        if in_screen:
            focused.clearFocus()  # so the focus jumps nowhere on its way out
        if content and self.current is not None:
            self._drop(self.current)
            self.current = None
        else:
            self._drop_all()
        if restyle:
            self._apply_theme()
        # No focus yet (the first layout) or it was in the screen: the screen gives it a place.
        self._enter(focus=focused.objectName() if in_screen else None,
                    start=in_screen or focused is None)

    def _enter(self, focus: str | None = None, start: bool = True) -> None:
        """Show the state's screen: the one kept from earlier in this visit if it was made for
        the same content, else a new one. The focus goes to the control named `focus` if
        there is one, else (with `start`) to the screen's starting place; never while the
        idle warning holds it."""
        name = self.view.screen
        if name in RESTING:
            self._drop_all()  # no visit: nothing of the last one is kept, hidden or not
        screen = self._kept.get(name)
        returning_to = screen.left_focus if screen is not None else None
        if screen is not None and screen.made_for != type(screen).key(self.view):
            self._drop(screen)
            screen = None
        if screen is None:
            screen = SCREENS[name](self.view, self.actions, self._theme, self._portrait,
                                   self.stack)
            self._kept[name] = screen
            self.stack.addWidget(screen)
        old, self.current = self.current, screen
        if old is not None and old is not screen and old.isAncestorOf(self.focusWidget()):
            old.left_focus = self.focusWidget().objectName()  # for coming back to it
            self.focusWidget().clearFocus()  # so the focus jumps nowhere on its way out
        self.stack.setCurrentWidget(screen)
        if self.overlay.isVisible():
            return
        focus = focus or returning_to  # back on a screen of this visit: where the focus was
        target = screen.findChild(QWidget, focus) if focus else None
        if target is None and start:
            target = screen.first_focus()
        if target is not None and not target.hasFocus():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _drop_all(self) -> None:
        for screen in list(self._kept.values()):
            self._drop(screen)
        self.current = None

    def _drop(self, screen: Screen) -> None:
        self._kept.pop(screen.name, None)
        screen.close_screen()
        self.overlay.forget_focus(screen)
        self.stack.removeWidget(screen)
        screen.hide()
        screen.setParent(None)  # out of the window now: a restyle must not reach it
        screen.deleteLater()  # not at once: the touch that led here may still be on its way out

    def _show_keypad_focus(self, keypad: bool) -> None:
        """Texts the keypad stops at show its focus only once someone uses the keypad: to a
        resident who touches, a highlighted sentence would look like a warning."""
        self.setProperty("keypad", "true" if keypad else "false")
        for widget in self.findChildren(QLabel):
            if widget.property("reading") == "true":
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _name_window(self, title: str) -> None:
        """The window's name is the screen's title, so a screen reader says where you are."""
        self.setWindowTitle(title)

    def _set_locale(self, language: str) -> None:
        locale = LOCALES.get(language, LOCALES["zh_CN"])
        QLocale.setDefault(locale)  # what the accessibility bridge reports as every locale
        self.setLocale(locale)

    def _tick(self) -> None:
        """Once a second: the kiosk's clock (countdowns, timeouts), then the top bar's time."""
        self._tick_kiosk()
        self.top_bar.tick_clock()

    # --- touches and keys ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Every key and touch of the kiosk's window, before any control sees it. It watches
        the window's QWindow, not the whole application: that sees the input alone (not the
        thousands of layout and paint events of a rebuild), and nothing of other windows."""
        kind = event.type()
        if self.view.screen == ScreenName.MAINTENANCE_CLEANING and kind in TOUCH_INPUT:
            return True  # the cleaning pause: the cloth presses nothing, nor does the count
        if self.view.screen in GESTURE:
            if in_corner(self, event, self._theme):  # the technicians' gesture, counted by
                self._swallow_release = True  # the kiosk; never a resident's start
                self.actions.corner_tap()
                return True
            if is_chord(event):
                self.actions.maintenance_chord()
                return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            action = KEYMAP.get(Qt.Key(event.key()))
            self.actions.activity()
            if action is None:
                return False
            self._keypad(action)
            return True
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if isinstance(event, QMouseEvent) and self._tremor_repeat(event):
                self._swallow_release = True
                return True
            self.actions.activity()
            touched = self._control_at(event)
            if touched is not None:
                self.actions.speak_control(spoken_label(touched))
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if self._swallow_release:
                self._swallow_release = False
                return True
            where = event.globalPosition()
            self.tremor.released(where.x(), where.y())
        elif kind == QEvent.Type.TouchBegin:
            self.actions.activity()
        return False

    def _control_at(self, event: QEvent) -> QAbstractButton | None:
        if not isinstance(event, QMouseEvent):
            return None
        widget = self.childAt(self.mapFromGlobal(event.globalPosition().toPoint()))
        while widget is not None and not isinstance(widget, QAbstractButton):
            widget = widget.parentWidget()
        return widget

    def _tremor_repeat(self, event: QMouseEvent) -> bool:
        where = event.globalPosition()
        return self.tremor.is_repeat(where.x(), where.y(), self._theme.px(TREMOR_DISTANCE))

    def _keypad(self, action: KeyAction) -> None:
        actions = self.actions
        actions.keypad_used()
        if action in (KeyAction.NEXT, KeyAction.PREVIOUS):
            target = move_focus(self, forward=action == KeyAction.NEXT)
            if target is not None:
                field = target.property("field")
                if field:
                    actions.speak_field(field)
                else:
                    actions.speak_control(spoken_label(target))
            return
        focused = self.focusWidget()
        if action == KeyAction.ACTIVATE and isinstance(focused, QAbstractButton):
            if focused.isEnabled():
                focused.click()
            return
        actions.key(action)

    def close_down(self) -> None:
        self.ticker.stop()
        self.windowHandle().removeEventFilter(self)
        for screen in self._kept.values():
            screen.close_screen()
        self.bindings.clear()
