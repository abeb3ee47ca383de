"""The idle warning's countdown, once a second: the kiosk's tick (the clock read, the screen
state published) and what Qt then does (one label changed and painted), over 60 ticks of a
warning on the form screen. Target: 2 ms each, at most. The warning's appearing (built
long ago, now laid out over the screen, focused and announced) is reported on its own: its
first WARM_UP seconds are not the countdown."""

from __future__ import annotations

import statistics
import time

TICKS = 60
WARM_UP = 5
TARGET_MAX_MS = 2.0


def run() -> dict:
    from bench.offscreen_kiosk import offscreen_kiosk
    from kiosk.config import Timeouts

    now = [1000.0]
    timeouts = Timeouts(warning_seconds=300)  # a countdown long enough for every tick
    with offscreen_kiosk(service="social_security_card", clock=lambda: now[0],
                         settings_update={"timeouts": timeouts}) as (qt, app):
        kiosk = app.kiosk
        now[0] += timeouts.idle_seconds + 1
        began = time.perf_counter()
        kiosk.tick()  # the warning appears
        for _ in range(WARM_UP):
            qt.processEvents()
            now[0] += 1
            kiosk.tick()
        qt.processEvents()
        appearing = (time.perf_counter() - began) * 1000
        times = []
        for _ in range(TICKS):
            now[0] += 1
            began = time.perf_counter()
            kiosk.tick()
            qt.processEvents()  # the changed label, painted
            times.append((time.perf_counter() - began) * 1000)
        counting = app.window.overlay.isVisible()
    times.sort()
    return {
        "ticks": TICKS,
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
        "max_ms": round(times[-1], 3),
        "warning_shown": counting,
        "appearing_ms": round(appearing, 2),
        "target": {"max_ms": TARGET_MAX_MS},
        "ok": times[-1] <= TARGET_MAX_MS and counting,
    }
