"""The desk rig (tests/kiosk/desk_rig.py) on an embedded store that issues offline codes (its
keys in the data directory, where the kiosk finds the root key), and `sync`: the platform's
signed lists taken into the kiosk's cache as its sync takes them."""

from __future__ import annotations

import datetime as dt

from tests.kiosk.desk_rig import DeskRig, DistrictClock, build_desk_rig


def build_code_rig(settings, clock, today, printer) -> DeskRig:
    return build_desk_rig(settings, clock, today, printer, DistrictClock(),
                          keys=settings.data_dir)


def sync(kiosk, when: dt.datetime):
    """The lists from the platform into the kiosk's cache; the lists, for the test to read."""
    got = kiosk.platform.code_lists()
    for signed in (got.trust, got.revocations, got.status):
        kiosk.codes.accept(signed)
    kiosk.codes.mark_synced(when)
    return got
