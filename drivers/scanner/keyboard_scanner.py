"""A scanner in USB keyboard mode, read through evdev on Linux with an exclusive grab so its
keystrokes never reach the screen. KeystrokeDecoder turns key events into scans and tells a
scanner's fast burst from a person typing; it is pure and tested with synthetic events."""

from __future__ import annotations

import contextlib
import importlib
import os
import time
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any, ClassVar

from drivers.base import (
    Actor,
    Backoff,
    CodeScanned,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
)
from drivers.limits import MAX_SCAN_BYTES
from drivers.scanner.repeat_filter import RepeatFilter

# Linux input key codes (linux/input-event-codes.h), so the decoder needs no evdev.
KEY_TAB, KEY_ENTER, KEY_KPENTER = 15, 28, 96
KEY_LEFTSHIFT, KEY_RIGHTSHIFT = 42, 54
EV_KEY = 1
KEY_UP, KEY_DOWN, KEY_REPEAT = 0, 1, 2  # an EV_KEY event's value

_NOT_ANSWERING = "is not answering"

# US layout: key code -> (plain, with shift)
_US_KEYS: dict[int, tuple[str, str]] = {
    **{code: (plain, shifted) for code, plain, shifted in zip(
        range(2, 12), "1234567890", "!@#$%^&*()", strict=True)},
    12: ("-", "_"), 13: ("=", "+"),
    **{code: (ch, ch.upper()) for code, ch in zip(range(16, 26), "qwertyuiop", strict=True)},
    26: ("[", "{"), 27: ("]", "}"),
    **{code: (ch, ch.upper()) for code, ch in zip(range(30, 39), "asdfghjkl", strict=True)},
    39: (";", ":"), 40: ("'", '"'), 41: ("`", "~"), 43: ("\\", "|"),
    **{code: (ch, ch.upper()) for code, ch in zip(range(44, 51), "zxcvbnm", strict=True)},
    51: (",", "<"), 52: (".", ">"), 53: ("/", "?"), 57: (" ", " "),
    # the keypad, which some scanners use for digits; shift does not change it
    **{code: (ch, ch) for code, ch in zip(
        (71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 55, 98), "789-456+1230.*/",
        strict=True)},
}  # fmt: skip


class KeystrokeDecoder:
    """Feed it (key code, value, timestamp) events; it returns the text of a scan when its
    terminator arrives. A scan is a burst: every key follows the previous one within `max_gap`
    seconds (a scanner types a key every few ms, a person every 100 ms or so), the terminator
    too, and it holds at least `min_length` characters. Anything else is discarded. Caps Lock
    is ignored: scanners send Shift for capitals, whatever the keyboard LEDs say."""

    def __init__(
        self,
        *,
        max_gap: float = 0.04,
        min_length: int = 3,
        max_length: int = MAX_SCAN_BYTES,
        terminators: Iterable[int] = (KEY_ENTER, KEY_KPENTER),
    ) -> None:
        self.max_gap = max_gap
        self.min_length = min_length
        self.max_length = max_length  # a longer burst is a stuck key or noise: dropped
        self.terminators = frozenset(terminators)
        self._shifts_held: set[int] = set()
        self._chars: list[str] = []
        self._last_key: float | None = None
        self._spoiled = False  # the burst held a key we cannot map, or a key held down

    def feed(self, code: int, value: int, timestamp: float) -> str | None:
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            if value == KEY_UP:
                self._shifts_held.discard(code)
            else:
                self._shifts_held.add(code)
            return None
        if value == KEY_UP:
            return None
        if value == KEY_REPEAT:  # a scanner never holds a key down; a person does
            self._spoiled = True
            return None
        in_burst = self._last_key is not None and timestamp - self._last_key <= self.max_gap
        if not in_burst:
            self._restart(timestamp)
        self._last_key = timestamp
        if code in self.terminators:
            text = "".join(self._chars)
            complete = in_burst and not self._spoiled and len(text) >= self.min_length
            self._restart(None)
            return text if complete else None
        keys = _US_KEYS.get(code)
        if keys is None or len(self._chars) >= self.max_length:
            self._spoiled = True  # a partial code is worse than none
            self._chars.clear()
            return None
        self._chars.append(keys[1] if self._shifts_held else keys[0])
        return None

    def reset(self) -> None:
        """Forget a half-read burst and held keys, e.g. after the scanner was replugged."""
        self._shifts_held.clear()
        self._restart(None)

    def _restart(self, timestamp: float | None) -> None:
        self._chars = []
        self._spoiled = False
        self._last_key = timestamp


