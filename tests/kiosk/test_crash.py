"""The crash handler (kiosk/crash.py): what a crash leaves in the log and the crash log, on a
real thread, at the top of a real process and in a hard fault; counting crashes on a test
clock; and what the kiosk does afterwards (the rig: wiped and resting, or out of service)."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drivers.base import CardRead, DeviceState, DeviceStatus
from drivers.idcard.samples import ELDERLY
from kiosk.crash import FILE_NAME, LIMIT, WINDOW_S, CrashHandler, rest_after_crash
from kiosk.modes.base import ModeName
from kiosk.view import ScreenName as S
from tests.kiosk.maintenance_rig import audits, tell

ROOT = Path(__file__).resolve().parents[2]
SECRET = "王秀英 310101194501010029"


class Calls:
    def __init__(self) -> None:
        self.crashes: list[bool] = []
        self.last_resorts = 0

    def on_crash(self, too_many: bool) -> None:
        self.crashes.append(too_many)

    def last_resort(self) -> None:
        self.last_resorts += 1


@pytest.fixture
def handler(tmp_path, clock):
    calls = Calls()
    handler = CrashHandler(tmp_path / "logs", calls.on_crash, calls.last_resort, clock=clock)
    handler.calls = calls
    handler.install()
    yield handler
    handler.uninstall()


def raise_in_thread(name: str = "worker") -> None:
    def work() -> None:
        raise RuntimeError(f"the card of {SECRET} failed")

    thread = threading.Thread(target=work, name=name)
    thread.start()
    thread.join()


def test_a_thread_that_dies_is_logged_with_its_traceback_and_noted_in_the_crash_log(
        handler, caplog):
    caplog.set_level(logging.ERROR)
    raise_in_thread("printer-worker")
    records = [r for r in caplog.records if r.name == "kiosk.crash"]
    assert len(records) == 1 and records[0].levelno == logging.ERROR
    assert records[0].exc_info[0] is RuntimeError  # the traceback goes to the log's handler
    assert "printer-worker" in records[0].getMessage()
    line = handler.path.read_text(encoding="utf-8")
    assert "printer-worker: RuntimeError at kiosk/test_crash.py:" in line
    assert "in work" in line
    assert "王秀英" not in line and "310101" not in line  # the message is never written here
    assert stat.S_IMODE(handler.path.stat().st_mode) == 0o600
    assert handler.calls.crashes == [False]


def test_the_third_crash_within_ten_minutes_is_too_many_and_an_old_one_does_not_count(
        handler, clock):
    raise_in_thread()
    clock.advance(WINDOW_S + 1)  # the first is forgotten
    for _ in range(LIMIT - 1):
        raise_in_thread()
    assert handler.calls.crashes == [False] * LIMIT
    raise_in_thread()
    assert handler.calls.crashes[-1] is True
    assert handler.path.read_text(encoding="utf-8").splitlines()[-1].endswith(
        "(too many: out of service)")


def test_a_recovery_that_fails_ends_in_the_last_resort(tmp_path, caplog):
    calls = Calls()

    def broken(too_many: bool) -> None:
        raise ValueError("the window is gone")

    handler = CrashHandler(tmp_path, broken, calls.last_resort).install()
    try:
        raise_in_thread()
    finally:
        handler.uninstall()
    assert calls.last_resorts == 1
    assert any("recovering from a crash failed" in r.getMessage() for r in caplog.records)


def test_uninstall_puts_the_hooks_back(tmp_path):
    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler(tmp_path, Calls().on_crash, Calls().last_resort).install()
    assert sys.excepthook != before[0] and threading.excepthook != before[1]
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def run_script(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from kiosk.crash import CrashHandler
        handler = CrashHandler(Path({str(tmp_path)!r}), lambda too_many: print("recovered"),
                               lambda: None).install()
    """) + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_an_uncaught_exception_at_the_top_of_a_process_goes_through_the_handler(tmp_path):
    done = run_script(tmp_path, f"raise KeyError({SECRET!r})")
    line = (tmp_path / FILE_NAME).read_text(encoding="utf-8")
    assert "MainThread: KeyError at " in line and "310101" not in line
    assert "recovered" in done.stdout


def test_a_hard_fault_is_written_to_the_crash_log_by_faulthandler(tmp_path):
    done = run_script(tmp_path, "import faulthandler; faulthandler._sigsegv()")
    assert done.returncode != 0
    text = (tmp_path / FILE_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert "<string>" in text  # where it happened, as faulthandler tells it


def test_after_a_crash_the_visit_is_wiped_and_the_kiosk_rests(rig):
    kiosk = rig.kiosk
    kiosk.start()
    kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    kiosk.consent(True)
    rig.jobs.finish()
    assert kiosk.session.visit.resident is not None
    wiped = kiosk.session.visit.audit_id
    rest_after_crash(kiosk, too_many=False)
    assert rig.view.screen == S.ATTRACT and kiosk.session.visit.resident is None
    assert not kiosk.session.active
    assert ("kiosk.crash", f"visit={wiped}") in audits(rig)


def test_after_too_many_crashes_the_kiosk_stays_out_of_service_until_restarted(rig):
    kiosk = rig.kiosk
    kiosk.start()
    rest_after_crash(kiosk, too_many=True)
    assert rig.view.screen == S.OUT_OF_SERVICE and kiosk.mode.name == ModeName.OUT_OF_SERVICE
    assert ("kiosk.crash_loop", "crashes=3 within_s=600") in audits(rig)
    tell(rig, "printer", DeviceStatus(DeviceState.ONLINE))  # a device back is no way out
    assert rig.view.screen == S.OUT_OF_SERVICE


def test_runs_that_keep_ending_without_stopping_start_the_next_one_out_of_service(tmp_path):
    """A hard fault (or a kill, or the watchdog's restart) ends a run without the handler's
    uninstall: the next run finds it; the LIMIT-th such end within the window is too many."""
    found = [run_script(tmp_path, "print(handler.too_many_at_start); import os; os._exit(1)")
             .stdout.strip() for _ in range(LIMIT + 1)]
    assert found == ["False"] * LIMIT + ["True"]
    log = (tmp_path / FILE_NAME).read_text(encoding="utf-8")
    assert log.count("the last run ended without stopping") == LIMIT
    later = datetime.now(UTC) + timedelta(seconds=WINDOW_S + 1)
    handler = CrashHandler(tmp_path, Calls().on_crash, Calls().last_resort,
                           wall_clock=lambda: later).install()
    handler.uninstall()  # a clean stop this time
    assert not handler.too_many_at_start  # the old ends are past the window
    again = CrashHandler(tmp_path, Calls().on_crash, Calls().last_resort,
                         wall_clock=lambda: later).install()
    again.uninstall()
    assert not again.too_many_at_start
    assert (tmp_path / FILE_NAME).read_text(encoding="utf-8").count("without stopping") == \
        LIMIT + 1  # the clean stop left nothing to find
