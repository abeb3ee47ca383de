"""The kiosk's devices, made from the settings' device URIs: simulated ones (sim://) when
nothing else is configured, real drivers otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drivers.base import Device
from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.uri import PrinterUriError, open_printer
from drivers.uri import DeviceUriError, open_document_camera, open_idcard_reader, open_scanner
from kiosk.config import ConfigError, Settings
from kiosk.printed_copies import masked_copy, sweep


@dataclass
class DeviceSet:
    idcard: Device
    scanner: Device
    printer: Device
    camera: Device | None = None  # only when the scanner reads from a camera
    document_camera: Device | None = None  # 高拍仪, for paper materials

    def all(self) -> list[Device]:
        devices = [self.idcard, self.scanner, self.printer]
        devices += [self.document_camera] if self.document_camera is not None else []
        return devices + ([self.camera] if self.camera is not None else [])

    def start(self) -> None:
        for device in reversed(self.all()):  # a camera before the scanner that reads it
            device.start()

    def stop(self) -> None:
        for device in self.all():
            device.stop()


def open_devices(settings: Settings) -> DeviceSet:
    devices = settings.devices
    try:
        idcard = open_idcard_reader(devices.idcard, "idcard")
    except DeviceUriError as error:
        raise ConfigError(f"devices.idcard: {error}") from None
    try:
        scanner, camera = open_scanner(devices.scanner, "scanner")
    except DeviceUriError as error:
        raise ConfigError(f"devices.scanner: {error}") from None
    if devices.printer.strip() == "sim://":
        printer: Device = SimulatedPrinter("printer", out_dir=Path(settings.data_dir) / "printed")
    else:
        try:
            printer = open_printer(devices.printer, name="printer")
        except PrinterUriError as error:
            raise ConfigError(f"devices.printer: {error}") from None
    if isinstance(printer, SimulatedPrinter):  # copies only in development, masked
        printer.copy_of = masked_copy
        if printer.out_dir is not None:
            sweep(printer.out_dir, settings.privacy)
        if not settings.privacy.printed_copies:
            printer.out_dir = None
    try:
        document_camera = open_document_camera(devices.camera, "camera")
    except DeviceUriError as error:
        raise ConfigError(f"devices.camera: {error}") from None
    return DeviceSet(idcard=idcard, scanner=scanner, printer=printer, camera=camera,
                     document_camera=document_camera)
