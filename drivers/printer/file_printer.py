"""A printer that appends each job's ESC/POS bytes to a file: for development, for capturing
what a receipt printer would receive, and for device files such as /dev/usb/lp0."""

from __future__ import annotations

import itertools
from pathlib import Path

from drivers.base import Actor, CancelToken, Command, Device, DeviceError, DeviceState
from drivers.printer.document import Document, PrintResult
from drivers.printer.escpos_render import EscPosSettings, render_escpos


class FilePrinter(Device):
    kind = "printer"
    capabilities = frozenset({"receipt", "cut", "qr", "gb18030"})

    def __init__(self, name: str, path: Path, settings: EscPosSettings | None = None) -> None:
        super().__init__(name)
        self.path = Path(path)
        self.settings = settings or EscPosSettings()
        self._jobs = itertools.count(1)

    def print_document(self, document: Document, timeout: float = 30.0) -> Command[PrintResult]:
        return self.call("print", lambda token: self._print(document, token), timeout=timeout)

    def _open(self) -> None:
        if not self.path.parent.is_dir():
            raise DeviceError(
                f"cannot write print jobs to {self.path}: folder {self.path.parent} does not exist",
                actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="not_writable",
            )

    def _print(self, document: Document, token: CancelToken) -> PrintResult:
        before = self._read_status()
        data = render_escpos(document, self.settings)
        token.raise_if_cancelled()
        try:
            # Unbuffered, so a full disk is one error from the write, not a second one from
            # the flush at close.
            with self.path.open("ab", buffering=0) as out:
                left = memoryview(data)
                while left:
                    left = left[out.write(left):]
        except OSError as error:
            raise DeviceError(
                f"cannot write {self.path}: {error.strerror}",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="not_writable",
            ) from error
        return PrintResult(f"{self.name}-{next(self._jobs):04d}", path=self.path, before=before,
                           after=self._read_status(), bytes_sent=len(data))
