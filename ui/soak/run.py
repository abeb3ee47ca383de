"""Runs the soak: the real kiosk (`KioskApp`, simulated devices on their threads, the
embedded platform in a temporary data folder, no metrics port) offscreen in the real Qt
event loop, N simulated visits, the counts at warm-up and at the end, and the report."""

from __future__ import annotations

import logging
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ui.soak.measure import files_under, settle, snapshot
from ui.soak.resident import Resident, Stuck
from ui.soak.trouble import Faults, LatePlatform
from ui.soak.verdict import Report

WARM_UP = 0.1  # the share of sessions before the warm-up measurement
BOUND_SECONDS = 60.0  # an expected screen not there by then: the journey is stuck

SessionHook = Callable[[Any], None]  # called with the KioskApp after each session


class SoakClock:
    """The kiosk's session clock, moved on by the soak (a timeout costs no real time)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _one_line(kind: str, error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    at = f" at {where[0].filename}:{where[0].lineno}" if where else ""
    return f"{kind}: {type(error).__name__}: {error}{at}"


class _LoggedTracebacks(logging.Handler):
    """An exception the kiosk caught and logged with its traceback (the device bridge and
    the background's results do) is one no code handled: it counts as unhandled."""

    def __init__(self, report: Report) -> None:
        super().__init__(logging.ERROR)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.report.exception(_one_line(f"logged by {record.name}", record.exc_info[1]))


@contextmanager
def _watching(report: Report, temp: Path) -> Iterator[None]:
    """For the run: every unhandled exception counted, every temporary file in `temp`."""
    saved = (sys.excepthook, threading.excepthook, sys.unraisablehook, tempfile.tempdir,
             os.environ.get("TMPDIR"))
    sys.excepthook = lambda kind, error, tb: report.exception(_one_line("main thread", error))
    threading.excepthook = lambda args: report.exception(
        _one_line(f"thread {args.thread.name if args.thread else '?'}", args.exc_value))
    sys.unraisablehook = lambda args: report.exception(
        _one_line(f"unraisable in {args.object!r}", args.exc_value))
    tempfile.tempdir = str(temp)
    os.environ["TMPDIR"] = str(temp)
    handler = _LoggedTracebacks(report)
    logging.getLogger().addHandler(handler)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(handler)
        sys.excepthook, threading.excepthook, sys.unraisablehook, tempfile.tempdir = saved[:4]
        if saved[4] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved[4]


def run_soak(sessions: int, seed: int = 0, *, hooks: tuple[SessionHook, ...] = (),
             bound_seconds: float = BOUND_SECONDS, real_voice: bool = True,
             progress: Callable[[int], None] | None = None) -> Report:
    """`sessions` visits with `seed`; `hooks` run after each (a test plants a leak there)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.config import load_settings
    from kiosk.voice import SilentEngine
    from ui.app import KioskApp
    from ui.main import make_application

    qt = make_application()
    report = Report(sessions=sessions, seed=seed)
    root = Path(tempfile.mkdtemp(prefix="tongban-soak-"))
    temp, data = root / "tmp", root / "data"
    temp.mkdir()
    rng = random.Random(seed)
    warm_up_at = max(1, round(sessions * WARM_UP))
    try:
        with _watching(report, temp):
            settings = load_settings(data_dir=data)
            settings = settings.model_copy(update={
                "metrics": settings.metrics.model_copy(update={"port": 0})})
            clock = SoakClock()
            app = KioskApp(settings, clock=clock,
                           voice_engine=None if real_voice else SilentEngine())
            try:
                late = LatePlatform(app.network.platform, random.Random(seed + 1))
                app.network.platform = late
                app.window.set_screen_size(1080, 1920)
                app.window.show()
                faults = Faults(app, late, rng)
                resident = Resident(app, clock, rng, faults, bound_seconds)
                for number in range(1, sessions + 1):
                    began = time.perf_counter()
                    _one_session(app, resident, faults, report, number)
                    report.seconds.append(time.perf_counter() - began)
                    for hook in hooks:
                        hook(app)
                    if number == warm_up_at:
                        report.warm_up_after = number
                        report.warm_up = snapshot(temp, data / "visits")
                    if progress is not None:
                        progress(number)
                report.end = snapshot(temp, data / "visits")
                report.journeys, report.faults = resident.journeys, faults.counts
            finally:
                app.close()
                settle()
                qt.processEvents()
            report.temp_files_after_close = files_under(temp)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report


def _one_session(app: Any, resident: Resident, faults: Faults, report: Report,
                 number: int) -> None:
    from kiosk.view import ScreenName

    try:
        resident.visit()
        return
    except Stuck as stuck:
        report.stuck_journey(number, str(stuck), resident.steps)
    except Exception as error:  # a kiosk action raised: a touch would have met it too
        report.exception(_one_line(f"session {number}, {resident.steps[-1:]}", error))
    # that visit is over: everything back as it was, the kiosk's own wipe, on with the next
    faults.clear()
    app.kiosk.end_visit("soak: the journey could not go on")
    try:
        resident.take_card_back()
        resident.wait("the attract screen", lambda: app.kiosk.state.screen in (
            ScreenName.ATTRACT, ScreenName.OUT_OF_SERVICE))
        resident.wait("the attract screen", lambda: app.kiosk.state.screen
                      == ScreenName.ATTRACT)
    except Stuck as stuck:
        report.stuck_journey(number, f"recovery: {stuck}", resident.steps)
