"""Every subcommand of `python -m kiosk`, in a subprocess, given hostile arguments: huge
numbers, nan, negative and empty values, a lone "[", folders where files belong, missing
files, binary junk. Each ends in exactly one line on stderr and exit 2, never a traceback.
The cases run two at a time (the machine is shared), once for the module: about a minute
of processor time, as each starts Python afresh."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from tests.fakes import REPO
from tongban.cli import COMMANDS

HUGE = "99999999999"
F, MISSING, JUNK, DEEP, FILE = "{folder}", "{missing}", "{junk}", "{deep}", "{file}"

# (subcommand, arguments); each subcommand of the parser needs at least one case
CASES: list[tuple[str, tuple[str | bytes, ...]]] = [
    # `run` with a broken site file starts out of service and stays up (its window says why:
    # tests/ui/test_startup_out_of_service.py); `check` is where that file gives exit 2
    ("check", ("check", "--config", F)),
    ("check", ("check", "--config", JUNK)),
    ("check", ("check", "--config", DEEP)),
    ("run", ("run", "--size", "[")),
    ("run", ("--size", "nanxnan")),
    ("screens", ("screens", "[")),
    ("screenshot", ("screenshot", "home", "-o", FILE)),
    ("screenshot", ("screenshot", "[", "-o", F)),
    ("idcard", ("idcard", "--port", "/dev/null", "--baud", HUGE)),
    ("idcard", ("idcard", "--port", "/dev/null", "--baud", "")),
    ("idcard", ("idcard", "--port", "/dev/null", "--baud", b"\xff\xfe")),
    ("idcard", ("idcard", "--port", F)),
    ("idcard", ("idcard", "--port", "/dev/null", "--wait", "1e400")),
    ("decode", ("decode", F)),
    ("decode", ("decode", JUNK)),
    ("decode", ("decode", "")),
    ("decode", ("decode", b"\xff\xfe.png")),
    ("print-test", ("print-test", "--printer", "[")),
    ("print-test", ("print-test", "--printer", "escpos+tcp://[::1")),
    ("print-test", ("print-test", "--printer", f"file://{F}")),
    ("print-test", ("print-test", "--printer", f"escpos+serial:///dev/null?baud={HUGE}")),
    ("print-test", ("print-test", "--printer", "sim://", "--timeout", "nan")),
    ("print-test", ("print-test", "--printer", "sim://", "--timeout", HUGE)),
    ("audit", ("audit", "--size", "[")),
    ("audit", ("audit", "--jobs", HUGE)),
    ("audit", ("audit", "--config", DEEP)),
    ("services", ("services", "--config", F)),
    ("maintenance-pin", ("maintenance-pin", "--stdin")),
    ("verify", ("verify", "--image", F)),
    ("verify", ("verify", "--at", "nan", "x")),
    ("verify", ("verify", "--trust", MISSING, "x")),
    ("platform", ("platform", "serve", "--port", HUGE)),
    ("platform", ("platform", "serve", "--database", "[")),
    ("platform", ("platform", "technician-code", "--name", "x", "--minutes", "nan")),
    ("platform", ("platform", "add-kiosk", "")),
    ("platform", ("platform", "root-key", "--keys", FILE)),
    ("audit-log", ("audit-log", "verify", "--config", DEEP)),
    ("audit-log", ("audit-log", "verify", "--data-dir", FILE)),
    ("audit-log", ("audit-log", "[")),
    ("soak", ("soak", "--sessions", HUGE)),
    ("soak", ("soak", "--stuck-after", "nan")),
    ("(none)", ("nonsense",)),
]


def _places(folder: Path) -> dict[str, str]:
    (folder / "folder").mkdir()
    (folder / "data").mkdir()
    (folder / "file").write_text("x\n", encoding="utf-8")
    (folder / "junk").write_bytes(bytes(range(256))[::-1] * 12)
    (folder / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    return {"folder": str(folder / "folder"), "missing": str(folder / "missing.toml"),
            "junk": str(folder / "junk"), "deep": str(folder / "deep.toml"),
            "file": str(folder / "file")}


def _argument(text: str | bytes, places: dict[str, str]) -> str | bytes:
    return text if isinstance(text, bytes) else text.format(**places)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[tuple, subprocess.CompletedProcess[bytes]]:
    folder = tmp_path_factory.mktemp("hostile")
    places = _places(folder)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(folder / "data"))
    env.pop("KIOSK_CONFIG", None)

    def run(case: tuple[str, tuple]) -> subprocess.CompletedProcess[bytes]:
        argv = [sys.executable, "-m", "kiosk", *(_argument(a, places) for a in case[1])]
        return subprocess.run(argv, capture_output=True, cwd=REPO, env=env, timeout=600,
                              input=b"not a pin\n")

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(CASES, pool.map(run, CASES), strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[" ".join(map(str, c[1]))[:60] for c in CASES])
def test_a_hostile_argument_is_one_line_and_exit_2(results, case):
    result = results[case]
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr + result.stdout.decode("utf-8", "replace")
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert result.returncode == 2, stderr


@pytest.mark.slow
@pytest.mark.parametrize("text", ["[", "x" * 100_000])
def test_a_hostile_code_to_verify_is_a_verdict_not_a_traceback(text):
    result = subprocess.run([sys.executable, "-m", "kiosk", "verify", text], capture_output=True,
                            text=True, cwd=REPO, timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert result.stdout.strip() and len(result.stdout.splitlines()) < 20


def test_every_subcommand_has_hostile_cases():
    parser = build_parser(COMMANDS, default=COMMANDS[0])
    [subparsers] = [action for action in parser._actions if action.dest == "command"]
    assert set(subparsers.choices) <= {name for name, _ in CASES}
