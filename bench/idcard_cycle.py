"""How long one find → select → read cycle takes through the serial driver, against the
emulator pacing its replies like a 115200-baud wire (the photo reply alone is ~0.11 s)."""

from __future__ import annotations

import statistics
import time

from drivers.base import DeviceError
from drivers.idcard.emulator import ReaderEmulator, demo_card
from drivers.idcard.serial_reader import SamSerialReader

BAUDRATE = 115200
REPETITIONS = 30
TARGET_MS = 300.0
TARGET = f"p95 <= {TARGET_MS:g} ms"


def run() -> dict:
    times: list[float] = []
    with ReaderEmulator(demo_card(), baudrate=BAUDRATE) as emulator:
        reader = SamSerialReader("bench", port=emulator.port, baudrate=BAUDRATE)
        try:
            reader.read_once(timeout=1)  # warm-up: imports, first open of the pty
            for _ in range(REPETITIONS):
                start = time.perf_counter()
                reader.read_once(timeout=1)  # open, SAM status, find, select, read, close
                times.append((time.perf_counter() - start) * 1000)
        except DeviceError as error:
            return {"error": error.message, "target": TARGET, "ok": False}
    times.sort()
    p95 = times[round(0.95 * (len(times) - 1))]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(times[-1], 1),
        "repetitions": REPETITIONS,
        "baudrate": BAUDRATE,
        "target": TARGET,
        "ok": p95 <= TARGET_MS,
    }
