"""The crash handler. An exception nobody caught, on the screen's thread (PySide6 hands a
slot's or an event handler's to `sys.excepthook`) or any other, is one ERROR record in the
log with its traceback (masked there as every record is), and one short line in
`<data>/logs/crash.log` (0600: when, which thread, the exception's type and where; never its
message, which may hold a resident's words). A hard fault (a driver's library crashing) is
written to the same file by faulthandler. Then the visit is wiped and the kiosk rests; the
third crash within ten minutes puts it out of service instead of looping."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from drivers.base import DeviceState, DeviceStatus, StatusChanged
from kiosk.audit_log import detail
from kiosk.private_files import private_dir, private_file

log = logging.getLogger(__name__)
FILE_NAME = "crash.log"
RUNNING = "running"  # there while a kiosk runs; left behind by a run that never stopped
UNCLEAN = "unclean-ends"  # when runs were found to have ended so, within the window
LIMIT = 3  # crashes within WINDOW_S: the kiosk stops trying and is out of service
WINDOW_S = 600.0
# The kiosk's own "device": out after repeated crashes (device_policy.BLOCKING), until restart.
DEVICE = "kiosk"
CRASHED = DeviceStatus(DeviceState.HARDWARE_ERROR, detail="repeated crashes: restart it")


class CrashHandler:
    """`on_crash(too_many)` is called on the thread that crashed, after the record; if it
    raises, or a crash comes while it runs, `last_resort()` is called (the app exits so that
    its supervisor starts it again)."""

    def __init__(self, folder: Path, on_crash: Callable[[bool], None],
                 last_resort: Callable[[], None], *,
                 clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.path = folder / FILE_NAME
        self.on_crash, self.last_resort = on_crash, last_resort
        self.clock, self.wall_clock = clock, wall_clock
        self.recent: deque[float] = deque()
        self._handling = threading.local()
        self._file: IO[str] | None = None
        self._lock = threading.Lock()
        self._before: tuple[Any, Any, bool] | None = None
        self.too_many_at_start = False

    def install(self) -> CrashHandler:
        """Hook in. `too_many_at_start` says whether the runs before ended without stopping
        (a hard fault, a kill, a watchdog's restart) LIMIT times within WINDOW_S."""
        private_dir(self.path.parent)
        private_file(self.path)
        self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for faults
        self.too_many_at_start = self._unclean_ends()
        self._before = (sys.excepthook, threading.excepthook, faulthandler.is_enabled())
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        faulthandler.enable(file=self._file, all_threads=True)
        return self

    def uninstall(self) -> None:
        if self._before is None:
            return
        sys.excepthook, threading.excepthook, faults_were_on = self._before
        self._before = None
        faulthandler.disable()
        if faults_were_on and sys.__stderr__ is not None:
            faulthandler.enable(file=sys.__stderr__)
        if self._file is not None:
            self._file.close()
            self._file = None
        self._running.unlink(missing_ok=True)  # a clean stop

    @property
    def _running(self) -> Path:
        return self.path.parent / RUNNING

    def _unclean_ends(self) -> bool:
        """Note this run as started; if the last one never stopped, note its end (wall-clock
        times, one a line, in RUNNING's sibling) and count those within the window."""
        now = self.wall_clock()
        ends = self.path.parent / UNCLEAN
        if self._running.exists():
            self._write(f"{now:%Y-%m-%dT%H:%M:%SZ} the last run ended without stopping (a "
                        "hard fault above, a kill, or the power)\n")
            try:
                times = [datetime.fromisoformat(line) for line in
                         ends.read_text(encoding="ascii").split()] if ends.exists() else []
            except (OSError, ValueError):
                times = []  # a damaged record counts nothing
            times = [t for t in times if now - t < timedelta(seconds=WINDOW_S)] + [now]
            private_file(ends)
            ends.write_text("".join(f"{t.isoformat()}\n" for t in times), encoding="ascii")
        else:
            times = []
        private_file(self._running)
        return len(times) >= LIMIT

    def _excepthook(self, kind: type[BaseException], value: BaseException,
                    tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        self.crashed(threading.current_thread().name, kind, value, tb)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.crashed(name, args.exc_type, args.exc_value, args.exc_traceback)

    def crashed(self, where: str, kind: type[BaseException], value: BaseException,
                tb: TracebackType | None) -> None:
        """Record a crash, then recover from it (or stop, if recovering is what crashed)."""
        log.error("uncaught %s on %s: the visit is wiped and the kiosk rests", kind.__name__,
                  where, exc_info=(kind, value, tb))
        too_many = self._count()
        self._write(f"{self.wall_clock():%Y-%m-%dT%H:%M:%SZ} {where}: {kind.__name__} at "
                    f"{_place(tb)}{' (too many: out of service)' if too_many else ''}\n")
        if getattr(self._handling, "on", False):
            log.error("a crash while recovering from one: the kiosk stops to be started again")
            self.last_resort()
            return
        self._handling.on = True
        try:
            self.on_crash(too_many)
        except Exception:
            log.exception("recovering from a crash failed: the kiosk stops to be started again")
            self.last_resort()
        finally:
            self._handling.on = False

    def _count(self) -> bool:
        with self._lock:
            now = self.clock()
            self.recent.append(now)
            while self.recent and self.recent[0] < now - WINDOW_S:
                self.recent.popleft()
            return len(self.recent) >= LIMIT

    def _write(self, line: str) -> None:
        with self._lock:
            if self._file is None:
                return
            try:
                self._file.write(line)
                self._file.flush()
            except OSError as error:  # a full disk: the log record above is what is left
                log.error("crash log %s not written: %s", self.path, error.strerror or error)


def _place(tb: TracebackType | None) -> str:
    """Where it was raised: the innermost frame's file (its last two parts), line, function."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return "an unknown place"
    frame = frames[-1]
    parts = Path(frame.filename).parts[-2:]
    return f"{'/'.join(parts)}:{frame.lineno} in {frame.name}"


def rest_after_crash(kiosk: Any, too_many: bool) -> None:
    """What the kiosk does after a crash (on the screen's thread): the visit wiped and the
    kiosk resting; after too many, out of service until it is restarted."""
    kiosk.audit_visit("kiosk.crash")  # the visit it wiped, by its audit id
    kiosk.end_visit("a fault")
    if too_many:
        kiosk.audit("kiosk.crash_loop", detail(crashes=LIMIT, within_s=int(WINDOW_S)))
        log.error("staff: the kiosk crashed %d times within %d s and is out of service; "
                  "see logs/crash.log, then restart it from maintenance", LIMIT, int(WINDOW_S))
        kiosk.handle_device_event(StatusChanged(DEVICE, CRASHED, DeviceStatus(
            DeviceState.ONLINE)))
    kiosk.publish()
