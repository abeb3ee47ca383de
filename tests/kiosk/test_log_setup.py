"""The kiosk's JSON log (kiosk/log_setup.py) in real files: one object a line, rotation at
a small size and the cap on files kept, permissions, masking, the level, a folder that
cannot be written; and `python -m kiosk` as a subprocess writing its log there (and serving
its metrics and its heartbeat), stopped by SIGTERM."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta

import pytest

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk import log_setup
from tests.district.loopback import free_port
from tests.fakes import REPO

ID_NUMBER = "310101194501012345"
MOBILE = "13916627358"


@pytest.fixture
def installed():
    """`configure(settings)`, taken off again afterwards with the root logger's level."""
    root = logging.getLogger()
    level, made = root.level, []

    def install(settings, **options):
        handler = log_setup.configure(settings, **options)
        made.append(handler)
        return handler

    yield install
    for handler in made:
        log_setup.remove(handler)
    root.setLevel(level)


def with_logs(settings, **values):
    return settings.model_copy(update={"logs": settings.logs.model_copy(update=values)})


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_line_is_one_json_object_in_utc_with_the_exception(settings, installed):
    installed(settings)
    log = logging.getLogger("kiosk.test")
    log.info("a visit began")
    try:
        raise ValueError("bad value")
    except ValueError:
        log.exception("it failed")
    first, second = lines(settings.data_dir / "logs" / "kiosk.log")
    assert {k: first[k] for k in ("level", "logger", "message")} == {
        "level": "INFO", "logger": "kiosk.test", "message": "a visit began"}
    at = datetime.fromisoformat(first["time"])
    assert at.utcoffset() == timedelta(0)
    assert "exception" not in first
    assert second["level"] == "ERROR" and second["message"] == "it failed"
    assert "ValueError: bad value" in second["exception"]


def test_id_and_mobile_numbers_are_masked_in_the_message_and_the_exception(
        settings, installed):
    installed(settings)
    log = logging.getLogger("kiosk.test")
    try:
        raise RuntimeError(f"card {ID_NUMBER} phone {MOBILE}")
    except RuntimeError:
        log.exception("read %s, phone %s", ID_NUMBER, MOBILE)
    text = (settings.data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert ID_NUMBER not in text and MOBILE not in text
    [line] = lines(settings.data_dir / "logs" / "kiosk.log")
    assert line["message"] == "read 310***********2345, phone 139****7358"
    assert "card 310***********2345 phone 139****7358" in line["exception"]


def test_the_present_residents_name_is_masked_until_the_visit_is_wiped(
        settings, installed, rig):
    installed(settings)
    log = logging.getLogger("kiosk.test")
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)
    rig.jobs.finish_all()
    assert rig.visit.resident is not None
    log.warning("a driver quoted what it read: %s", ELDERLY.name)  # a line that slips through
    rig.kiosk.end_visit("finished")
    log.warning("the next visit: %s", "王秀")  # not a resident's any more: kept as it is
    text = (settings.data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert ELDERLY.name not in text
    assert f"what it read: {ELDERLY.name[0]}*{ELDERLY.name[-1]}" in text
    assert "the next visit: 王秀" in text
    assert all(ELDERLY.name not in line.message for line in rig.kiosk.log_book.lines())


def test_it_rotates_at_max_mb_keeping_files_and_only_this_user_reads_them(
        settings, installed):
    small = with_logs(settings, max_mb=0.002, files=2)  # about 2 KB a file
    installed(small)
    log = logging.getLogger("kiosk.test")
    for number in range(200):
        log.warning("line %03d of the rotation test", number)
    folder = settings.data_dir / "logs"
    assert sorted(p.name for p in folder.iterdir()) == ["kiosk.log", "kiosk.log.1",
                                                         "kiosk.log.2"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert path.stat().st_size <= 0.002 * 1024 * 1024
    newest = lines(folder / "kiosk.log")
    assert newest[-1]["message"] == "line 199 of the rotation test"
    kept = [line["message"] for name in ("kiosk.log.2", "kiosk.log.1", "kiosk.log")
            for line in lines(folder / name)]
    numbers = [int(message.split()[1]) for message in kept]
    assert numbers == list(range(numbers[0], 200)) and numbers[0] > 0  # the oldest went


def test_a_log_left_readable_by_others_is_made_private(settings, installed):
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, mode=0o755)
    (folder / "kiosk.log").write_text("", encoding="utf-8")
    (folder / "kiosk.log").chmod(0o644)
    installed(settings)
    logging.getLogger("kiosk.test").warning("hello")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "kiosk.log").stat().st_mode) == 0o600


def test_the_level_comes_from_the_settings(settings, installed):
    installed(with_logs(settings, level="WARNING"))
    log = logging.getLogger("kiosk.test")
    log.info("not kept")
    log.warning("kept")
    assert [line["message"] for line in lines(settings.data_dir / "logs" / "kiosk.log")] == [
        "kept"]


def test_a_folder_that_cannot_be_written_is_one_line_and_the_log_goes_to_stderr(
        settings, installed):
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "logs").write_text("a file where the folder should be")
    stderr = io.StringIO()
    installed(settings, stderr=stderr)
    logging.getLogger("kiosk.test").warning("still said")
    said = stderr.getvalue().splitlines()
    assert said[0].startswith(f"logs: cannot write {settings.data_dir / 'logs'}")
    assert json.loads(said[1])["message"] == "still said"
    assert len(said) == 2


def beats(database) -> list[dict]:
    """The heartbeats the kiosk's embedded store has taken (none while it starts)."""
    if not database.exists():
        return []
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [json.loads(beat) for (beat,) in db.execute("SELECT beat FROM heartbeats")]
    except sqlite3.OperationalError:  # not made yet
        return []
    finally:
        db.close()


def test_the_kiosk_run_as_a_subprocess_writes_its_log_and_serves_metrics(tmp_path):
    data, port = tmp_path / "data", free_port()
    site = tmp_path / "site.toml"
    site.write_text(f"[metrics]\nport = {port}\n[heartbeat]\ninterval_seconds = 5\n",
                    encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data),
           "KIOSK_CONFIG": str(site)}
    log_file = data / "logs" / "kiosk.log"
    child = subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # a hang guard, not a guess at its speed
        while not beats(data / "kiosk.sqlite"):  # its first beat: its event loop runs
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the kiosk never sent its heartbeat"
            time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as got:
            assert "kiosk_visits_started_total 0.0" in got.read().decode()
    finally:
        child.send_signal(signal.SIGTERM)
        _out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()
    logged = lines(log_file)
    assert any(line["message"] == f"metrics on http://127.0.0.1:{port}/metrics"
               for line in logged)
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in logged)
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    first = beats(data / "kiosk.sqlite")[0]
    assert first["mode"] == "attract" and first["devices"]["printer"]["state"] == "online"


def test_the_console_line_is_masked_as_the_file_is():
    from kiosk.cli import MaskedLine

    record = logging.LogRecord("kiosk.test", logging.WARNING, __file__, 1,
                               "card %s phone %s", (ID_NUMBER, MOBILE), None)
    line = MaskedLine("%(levelname)s %(name)s: %(message)s").format(record)
    assert line == "WARNING kiosk.test: card 310***********2345 phone 139****7358"
