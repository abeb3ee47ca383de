"""`python -m kiosk print-test` in a subprocess, against a file and a fake TCP printer: exit
codes, the report, one line on stderr when it fails, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.drivers.printer.printer_testkit import CutOp, FakeTcpPrinter, Qr, parse

ROOT = Path(__file__).resolve().parents[3]


def kiosk(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env, check=False,
    )


@pytest.fixture
def fake():
    printer = FakeTcpPrinter()
    yield printer
    printer.close()


def assert_one_line_failure(done: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kiosk: ")
    return lines[0]


def test_prints_the_test_page_to_a_file(tmp_path):
    out = tmp_path / "page.bin"
    done = kiosk("print-test", "--printer", f"file://{out}?width=58", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["path"] == str(out)
    assert report["before"]["state"] == report["after"]["state"] == "online"
    stream = parse(out.read_bytes())
    texts = stream.texts()
    assert "通办自助终端" in texts and "办事回执：１２３（全角）" in texts
    assert "Receipt no. 123 (ASCII)" in texts and "-" * 32 in texts
    assert stream.lines()[0].width == 2
    assert stream.of(Qr)[0].data == "https://zwdt.sh.gov.cn/"
    assert stream.of(CutOp)


def test_prints_to_a_tcp_printer_and_reports_its_status(fake):
    fake.status[4] = 0x12 | 0x0C  # paper near end
    done = kiosk("print-test", "--printer", fake.uri)
    assert done.returncode == 0, done.stderr
    assert "status before: online, paper low" in done.stdout
    assert "status after:  online, paper low" in done.stdout
    assert "通办自助终端" in parse(fake.job()).texts()


def test_printer_out_of_paper(fake):
    fake.status.update({1: 0x1A, 4: 0x72})
    line = assert_one_line_failure(kiosk("print-test", "--printer", fake.uri, "--json"))
    assert "out of paper" in line and "staff must act" in line


def test_printer_that_falls_silent_mid_job(fake):
    fake.silent_after_job_bytes = 20
    line = assert_one_line_failure(kiosk("print-test", "--printer", fake.uri, "--timeout", "10"))
    assert "may not have printed" in line


def test_nobody_at_the_port():
    fake = FakeTcpPrinter()
    uri = fake.uri
    fake.close()
    line = assert_one_line_failure(kiosk("print-test", "--printer", uri))
    assert "no printer at TCP 127.0.0.1" in line


def test_bad_uri_exits_2():
    line = assert_one_line_failure(kiosk("print-test", "--printer", "lpt://1"), code=2)
    assert "unknown scheme lpt://" in line
