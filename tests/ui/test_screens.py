"""Every screen, in every mode, both languages and both orientations, lays out with nothing
cut off, nothing off screen, and every touch target big enough and apart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.controller import MODES, ScreenName
from tests.fakes import TODAY

SIZES = [(1080, 1920), (1920, 1080)]


def problems_in(window: QWidget, min_target: int) -> list[str]:
    found = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or window.overlay.isAncestorOf(widget):
            continue
        where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        name = f"{type(widget).__name__} {widget.objectName() or ''}"
        if isinstance(widget, QLabel) and widget.text():
            text = widget.text()[:30]
            room = widget.contentsRect()
            if widget.wordWrap():
                if widget.heightForWidth(room.width()) > room.height() + 2:
                    found.append(f"{name} {text!r}: cut off at the bottom")
            elif widget.fontMetrics().horizontalAdvance(widget.text()) > room.width() + 1:
                found.append(f"{name} {text!r}: cut off at the side")
            if not bounds.contains(where):
                found.append(f"{name} {text!r}: off screen")
        if isinstance(widget, QPushButton):
            if not bounds.contains(where):
                found.append(f"{name}: off screen")
            if min(widget.width(), widget.height()) < min_target:
                found.append(f"{name}: target {widget.width()}×{widget.height()} < {min_target}")
            if widget.text():
                needed = widget.fontMetrics().horizontalAdvance(widget.text())
                needed += widget.iconSize().width() if not widget.icon().isNull() else 0
                if needed > widget.width() - 8:
                    found.append(f"{name} {widget.text()!r}: label wider than the button")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("mode", MODES)
def test_every_screen_lays_out_cleanly(qtbot, settings, mode, language, size):
    from ui.app import KioskApp
    from ui.main import make_application
    from ui.screenshot import stage
    from ui.theme import THEMES

    make_application()
    problems = []
    for screen in ScreenName:
        app = KioskApp(settings, today=lambda: TODAY, start_devices=True)
        try:
            app.window.set_screen_size(*size)
            app.window.show()
            app.controller.session.language = language
            app.controller.session.mode = mode
            stage(app, screen)
            app.window.refresh()
            assert app.controller.screen == screen
            theme = app.window.theme
            min_target = theme.px(THEMES["standard"].sizes.target) - 1
            problems += [f"{screen}: {p}" for p in problems_in(app.window, min_target)]
        finally:
            app.close()
    assert not problems, "\n".join(problems)
