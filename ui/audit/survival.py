"""What the resident did survives: with the keypad focus on the screen's last control, a
chosen option (on a form) and a signature (on the sign screen), every display mode, the
other language and a device going out and back are toggled through the same calls a touch
makes; after each, all three must still be there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from drivers.base import DeviceState, DeviceStatus, StatusChanged
from kiosk.view import MODES, ScreenName
from ui.audit.checks import Finding
from ui.keypad import focus_order

DEVICE = "scanner"  # no sample service needs it, so the screen itself must not change


def check_survival(app) -> list[Finding]:
    kiosk, window = app.kiosk, app.window
    focus = _focus_last(window)
    if kiosk.state.screen == ScreenName.FORM:
        on_page = kiosk.state.form_page.keys if kiosk.state.form_page else ()
        choice = next((row for row in kiosk.state.form
                       if row.kind == "choice" and row.key in on_page), None)
        if choice is not None:
            kiosk.answer(choice.key, choice.options[-1].value)
    wanted = _what_was_done(window)
    found: list[Finding] = []
    start_mode, start_language = kiosk.state.display_mode, kiosk.state.language
    toggles: list[tuple[str, Callable[[], None]]] = [
        (f"mode {mode}", lambda m=mode: kiosk.toggle_display_mode(m))
        for mode in MODES if mode != "standard"
    ]
    toggles += [("language", kiosk.toggle_language), ("language back", kiosk.toggle_language)]
    if kiosk.state.screen != ScreenName.OUT_OF_SERVICE:  # there, a device back ends the screen
        toggles += [("device out", lambda: _device(kiosk, DeviceState.NO_DEVICE)),
                    ("device back", lambda: _device(kiosk, DeviceState.ONLINE))]
    for what, toggle in toggles:
        toggle()
        QApplication.processEvents()
        seen = _what_was_done(window)
        for name, before in wanted.items():
            if seen.get(name) != before:
                found.append(Finding(name, "survives", f"after {what}: {seen.get(name)}",
                                     str(before)))
    if kiosk.state.display_mode != start_mode:
        kiosk.toggle_display_mode(kiosk.state.display_mode)  # back to standard
        if start_mode != "standard":
            kiosk.toggle_display_mode(start_mode)
    if kiosk.state.language != start_language:
        kiosk.toggle_language()
    if focus is None:
        found.append(Finding("keypad", "survives", "no control to focus", "a control"))
    return found


def _focus_last(window) -> QWidget | None:
    """The keypad focus on the last control of the screen itself (not the frame)."""
    screen = window.current
    inside = [w for w in focus_order(window) if screen.isAncestorOf(w)]
    if not inside:
        return None
    inside[-1].setFocus(Qt.FocusReason.TabFocusReason)
    return inside[-1]


def _what_was_done(window) -> dict[str, str]:
    """The keypad focus, the chosen options and the signature, as a resident would see them."""
    done = {}
    focused = window.focusWidget()
    done["focus"] = focused.objectName() if focused is not None else "nothing"
    for button in window.current.findChildren(QPushButton):
        if button.isCheckable() and button.isChecked():
            done[f"chosen {button.objectName()}"] = "checked"
    pad = getattr(window.current, "pad", None)
    if pad is not None:
        strokes = sum(len(stroke) for stroke in pad.signature.strokes)
        done["signature"] = f"{len(pad.signature.strokes)} strokes, {strokes} points"
        done["submit"] = "enabled" if window.current.submit.isEnabled() else "disabled"
    return done


def _device(kiosk, state: DeviceState) -> None:
    status = DeviceStatus(state, detail="audit")
    previous = kiosk.devices.status.get(DEVICE, DeviceStatus(DeviceState.ONLINE))
    kiosk.handle_device_event(StatusChanged(DEVICE, status, previous))
