"""The sentinel mode's two screens. Ready: the prompt large, the lists' age, today's counts
small. A result: its colour filling the screen, one big word, the message, the masked name
and the time, readable from two metres. Both are built once and updated in place, so a
scan costs a few label texts and one colour, not a new screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.sentinel.view import ResultView, SentinelView
from kiosk.view import LARGE_PRINT, ScreenName
from ui import icons
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label, reading_item, set_reading_text

# Each light's fill and ink: at least 7:1 apart, the high-contrast mode's rule, in every
# display mode. Red and green are dark with white ink, yellow bright with black ink, so
# they differ by lightness too (for a colour-blind doorkeeper), and each has its own icon.
LIGHTS = {
    "green": ("#0A5C2B", "#FFFFFF", "mdi6.check-circle"),
    "yellow": ("#FFD400", "#000000", "mdi6.timer-sand"),
    "red": ("#9B1111", "#FFFFFF", "mdi6.close-octagon"),
    "grey": ("#3D4757", "#FFFFFF", "mdi6.help-circle"),
    "amber": ("#7C2D12", "#FFFFFF", "mdi6.alert-octagon"),
}
WORD_TIMES = 2.0  # the word, against the theme's display size
WORD_TIMES_LANDSCAPE = 1.4


class SentinelScreen(Screen):
    name = ScreenName.SENTINEL

    def build(self, layout: QVBoxLayout) -> None:
        large = self.view.display_mode in LARGE_PRINT
        # landscape is short: the prompt beside the counts; large print shows less, no icon
        prompt_kind = "title" if large and not self.portrait else "display"
        lines = 2 if large else 4
        self.prompt = reading_item("", prompt_kind, name="prompt", align=ALIGN_CENTER)
        self.lists = reading_item("", "muted", name="lists", align=ALIGN_CENTER)
        self.totals = reading_item("", "body", name="totals")
        self.hours_heading = label(self.t("sentinel.hours_heading"), "caption")
        self.hours = [label("", "caption") for _ in range(lines)]
        self.recent_heading = label(self.t("sentinel.recent_heading"), "caption")
        self.recent = [label("", "caption") for _ in range(min(lines, 3))]
        ready = QVBoxLayout()
        ready.setSpacing(self.px(self.theme.sizes.gap))
        if self.portrait and not large:
            ready.addWidget(big_icon("mdi6.qrcode-scan", self.theme, times=3))
        ready.addWidget(self.prompt)
        ready.addWidget(self.lists)
        counts = QVBoxLayout()
        counts.setSpacing(self.px(4))
        counts.addWidget(self.totals)
        for widget in (self.hours_heading, *self.hours, self.recent_heading, *self.recent):
            counts.addWidget(widget)
        if self.portrait:
            layout.addStretch(1)
            layout.addLayout(ready)
            layout.addStretch(1)
            layout.addLayout(counts)
        else:
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.margin))
            column = QVBoxLayout()
            column.addStretch(1)
            column.addLayout(ready)
            column.addStretch(1)
            row.addLayout(column, 3)
            side = QVBoxLayout()
            side.addStretch(1)
            side.addLayout(counts)
            side.addStretch(1)
            row.addLayout(side, 2)
            layout.addLayout(row, 1)
        self._show(self.view.sentinel)
        self.bind("sentinel", self._show)

    def _show(self, shown: SentinelView | None) -> None:
        if shown is None:
            return
        set_reading_text(self.prompt, shown.prompt)
        kind = "problem" if shown.stale else "muted"
        if self.lists.property("kind") != kind:
            self.lists.setProperty("kind", kind)
            self.lists.style().unpolish(self.lists)
            self.lists.style().polish(self.lists)
        set_reading_text(self.lists, shown.lists)
        set_reading_text(self.totals, shown.totals)
        _fill(self.hours, shown.hours, self.hours_heading)
        _fill(self.recent, shown.recent, self.recent_heading)


def _fill(widgets: list[QLabel], lines: tuple[str, ...], heading: QLabel) -> None:
    heading.setVisible(bool(lines))
    for index, widget in enumerate(widgets):
        text = lines[index] if index < len(lines) else ""
        widget.setText(text)
        widget.setVisible(bool(text))


class SentinelResultScreen(Screen):
    name = ScreenName.SENTINEL_RESULT

    def build(self, layout: QVBoxLayout) -> None:
        layout.setContentsMargins(0, 0, 0, 0)
        self.fill = QFrame()
        self.fill.setObjectName("sentinel_fill")
        self.fill.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        inner = QVBoxLayout(self.fill)
        margin = self.px(self.theme.sizes.margin)
        inner.setContentsMargins(margin, margin, margin, margin)
        inner.setSpacing(self.px(self.theme.sizes.gap))
        self.icon = QLabel()
        self.icon.setAlignment(ALIGN_CENTER)
        # the texts are reading items: a keypad user (or a screen reader) can go over them
        self.word = reading_item("", "display", name="word", align=ALIGN_CENTER)
        self.message = reading_item("", "title", name="message", align=ALIGN_CENTER)
        self.who = reading_item("", "title", name="name", align=ALIGN_CENTER)
        self.time = reading_item("", "body", name="time", align=ALIGN_CENTER)
        inner.addStretch(1)
        if self.portrait:  # the icon above the word; in landscape, beside it
            inner.addWidget(self.icon)
            inner.addWidget(self.word)
        else:
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.margin))
            row.addStretch(1)
            row.addWidget(self.icon)
            row.addWidget(self.word)
            row.addStretch(1)
            inner.addLayout(row)
        for widget in (self.message, self.who, self.time):
            inner.addWidget(widget)
        inner.addStretch(1)
        layout.addWidget(self.fill, 1)
        self._light: tuple[str, int] = ("", 0)
        self._show(self.view.sentinel)
        self.bind("sentinel", self._show)

    def _show(self, shown: SentinelView | None) -> None:
        result: ResultView | None = shown.result if shown is not None else None
        if result is None:  # faded: this screen is kept hidden, so nothing of it may stay
            for widget in (self.word, self.message, self.who, self.time):
                set_reading_text(widget, "")
            return
        self._paint(result.light, result.word)
        set_reading_text(self.word, result.word)
        set_reading_text(self.message, result.message)
        set_reading_text(self.who, result.name)
        self.who.setVisible(bool(result.name))
        set_reading_text(self.time, result.time)

    def _paint(self, light: str, text: str) -> None:
        """The fill and ink of `light`, the word as big as fits on one line; the style is set
        only when one of them changes. The keypad's focus shows as everywhere else (the
        window's rule is repeated here, since this frame's own sheet comes first)."""
        word = self._word_size(text)
        if (light, word) == self._light:
            return
        self._light = (light, word)
        fill, ink, icon = LIGHTS.get(light, LIGHTS["grey"])
        colors = self.theme.colors
        self.fill.setStyleSheet(
            f"#sentinel_fill {{ background: {fill}; }}"
            f" #sentinel_fill QLabel {{ color: {ink}; background: transparent; }}"
            f" #sentinel_fill QLabel#word {{ font-size: {word}px; font-weight: 800; }}"
            f' #Window[keypad="true"] #sentinel_fill QLabel[reading="true"]:focus'
            f" {{ background: {colors.focus}; color: {colors.on_focus}; }}")
        self.icon.setPixmap(icons.pixmap(icon, ink, self._icon_size))

    @property
    def _icon_size(self) -> int:
        return self.px(self.theme.sizes.icon * (3 if self.portrait else 2))

    def _word_size(self, text: str) -> int:
        """Twice the display size (less in landscape), or smaller where a long word (an
        English one) would not fit across the screen; never below the display size's 3/4."""
        times = WORD_TIMES if self.portrait else WORD_TIMES_LANDSCAPE
        display = self.px(self.theme.sizes.display)
        size = round(display * times)
        margin = self.px(self.theme.sizes.margin)
        room = self.parentWidget().width() - 2 * margin - 2 * self.px(8)
        if not self.portrait:
            room -= self._icon_size + margin
        font = QFont(self.word.font())
        font.setPixelSize(size)
        font.setWeight(QFont.Weight.ExtraBold)
        need = QFontMetrics(font).horizontalAdvance(text)
        if need > room > 0:
            size = max(display * 3 // 4, size * room // need)
        return size
