"""The kiosk's devices, made from the settings' device URIs: simulated ones (sim://) when
nothing else is configured, real drivers otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drivers.base import Device
from drivers.idcard.simulator import SimulatedIdCardReader
from drivers.printer.simulator import SimulatedPrinter
from drivers.scanner.simulator import SimulatedScanner
from kiosk.config import ConfigError, Settings


@dataclass
class DeviceSet:
    idcard: Device
    scanner: Device
    printer: Device

    def all(self) -> list[Device]:
        return [self.idcard, self.scanner, self.printer]

    def start(self) -> None:
        for device in self.all():
            device.start()

    def stop(self) -> None:
        for device in self.all():
            device.stop()


def open_devices(settings: Settings) -> DeviceSet:
    devices = settings.devices
    for key in ("idcard", "scanner", "printer"):
        uri = getattr(devices, key)
        if not uri.startswith("sim://"):
            raise ConfigError(f"devices.{key}: {uri!r} is not supported yet; use sim://")
    printed = Path(settings.data_dir) / "printed"
    return DeviceSet(
        idcard=SimulatedIdCardReader("idcard"),
        scanner=SimulatedScanner("scanner"),
        printer=SimulatedPrinter("printer", out_dir=printed),
    )
