"""`python -m kiosk maintenance-pin` and `python -m kiosk platform technician-code`, run as
an operator runs them: subprocesses, their output read back and used."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from district.signing import KEY_FILE, signing_key
from kiosk.maintenance.pin import check_pin, parse
from kiosk.maintenance.technician_code import CodeRefused, read_code
from tests.fakes import REPO


def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin,
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_maintenance_pin_prints_a_line_for_the_site_file():
    done = kiosk("maintenance-pin", "--stdin", stdin="975310\n")
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.startswith('pin_hash = "scrypt$') and "975310" not in done.stdout
    stored = line.split('"')[1]
    parse(stored)
    assert check_pin("975310", stored) and not check_pin("975311", stored)


@pytest.mark.parametrize("pin", ["12", "12ab", ""])
def test_a_pin_that_cannot_be_is_one_line_and_nothing_printed(pin):
    done = kiosk("maintenance-pin", "--stdin", stdin=pin + "\n")
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "PIN must be" in done.stderr


def test_technician_code_is_signed_by_the_embedded_platforms_key(tmp_path):
    data = tmp_path / "data"
    done = kiosk("platform", "technician-code", "--name", "张工", "--kiosk", "BS-YY-001",
                 "--minutes", "5", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    text = done.stdout.strip()
    key = signing_key(data / KEY_FILE).public_key()
    found = read_code(text, key, "BS-YY-001", datetime.now(UTC), set())
    assert found.technician == "张工" and found.kiosk == "BS-YY-001"
    with pytest.raises(CodeRefused) as refused:
        read_code(text, key, "BS-YY-002", datetime.now(UTC), set())
    assert refused.value.reason == "kiosk"


@pytest.mark.parametrize("args", [("--minutes", "0"), ("--key", "/nonexistent/key.pem")])
def test_technician_code_refuses_bad_options_in_one_line(tmp_path, args):
    done = kiosk("platform", "technician-code", "--name", "张工", *args,
                 "--data-dir", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / KEY_FILE).exists()
