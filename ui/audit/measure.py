"""What the audit measures on a rendered window: colours as WCAG defines their contrast,
and a snapshot of every text, picture and control with the pixels behind them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.accessibility import name_of
from ui.keypad import focus_order, is_reading_item
from ui.widgets.signature_pad import SignaturePad

LANGUAGE_SWITCH = "mode.language"  # names the other language, so is exempt from the language rule
INPUTS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
          QAbstractSlider, QAbstractItemView, SignaturePad)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
CJK_OR_DIGIT = re.compile(CJK.pattern[:-1] + r"0-9]")


@dataclass(frozen=True)
class Limits:
    """The rules' thresholds for one mode; lengths in px on the 1080-px reference screen."""

    text_contrast: float
    graphic_contrast: float  # control borders and icons
    text_px: int
    target_px: int
    gap_px: int = 16


def limits_for(mode: str) -> Limits:
    large = mode in ("large", "care")
    high = mode == "high_contrast"
    return Limits(text_contrast=7.0 if high else 4.5, graphic_contrast=4.5 if high else 3.0,
                  text_px=40 if large else 28, target_px=112 if large else 80)


# --- colour (WCAG 2.x relative luminance and contrast ratio) ---------------------------

_LINEAR = np.array([c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                    for c in (i / 255 for i in range(256))])


def luminance(rgb: np.ndarray | int) -> np.ndarray:
    """Relative luminance of colours packed as 0xRRGGBB."""
    rgb = np.asarray(rgb, dtype=np.uint32)
    return (0.2126 * _LINEAR[(rgb >> 16) & 0xFF] + 0.7152 * _LINEAR[(rgb >> 8) & 0xFF]
            + 0.0722 * _LINEAR[rgb & 0xFF])


def contrast_ratios(colours: np.ndarray | int, against: int) -> np.ndarray:
    a, b = luminance(colours), luminance(against)
    return (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)


def contrast_ratio(first: str | int, second: str | int) -> float:
    """Contrast of two colours given as '#RRGGBB' or 0xRRGGBB, from 1 to 21."""
    def packed(c: str | int) -> int:
        return int(c.lstrip("#"), 16) if isinstance(c, str) else c
    return float(contrast_ratios(packed(first), packed(second)))


def most_common(pixels: np.ndarray) -> int:
    colours, counts = np.unique(pixels, return_counts=True)
    return int(colours[np.argmax(counts)])


def strongest(pixels: np.ndarray, background: int, min_count: int = 3) -> float:
    """The contrast of the colour that stands out most from `background`. Colours seen fewer
    than `min_count` times are noise; anti-aliased edges contrast less than the ink itself,
    so the largest ratio is the ink's. 1.0 when nothing stands out: invisible."""
    colours, counts = np.unique(pixels, return_counts=True)
    keep = (colours != background) & (counts >= min_count)
    if not keep.any():
        return 1.0
    return float(contrast_ratios(colours[keep], background).max())


# --- a rendered window ------------------------------------------------------------------

@dataclass
class Pixels:
    """Part of the window in one state: as shown, and with its icons and pictures blanked."""

    area: QRect  # in window coordinates
    shown: np.ndarray  # 0xRRGGBB
    plain: np.ndarray
    ratio: float  # device pixels per widget pixel

    def crop(self, rect: QRect, plain: bool = False) -> np.ndarray:
        part, r = rect.intersected(self.area).translated(-self.area.topLeft()), self.ratio
        top, left = round(part.top() * r), round(part.left() * r)
        image = self.plain if plain else self.shown
        return image[top:top + round(part.height() * r), left:left + round(part.width() * r)]


@dataclass
class Snapshot:
    """One window as rendered, with what the checks need to know about it."""

    window: QWidget
    language: str
    scale: float  # real px per reference px
    limits: Limits
    widgets: list[QWidget]  # visible, in the window
    keypad: list[QWidget]  # the keypad's order
    exempt_words: tuple[str, ...] = ()  # allowed in any language: residents' names
    pixels: Pixels | None = None  # the whole window, nothing focused
    focused: dict[int, Pixels] = field(default_factory=dict)  # by id(control): it focused

    def rect(self, widget: QWidget) -> QRect:
        return QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())

    def shown(self, widget: QWidget) -> QRect:
        """The part of the widget not clipped by an ancestor or the window's edge."""
        rect, parent = self.rect(widget), widget.parentWidget()
        while parent is not None and parent is not self.window:
            rect = rect.intersected(self.rect(parent))
            parent = parent.parentWidget()
        return rect.intersected(self.window.rect())

    def views(self, widget: QWidget) -> list[tuple[str, Pixels]]:
        """The states a widget is seen in: unfocused, and focused when it is (or is part of)
        a control the keypad reaches."""
        found = [("", self.pixels)] if self.pixels is not None else []
        owner: QWidget | None = widget
        while owner is not None and id(owner) not in self.focused:
            owner = owner.parentWidget()
        if owner is not None:
            found.append((" (focused)", self.focused[id(owner)]))
        return found

    def ref(self, px: float) -> float:
        return px / self.scale

    @property
    def texts(self) -> list[QWidget]:
        return [w for w in self.widgets if text_of(w)]

    @property
    def pictures(self) -> list[QWidget]:
        return [w for w in self.widgets if picture_of(w)]

    @property
    def buttons(self) -> list[QAbstractButton]:
        return [w for w in self.widgets if isinstance(w, QAbstractButton)]

    @property
    def controls(self) -> list[QWidget]:
        """What can be operated: inputs, and anything else that takes the focus, but not the
        reading items, which the keypad stops at only to read them."""
        return [w for w in self.widgets
                if isinstance(w, INPUTS) or (takes_tab(w) and not is_reading_item(w))]

    @property
    def reading(self) -> list[QWidget]:
        return [w for w in self.widgets if is_reading_item(w)]


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text().strip()
    return ""


