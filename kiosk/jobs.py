"""Slow work (platform calls, printing) off the screen's thread, each job tagged with the
visit that asked for it. A result is applied only while that visit is still the current one
and the job is still the latest of its kind; anything else is dropped and logged, never
applied, however late or out of order it comes back."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.session import Visit

log = logging.getLogger(__name__)

# Runs `job` somewhere and calls `done` with its result (or the exception it raised) on the
# thread that owns the kiosk: ui.bridge.Background in the kiosk, run_now in tools.
Background = Callable[[Callable[[], Any], Callable[[Any], None]], None]


def run_now(job: Callable[[], Any], done: Callable[[Any], None]) -> None:
    """A background runner for tests and tools: runs the job at once, in this thread."""
    try:
        result = job()
    except Exception as error:
        result = error
    done(result)


@dataclass(frozen=True)
class Ticket:
    kind: str  # profile, submission, lookup, rating
    number: int
    visit: Visit


class Jobs:
    def __init__(self, background: Background, current_visit: Callable[[], Visit]) -> None:
        self.background = background
        self._current_visit = current_visit
        self._numbers = itertools.count(1)
        self._latest: dict[str, Ticket] = {}
        self.dropped: list[Ticket] = []  # for the log and the tests: what arrived too late

    def run(self, kind: str, work: Callable[[], Any], apply: Callable[[Any], None], *,
            always: Callable[[Any], None] | None = None) -> Ticket:
        """Run `work` in the background; `apply` its result if it is still wanted. `always`
        sees every result, wanted or not (to log a submission that outlived its visit)."""
        ticket = Ticket(kind, next(self._numbers), self._current_visit())
        self._latest[kind] = ticket

        def done(result: Any) -> None:
            if always is not None:
                always(result)
            if self.wanted(ticket):
                del self._latest[kind]
                apply(result)
                return
            self.dropped.append(ticket)
            del self.dropped[:-20]
            why = "its visit has ended" if ticket.visit is not self._current_visit() \
                else "a newer one was asked for"
            log.info("dropped the result of %s job %d: %s", kind, ticket.number, why)

        self.background(work, done)
        return ticket

    def wanted(self, ticket: Ticket) -> bool:
        return (ticket.visit is self._current_visit()
                and self._latest.get(ticket.kind) is ticket)

    def pending(self, kind: str) -> bool:
        """A job of this kind for the current visit has not come back yet."""
        ticket = self._latest.get(kind)
        return ticket is not None and ticket.visit is self._current_visit()

    def forget(self) -> None:
        """The visit ended: whatever comes back now is for nobody."""
        self._latest.clear()
