"""`python -m kiosk idcard` as a technician runs it, in a subprocess against the emulator:
fields printed (JSON or text, never photo bytes); no card, no answer and bad input end in
one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.idcard.emulator import Fault

ROOT = Path(__file__).resolve().parents[3]


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "idcard", *args], cwd=ROOT, capture_output=True,
        text=True, encoding="utf-8", timeout=30,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"},
    )


def assert_one_line_failure(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_json_has_the_fields_and_no_photo_bytes(emulator, resident) -> None:
    emulator.set_card(resident)
    result = kiosk("--port", emulator.port, "--json")
    assert result.returncode == 0, result.stderr
    fields = json.loads(result.stdout)
    assert fields == resident.to_json()
    assert fields["photo_bytes"] == 1024 and "photo" not in fields


def test_text_output_is_readable(emulator, resident) -> None:
    emulator.set_card(resident)
    result = kiosk("--port", emulator.port)
    assert result.returncode == 0, result.stderr
    assert resident.name in result.stdout and resident.id_number in result.stdout
    assert "photo bytes     1024" in result.stdout


def test_no_card_exits_2_with_one_line(emulator) -> None:
    line = assert_one_line_failure(kiosk("--port", emulator.port, "--wait", "0"), 2)
    assert "no card" in line


def test_no_answer_exits_2_with_one_line(emulator) -> None:
    emulator.inject(Fault.NO_REPLY)
    line = assert_one_line_failure(kiosk("--port", emulator.port, "--wait", "0"), 2)
    assert "no answer" in line


def test_garbage_on_the_line_is_one_line(emulator, resident) -> None:
    emulator.set_card(resident)
    emulator.inject(Fault.BAD_CHECKSUM)
    assert "checksum" in assert_one_line_failure(kiosk("--port", emulator.port), 1)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        ((), 2, "--port is required"),
        (("--port", "/nonexistent/ttyUSB9"), 1, "no reader there"),
        (("--port", "/dev/null"), 1, "cannot open the port"),
        (("--port", "/dev/null", "--baud", "fast"), 2, "--baud"),
        (("--port", "/dev/null", "--wait", "-1"), 2, "--wait"),
        (("--port", "/dev/null", "--baud", "99999999999"), 2, "--baud must be a standard rate"),
        (("--port", "/dev/null", "--baud", "9601"), 2, "--baud must be a standard rate"),
        (("--port", "/dev/null", "--wait", "nan"), 2, "--wait must be 0 to 3600"),
        (("--port", "/dev/tty\nS0"), 2, "is not a port name"),
    ],
    ids=["no-port", "missing-port", "not-a-serial-port", "bad-baud", "bad-wait", "huge-baud",
         "odd-baud", "nan-wait", "control-character"],
)
def test_bad_input_is_one_line_never_a_traceback(args, code, words) -> None:
    assert words in assert_one_line_failure(kiosk(*args), code)