def picture_of(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractButton):
        return not widget.icon().isNull()
    return isinstance(widget, QLabel) and not widget.pixmap().isNull()


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)


def describe(widget: QWidget) -> str:
    """Class#objectName 'text', and the control it is part of (a tile's icon, say)."""
    snippet = (text_of(widget) or name_of(widget)).replace("\n", " ")
    snippet = snippet if len(snippet) <= 24 else snippet[:23] + "…"
    name = f"{type(widget).__name__}#{widget.objectName()}" if widget.objectName() \
        else type(widget).__name__
    owner = widget.parentWidget()
    while owner is not None and not isinstance(owner, QAbstractButton):
        owner = owner.parentWidget()
    where = f" in {describe(owner)}" if owner is not None else ""
    return (f"{name} {snippet!r}" if snippet else name) + where


def keypad_order(window: QWidget) -> list[QWidget]:
    """The order the keypad visits controls in (ui/keypad.py)."""
    return list(focus_order(window))


def _grab(window: QWidget, area: QRect) -> tuple[np.ndarray, float]:
    image = window.grab(area).toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint32).reshape(height, -1)
    return rows[:, :width] & 0xFFFFFF, image.devicePixelRatio()


def _blank_pictures(widgets: list[QWidget]) -> Callable[[], None]:
    """Swap every icon and picture for a transparent one of the same size (so nothing moves);
    returns the function that puts them back."""
    undo = []
    for widget in widgets:
        if isinstance(widget, QAbstractButton) and not widget.icon().isNull():
            icon = widget.icon()
            blank = QPixmap(widget.iconSize())
            blank.fill(Qt.GlobalColor.transparent)
            widget.setIcon(QIcon(blank))
            undo.append(lambda w=widget, i=icon: w.setIcon(i))
        elif isinstance(widget, QLabel) and not widget.pixmap().isNull():
            pixmap = widget.pixmap()
            blank = QPixmap(pixmap.size())
            blank.setDevicePixelRatio(pixmap.devicePixelRatio())
            blank.fill(Qt.GlobalColor.transparent)
            widget.setPixmap(blank)
            undo.append(lambda w=widget, p=pixmap: w.setPixmap(p))

    def restore() -> None:
        for put_back in undo:
            put_back()
    return restore


def _capture(window: QWidget, area: QRect, widgets: list[QWidget]) -> Pixels:
    shown, ratio = _grab(window, area)
    restore = _blank_pictures(widgets)
    try:
        plain = _grab(window, area)[0]
    finally:
        restore()
    return Pixels(area, shown, plain, ratio)


def take_snapshot(window: QWidget, *, mode: str, language: str, scale: float = 1.0,
                  exempt_words: Sequence[str] = (), pixels: bool = True) -> Snapshot:
    """Render `window` (shown, laid out) and collect what the checks read: with `pixels`,
    the window with nothing focused, then each control the keypad reaches, focused."""
    widgets = [w for w in window.findChildren(QWidget) if w.isVisible()]
    snap = Snapshot(window, language, scale, limits_for(mode), widgets, keypad_order(window),
                    exempt_words=tuple(w for w in exempt_words if w))
    if not pixels:
        return snap
    if not window.isActiveWindow():  # an inactive window shows no focus
        window.activateWindow()
        QApplication.processEvents()
    focus = window.focusWidget()
    if focus is not None:
        focus.clearFocus()
    snap.pixels = _capture(window, window.rect(), widgets)
    for control in snap.keypad if window.isActiveWindow() else []:
        control.setFocus(Qt.FocusReason.TabFocusReason)
        area = snap.rect(control).adjusted(-6, -6, 6, 6).intersected(window.rect())
        snap.focused[id(control)] = _capture(window, area,
                                             [control, *control.findChildren(QWidget)])
    if focus is not None:
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
    elif window.focusWidget() is not None:
        window.focusWidget().clearFocus()
    return snap

