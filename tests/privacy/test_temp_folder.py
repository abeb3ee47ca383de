"""Two real starts of `python -m kiosk` leave nothing new in the temporary folder (python-escpos
made a folder there at every import); its pickle goes to one 0700 cache folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path: Path, n: int) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "print-test", "--printer",
         f"pdf://{tmp_path / f'page-{n}.pdf'}", "--timeout", "20"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_two_starts_leave_no_temporary_folder(tmp_path):
    (tmp_path / "tmp").mkdir()
    start(tmp_path, 1)
    start(tmp_path, 2)
    assert list((tmp_path / "tmp").iterdir()) == []
    cache = tmp_path / "cache" / "tongban-kiosk" / "escpos"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert [path.suffix for path in cache.iterdir()] == [".pickle"]
    assert stat.S_IMODE((tmp_path / "page-2.pdf").stat().st_mode) == 0o600  # umask 077
