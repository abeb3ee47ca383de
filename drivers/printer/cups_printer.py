"""A4 documents through the operating system's spooler: CUPS via `lp`/`lpstat` on Linux, the
Windows spooler via pywin32 when it is there. The Document goes as a PDF (pdf_printer)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from drivers.base import (
    Actor,
    CancelToken,
    Command,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
)
from drivers.printer.document import Document, PrintResult
from drivers.printer.pdf_printer import document_to_pdf

_JOB_ID = re.compile(r"request id is (\S+)")
_MISSING_QUEUE = ("does not exist", "invalid destination", "unknown destination", "not exist")


class CupsPrinter(Device):
    kind = "printer"
    capabilities = frozenset({"a4"})

    def __init__(
        self, name: str, queue: str, *, lp: str = "lp", lpstat: str = "lpstat",
        command_timeout: float = 15.0,
    ) -> None:
        super().__init__(name)
        self.queue = queue
        self.lp = lp
        self.lpstat = lpstat
        self.command_timeout = command_timeout
        self._windows = sys.platform == "win32"

    def print_document(self, document: Document, timeout: float = 60.0) -> Command[PrintResult]:
        return self.call("print", lambda token: self._print(document, token), timeout=timeout)

    def _open(self) -> None:
        if self._windows:
            _win32print()
            return
        for command in (self.lp, self.lpstat):
            if shutil.which(command) is None:
                raise DeviceError(
                    f"the {command} command is missing: install the CUPS client (cups-client)",
                    actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="no_spooler",
                )

    def _read_status(self) -> DeviceStatus:
        if self._windows:
            return _windows_status(self.queue)
        return parse_lpstat(self._spool([self.lpstat, "-p", self.queue], "lpstat"), self.queue)

    def _print(self, document: Document, token: CancelToken) -> PrintResult:
        before = self._read_status()
        if not before.usable:
            raise DeviceError(
                f"print queue {self.queue} is not accepting jobs: {before.detail}",
                actor=Actor.STAFF, state=before.state, code="queue_stopped",
            )
        data = document_to_pdf(document, page="a4")
        token.raise_if_cancelled()
        if self._windows:
            job = _windows_print(self.queue, data)
        else:
            # lp hands the file to cupsd before it returns, so the folder can go at once.
            with tempfile.TemporaryDirectory(prefix="tongban-print-") as folder:
                path = Path(folder) / "document.pdf"
                path.write_bytes(data)
                title = document.title or "Tongban document"
                argv = [self.lp, "-d", self.queue, "-t", title, "--", str(path)]
                output = self._spool(argv, "lp")
            found = _JOB_ID.search(output)
            job = found.group(1) if found else ""
        return PrintResult(job, before=before, after=self._read_status(), bytes_sent=len(data))

    def _spool(self, argv: list[str], what: str) -> str:
        try:
            done = subprocess.run(argv, capture_output=True, text=True,
                                  timeout=self.command_timeout, check=False)
        except FileNotFoundError:
            raise DeviceError(
                f"the {argv[0]} command is missing: install the CUPS client (cups-client)",
                actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="no_spooler",
            ) from None
        except subprocess.TimeoutExpired:
            raise DeviceError(
                f"{what} did not answer within {self.command_timeout:g} s: is cupsd running?",
                actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="spooler_timeout",
            ) from None
        if done.returncode != 0:
            said = " ".join((done.stderr or done.stdout).split())
            message = said or f"exit code {done.returncode}"
            if any(words in message.lower() for words in _MISSING_QUEUE):
                raise DeviceError(
                    f"print queue {self.queue} does not exist ({what}: {message})",
                    actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="no_queue",
                )
            raise DeviceError(f"{what} failed: {message}", actor=Actor.PROGRAM,
                              state=DeviceState.OFFLINE, code="spooler_error")
        return done.stdout


def parse_lpstat(output: str, queue: str) -> DeviceStatus:
    """`lpstat -p QUEUE`: "printer Q is idle.  enabled since …", "printer Q now printing Q-7.
    enabled since …" or "printer Q disabled since …" followed by an indented reason."""
    lines = output.strip().splitlines()
    if not lines or not lines[0].startswith(f"printer {queue} "):
        return DeviceStatus(DeviceState.OFFLINE, detail=f"lpstat said nothing about {queue}")
    reason = " ".join(line.strip() for line in lines[1:] if line.startswith((" ", "\t")))
    if " disabled since " in lines[0] or " disabled " in lines[0]:
        return DeviceStatus(DeviceState.OFFLINE, detail=f"queue disabled {reason}".strip())
    # "now printing" is still online: the spooler is busy, not the printer broken.
    return DeviceStatus(DeviceState.ONLINE, detail=reason)


# --- Windows: thin, untested here -------------------------------------------------------


def _win32print() -> Any:  # pywin32 has no type hints
    try:
        import win32print
    except ImportError:
        raise DeviceError(
            "printing to a Windows queue needs pywin32 (pip install pywin32)",
            actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="no_spooler",
        ) from None
    return win32print


def _windows_status(queue: str) -> DeviceStatus:
    win32print = _win32print()
    try:
        handle = win32print.OpenPrinter(queue)
    except Exception as error:  # pywintypes.error
        raise DeviceError(f"Windows printer {queue} not found: {error}", actor=Actor.ENGINEER,
                          state=DeviceState.NO_DEVICE, code="no_queue") from None
    try:
        status = win32print.GetPrinter(handle, 2)["Status"]
    finally:
        win32print.ClosePrinter(handle)
    if status:
        return DeviceStatus(DeviceState.OFFLINE, detail=f"Windows printer status 0x{status:x}")
    return DeviceStatus(DeviceState.ONLINE)


def _windows_print(queue: str, data: bytes) -> str:
    """Hands the PDF to the viewer registered for the "printto" verb. It reads the file after
    this returns, so the file stays in the temp folder."""
    import win32api

    handle, name = tempfile.mkstemp(prefix="tongban-print-", suffix=".pdf")
    with open(handle, "wb") as out:
        out.write(data)
    win32api.ShellExecute(0, "printto", name, f'"{queue}"', ".", 0)
    return ""
