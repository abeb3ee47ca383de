"""Lockdown inside the app, in kiosk mode (full screen, not `--windowed`): the window is
frameless and stays on top; an event filter on every window of the app swallows the keys that would
close it, switch away or reach the desktop (Alt+F4, Alt+Tab, Alt+Esc, Ctrl+Esc, Ctrl+W/Q,
the Windows/Meta keys, F11, Ctrl+Alt+Del and Ctrl+Alt+Fn where the OS lets an app see them);
a close the kiosk did not ask for is ignored, and a window taken out of full screen goes
back. Esc stays the keypad's Back (ui/keypad.py). What only the OS can stop (Ctrl+Alt+Del
on Windows, VT switching, SysRq) is in docs/lockdown.md."""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
K = Qt.Key
M = Qt.KeyboardModifier
# Keys that do nothing in the kiosk, whatever is held with them.
ALWAYS = frozenset({
    K.Key_Meta, K.Key_Super_L, K.Key_Super_R, K.Key_Hyper_L, K.Key_Hyper_R, K.Key_Menu,
    K.Key_F11, K.Key_Close, K.Key_PowerOff, K.Key_Sleep, K.Key_Suspend, K.Key_Hibernate,
    K.Key_Standby, K.Key_LogOff, K.Key_Explorer, K.Key_HomePage, K.Key_Search,
    K.Key_LaunchMail, K.Key_WWW, K.Key_Calculator, K.Key_TaskPane, K.Key_ApplicationLeft,
    K.Key_ApplicationRight,
})
# With Alt alone: close, switch windows, the window menu, full screen, GNOME's run dialog.
WITH_ALT = frozenset({K.Key_F4, K.Key_Tab, K.Key_Backtab, K.Key_Escape, K.Key_Space,
                      K.Key_Return, K.Key_Enter, K.Key_F2})
# With Ctrl alone: the Start menu, close a window or tab, quit.
WITH_CTRL = frozenset({K.Key_Escape, K.Key_W, K.Key_Q, K.Key_F4, K.Key_Tab, K.Key_Backtab})
# With Ctrl+Alt: the secure attention keys, the X server's kill, switching consoles.
WITH_CTRL_ALT = frozenset({K.Key_Delete, K.Key_Backspace, K.Key_Escape, K.Key_Tab,
                           *(getattr(K, f"Key_F{n}") for n in range(1, 13))})
KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                        QEvent.Type.ShortcutOverride})


def blocked(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Whether the kiosk swallows this key with these modifiers (the keypad's keys alone,
    Esc among them, and the technicians' Ctrl+Alt+M pass)."""
    held = modifiers & (M.ControlModifier | M.AltModifier | M.MetaModifier)
    if key in ALWAYS or held & M.MetaModifier:
        return True
    if held == M.AltModifier:
        return key in WITH_ALT
    if held == M.ControlModifier:
        return key in WITH_CTRL
    if held == M.ControlModifier | M.AltModifier:
        return key in WITH_CTRL_ALT
    return False


class Lockdown(QObject):
    """`install()` before the window is first shown; `release()` before the kiosk closes it.

    It filters every window of the application (each one as it takes the focus), where all
    keys arrive first, rather than the application object: that would see the thousand
    layout and paint events of each rebuild too, some 15 ms of Python calls a display-mode
    change (measured), for no key more. The app has no shortcuts for a key to reach first."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.swallowed = 0  # keys swallowed so far (for the log, and tests)
        self.locked = False
        self._watched: list[QWindow] = []

    def install(self) -> Lockdown:
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.window.winId()  # its QWindow, made now
        self.locked = True
        self.window.installEventFilter(self)  # a close asked of the widget itself
        self._watch(self.window.windowHandle())
        app = QGuiApplication.instance()
        assert app is not None, "the application is made before the lockdown"
        app.focusWindowChanged.connect(self._watch)
        return self

    def release(self) -> None:
        if not self.locked:
            return
        self.locked = False
        QGuiApplication.instance().focusWindowChanged.disconnect(self._watch)
        self.window.removeEventFilter(self)
        for handle in self._watched:
            with contextlib.suppress(RuntimeError):  # a window already gone
                handle.removeEventFilter(self)
        self._watched.clear()

    def _watch(self, handle: QWindow | None) -> None:
        if handle is not None and handle not in self._watched:
            handle.installEventFilter(self)
            self._watched.append(handle)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in KEY_EVENTS and isinstance(event, QKeyEvent):
            if not blocked(event.key(), event.modifiers()):
                return False
            if kind == QEvent.Type.KeyPress:
                self.swallowed += 1
                log.info("lockdown: key %s swallowed", event.keyCombination().toCombined())
            return True
        if kind == QEvent.Type.Close and watched in (self.window, self.window.windowHandle()):
            event.ignore()  # (a popup's own close is its business)
            log.warning("lockdown: a close of the kiosk's window ignored (the kiosk did not "
                        "ask for it)")
            return True
        if kind == QEvent.Type.WindowStateChange and watched is self.window and not (
                self.window.windowState() & Qt.WindowState.WindowFullScreen):
            QTimer.singleShot(0, self._full_screen_again)
        return False

    def _full_screen_again(self) -> None:
        if self.locked and not self.window.windowState() & Qt.WindowState.WindowFullScreen:
            log.warning("lockdown: the window left full screen; back to full screen")
            self.window.showFullScreen()
