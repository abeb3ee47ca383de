"""The frame every screen shares: a top bar (where this kiosk is, the time, paused devices),
and a bottom bar within easy reach (back, home, help, finish; language and display modes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.controller import KioskController
from kiosk.view import ScreenName
from ui.theme import LARGE_PRINT, Theme
from ui.widgets.controls import button, label

CLOCK_FORMAT = "yyyy-MM-dd HH:mm"


def top_bar(controller: KioskController, theme: Theme) -> QFrame:
    bar = QFrame()
    bar.setProperty("kind", "topbar")
    bar.setObjectName("TopBar")
    row = QHBoxLayout(bar)
    pad = theme.px(24)
    row.setContentsMargins(pad, theme.px(14), pad, theme.px(14))
    site = controller.settings.site
    name = site.name_zh if controller.language == "zh_CN" else site.name_en
    row.addWidget(label(name, "topbar"), 1)
    offline = [d for d, s in controller.device_status.items() if not s.usable]
    if offline and controller.screen != ScreenName.OUT_OF_SERVICE:
        names = controller.text("list.separator").join(
            controller.text(f"device.{d}") for d in offline)
        row.addWidget(label(controller.text("topbar.device_out", devices=names), "topbar"))
    if controller.paper_low:  # for staff passing by; residents can go on printing
        row.addWidget(label(controller.text("topbar.paper_low"), "topbar", wrap=False))
    clock = label(QDateTime.currentDateTime().toString(CLOCK_FORMAT), "topbar", wrap=False)
    clock.setObjectName("clock")
    clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(clock)
    return bar


def _make(controller: KioskController, theme: Theme, key: str, action: Callable[[], None],
          icon: str, *, selected: bool = False, icons: bool = True) -> QPushButton:
    return button(controller.text(key), action, icon=icon if icons else "", theme=theme,
                  name=key, selected=selected)


def nav_buttons(controller: KioskController, theme: Theme, nav: frozenset[str],
                icons: bool = True) -> list[QPushButton]:
    wanted = [
        ("back", "nav.back", controller.go_back, "mdi6.arrow-left"),
        ("home", "nav.home", controller.go_home, "mdi6.home"),
        ("help", "nav.help", controller.call_helper, "mdi6.face-agent"),
        ("end", "nav.end", controller.finish, "mdi6.exit-to-app"),
    ]
    return [_make(controller, theme, key, action, icon, icons=icons)
            for name, key, action, icon in wanted if name in nav]


def mode_buttons(controller: KioskController, theme: Theme, icons: bool = True
                 ) -> list[QPushButton]:
    """Language and display modes: one touch each, on every screen."""
    mode = controller.mode

    def toggle(target: str) -> Callable[[], None]:
        return lambda: controller.set_mode("standard" if mode == target else target)

    return [
        _make(controller, theme, "mode.language", controller.toggle_language, "mdi6.translate",
              icons=icons),
        _make(controller, theme, "mode.large", toggle("large"), "mdi6.format-size",
              selected=mode == "large", icons=icons),
        _make(controller, theme, "mode.contrast", toggle("high_contrast"),
              "mdi6.contrast-circle", selected=mode == "high_contrast", icons=icons),
        _make(controller, theme, "mode.care", toggle("care"), "mdi6.human-cane",
              selected=mode == "care", icons=icons),
    ]


def bottom_bar(controller: KioskController, theme: Theme, nav: frozenset[str],
               portrait: bool) -> QFrame:
    """Within easy reach: navigation, and in portrait the display modes above it (landscape
    has them in the side rail). Large print on a narrow screen drops the icons, so that four
    labels still fit a row."""
    bar = QFrame()
    bar.setProperty("kind", "bar")
    bar.setObjectName("BottomBar")
    grid = QGridLayout(bar)
    pad, gap = theme.px(24), theme.px(theme.sizes.gap)
    grid.setContentsMargins(pad, theme.px(16), pad, theme.px(20))
    grid.setHorizontalSpacing(gap)
    grid.setVerticalSpacing(gap)
    icons = not (portrait and theme.name in LARGE_PRINT)
    navigation = nav_buttons(controller, theme, nav, icons)
    rows = [mode_buttons(controller, theme, icons), navigation] if portrait else [navigation]
    rows = [row for row in rows if row]
    for row_index, row in enumerate(rows):
        for column, widget in enumerate(row):
            grid.addWidget(widget, row_index, column)
    for column in range(max((len(row) for row in rows), default=0)):
        grid.setColumnStretch(column, 1)
    return bar


def side_rail(controller: KioskController, theme: Theme) -> QFrame:
    """Landscape: the display modes in a column at the right, at mid height."""
    rail = QFrame()
    rail.setProperty("kind", "bar")
    rail.setObjectName("SideRail")
    column = QVBoxLayout(rail)
    pad = theme.px(24)
    column.setContentsMargins(pad, pad, pad, pad)
    column.setSpacing(theme.px(theme.sizes.gap))
    column.addStretch(1)
    for widget in mode_buttons(controller, theme):
        column.addWidget(widget)
    column.addStretch(1)
    return rail
