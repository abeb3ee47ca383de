"""Whether this kiosk can keep what a resident submits: free space in the data directory (a
setting, 200 MB by default) and an outbox that takes a write. Checked before each visit;
when it cannot, the services that submit pause with a reason, and staff get one line."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.outbox import Outbox, OutboxError, OutboxFull

log = logging.getLogger(__name__)
MB = 1024 * 1024


@dataclass(frozen=True)
class StorageProblem:
    reason: str  # full (no room) or broken (cannot write at all)
    detail: str  # one line for staff: where, and what to do


def check_storage(data_dir: Path, outbox: Outbox, min_free_mb: int) -> StorageProblem | None:
    """None when a submission can be kept; otherwise what is wrong."""
    try:
        free = shutil.disk_usage(data_dir).free
    except OSError as error:
        return StorageProblem("broken", f"cannot see free space in {data_dir}: "
                                        f"{error.strerror or error}")
    if free < min_free_mb * MB:
        return StorageProblem("full", f"only {free // MB} MB free in {data_dir} (needs "
                                      f"{min_free_mb} MB): free space there")
    try:
        outbox.check_writable()
    except OutboxFull as error:
        return StorageProblem("full", str(error))
    except OutboxError as error:
        return StorageProblem("broken", str(error))
    return None


class StorageWatch:
    """Remembers the last verdict and tells staff once when it changes."""

    def __init__(self, data_dir: Path, outbox: Outbox, min_free_mb: int) -> None:
        self.data_dir = Path(data_dir)
        self.outbox = outbox
        self.min_free_mb = min_free_mb
        self.problem: StorageProblem | None = None

    def check(self) -> StorageProblem | None:
        self.found(check_storage(self.data_dir, self.outbox, self.min_free_mb))
        return self.problem

    def found(self, problem: StorageProblem | None) -> None:
        """A verdict from a check, or from a write that failed (a full disk mid-visit)."""
        before, self.problem = self.problem, problem
        # by its reason: the free megabytes in the detail move with every write on the disk
        if problem is not None and (before is None or problem.reason != before.reason):
            log.error("staff: services that submit are paused: %s", problem.detail)
        elif problem is None and before is not None:
            log.warning("staff: storage is fine again; services that submit are back")
