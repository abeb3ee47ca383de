"""What maintenance mode's screens show: one `MaintenanceView` in the screen state, with the
open page's own view (each defined beside its desk in `kiosk/maintenance/`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MaintenanceView:
    page: str  # the open page: entry, menu, devices, logs, network, config, outbox, usage,
    # cleaning, about
    problem: str = ""  # what went wrong on this page, in plain words, and what to do
    # the open page's view; the others are None
    entry: Any = None  # kiosk/maintenance/entry.py
    menu: Any = None
    devices: Any = None  # kiosk/maintenance/device_tests.py
    logs: Any = None  # kiosk/maintenance/log_page.py
    network: Any = None  # kiosk/maintenance/network_check.py
    config: Any = None  # kiosk/maintenance/config_page.py
    outbox: Any = None  # kiosk/maintenance/outbox_page.py
    usage: Any = None  # kiosk/maintenance/usage.py
    cleaning: Any = None  # kiosk/maintenance/cleaning.py
    about: Any = None
