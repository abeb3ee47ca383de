"""python-escpos, imported so that it leaves nothing behind: its capabilities module makes a
fresh temporary folder at every import (`mkdtemp()` is evaluated even when
ESCPOS_CAPABILITIES_PICKLE_DIR is set) and calls `logging.basicConfig()`, which would put an
unmasked stderr handler on the root logger. Here its pickle goes to one fixed 0700 cache
folder, the folder it makes is made inside that one and removed, and its handler taken off.
Hand-written because the library offers no switch for either."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
from pathlib import Path

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/tongban-kiosk/escpos` (or under ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tongban-kiosk" / "escpos"


def prepare() -> None:
    """Import escpos' capabilities once, as above; a later call does nothing."""
    if "escpos.capabilities" in sys.modules:
        return
    folder = Path(os.environ[ENV]) if os.environ.get(ENV) else cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    except OSError:  # no home to cache in: escpos' own temporary folder it is
        __import__("escpos.capabilities")
        return
    os.environ.setdefault(ENV, str(folder))
    root = logging.getLogger()
    handlers = list(root.handlers)
    before = set(folder.iterdir())
    saved, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        __import__("escpos.capabilities")
    finally:
        tempfile.tempdir = saved
        for made in set(folder.iterdir()) - before:
            if made.is_dir():
                with contextlib.suppress(OSError):
                    made.rmdir()  # the empty folder mkdtemp made; the pickle is beside it
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
