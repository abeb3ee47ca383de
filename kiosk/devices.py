"""The kiosk's devices, made from the settings' device URIs: simulated ones (sim://) when
nothing else is configured, real drivers otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drivers.base import Device
from drivers.idcard.simulator import SimulatedIdCardReader
from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.uri import PrinterUriError, open_printer
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
    for key in ("idcard", "scanner"):
        uri = getattr(devices, key)
        if not uri.startswith("sim://"):
            raise ConfigError(f"devices.{key}: {uri!r} is not supported yet; use sim://")
    if devices.printer == "sim://":
        printer: Device = SimulatedPrinter("printer", out_dir=Path(settings.data_dir) / "printed")
    else:
        try:
            printer = open_printer(devices.printer, name="printer")
        except PrinterUriError as error:
            raise ConfigError(f"devices.printer: {error}") from None
    return DeviceSet(
        idcard=SimulatedIdCardReader("idcard"),
        scanner=SimulatedScanner("scanner"),
        printer=printer,
    )
