"""What the maintenance pages' tests share: the kiosk in maintenance mode on a page, the
audit records it kept (read back from its real outbox file), a device's status told to it."""

from __future__ import annotations

import json
import sqlite3

from drivers.base import DeviceState, DeviceStatus, StatusChanged
from kiosk.modes.base import ModeName
from kiosk.outbox import FILE_NAME

OFFLINE = DeviceStatus(DeviceState.OFFLINE, detail="not started")


def enter(kiosk) -> None:
    """Into maintenance mode, past its way in (the PIN and the technician's code are tested
    with the entry: these tests are about the pages inside)."""
    kiosk.switch_to(ModeName.MAINTENANCE)
    kiosk.modes[ModeName.MAINTENANCE].inside = True


def open_page(rig, screen: str) -> None:
    enter(rig.kiosk)
    rig.kiosk.open_maintenance_page(screen)


def audits(rig) -> list[tuple[str, str]]:
    """(event, detail) of every audit record in the outbox, oldest first."""
    path = rig.kiosk.settings.data_dir / FILE_NAME
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT idempotency_key FROM items WHERE kind = 'audit'"
                          " ORDER BY id").fetchall()
    db.close()
    payloads = [json.loads(rig.kiosk.outbox.get(key).payload) for (key,) in rows]  # sealed
    return [(p["event"], p["detail"]) for p in payloads]


def tell(rig, device: str, status: DeviceStatus) -> None:
    """A device's status, as its thread would report it to the kiosk."""
    rig.kiosk.handle_device_event(StatusChanged(device, status, OFFLINE))
