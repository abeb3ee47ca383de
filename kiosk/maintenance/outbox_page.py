"""Maintenance's outbox page: what waits to reach the platform and what it refused, counted
by kind, the oldest waiting, the latest error; never a payload. "Retry now" puts refused
items back to pending and wakes the delivery; a refused item can be discarded, once
confirmed (its payload goes; the audit record names its reference and why)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kiosk.outbox import OutboxError, State
from kiosk.view import LARGE_PRINT

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)

REFUSED_PER_PAGE = 2
REFUSED_PER_PAGE_LARGE = 1


@dataclass(frozen=True)
class KindCount:
    kind: str  # submission, rating, audit
    pending: int
    refused: int


@dataclass(frozen=True)
class RefusedItem:
    key: str  # the idempotency key: what discard is told
    kind: str
    reference: str  # a kiosk-given reference (safe), or "" for an audit record
    reason: str  # the platform's reason code
    age: str  # how long ago it was kept, in words


@dataclass(frozen=True)
class OutboxView:
    counts: tuple[KindCount, ...]
    pending: int
    refused: int
    oldest: str  # the oldest pending item's age in words, "" when nothing waits
    last_error: str  # the latest delivery error (one line, nothing personal), or ""
    items: tuple[RefusedItem, ...]  # this page of refused items
    page: int
    pages: int
    confirming: str = ""  # the key asked to be discarded, waiting for "yes, discard"
    message: str = ""  # what the last action did


class OutboxDesk:
    field: ClassVar[str] = "outbox"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.page_index = 0
        self.confirming = ""
        self.message = ""

    def open(self) -> None:
        self.page_index, self.confirming, self.message = 0, "", ""

    def turn(self, step: int) -> None:
        self.page_index = max(0, self.page_index + step)
        self.confirming = ""

    def retry(self) -> None:
        """Refused items back to pending, and the delivery tries now."""
        self.confirming = ""
        try:
            again = self.kiosk.outbox.requeue_failed()
        except OutboxError as error:
            self.message = self.kiosk.text("maintenance_outbox.broken", reason=str(error))
            return
        self.kiosk.delivery.urge()
        self.kiosk.audit("maintenance.outbox_retry", f"{again} refused item(s) put back")
        self.message = self.kiosk.text("maintenance_outbox.retried", count=again)

    def ask_discard(self, key: str) -> None:
        self.confirming = key
        self.message = ""

    def cancel_discard(self) -> None:
        self.confirming = ""

    def discard(self) -> None:
        """The refused item asked about goes, payload and all."""
        key, self.confirming = self.confirming, ""
        if not key:
            return
        try:
            item = self.kiosk.outbox.discard_failed(key)
        except OutboxError as error:
            self.message = self.kiosk.text("maintenance_outbox.broken", reason=str(error))
            return
        if item is None:
            return
        name = item.reference or item.key[:8]
        self.kiosk.audit("maintenance.outbox_discard",
                         f"{item.kind.value} {name} discarded: refused ({item.failed_reason})")
        log.warning("maintenance: refused %s %s discarded", item.kind.value, name)
        self.message = self.kiosk.text("maintenance_outbox.discarded", reference=name)

    def present(self, t: Any) -> OutboxView:
        outbox = self.kiosk.outbox
        try:
            waiting = outbox.waiting()
            refused = outbox.failed_items()
        except OutboxError as error:
            return OutboxView((), 0, 0, "", "", (), 0, 1,
                              message=t("maintenance_outbox.broken", reason=str(error)))
        now = outbox.now()
        kinds = sorted({row.kind for row in waiting})
        counts = tuple(KindCount(
            kind.value,
            sum(row.count for row in waiting if row.kind == kind and row.state == State.PENDING),
            sum(row.count for row in waiting if row.kind == kind and row.state == State.FAILED))
            for kind in kinds)
        pending = [row for row in waiting if row.state == State.PENDING]
        oldest = min((row.oldest for row in pending), default=None)
        errors = [item.last_error for item in reversed(refused) if item.last_error]
        errors = [row.last_error for row in pending if row.last_error] + errors
        per_page = (REFUSED_PER_PAGE_LARGE if self.kiosk.session.visit.display_mode
                    in LARGE_PRINT else REFUSED_PER_PAGE)
        pages = max(1, -(-len(refused) // per_page))
        self.page_index = min(self.page_index, pages - 1)
        shown = refused[self.page_index * per_page:][:per_page]
        return OutboxView(
            counts=counts, pending=sum(c.pending for c in counts),
            refused=sum(c.refused for c in counts),
            oldest=_age((now - oldest).total_seconds(), t) if oldest else "",
            last_error=_short(errors[0]) if errors else "",
            items=tuple(RefusedItem(item.key, item.kind.value, item.reference or "",
                                    item.failed_reason or "",
                                    _age((now - item.created_at).total_seconds(), t))
                        for item in shown),
            page=self.page_index, pages=pages, confirming=self.confirming,
            message=self.message)


def _short(line: str, most: int = 60) -> str:
    """The start of an error line; the log has the whole of it."""
    return line if len(line) <= most else line[:most - 1] + "…"


def _age(seconds: float, t: Any) -> str:
    """"3 min", "2 h 5 min", "4 d" in the page's language."""
    minutes = max(0, int(seconds // 60))
    if minutes < 60:
        return t("maintenance_outbox.minutes", minutes=minutes)
    if minutes < 48 * 60:
        return t("maintenance_outbox.hours", hours=minutes // 60, minutes=minutes % 60)
    return t("maintenance_outbox.days", days=minutes // (24 * 60))
