"""Hot-plug: on Linux, udev says at once when a USB device comes or goes, and every device
re-checks itself (reconnects, or reports it is gone) instead of waiting out its back-off.
Elsewhere, each device's own reconnect back-off is the periodic re-discovery."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from drivers.base import Device

log = logging.getLogger(__name__)

# Where kiosk devices appear: serial ports, USB, keyboards (scanners), cameras, printers.
SUBSYSTEMS = ("tty", "usb", "input", "video4linux", "usbmisc")


class HotplugMonitor:
    def __init__(self, devices: Iterable[Device], *, source: str | None = None,
                 subsystems: Iterable[str] = SUBSYSTEMS) -> None:
        self.devices = list(devices)
        # udev's events come after its rules ran (device nodes ready); without a udev
        # daemon (containers, minimal images) the kernel's own events are what there is.
        self.source = source or ("udev" if os.path.exists("/run/udev/control") else "kernel")
        self.subsystems = tuple(subsystems)
        self.events = 0
        self._observer = None

    def start(self) -> bool:
        """Start watching; False when hot-plug events are not available here."""
        try:
            import pyudev
        except ImportError:
            log.info("hot-plug: pyudev not available; devices re-discover on their back-off")
            return False
        try:
            monitor = pyudev.Monitor.from_netlink(pyudev.Context(), source=self.source)
            for subsystem in self.subsystems:
                monitor.filter_by(subsystem)
            self._observer = pyudev.MonitorObserver(monitor, callback=self._changed,
                                                    name="hotplug")
            self._observer.start()
        except (OSError, ValueError) as error:
            log.warning("hot-plug: cannot watch udev (%s); devices re-discover on back-off",
                        error)
            self._observer = None
            return False
        return True

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer = None

    def _changed(self, udev_device) -> None:  # on the observer's thread
        if udev_device.action not in ("add", "remove", "change", "bind", "unbind"):
            return
        self.events += 1
        log.info("hot-plug: %s %s", udev_device.action, udev_device.sys_path)
        for device in self.devices:
            device.check_now()
