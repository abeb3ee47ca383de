"""The frame every screen shares: a top bar (where this kiosk is, the time, the network),
and a bottom bar within easy reach (back, home, help, finish; language and display modes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton

from kiosk.controller import KioskController
from ui.theme import Theme
from ui.widgets.controls import button, label


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
    if offline:
        names = "、".join(controller.text(f"device.{d}") for d in offline)
        row.addWidget(label(controller.text("topbar.device_out", devices=names), "topbar",
                            wrap=False))
    clock = label(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm"), "topbar", wrap=False)
    clock.setObjectName("clock")
    clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(clock)
    return bar


def bottom_bar(controller: KioskController, theme: Theme, nav: frozenset[str],
               portrait: bool) -> QFrame:
    """Navigation on one side, language and display modes on the other; two rows in portrait."""
    bar = QFrame()
    bar.setProperty("kind", "bar")
    bar.setObjectName("BottomBar")
    grid = QGridLayout(bar)
    pad, gap = theme.px(24), theme.px(theme.sizes.gap)
    grid.setContentsMargins(pad, theme.px(16), pad, theme.px(20))
    grid.setHorizontalSpacing(gap)
    grid.setVerticalSpacing(theme.px(16))
    t = controller.text
    with_icons = portrait or theme.name != "large"  # seven large labels in a row need the room

    def make(key: str, action: Callable[[], None], icon: str, *, selected: bool = False
             ) -> QPushButton:
        return button(t(key), action, icon=icon if with_icons else "", theme=theme, name=key,
                      selected=selected)

    navigation = []
    if "back" in nav:
        navigation.append(make("nav.back", controller.go_back, "mdi6.arrow-left"))
    if "home" in nav:
        navigation.append(make("nav.home", controller.go_home, "mdi6.home"))
    if "help" in nav:
        navigation.append(make("nav.help", controller.call_helper, "mdi6.face-agent"))
    if "end" in nav:
        navigation.append(make("nav.end", controller.finish, "mdi6.exit-to-app"))
    mode = controller.mode
    contrast = "standard" if mode == "high_contrast" else "high_contrast"
    display = [
        make("mode.language", controller.toggle_language, "mdi6.translate"),
        make("mode.large", lambda: controller.set_mode("standard" if mode == "large" else "large"),
             "mdi6.format-size", selected=mode == "large"),
        make("mode.contrast",
             lambda: controller.set_mode(contrast),
             "mdi6.contrast-circle", selected=mode == "high_contrast"),
    ]
    # Landscape: one row, to leave the height to the content. Portrait: display modes above
    # navigation, and in large print two navigation buttons a row, so that no label is cut.
    if portrait:
        per_row = 2 if theme.name == "large" else 4
        rows = [display] + [navigation[i:i + per_row] for i in range(0, len(navigation), per_row)]
    else:
        rows = [display + navigation]
    for row_index, row in enumerate(rows):
        for column, widget in enumerate(row):
            grid.addWidget(widget, row_index, column)
    for column in range(max(len(row) for row in rows)):
        grid.setColumnStretch(column, 1)
    return bar
