"""The self-test at start, and `python -m kiosk check`: the settings load, the data folder is
a writable folder, the outbox (and the embedded platform's store) pass `PRAGMA quick_check`,
the disk has room, each device can be made. Each failure is a `Problem`: one line naming the
file, key or device and what to do. A blocking one puts the kiosk out of service until it is
fixed and the kiosk restarted; a device that cannot be made is only that device out."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from kiosk.config import DEFAULTS_FILE, ConfigError, Settings, load_settings
from kiosk.outbox import FILE_NAME, OutboxError
from kiosk.outbox_salvage import damage, salvage

log = logging.getLogger(__name__)
MB = 1024 * 1024
KINDS = ("settings", "data", "outbox", "store", "disk", "device")


@dataclass(frozen=True)
class Problem:
    kind: str  # one of KINDS
    subject: str  # short, for the out-of-service screen: a file's name, a key, a device
    line: str  # for the operator: which file, key or device, what is wrong, what to do
    blocking: bool = True  # False: the kiosk runs with it (that device is out)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def load(config: str | Path | None, data_dir: str | Path | None
         ) -> tuple[Settings, list[Problem]]:
    """The settings, or the defaults (with the same data folder) and why they were not read."""
    try:
        return load_settings(config, data_dir), []
    except ConfigError as error:
        found = str(error)
    except (RecursionError, ValueError, OSError) as error:  # the loader's own bounds missed it
        where = config or os.environ.get("KIOSK_CONFIG") or "the site file"
        found = f"{where}: cannot be read ({type(error).__name__})"
    line = f"{found}: the kiosk runs on the defaults, out of service, until it is fixed"
    return load_settings(DEFAULTS_FILE, data_dir), [
        Problem("settings", _settings_subject(found), line)]


def check(settings: Settings, *, repair: bool = False, devices: bool = True,
          now: datetime | None = None) -> list[Problem]:
    """Every problem found. `repair`: a damaged outbox is moved aside and what it still
    holds saved into a fresh one (at start; the check command only reports it). `devices`:
    make each device (the app makes its own, and reports them itself)."""
    data_dir = Path(settings.data_dir)
    problems = []
    folder = data_folder(data_dir)
    if folder is not None:
        problems.append(folder)
    elif data_dir.is_dir():
        problems += _outbox(data_dir / FILE_NAME, repair, now)
        if settings.platform.kind == "embedded":
            problems += _store(data_dir / settings.platform.database)
        problems += _disk(data_dir, settings.storage.min_free_mb)
    if devices:
        problems += device_problems(settings)
    return problems


def device_problems(settings: Settings) -> list[Problem]:
    from kiosk.devices import open_devices  # the drivers load only for the check that needs them

    return [Problem("device", line.split(":", 1)[0].removeprefix("devices."), line,
                    blocking=False) for line in open_devices(settings).problems]


def data_folder(data_dir: Path) -> Problem | None:
    """Whether the data folder is a folder this user can write (or can make)."""
    def problem(what: str) -> Problem:
        return Problem("data", data_dir.name or str(data_dir), f"{data_dir} {what}")

    if data_dir.exists() and not data_dir.is_dir():
        return problem("is a file, not a folder: remove it or set --data-dir")
    if not data_dir.exists():
        parent = next(p for p in data_dir.parents if p.exists())
        if not os.access(parent, os.W_OK | os.X_OK):
            return problem(f"does not exist and cannot be made in {parent}: make that "
                           "writable by this user, or set --data-dir")
        return None  # made at start
    try:
        with tempfile.TemporaryFile(dir=data_dir) as probe:
            probe.write(b"x")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return problem(f"cannot be written ({error.strerror or error}): make it writable "
                       "by this user (or free space there), or set --data-dir")
    return None


def _outbox(path: Path, repair: bool, now: datetime | None) -> list[Problem]:
    def problem(what: str) -> list[Problem]:
        return [Problem("outbox", path.name, f"{path}: {what}")]

    if path.is_dir():
        return problem("is a folder, not the outbox's file: move it away")
    try:
        found = damage(path)
    except sqlite3.Error as error:
        return problem(f"cannot open the outbox ({error}): check its owner and permissions")
    if found is None:
        return []
    if not repair:
        return problem(f"damaged ({found}): start the kiosk to move it aside and save what "
                       "it still holds")
    try:
        saved = salvage(path, now)
    except (OSError, sqlite3.Error, OutboxError) as error:
        return problem(f"damaged ({found}) and could not be moved aside ({error}): move it "
                       "away by hand, then restart")
    log.error("outbox: %s", saved.line(path, found))
    return []


def _store(path: Path) -> list[Problem]:
    if path.is_dir():
        return [Problem("store", path.name, f"{path}: is a folder, not the embedded platform's "
                        "store: move it away, or set [platform] database")]
    try:
        found = damage(path)
    except sqlite3.Error as error:
        found = f"cannot be opened: {error}"
    if found is None:
        return []
    return [Problem("store", path.name, f"{path}: the embedded platform's store is damaged "
                    f"({found}): restore it from a backup, or move it away to start again with "
                    "the demo data")]


def _disk(data_dir: Path, min_free_mb: int) -> list[Problem]:
    try:
        free = shutil.disk_usage(data_dir).free
    except OSError as error:
        return [Problem("disk", data_dir.name, f"{data_dir}: cannot see the free space "
                        f"({error.strerror or error})")]
    if free >= min_free_mb * MB:
        return []
    return [Problem("disk", f"{free // MB} MB", f"{data_dir}: only {free // MB} MB free, needs "
                    f"{min_free_mb} MB ([storage] min_free_mb): free space there")]


def _settings_subject(error: str) -> str:
    """`/etc/tongban/site.toml: platform.database: …` -> `site.toml platform.database`."""
    parts = error.split(": ")
    subject = Path(parts[0]).name
    if len(parts) > 2 and " " not in parts[1]:
        subject += f" {parts[1]}"
    return subject[:60]
