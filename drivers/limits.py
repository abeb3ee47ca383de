"""The bounds on what devices, and the settings that name them, may say: baud rates, network
ports, timeouts, a device URI's length, a scan's size. Each check returns the value or raises
ValueError with a short reason that the caller puts after the URI or option it names."""

from __future__ import annotations

import math

# The rates serial scanners, ID card readers and receipt printers offer (and pyserial takes
# on every platform); anything else is a typo, and a huge one overflows the port's driver.
STANDARD_BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)
MAX_URI_CHARS = 1024  # a device URI is a scheme, a port or host or path, a few options
# A QR code holds at most 7089 digits (2953 bytes); a scan longer than this is line noise or
# a scanner stuck in a loop, and is dropped before anything parses it.
MAX_SCAN_BYTES = 8192
MAX_TIMEOUT_SECONDS = 600.0  # the longest wait any device command or command line asks for


def quoted(text: str) -> str:
    """A URI or argument as an error line quotes it: on one line, cut short when long."""
    shown = repr(text)
    return shown if len(shown) <= 90 else f"{shown[:80]}…' ({len(text)} characters)"


def baud(text: str | int) -> int:
    """A baud rate from STANDARD_BAUDS; ValueError otherwise."""
    value = _whole(text)
    if value not in STANDARD_BAUDS:
        shown = ", ".join(str(rate) for rate in STANDARD_BAUDS)
        raise ValueError(f"must be a standard rate ({shown}), not {text}")
    return value


def port(text: str | int) -> int:
    """A TCP port, 1 to 65535; ValueError otherwise."""
    value = _whole(text)
    if not 1 <= value <= 65535:
        raise ValueError(f"must be a port from 1 to 65535, not {text}")
    return value


def seconds(text: str | float, low: float = 0.1, high: float = MAX_TIMEOUT_SECONDS) -> float:
    """A finite number of seconds from `low` to `high`; ValueError for 0, −1, nan, inf, words."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"must be a number of seconds, not {text!r}") from None
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"must be {low:g} to {high:g} seconds, not {text}")
    return value


def within(text: str | int, low: int, high: int) -> int:
    """A whole number from `low` to `high`; ValueError otherwise."""
    value = _whole(text)
    if not low <= value <= high:
        raise ValueError(f"must be from {low} to {high}, not {text}")
    return value


def _whole(text: str | int) -> int:
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    cleaned = str(text).strip()
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 12):
        raise ValueError(f"must be a whole number, not {str(text)[:40]!r}")
    return int(cleaned)
