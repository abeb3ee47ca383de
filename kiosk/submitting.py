"""Submitting a signed form and printing its receipt, off the screen's thread. The submission
is committed to the outbox first; delivery is then tried at once for a few seconds, and the
outcome says whether the platform has it or it waits on this kiosk. Then the receipt prints;
a printer problem never changes what the resident is told about the submission."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from district.models import Submission
from drivers.base import DeviceError, DeviceStatus
from drivers.printer.document import Document
from kiosk.delivery import Delivery
from kiosk.outbox import Item, Outbox, OutboxError, State

log = logging.getLogger(__name__)
DELIVER_WITHIN = 5.0  # seconds the resident waits for the platform before "saved"


@dataclass(frozen=True)
class Outcome:
    """What submitting brought back: the reference (always: the kiosk gave it), whether the
    platform has the submission yet, and whether the receipt printed."""

    reference: str
    submitted_at: datetime
    delivered: bool  # False: saved on this kiosk, the outbox sends it when it can
    printed: bool = False
    print_problem: str = ""
    references: tuple[str, ...] = ()  # a bundle (一件事): every member's reference, in order


class Refused(Exception):
    """The platform refused the submission; the outbox keeps it for a technician."""

    def __init__(self, item: Item) -> None:
        super().__init__(f"the platform refused {item.reference}: {item.failed_reason}")
        self.reference = item.reference
        self.reason = item.failed_reason


class Printer(Protocol):
    status: DeviceStatus

    def print_document(self, document: Document, timeout: float = 30.0) -> Any: ...


def submit_and_print(*, outbox: Outbox, delivery: Delivery, printer: Printer,
                     submission: Submission, receipt: Callable[[Outcome], Document],
                     print_timeout: float, deliver_within: float = DELIVER_WITHIN,
                     visit_seconds: float | None = None) -> Outcome:
    """Raises OutboxFull or OutboxError (then nothing was kept) or Refused.
    `visit_seconds`: how long the visit took until now, kept for the usage page."""
    item = outbox.put(submission, visit_seconds=visit_seconds)
    state = delivery.deliver_now(item.key, deliver_within)
    if state == State.FAILED:
        raise Refused(outbox.get(item.key) or item)
    outcome = Outcome(item.reference or submission.reference, submission.signed_at,
                      delivered=state == State.DELIVERED)
    return print_receipt(outbox, printer, item.key, outcome, receipt, print_timeout)


def submit_all_and_print(*, outbox: Outbox, delivery: Delivery, printer: Printer,
                         submissions: list[Submission], receipt: Callable[[Outcome], Document],
                         print_timeout: float, deliver_within: float = DELIVER_WITHIN,
                         visit_seconds: float | None = None) -> Outcome:
    """A bundle's submissions, each kept and delivered as one is, then one receipt listing
    every reference. Raises as `submit_and_print` does. The visit's time goes with the
    first only (one visit)."""
    if len(submissions) == 1:
        return submit_and_print(outbox=outbox, delivery=delivery, printer=printer,
                                submission=submissions[0], receipt=receipt,
                                print_timeout=print_timeout, deliver_within=deliver_within,
                                visit_seconds=visit_seconds)
    items = [outbox.put(submission, visit_seconds=visit_seconds if index == 0 else None)
             for index, submission in enumerate(submissions)]
    states = [delivery.deliver_now(item.key, deliver_within) for item in items]
    for item, state in zip(items, states, strict=True):
        if state == State.FAILED:
            raise Refused(outbox.get(item.key) or item)
    references = tuple(item.reference or s.reference for item, s in zip(items, submissions,
                                                                         strict=True))
    outcome = Outcome(references[0], submissions[0].signed_at,
                      delivered=all(state == State.DELIVERED for state in states),
                      references=references)
    outcome = print_receipt(outbox, printer, items[0].key, outcome, receipt, print_timeout)
    for item in items[1:]:
        try:
            outbox.mark_printed(item.key, outcome.printed)
        except OutboxError as error:
            log.error("receipt %s: cannot record whether it printed: %s", item.reference, error)
    return outcome


def reprint(outbox: Outbox, printer: Printer, item: Item,
            receipt: Callable[[Outcome], Document], print_timeout: float) -> Outcome:
    """A submission's receipt again, saying where its submission is now (after the purge,
    when it was kept stands for when it was signed)."""
    try:
        signed_at = item.created_at if item.purged else item.model().signed_at
    except OutboxError:  # a payload that does not open: the receipt says what is left
        signed_at = item.created_at
    outcome = Outcome(item.reference or "", signed_at, delivered=item.state == State.DELIVERED)
    return print_receipt(outbox, printer, item.key, outcome, receipt, print_timeout)


def print_receipt(outbox: Outbox, printer: Printer, key: str, outcome: Outcome,
                  receipt: Callable[[Outcome], Document], print_timeout: float) -> Outcome:
    """Print, and note in the outbox whether it printed. Never raises: the submission is
    kept whatever happens here."""
    printed, problem = False, ""
    try:
        printer.print_document(receipt(outcome), print_timeout).result()
        printed = True
    except DeviceError as error:
        problem = error.message
    except Exception as error:  # a bug in the receipt or the driver: still only the receipt
        log.exception("receipt %s: printing failed unexpectedly", outcome.reference)
        problem = f"unexpected: {type(error).__name__}"
    try:
        outbox.mark_printed(key, printed)
    except OutboxError as error:
        log.error("receipt %s: cannot record whether it printed: %s", outcome.reference, error)
    return replace(outcome, printed=printed, print_problem=problem)
