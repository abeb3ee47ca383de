"""The kiosk's devices, made from the settings' device URIs: simulated ones (sim://) when
nothing else is configured, real drivers otherwise. A device whose setting names nothing
that can be opened stands as an `UnusableDevice`: out, with the reason, never a failed start."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.base import Command, Device, DeviceState, DeviceStatus
from drivers.printer.simulator import SimulatedPrinter
from drivers.printer.uri import open_printer
from drivers.uri import open_document_camera, open_idcard_reader, open_scanner
from kiosk.config import Settings
from kiosk.printed_copies import masked_copy, sweep

log = logging.getLogger(__name__)


class UnusableDevice(Device):
    """Stands where a device could not be made from its setting: out from the start, its
    status detail the one line that says why. It has no thread; a print fails at once."""

    kind = "unusable"

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name)
        self.reason = reason

    def start(self) -> None:
        self._set_status(DeviceStatus(DeviceState.HARDWARE_ERROR, detail=self.reason))

    def print_document(self, document: Any, timeout: float = 30.0) -> Command[Any]:
        return self.call("print", lambda token: None, timeout=timeout)  # not running: fails


@dataclass
class DeviceSet:
    idcard: Device
    scanner: Device
    printer: Device
    camera: Device | None = None  # only when the scanner reads from a camera
    document_camera: Device | None = None  # 高拍仪, for paper materials
    problems: list[str] = field(default_factory=list)  # one line per device that is unusable

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
    """Every device the settings name; one that cannot be made is unusable (see `problems`)."""
    devices = settings.devices
    problems: list[str] = []

    def made(key: str, uri: str, make: Callable[[], Any]) -> Any:
        try:
            return make()
        except Exception as error:  # a bad URI, or a driver that cannot even be built
            line = (f"devices.{key}: {error or type(error).__name__} ({uri!r}); correct "
                    f"[devices] {key} in the site file: the {key} is out until then")
            problems.append(line)
            return None

    idcard = made("idcard", devices.idcard, lambda: open_idcard_reader(devices.idcard, "idcard"))
    pair = made("scanner", devices.scanner, lambda: open_scanner(devices.scanner, "scanner"))
    scanner, camera = pair if pair is not None else (None, None)
    if devices.printer.strip() == "sim://":
        printer = SimulatedPrinter("printer", out_dir=Path(settings.data_dir) / "printed")
    else:
        printer = made("printer", devices.printer,
                       lambda: open_printer(devices.printer, name="printer"))
    if isinstance(printer, SimulatedPrinter):  # copies only in development, masked
        printer.copy_of = masked_copy
        if printer.out_dir is not None:
            sweep(printer.out_dir, settings.privacy)
        if not settings.privacy.printed_copies:
            printer.out_dir = None
    document_camera = made("camera", devices.camera,
                           lambda: open_document_camera(devices.camera, "camera"))
    return DeviceSet(idcard=idcard or UnusableDevice("idcard", _reason(problems, "idcard")),
                     scanner=scanner or UnusableDevice("scanner", _reason(problems, "scanner")),
                     printer=printer or UnusableDevice("printer", _reason(problems, "printer")),
                     camera=camera, document_camera=document_camera, problems=problems)


def _reason(problems: list[str], key: str) -> str:
    return next(line for line in problems if line.startswith(f"devices.{key}:"))
