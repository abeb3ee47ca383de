"""The keyboard-mode scanner: key events to text with synthetic (code, value, timestamp)
events, then the evdev side with the device missing and with a stand-in input device."""

from __future__ import annotations

import errno
import queue
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.base import Backoff, CodeScanned, DeviceState
from drivers.scanner import keyboard_scanner
from drivers.scanner.keyboard_scanner import KeyboardScanner, KeystrokeDecoder

ecodes = pytest.importorskip("evdev.ecodes")  # the real key codes, independent of our table

DOWN, UP, HOLD = 1, 0, 2
_SHIFTED = {
    **dict(zip("!@#$%^&*()", "1234567890", strict=True)),
    "_": "MINUS", "+": "EQUAL", "{": "LEFTBRACE", "}": "RIGHTBRACE", ":": "SEMICOLON",
    '"': "APOSTROPHE", "~": "GRAVE", "|": "BACKSLASH", "<": "COMMA", ">": "DOT", "?": "SLASH",
}  # fmt: skip
_PLAIN = {
    "-": "MINUS", "=": "EQUAL", "[": "LEFTBRACE", "]": "RIGHTBRACE", ";": "SEMICOLON",
    "'": "APOSTROPHE", "`": "GRAVE", "\\": "BACKSLASH", ",": "COMMA", ".": "DOT", "/": "SLASH",
    " ": "SPACE",
}  # fmt: skip


def keystrokes(text: str, start: float = 0.0, gap: float = 0.005, shift: str = "LEFTSHIFT"):
    """The events a US keyboard (or a scanner pretending to be one) sends for `text` + Enter."""
    t = start
    for ch in text:
        if ch in _SHIFTED or ch.isupper():
            name, shifted = _SHIFTED.get(ch, ch.upper()), True
        else:
            name, shifted = _PLAIN.get(ch, ch.upper()), False
        code = getattr(ecodes, f"KEY_{name}")
        if shifted:
            yield getattr(ecodes, f"KEY_{shift}"), DOWN, t
        yield code, DOWN, t
        yield code, UP, t + 0.001
        if shifted:
            yield getattr(ecodes, f"KEY_{shift}"), UP, t + 0.002
        t += gap
    yield ecodes.KEY_ENTER, DOWN, t
    yield ecodes.KEY_ENTER, UP, t + 0.001


def feed_all(decoder: KeystrokeDecoder, events) -> list[str]:
    return [text for e in events if (text := decoder.feed(*e)) is not None]


URL = "https://Zwdt.SH.gov.cn/app?id=310101&name=Li_Si~{x}|\"a\"<b>:[c];'d',`e`=!@#$%^*()+\\ ."


def test_a_fast_burst_ending_in_enter_is_a_scan_with_shifted_characters() -> None:
    assert feed_all(KeystrokeDecoder(), keystrokes(URL)) == [URL]


def test_a_burst_longer_than_the_limit_is_dropped_and_the_next_scan_read() -> None:
    decoder = KeystrokeDecoder(max_length=8)
    assert feed_all(decoder, keystrokes("A" * 9)) == []
    assert feed_all(decoder, keystrokes("A" * 8, start=10.0)) == ["A" * 8]
    assert KeystrokeDecoder().max_length == 8192


def test_the_right_shift_key_shifts_too() -> None:
    assert feed_all(KeystrokeDecoder(), keystrokes("AbC?", shift="RIGHTSHIFT")) == ["AbC?"]


def test_a_person_typing_is_not_a_scan() -> None:
    assert feed_all(KeystrokeDecoder(), keystrokes("hello world", gap=0.15)) == []


def test_enter_pressed_after_a_pause_is_not_a_scan() -> None:
    events = list(keystrokes("ABC-123"))
    code, value, t = events[-2]
    events[-2:] = [(code, value, t + 0.5), (code, UP, t + 0.501)]
    assert feed_all(KeystrokeDecoder(), events) == []


def test_a_scan_right_after_someone_typed_is_read_alone() -> None:
    events = [*keystrokes("typed", gap=0.2)][:-2]  # typed slowly, no Enter
    events += keystrokes("SCAN-42", start=2.0)
    assert feed_all(KeystrokeDecoder(), events) == ["SCAN-42"]


def test_a_burst_shorter_than_the_minimum_is_ignored() -> None:
    assert feed_all(KeystrokeDecoder(min_length=3), keystrokes("ab")) == []
    assert feed_all(KeystrokeDecoder(min_length=3), keystrokes("abc")) == ["abc"]


