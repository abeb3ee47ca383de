"""A simulated receipt printer: with a folder, each job's copy becomes a PDF and a PNG to look
at there (files 0600, the folder 0700), made from what `copy_of` leaves of the document (the
kiosk masks personal text in it); the developer panel and tests set the paper low or out,
and unplug it. The last `KEPT` documents stay in memory for the panel and tests."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from drivers.base import (
    Actor,
    CancelToken,
    Command,
    DeviceError,
    DeviceState,
    DeviceStatus,
    MediaTaken,
    PaperState,
)
from drivers.printer.document import Document, PrintResult
from drivers.printer.raster import render_document
from drivers.simulated import SimulatedDevice

KEPT = 20  # documents kept in memory (`printed`): a year of jobs must not grow the process


def as_printed(document: Document) -> Document | None:
    """The copy as the paper has it (no kiosk to mask it: tests, `sim:PATH`)."""
    return document


class SimulatedPrinter(SimulatedDevice):
    kind = "printer"
    # a4: a record laid out as a PDF is kept as that PDF, as an A4 printer would print it
    capabilities = frozenset({"receipt", "a4", "cut", "qr", "gb18030", "paper_sensor"})

    def __init__(self, name: str = "printer", out_dir: Path | None = None, width_dots: int = 576,
                 copy_of: Callable[[Document], Document | None] = as_printed):
        """`out_dir`: where copies go (None: none kept); `copy_of`: what of a document its
        copy may hold (None: no copy of it)."""
        super().__init__(name)
        self.out_dir = out_dir
        self.copy_of = copy_of
        self.width_dots = width_dots
        self.paper = PaperState.FULL
        self.seconds_per_job = 0.0  # tests and the panel may slow it down
        self.printed: list[Document] = []
        self._jobs = itertools.count(1)

    def set_paper(self, paper: PaperState) -> None:
        self.paper = paper
        self.check_now()

    def print_document(self, document: Document, timeout: float = 30.0) -> Command[PrintResult]:
        return self.call("print", lambda token: self._print(document, token), timeout=timeout)

    def _read_status(self) -> DeviceStatus:
        self._require_plugged()
        state = DeviceState.USER_ERROR if self.paper == PaperState.OUT else DeviceState.ONLINE
        return DeviceStatus(state, paper=self.paper)

    def _poll(self) -> None:
        self._require_plugged()
        self._set_status(self._read_status())

    def _print(self, document: Document, token: CancelToken) -> PrintResult:
        self._require_plugged()
        before = self._read_status()
        if self.paper in (PaperState.OUT, PaperState.JAMMED):
            raise DeviceError(
                f"{self.name}: paper {self.paper.value}",
                actor=Actor.STAFF,
                state=DeviceState.USER_ERROR,
                code=f"paper_{self.paper.value}",
            )
        deadline = time.monotonic() + self.seconds_per_job
        while time.monotonic() < deadline:
            token.raise_if_cancelled()
            time.sleep(0.01)
        job = f"{self.name}-{next(self._jobs):04d}"
        path = None
        copy = self.copy_of(document) if self.out_dir is not None else None
        if copy is not None and copy.pdf is not None:  # an A4 record, as it is
            path = self._save_pdf(copy.pdf, job)
        elif copy is not None:
            path = self._save(render_document(copy, self.width_dots), job)
        self.printed.append(document)
        del self.printed[:-KEPT]
        self._set_status(replace(self._read_status()))
        self._emit(MediaTaken(self.name))
        return PrintResult(job, path, before=before, after=self._read_status())

    def _save_pdf(self, data: bytes, job: str) -> Path:
        def save(path: Path) -> None:
            with _private(path) as out:
                out.write(data)

        return self._write(job, save)

    def _save(self, picture, job: str) -> Path:
        def save(path: Path) -> None:
            with _private(path) as out:
                picture.save(out, "PDF", resolution=203)
            with _private(path.with_suffix(".png")) as out:
                picture.save(out, "PNG")

        return self._write(job, save)

    def _write(self, job: str, save) -> Path:
        """The job as a PDF and a PNG in `out_dir`; a folder that cannot be written (a full
        disk, a file in its place) is this printer's fault, as paper out is."""
        assert self.out_dir is not None
        path = self.out_dir / f"{time.strftime('%Y%m%d-%H%M%S')}-{job}.pdf"
        try:
            self.out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.out_dir.chmod(0o700)
            save(path)
        except OSError as error:
            raise DeviceError(
                f"{self.name}: cannot write {path.name} to {self.out_dir}: "
                f"{error.strerror or error}",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="not_writable",
            ) from error
        return path


def _private(path: Path):
    """`path` opened for writing, readable by this user alone (whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")
