"""What the soak counts at warm-up and at the end: memory, file descriptors, threads, Qt
objects and timers, and files left in the temporary folders."""

from __future__ import annotations

import gc
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

NAMES = 10  # temporary files named in a snapshot


@dataclass(frozen=True)
class Snapshot:
    rss_mb: float
    fds: int
    threads: int
    qt_objects: int
    timers: int  # QTimer objects alive
    active_timers: int  # of those, running
    temp_files: int  # in the run's temporary folder
    visit_files: int  # in the data folder's temp area (visits/)
    temp_names: tuple[str, ...] = ()  # the first few of those in the temporary folder

    def to_json(self) -> dict:
        return asdict(self)


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def files_under(folder: Path) -> int:
    """Files and folders below `folder` (a folder left behind counts too)."""
    if not folder.is_dir():
        return 0
    return sum(len(dirs) + len(files) for _root, dirs, files in os.walk(folder))


def qt_objects() -> list[QObject]:
    """Every QObject reachable: the application's and each top-level widget's descendants,
    and parentless ones Python holds (a QTimer() kept in an attribute)."""
    found: dict[int, QObject] = {}
    app = QCoreApplication.instance()
    roots: list[QObject] = [app] if app is not None else []
    if isinstance(app, QApplication):
        roots += app.topLevelWidgets()
    for obj in gc.get_objects():
        # by its type, never isinstance: a dead weakref.proxy raises on its class
        if issubclass(type(obj), QObject) and shiboken6.isValid(obj) and obj.parent() is None:
            roots.append(obj)
    for root in roots:
        for obj in [root, *root.findChildren(QObject)]:
            found[id(obj)] = obj
    return list(found.values())


def settle() -> None:
    """Let Qt delete what was handed to deleteLater, and Python collect its garbage."""
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def snapshot(temp_folder: Path, visits_folder: Path) -> Snapshot:
    settle()
    objects = qt_objects()
    timers = [obj for obj in objects if isinstance(obj, QTimer)]
    return Snapshot(
        rss_mb=rss_mb(),
        fds=open_fds(),
        threads=threading.active_count(),
        qt_objects=len(objects),
        timers=len(timers),
        active_timers=sum(1 for timer in timers if timer.isActive()),
        temp_files=files_under(temp_folder),
        visit_files=files_under(visits_folder),
        temp_names=tuple(sorted(p.name for p in temp_folder.iterdir())[:NAMES])
        if temp_folder.is_dir() else (),
    )