def test_a_held_key_or_an_unknown_key_spoils_the_burst() -> None:
    held = list(keystrokes("ABCDEF"))
    held.insert(4, (ecodes.KEY_B, HOLD, 0.0055))
    assert feed_all(KeystrokeDecoder(), held) == []
    unknown = list(keystrokes("ABCDEF"))
    unknown.insert(4, (ecodes.KEY_F1, DOWN, 0.0055))
    assert feed_all(KeystrokeDecoder(), unknown) == []


def test_keypad_digits_and_keypad_enter() -> None:
    keys = [ecodes.KEY_KP3, ecodes.KEY_KP1, ecodes.KEY_KP0, ecodes.KEY_KPDOT, ecodes.KEY_KP9]
    events = [(code, DOWN, i * 0.004) for i, code in enumerate(keys)]
    events.append((ecodes.KEY_KPENTER, DOWN, 0.02))
    assert feed_all(KeystrokeDecoder(), events) == ["310.9"]


def test_the_terminator_is_configurable() -> None:
    events = list(keystrokes("TAB-ENDED"))[:-2]
    events.append((ecodes.KEY_TAB, DOWN, events[-1][2] + 0.004))
    assert feed_all(KeystrokeDecoder(terminators=[ecodes.KEY_TAB]), events) == ["TAB-ENDED"]
    assert feed_all(KeystrokeDecoder(), events) == []


# --- the evdev side ----------------------------------------------------------------------------


def test_the_module_imports_where_evdev_does_not_exist() -> None:
    script = (
        "import sys; sys.modules['evdev'] = None\n"
        "import drivers.scanner.keyboard_scanner as k\n"
        "print(k.KeystrokeDecoder().feed(30, 1, 0.0))"
    )
    repository = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=repository
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_a_missing_keyboard_scanner_is_reported_as_no_device(run_device, tmp_path) -> None:
    scanner = KeyboardScanner("kbd", str(tmp_path / "event99"), backoff=Backoff(0.05, 0.1))
    recorder = run_device(scanner)
    recorder.wait_state(DeviceState.NO_DEVICE)
    assert "event99" in scanner.status.detail


class StandInInput:
    """Stands in for evdev.InputDevice where the machine has no /dev/input to test with."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = "Honeywell 1900 Keyboard"
        self.grabbed = False
        self.unplugged = False
        self._pending: queue.SimpleQueue[types.SimpleNamespace] = queue.SimpleQueue()

    def grab(self) -> None:
        self.grabbed = True

    def ungrab(self) -> None:
        self.grabbed = False

    def close(self) -> None:
        pass

    def read(self) -> Iterator[types.SimpleNamespace]:
        if self.unplugged:
            raise OSError(errno.ENODEV, "No such device")
        if self._pending.empty():
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
        events = []
        while not self._pending.empty():
            events.append(self._pending.get())
        return iter(events)

    def type(self, text: str) -> None:
        for code, value, t in keystrokes(text, start=0.0):
            event = types.SimpleNamespace(type=ecodes.EV_KEY, code=code, value=value)
            event.timestamp = lambda t=t: t
            self._pending.put(event)


def test_a_scanner_found_by_name_is_grabbed_and_its_scans_reported(
    run_device, monkeypatch, tmp_path
) -> None:
    node = tmp_path / "event7"
    node.touch()
    stand_in = StandInInput(str(node))

    def open_input(path: str) -> StandInInput:
        if not node.exists():
            raise FileNotFoundError(path)
        return stand_in

    fake_evdev = types.SimpleNamespace(
        InputDevice=open_input, list_devices=lambda: [str(node)] if node.exists() else []
    )
    monkeypatch.setattr(keyboard_scanner, "_evdev", lambda: fake_evdev)
    scanner = KeyboardScanner("kbd", "honeywell", backoff=Backoff(0.05, 0.1))
    recorder = run_device(scanner)
    recorder.wait_state(DeviceState.ONLINE)
    assert stand_in.grabbed

    stand_in.type("Scan-ME:1")
    assert recorder.wait_for(CodeScanned) == CodeScanned(
        "kbd", "Scan-ME:1", b"Scan-ME:1", "unknown"
    )

    node.unlink()  # unplugged: the node goes first, so no reconnect can grab it again
    stand_in.unplugged = True
    recorder.wait_state(DeviceState.NO_DEVICE)
    assert not stand_in.grabbed
