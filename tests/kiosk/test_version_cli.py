"""`python -m kiosk --version` (issue 13): the installed version and the build's date, as a
subprocess prints them, without starting Qt or the kiosk."""

from __future__ import annotations

import os
import subprocess
import sys

from kiosk.version import BUILD_DATE_ENV, version
from tests.fakes import REPO


def test_version_prints_the_version_and_the_build_date():
    env = {**os.environ, BUILD_DATE_ENV: "2026-11-30"}
    done = subprocess.run([sys.executable, "-m", "kiosk", "--version"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"kiosk {version()} (built 2026-11-30)\n"
    assert version() != "0+unknown"  # the installed package's own
