"""Cold start to the first painted attract screen, and resident memory after start, measured
on a fresh process each time (the median of a few runs)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
TARGET_START_S = 1.5
TARGET_MEMORY_MB = 200

# The child starts the kiosk on simulated devices and reports when the window first paints.
CHILD = r"""
import json, sys, tempfile
from PySide6.QtCore import QEvent, QObject
from kiosk.config import load_settings
from ui.main import make_application
from ui.app import KioskApp

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is kiosk.window:
            rss = next(int(line.split()[1]) for line in open("/proc/self/status")
                       if line.startswith("VmRSS:"))
            print(json.dumps({"screen": kiosk.kiosk.state.screen.value, "rss_kb": rss}), flush=True)
            qt.quit()
        return False

qt = make_application()
kiosk = KioskApp(load_settings(data_dir=tempfile.mkdtemp()))
kiosk.window.set_screen_size(1080, 1920)
watcher = FirstPaint()
kiosk.window.installEventFilter(watcher)
kiosk.window.show()  # at the terminal's own size, as full screen would be
qt.exec()
kiosk.close()
"""


def run() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    root = Path(__file__).resolve().parent.parent
    starts, memory = [], []
    for _ in range(RUNS):
        began = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, cwd=root, env=env)
        line = child.stdout.readline()
        starts.append(time.perf_counter() - began)
        child.wait(timeout=30)
        report = json.loads(line)
        assert report["screen"] == "attract"
        memory.append(report["rss_kb"] / 1024)
    start_s = statistics.median(starts)
    memory_mb = statistics.median(memory)
    return {
        "cold_start_s": round(start_s, 3),
        "cold_start_runs_s": [round(s, 3) for s in starts],
        "memory_mb": round(memory_mb, 1),
        "target": {"cold_start_s": TARGET_START_S, "memory_mb": TARGET_MEMORY_MB},
        "ok": start_s <= TARGET_START_S and memory_mb <= TARGET_MEMORY_MB,
    }
