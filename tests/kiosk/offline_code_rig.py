"""The desk rig (tests/kiosk/desk_rig.py) on an embedded store that issues offline codes (its
keys in the data directory, where the kiosk finds the root key); the kiosk's own sync
(kiosk/codes/sync.py) runs on its chores at once."""

from __future__ import annotations

from tests.kiosk.desk_rig import DeskRig, DistrictClock, build_desk_rig


def build_code_rig(settings, clock, today, printer) -> DeskRig:
    return build_desk_rig(settings, clock, today, printer, DistrictClock(),
                          keys=settings.data_dir)
