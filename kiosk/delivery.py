"""Delivery: one worker thread that takes the outbox's oldest pending item and hands it to
the platform with the item's idempotency key, so an item delivered twice is recorded once.
It picks up what is pending when it starts, wakes when an item is put, backs off
exponentially with full jitter while the platform is unavailable, and keeps what the
platform refuses for a technician. Items go in order: one that cannot be delivered yet
holds back the ones behind it."""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from district.contract import Platform, PlatformRefused, PlatformUnavailable
from district.models import AuditRecord, Rating, Submission
from kiosk.outbox import Item, Outbox, OutboxError, State, utc_now

log = logging.getLogger(__name__)

BASE_SECONDS = 2.0
CAP_SECONDS = 600.0
STORAGE_RETRY_SECONDS = 5.0  # after the outbox itself could not be read or written
_LONG_NUMBER = re.compile(r"\d{8,}")


def backoff(failures: int, rng: random.Random, base: float = BASE_SECONDS,
            cap: float = CAP_SECONDS) -> float:
    """Full jitter: anywhere from 0 up to base * 2^(failures - 1), at most `cap` seconds."""
    return rng.uniform(0.0, min(cap, base * 2.0 ** min(failures - 1, 64)))


def one_line(error: BaseException) -> str:
    """An error as one short line for the outbox and the log, with long numbers (ID or
    phone numbers a message might quote) masked."""
    text = (str(error).splitlines() or [""])[0] or type(error).__name__
    return _LONG_NUMBER.sub(lambda m: m.group()[:2] + "…", text)[:200]


class Delivery:
    def __init__(self, outbox: Outbox, platform: Platform, *,
                 now: Callable[[], datetime] = utc_now, rng: random.Random | None = None,
                 base: float = BASE_SECONDS, cap: float = CAP_SECONDS) -> None:
        self.outbox = outbox
        self.platform = platform
        self._now = now
        self._rng = rng or random.Random()
        self._base = base
        self._cap = cap
        self._changed = threading.Condition()
        self._urged = False  # an item was put: try the head now, whatever its back-off
        self._woken = False
        self._stopping = False
        self._rounds = 0  # each pass of the worker, for whoever waits on it
        self.attempts = 0  # deliveries tried by this worker
        self.failures = 0  # of which the platform was unavailable
        self._thread: threading.Thread | None = None
        outbox.subscribe(self.urge)

    # --- the worker ---------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping = False
        self._urged = True  # what waited for a kiosk that stopped is tried at once
        self._thread = threading.Thread(target=self._run, name="outbox-delivery", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Finish the delivery under way (the platform's own timeouts bound it) and stop."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("outbox delivery did not stop within %.0f s", timeout)
            self._thread = None

    def urge(self) -> None:
        """Try the oldest item now: something was just put, so the platform may be back."""
        with self._changed:
            self._urged = True
            self._changed.notify_all()

    def wake(self) -> None:
        """Look at the outbox again (the clock moved, or an item may be due)."""
        with self._changed:
            self._woken = True
            self._changed.notify_all()

    def _run(self) -> None:
        while not self._stopping:
            try:
                self._pass()
            except OutboxError as error:
                log.error("outbox delivery paused %.0f s: %s", STORAGE_RETRY_SECONDS, error)
                self._wait(STORAGE_RETRY_SECONDS)
            with self._changed:
                self._rounds += 1
                self._changed.notify_all()  # whoever waits on the worker looks again

    def _pass(self) -> None:
        """Deliver the oldest item if it is due (or urged), else wait until it is."""
        with self._changed:
            urged, self._urged = self._urged, False
        item = self.outbox.head()
        if item is None:
            self._wait(None)
            return
        delay = (item.next_attempt_at - self._now()).total_seconds()
        if delay > 0 and not urged:
            self._wait(delay)
            return
        self._attempt(item)

    def _wait(self, seconds: float | None) -> None:
        with self._changed:
            if not (self._stopping or self._urged or self._woken):
                self._changed.wait(seconds)
            self._woken = False

    def _attempt(self, item: Item) -> None:
        try:
            model = item.model()
        except ValueError as error:  # a payload this kiosk cannot read back: never retried
            log.error("outbox: %s %s cannot be read back: %s", item.kind, item.key,
                      type(error).__name__)
            self.outbox.failed(item.id, "unreadable", type(error).__name__)
            return
        self.outbox.begin_attempt(item.id)
        self.attempts += 1
        try:
            answer = self._send(model)
        except PlatformUnavailable as error:
            attempts = item.attempts + 1
            wait = backoff(attempts, self._rng, self._base, self._cap)
            log.info("outbox: %s %s not delivered (attempt %d), next in %.1f s: %s",
                     item.kind, item.reference or item.key, attempts, wait, one_line(error))
            self.outbox.retry_at(item.id, self._now() + timedelta(seconds=wait),
                                 one_line(error))
            self.failures += 1  # after the outbox has the next attempt's time
            return
        except PlatformRefused as error:
            if error.reason == "conflict" and item.attempts > 0:
                # An earlier attempt may have reached the platform before this kiosk stopped.
                log.info("outbox: %s %s was already delivered (%s)", item.kind,
                         item.reference or item.key, one_line(error))
                self.outbox.delivered(item.id, '{"already_delivered": true}')
                return
            log.warning("outbox: the platform refused %s %s (%s); kept for a technician",
                        item.kind, item.reference or item.key, one_line(error))
            self.outbox.failed(item.id, error.reason, one_line(error))
            return
        except Exception as error:  # a bug, not the platform's answer: keep it, retry later
            log.exception("outbox: delivering %s %s failed unexpectedly", item.kind, item.key)
            wait = backoff(item.attempts + 1, self._rng, self._base, self._cap)
            self.outbox.retry_at(item.id, self._now() + timedelta(seconds=wait),
                                 one_line(error))
            return
        self.outbox.delivered(item.id, answer)

    def _send(self, model: Submission | Rating | AuditRecord) -> str:
        """Deliver one item; the platform's answer as JSON."""
        if isinstance(model, Submission):
            return self.platform.submit(model).model_dump_json()
        if isinstance(model, Rating):
            self.platform.rate(model)
        elif isinstance(model, AuditRecord):
            self.platform.record_audit(model)
        return "null"

    # --- for the resident who is waiting ---------------------------------------------------------

    def deliver_now(self, key: str, within: float) -> State | None:
        """Urge delivery and wait up to `within` seconds for the item with `key`: its state
        once delivered or refused, or PENDING as soon as an attempt finds the platform
        unavailable (it stays queued). None if the outbox cannot be read."""
        with self._changed:
            failures = self.failures
            self._urged = True
            self._changed.notify_all()
        state: list[State | None] = [State.PENDING]

        def settled() -> bool:
            try:
                item = self.outbox.get(key)
            except OutboxError as error:
                log.error("outbox: cannot see whether %s was delivered: %s", key, error)
                state[0] = None
                return True
            state[0] = item.state if item else None
            return state[0] != State.PENDING or self.failures != failures

        self.wait_until(settled, within)
        return state[0]

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait, woken by each pass of the worker, until `condition()` holds or `timeout`
        seconds pass (at once when the worker is not running). Returns `condition()`."""
        deadline = time.monotonic() + timeout
        while True:
            with self._changed:
                rounds = self._rounds
            if condition():
                return True
            with self._changed:
                left = deadline - time.monotonic()
                if left <= 0 or self._thread is None:
                    return False
                if self._rounds == rounds:
                    self._changed.wait(left)

    @property
    def rounds(self) -> int:
        """Passes the worker has made (each delivery tried, each wait ended)."""
        return self._rounds
