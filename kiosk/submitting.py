"""Submitting a signed form and printing its receipt, off the screen's thread: whatever
happens to the printer, an accepted submission keeps its reference number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from district.contract import Platform
from district.models import Accepted, Submission
from drivers.base import DeviceError, DeviceStatus
from drivers.printer.document import Document


@dataclass(frozen=True)
class Outcome:
    """What submitting brought back: always the reference once accepted, and whether it printed."""

    accepted: Accepted
    printed: bool
    print_problem: str = ""


class Printer(Protocol):
    status: DeviceStatus

    def print_document(self, document: Document, timeout: float = 30.0) -> Any: ...


def submit_and_print(platform: Platform, printer: Printer, submission: Submission,
                     receipt: Callable[[Accepted], Document], timeout: float) -> Outcome:
    """Submit (may raise PlatformUnavailable: nothing recorded), then print the receipt."""
    accepted = platform.submit(submission)
    try:
        printer.print_document(receipt(accepted), timeout).result()
    except DeviceError as error:
        return Outcome(accepted, printed=False, print_problem=error.message)
    return Outcome(accepted, printed=True)
