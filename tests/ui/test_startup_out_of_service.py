"""`python -m kiosk` on each start-up fault, a real subprocess offscreen: it never exits with a
traceback; it opens its window out of service (or, for a repaired outbox or one bad device, in
service), logs the fault's one line, stays up until told to stop, and leaves no spare folder
behind. In the process: the reason on the out-of-service screen, the maintenance
chord still working, and devices coming online not ending it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk import startup_check
from kiosk.view import ScreenName
from tests.fakes import FakeClock
from tests.kiosk.startup_faults import damaged, fill, read_only, site, small_disk
from tests.ui.touch import tap

WAIT = 90.0  # seconds for a start on a busy machine; the loop ends at the line, not at this


class Running:
    """The kiosk as systemd would run it, its output and log read as they grow."""

    def __init__(self, tmp_path: Path, data_dir: Path, *args: str) -> None:
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir(exist_ok=True)
        self.err_path = tmp_path / "stderr.txt"
        env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_CONFIG", "KIOSK_DATA_DIR")}
        env.update(QT_QPA_PLATFORM="offscreen", TMPDIR=str(self.tmp))
        self.log_files = [data_dir / "logs" / "kiosk.log"]
        with open(self.err_path, "w") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "kiosk", *args,
                                             "--data-dir", str(data_dir)],
                                            stdout=err, stderr=subprocess.STDOUT, env=env)

    def output(self) -> str:
        text = self.err_path.read_text(errors="replace")
        for log in self.log_files:
            if log.is_file():
                text += log.read_text(errors="replace")
        return text

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while text not in self.output():
            assert self.process.poll() is None, f"it exited {self.process.returncode}:\n" \
                                                f"{self.output()}"
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.output()}"
            time.sleep(0.05)  # polling the files it writes, until the line is there
        return self.output()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(60)


def run_until_open(tmp_path, data_dir: Path, *args: str, screen: str = "out_of_service") -> str:
    running = Running(tmp_path, data_dir, *args)
    try:
        output = running.wait_for(f"window open on the {screen} screen")
        assert running.process.poll() is None  # it stays up
    finally:
        code = running.stop()
    output = running.output()
    assert code == 0, output
    assert "Traceback" not in output and "Logging error" not in output
    assert not list(running.tmp.glob("tongban-spare-*"))  # the spare folder went with it
    return output


def test_a_data_folder_that_is_a_file(tmp_path):
    """And the spare folder a killed kiosk left is removed by the next."""
    data = tmp_path / "data"
    data.write_text("not a folder")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    left = tmp_path / "tmp" / f"tongban-spare-{gone.pid}-x1"
    left.mkdir(parents=True)
    (left / "outbox.sqlite").write_bytes(b"")
    output = run_until_open(tmp_path, data, "--config", str(site(tmp_path)))
    assert f"start-up check: {data} is a file, not a folder" in output
    assert not left.exists()


def test_an_empty_database_setting_runs_on_the_defaults(tmp_path):
    config = site(tmp_path, '[platform]\ndatabase = ""\n')
    output = run_until_open(tmp_path, tmp_path / "data", "--config", str(config))
    assert f"start-up check: {config}: platform.database:" in output
    assert "runs on the defaults" in output


def test_a_damaged_store(tmp_path):
    damaged(tmp_path / "data" / "kiosk.sqlite")
    output = run_until_open(tmp_path, tmp_path / "data", "--config", str(site(tmp_path)))
    assert "the embedded platform's store is damaged" in output


def test_a_damaged_outbox_is_moved_aside_and_the_kiosk_serves(tmp_path):
    damaged(tmp_path / "data" / "outbox.sqlite")
    output = run_until_open(tmp_path, tmp_path / "data", "--config", str(site(tmp_path)),
                            screen="attract")
    assert "moved aside to outbox.sqlite.corrupt-" in output
    assert len(list((tmp_path / "data").glob("outbox.sqlite.corrupt-*"))) == 1


def test_a_bad_device_uri_is_that_device_out(tmp_path):
    config = site(tmp_path, '[devices]\nprinter = "escpos+tcp://[::1"\n')
    output = run_until_open(tmp_path, tmp_path / "data", "--config", str(config),
                            screen="attract")
    assert "start-up check: devices.printer: " in output


def test_a_full_disk(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        output = run_until_open(tmp_path, disk, "--config", str(site(tmp_path)))
    assert f"start-up check: {disk} cannot be written (No space left on device)" in output


def test_a_read_only_data_folder(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        (disk / "data").mkdir()
        read_only(disk)
        output = run_until_open(tmp_path, disk / "data", "--config", str(site(tmp_path)))
    assert "cannot be written (Read-only file system)" in output


@pytest.fixture
def failed_start(qtbot, tmp_path, clock):
    """The real app on a data folder that is a file, as `python -m kiosk` makes it."""
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    (tmp_path / "data").write_text("not a folder")
    settings, problems = startup_check.load(site(tmp_path), tmp_path / "data")
    problems += startup_check.check(settings, repair=True, devices=False)
    make_application()
    app = KioskApp(settings, clock=clock, problems=problems, voice_player=RecordingPlayer(),
                   voice_engine=RecordingEngine())
    app.window.set_screen_size(1080, 1920)
    app.window.tremor.clock = FakeClock()  # tap() moves it on
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.close()


def test_the_reason_on_screen_the_chord_works_and_devices_do_not_end_it(qtbot, failed_start):
    app = failed_start
    assert app.kiosk.view.screen == ScreenName.OUT_OF_SERVICE
    reason = app.window.findChild(QLabel, "reason")
    assert reason is not None and reason.isVisible()
    assert "data" in reason.text() and "kiosk check" in reason.text()
    # the sample devices come online: a device working again does not end a failed self-test
    qtbot.waitUntil(lambda: all(app.kiosk.devices.status.get(name) is not None
                                and app.kiosk.devices.status[name].usable
                                for name in ("idcard", "scanner", "printer")), timeout=20000)
    assert app.kiosk.view.screen == ScreenName.OUT_OF_SERVICE
    qtbot.keyClick(app.window.windowHandle(), Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: app.kiosk.view.screen == ScreenName.MAINTENANCE_ENTRY)
    tap(qtbot, app.window, "cancel")  # the pad's cancel: back out of service, not to attract
    qtbot.waitUntil(lambda: app.kiosk.view.screen == ScreenName.OUT_OF_SERVICE)