class KeyboardScanner(Device):
    """`device` is an event node (/dev/input/event5, or better a stable
    /dev/input/by-id/...-event-kbd link) or a part of the device's name, e.g. "Honeywell"."""

    kind: ClassVar[str] = "scanner"
    capabilities: ClassVar[frozenset[str]] = frozenset({"qr"})

    def __init__(
        self,
        name: str,
        device: str,
        *,
        grab: bool = True,
        max_gap: float = 0.04,
        min_length: int = 3,
        terminators: Iterable[int] = (KEY_ENTER, KEY_KPENTER),
        repeat_window: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        poll_interval: float = 0.02,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, poll_interval=poll_interval, backoff=backoff)
        self.device = device
        self.grab = grab
        self._keys = KeystrokeDecoder(
            max_gap=max_gap, min_length=min_length, terminators=terminators
        )
        self._repeats = RepeatFilter(repeat_window, clock)
        self._input: Any = None  # evdev.InputDevice while open

    def _open(self) -> None:
        evdev = _evdev()
        path = self._find(evdev)
        try:
            device = evdev.InputDevice(path)
        except FileNotFoundError:
            raise self._lost("is not connected") from None
        except PermissionError:
            raise DeviceError(
                f"scanner {path}: no permission to read it; add the kiosk user to the "
                "'input' group",
                actor=Actor.ENGINEER,
                code="permission",
            ) from None
        if self.grab:
            try:
                device.grab()  # keystrokes from the scanner must not type into the kiosk
            except OSError as error:
                device.close()
                raise DeviceError(
                    f"scanner {path}: cannot take it for exclusive use ({error.strerror}); "
                    "another program holds it",
                    actor=Actor.ENGINEER,
                    code="busy",
                ) from None
        self._input = device
        self._keys.reset()

    def _close(self) -> None:
        device, self._input = self._input, None
        if device is None:
            return
        for release in (device.ungrab, device.close):
            with contextlib.suppress(OSError):  # unplugged: nothing left to release
                release()

    def _poll(self) -> None:
        if self._input is None:
            raise self._lost(_NOT_ANSWERING)
        try:
            events = list(self._input.read())
        except BlockingIOError:
            return  # no keys pressed since the last poll
        except OSError:
            # Closed now, so the status read after this error fails alike and we reconnect.
            self._close()
            raise self._lost(_NOT_ANSWERING) from None
        for event in events:
            if event.type != EV_KEY:
                continue
            text = self._keys.feed(event.code, event.value, event.timestamp())
            if text and self._repeats.accept(text):
                self._emit(CodeScanned(self.name, text, text.encode(), symbology="unknown"))

    def _read_status(self) -> DeviceStatus:
        if self._input is None or not os.path.exists(self._input.path):
            raise self._lost(_NOT_ANSWERING)
        return DeviceStatus(DeviceState.ONLINE)

    def _find(self, evdev: ModuleType) -> str:
        if os.sep in self.device:
            return self.device
        for path in evdev.list_devices():
            try:
                candidate = evdev.InputDevice(path)
            except OSError:
                continue  # a node we may not read is not our scanner
            matches = self.device.lower() in candidate.name.lower()
            candidate.close()
            if matches:
                return path
        raise self._lost("is not connected")

    def _lost(self, what: str) -> DeviceError:
        return DeviceError(
            f"keyboard scanner {self.device} {what}: check its USB cable",
            actor=Actor.STAFF,
            state=DeviceState.NO_DEVICE,
            code="no_device",
        )


def _evdev() -> ModuleType:
    # Imported here so this module imports on any OS; evdev exists only on Linux.
    try:
        return importlib.import_module("evdev")
    except ImportError:
        raise DeviceError(
            "keyboard scanners need the evdev package, which exists only on Linux",
            actor=Actor.ENGINEER,
            code="unsupported",
        ) from None
