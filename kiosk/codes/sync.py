"""Keeping the kiosk's offline-code lists fresh: `Platform.code_lists()` at start, every
`[codes] sync_minutes` on the kiosk's tick, and at once when asked (`sync_now`, right after
this kiosk issues a code, so the code it replaced is revoked here without waiting). Run on
the kiosk's chores, off the screen's thread; newest wins: one sync in flight at most, and
one asked for meanwhile goes when it ends. Each list is `accept`ed by the TrustStore (the
root key's signature, never an older number); the sync counts only when all three were
taken. A failure is one log line and keeps the last good lists, which then age until the
verifier says it cannot confirm a code offline (`[codes] stale_hours`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from district.models import CodeLists
from kiosk.codes.trust_store import TrustStore

log = logging.getLogger(__name__)


class NotTaken(Exception):
    """The platform answered, but not every list could be taken; `str()` says which."""


@dataclass(frozen=True)
class Synced:
    sequences: tuple[int, int, int]  # trust, revocations, status as now held


class CodeSync:
    def __init__(self, kiosk: Any) -> None:
        self.kiosk = kiosk
        self.interval = kiosk.settings.codes.sync_minutes * 60.0
        self.next_at = kiosk.started_at + self.interval  # the kiosk syncs once as it starts
        self.in_flight = False
        self.due = False  # asked for while one was in flight
        self.done = 0  # syncs that took all three lists
        self.failed = 0
        self._failing = False

    @property
    def store(self) -> TrustStore | None:
        codes = self.kiosk.codes
        return codes if isinstance(codes, TrustStore) else None  # NoTrust: nothing to keep

    def tick(self, now: float) -> None:
        if now < self.next_at:
            return
        self.next_at = now + self.interval
        self.sync_now()

    def sync_now(self) -> None:
        """Fetch the lists now (or as soon as the sync in flight ends)."""
        store = self.store
        if store is None:
            return  # without a root key nothing can be checked: open_trust said so once
        if self.in_flight:
            self.due = True
            return
        self.in_flight, self.due = True, False
        platform, clock = self.kiosk.platform, self.kiosk.wall_clock
        self.kiosk.chores(lambda: take(store, platform.code_lists(), clock), self._ended)

    def _ended(self, result: Any) -> None:
        self.in_flight = False
        if isinstance(result, Exception):
            self.failed += 1
            synced = self.store.synced_at if self.store else None
            since = f"last synced {synced:%Y-%m-%d %H:%M} UTC" if synced else "never synced"
            (log.info if self._failing else log.warning)(
                "codes: the lists were not updated (%s); the last good ones stay (%s)",
                result, since)
            self._failing = True
        else:
            self.done += 1
            if self._failing:
                log.info("codes: the lists are up to date again (numbers %s)",
                         "/".join(map(str, result.sequences)))
            self._failing = False
        if self.due:
            self.sync_now()


def take(store: TrustStore, lists: CodeLists, clock: Any) -> Synced:
    """Give each list to the store; the sync's time is kept only when all three were taken.
    Raises NotTaken (the store logged why for each) or OSError (the disk)."""
    refused = [signed.kind for signed in (lists.trust, lists.revocations, lists.status)
               if not store.accept(signed)]
    if refused:
        raise NotTaken(f"not taken: {', '.join(refused)}")
    store.mark_synced(clock())
    return Synced((store.trust.sequence, store.revocations.sequence,
                   store.status.sequence if store.status else 0))
