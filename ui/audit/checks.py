"""The audit's rules, one function each: a snapshot in, what breaks the rule out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QFontInfo, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QWidget,
)

from ui.accessibility import description_of, name_of
from ui.audit.measure import (
    CJK,
    CJK_OR_DIGIT,
    LANGUAGE_SWITCH,
    Snapshot,
    describe,
    most_common,
    strongest,
    takes_tab,
)
from ui.widgets.signature_pad import SignaturePad

# --- the checks: each takes a snapshot and returns what breaks a rule --------------------

@dataclass(frozen=True)
class Finding:
    widget: str
    rule: str
    measured: str
    required: str
    info: bool = False  # noted, not a violation (a disabled control: WCAG exempts it)


def _inner(snap: Snapshot, widget: QWidget) -> QRect:
    """A button's inside, clear of its border and rounded corners, where its label is."""
    rect = snap.shown(widget)
    dy, dx = round(rect.height() * 0.2), min(rect.width() // 4, -(-rect.height() * 8 // 100))
    return rect.adjusted(dx, dy, -dx, -dy)


def _ratio(value: float) -> str:
    return f"{value:.2f}:1"


def check_text_contrast(snap: Snapshot) -> list[Finding]:
    """Text against the background it is drawn on: most common colour of its box (a
    button's label measured with its icon blanked, so the icon cannot stand in for it)."""
    found = []
    need = snap.limits.text_contrast
    for widget in snap.texts:
        for state, pixels in snap.views(widget):
            if isinstance(widget, QAbstractButton):
                crop = pixels.crop(_inner(snap, widget), plain=True)
            else:
                crop = pixels.crop(snap.shown(widget))
            if crop.size == 0:
                continue
            ratio = strongest(crop, most_common(crop))
            if ratio < need:
                found.append(Finding(describe(widget) + state, "text-contrast", _ratio(ratio),
                                     _ratio(need), info=not widget.isEnabled()))
    return found


def check_icon_contrast(snap: Snapshot) -> list[Finding]:
    """Icons and pictures: the pixels that change when the picture is blanked, against
    what is behind them."""
    found = []
    need = snap.limits.graphic_contrast
    for widget in snap.pictures:
        for state, pixels in snap.views(widget):
            shown = pixels.crop(snap.shown(widget))
            plain = pixels.crop(snap.shown(widget), plain=True)
            if shown.size == 0:
                continue
            ink = shown[shown != plain]
            ratio = strongest(ink, most_common(plain), min_count=1) if ink.size else 1.0
            if ratio < need:
                found.append(Finding(describe(widget) + state, "icon-contrast", _ratio(ratio),
                                     _ratio(need), info=not widget.isEnabled()))
    return found


def _sides(rect: QRect, depth: int, outside: bool) -> list[QRect]:
    """Bands along the middle half of each side: inside the edge, or just beyond it."""
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    qx, qy = x + w // 4, y + h // 4
    if outside:
        return [QRect(qx, y - 1 - depth, w // 2, depth), QRect(qx, y + h + 1, w // 2, depth),
                QRect(x - 1 - depth, qy, depth, h // 2), QRect(x + w + 1, qy, depth, h // 2)]
    return [QRect(qx, y, w // 2, depth), QRect(qx, y + h - depth, w // 2, depth),
            QRect(x, qy, depth, h // 2), QRect(x + w - depth, qy, depth, h // 2)]


def check_control_contrast(snap: Snapshot) -> list[Finding]:
    """Each control's edge against what surrounds it: its border, or its fill where that
    is what outlines it, measured on every side that is on screen; the weakest side counts."""
    found = []
    need = snap.limits.graphic_contrast
    for widget in snap.controls:
        rect = snap.rect(widget)
        depth = max(3, round(8 * snap.scale))
        for state, pixels in snap.views(widget):
            ratios = [strongest(pixels.crop(edge), most_common(pixels.crop(beyond)))
                      for edge, beyond in zip(_sides(rect, depth, False), _sides(rect, 3, True),
                                              strict=True)
                      if pixels.area.contains(beyond)]
            if ratios and min(ratios) < need:
                found.append(Finding(describe(widget) + state, "control-contrast",
                                     _ratio(min(ratios)), _ratio(need),
                                     info=not widget.isEnabled()))
    return found


def check_text_size(snap: Snapshot) -> list[Finding]:
    found = []
    need = snap.limits.text_px
    for widget in snap.texts:
        size = snap.ref(QFontInfo(widget.font()).pixelSize())
        if size + snap.ref(0.5) < need:
            found.append(Finding(describe(widget), "text-size", f"{size:.1f}px", f"{need}px"))
    return found


def check_target_size(snap: Snapshot) -> list[Finding]:
    found = []
    need = snap.limits.target_px
    for widget in snap.buttons:
        if not widget.isEnabled():
            continue
        width, height = snap.ref(widget.width()), snap.ref(widget.height())
        if min(width, height) + snap.ref(0.5) < need:
            found.append(Finding(describe(widget), "target-size", f"{width:.0f}×{height:.0f}px",
                                 f"{need}×{need}px"))
    return found


def gap_between(a: QRect, b: QRect) -> float:
    """The shortest distance between two rectangles; negative when they overlap."""
    dx = max(b.x() - (a.x() + a.width()), a.x() - (b.x() + b.width()))
    dy = max(b.y() - (a.y() + a.height()), a.y() - (b.y() + b.height()))
    if dx < 0 and dy < 0:
        return float(max(dx, dy))
    return float(np.hypot(max(dx, 0), max(dy, 0)))


def check_target_spacing(snap: Snapshot) -> list[Finding]:
    found = []
    need = snap.limits.gap_px
    for a, b in combinations(snap.buttons, 2):
        gap = snap.ref(gap_between(snap.rect(a), snap.rect(b)))
        if gap + snap.ref(0.5) < need:
            measured = f"{gap:.0f}px" if gap >= 0 else f"overlap {-gap:.0f}px"
            found.append(Finding(f"{describe(a)} ↔ {describe(b)}", "target-spacing", measured,
                                 f"{need}px"))
    return found


def _button_room(widget: QAbstractButton) -> tuple[int, int]:
    """What a button's label needs and the width inside its border and padding, to which
    Qt clips it."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    needed = widget.fontMetrics().horizontalAdvance(widget.text())
    if not widget.icon().isNull():
        needed += widget.iconSize().width() + 4  # Qt puts 4 px between icon and text
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    room = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
    return needed, room.width()


def _blank_ends(metrics: QFontMetrics, text: str, align: Qt.AlignmentFlag) -> int:
    """How far a line may overflow its box before the clip cuts ink: glyphs' side bearings
    are blank, and a centred line overflows by half on each side."""
    text = text.strip()
    if not text:
        return 0
    left, right = max(0, metrics.leftBearing(text[0])), max(0, metrics.rightBearing(text[-1]))
    if align & Qt.AlignmentFlag.AlignHCenter:
        return 2 * min(left, right)
    return left if align & Qt.AlignmentFlag.AlignRight else right


def check_text_fits(snap: Snapshot) -> list[Finding]:
    """No text cut off: a wrapped label must have the height its lines need, and no line
    (or unbreakable word) may be wider than its box; a button's label, wider than the
    inside of its border and padding, is clipped there."""
    found = []
    for widget in snap.texts:
        metrics, text = widget.fontMetrics(), widget.text()
        if isinstance(widget, QAbstractButton):
            needed, room = _button_room(widget)
            if needed - _blank_ends(metrics, text, Qt.AlignmentFlag.AlignHCenter) > room:
                found.append(Finding(describe(widget), "text-cut", f"{needed}px wide",
                                     f"≤ {room}px"))
            continue
        room = widget.contentsRect().width()
        if widget.wordWrap():
            height = widget.heightForWidth(widget.width())
            if height > widget.height() + 1:
                found.append(Finding(describe(widget), "text-cut", f"{height}px tall",
                                     f"≤ {widget.height()}px"))
            needed = metrics.boundingRect(QRect(0, 0, room, 1 << 20), Qt.TextFlag.TextWordWrap,
                                          text).width()
        else:
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if needed - _blank_ends(metrics, text, widget.alignment()) > room:
            found.append(Finding(describe(widget), "text-cut", f"{needed}px wide",
                                 f"≤ {room}px"))
    return found


def check_on_screen(snap: Snapshot) -> list[Finding]:
    """Every text, picture and control wholly on screen, not clipped by what holds it."""
    found = []
    for widget in dict.fromkeys(snap.texts + snap.pictures + snap.controls):
        whole, shown = snap.rect(widget), snap.shown(widget)
        if shown != whole:
            hidden = whole.width() * whole.height() - max(0, shown.width() * shown.height())
            found.append(Finding(describe(widget), "off-screen",
                                 f"{hidden}px² of {whole.width()}×{whole.height()} hidden at "
                                 f"({whole.x()},{whole.y()})", "wholly visible"))
    return found


def check_top_third(snap: Snapshot) -> list[Finding]:
    """On a portrait screen nothing to touch sits in the top third: out of reach from a
    wheelchair (operable parts belong between 380 and 1,220 mm from the floor)."""
    window = snap.window
    if window.height() <= window.width():
        return []
    limit = window.height() / 3
    found = []
    for widget in snap.controls:
        if not widget.isEnabled():
            continue
        top = snap.rect(widget).top()
        if top < limit:
            found.append(Finding(describe(widget), "top-third", f"top at {top}px",
                                 f"≥ {limit:.0f}px"))
    return found


def check_chosen_options(snap: Snapshot) -> list[Finding]:
    """A chosen option says so three ways: a screen reader hears it checked, a form's choice
    shows a tick, and it never looks like the screen's primary action (its fill differs)."""
    found = []
    primary_fills = set()
    if snap.pixels is not None:
        primary_fills = {most_common(snap.pixels.crop(_inner(snap, w))) for w in snap.buttons
                         if w.property("kind") == "primary" and w.isEnabled()}
    for widget in snap.buttons:
        if not (widget.isCheckable() and widget.isChecked()):
            continue
        state = QAccessible.queryAccessibleInterface(widget).state()
        if not state.checked:
            found.append(Finding(describe(widget), "chosen-state", "not exposed as checked",
                                 "checked"))
        if widget.objectName().startswith("choice:") and widget.icon().isNull():
            found.append(Finding(describe(widget), "chosen-tick", "no tick", "a tick"))
        if snap.pixels is not None and primary_fills:
            fill = most_common(snap.pixels.crop(_inner(snap, widget)))
            if fill in primary_fills:
                found.append(Finding(describe(widget), "chosen-looks-primary",
                                     f"#{fill:06X}, the primary action's fill", "another"))
    return found


def check_rating_scale(snap: Snapshot) -> list[Finding]:
    """The rating scale is one ordered line, very satisfied first, and skipping is not in
    that line, so it cannot be touched in place of a rating."""
    scale = sorted((w for w in snap.buttons if w.objectName().startswith("rating:")),
                   key=lambda w: -int(w.objectName().split(":")[1]))
    if not scale:
        return []
    rects = [snap.rect(w) for w in scale]
    column = len({r.left() for r in rects}) == 1
    row = len({r.top() for r in rects}) == 1
    tops, lefts = [r.top() for r in rects], [r.left() for r in rects]
    ordered = (column and tops == sorted(tops)) or (row and lefts == sorted(lefts))
    found = []
    if not ordered:
        found.append(Finding("rating scale", "rating-order",
                             " ".join(f"{w.objectName()}@{r.left()},{r.top()}"
                                      for w, r in zip(scale, rects, strict=True)),
                             "one row or column, 5 to 1"))
    for skip in (w for w in snap.buttons if w.objectName() == "skip"):
        place = snap.rect(skip)
        if (column and place.left() == rects[0].left()) or (row and place.top() == rects[0].top()):
            found.append(Finding(describe(skip), "rating-skip-apart", "in line with the scale",
                                 "set apart"))
    return found


def _named(snap: Snapshot) -> list[QWidget]:
    return [w for w in snap.widgets if isinstance(w, QAbstractButton) or takes_tab(w)]


def check_accessible_names(snap: Snapshot) -> list[Finding]:
    found = []
    for widget in _named(snap):
        if not name_of(widget).strip():
            found.append(Finding(describe(widget), "accessible-name", "empty", "a name"))
        if widget.property("kind") == "tile" and not description_of(widget).strip():
            found.append(Finding(describe(widget), "accessible-description", "empty",
                                 "a description"))
    return found


def check_spoken_language(snap: Snapshot) -> list[Finding]:
    """What the voice says for a control (its name, then its description) is in the
    screen's language: Chinese or digits on a Chinese screen, no Chinese on an English one."""
    found = []
    for widget in _named(snap):
        if widget.objectName() == LANGUAGE_SWITCH:
            continue
        for part, spoken in (("name", name_of(widget)), ("description", description_of(widget))):
            text = spoken.strip()
            for word in snap.exempt_words:
                text = text.replace(word, "")
            if not text:
                continue
            if snap.language == "zh_CN" and not CJK_OR_DIGIT.search(text):
                found.append(Finding(describe(widget), "spoken-language",
                                     f"{part} {spoken!r} has no Chinese", "zh_CN"))
            elif snap.language != "zh_CN" and CJK.search(text):
                found.append(Finding(describe(widget), "spoken-language",
                                     f"{part} {spoken!r} has Chinese", snap.language))
    return found


def check_keypad(snap: Snapshot) -> list[Finding]:
    """Every enabled control reachable without the touchscreen: it takes Tab focus and is
    in the keypad's order. Freehand signing depends on the path of the finger, which WCAG
    2.1.1 exempts; it is noted, not counted."""
    found = []
    order = set(map(id, snap.keypad))
    for widget in snap.controls:
        if not widget.isEnabled():
            continue
        exempt = isinstance(widget, SignaturePad)
        if not takes_tab(widget):
            found.append(Finding(describe(widget), "keypad-focus",
                                 widget.focusPolicy().name, "TabFocus", info=exempt))
        elif id(widget) not in order:
            found.append(Finding(describe(widget), "keypad-order", "not in the keypad order",
                                 "in the keypad order", info=exempt))
    return found


PIXEL_CHECKS = (check_text_contrast, check_icon_contrast, check_control_contrast)
LAYOUT_CHECKS = (check_text_fits, check_on_screen, check_target_size, check_target_spacing,
                 check_top_third)
ALL_CHECKS = (*PIXEL_CHECKS, check_text_size, *LAYOUT_CHECKS, check_accessible_names,
              check_spoken_language, check_keypad, check_chosen_options, check_rating_scale)
Check = Callable[[Snapshot], list[Finding]]

