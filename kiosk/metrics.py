"""The kiosk's own counters and timings, for Prometheus on this machine (prometheus-client):
visits, transactions per service, each device's state and paper, the outbox's depth, ERROR
log lines, decode and print times. One registry per `Kiosk` (never the library's global
one), served by `serve` on 127.0.0.1 only; the heartbeat reads its counts from here too."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Enum,
    Gauge,
    Histogram,
    start_http_server,
)

from drivers.base import DeviceState, DeviceStatus, PaperState
from kiosk.outbox import Outbox, OutboxError, State

log = logging.getLogger(__name__)

# seconds: a code is decoded in milliseconds, a receipt prints in a few seconds
DECODE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
PRINT_BUCKETS = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0, 60.0)


class KioskMetrics:
    """Everything the endpoint shows for one kiosk."""

    def __init__(self, outbox: Outbox, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.registry = registry = CollectorRegistry()
        self.visits_started = Counter("kiosk_visits_started", "Visits begun",
                                      registry=registry)
        self.visits_ended = Counter("kiosk_visits_ended", "Visits ended, by reason",
                                    ["reason"], registry=registry)
        self.transactions = Counter(
            "kiosk_transactions", "Transactions done: a submission kept, a record printed, "
            "an appointment booked...", ["service", "kind"], registry=registry)
        self.prints = Counter("kiosk_prints", "Print jobs that printed", registry=registry)
        self.errors = Counter("kiosk_errors", "ERROR log lines", registry=registry)
        self.device_state = Enum("kiosk_device_state", "Each device's state", ["device"],
                                 states=[s.value for s in DeviceState], registry=registry)
        self.paper_state = Enum("kiosk_paper_state", "Each printer's paper", ["device"],
                                states=[s.value for s in PaperState], registry=registry)
        self.outbox_items = Gauge("kiosk_outbox_items", "Outbox items waiting (pending) or "
                                  "refused by the platform (failed)", ["state"],
                                  registry=registry)
        for state in (State.PENDING, State.FAILED):
            self.outbox_items.labels(state.value).set_function(
                lambda state=state: _count(outbox, state))
        self.decode_seconds = Histogram(
            "kiosk_decode_seconds", "From a camera frame to its code (camera scanners)",
            buckets=DECODE_BUCKETS, registry=registry)
        self.print_seconds = Histogram(
            "kiosk_print_seconds", "From handing a document to the printer to its end",
            ["outcome"], buckets=PRINT_BUCKETS, registry=registry)
        self.sentinel_scans = Counter("kiosk_sentinel_scans", "Sentinel mode scans, by "
                                      "tally (green, yellow, red, other)", ["tally"],
                                      registry=registry)
        self.error_handler = ErrorCount(self.errors)

    # --- what the kiosk tells it --------------------------------------------------------

    def visit_started(self) -> None:
        self.visits_started.inc()

    def visit_ended(self, reason: str) -> None:
        self.visits_ended.labels(_slug(reason)).inc()

    def transaction(self, service: str, kind: str) -> None:
        self.transactions.labels(service, kind).inc()

    def device(self, name: str, status: DeviceStatus) -> None:
        self.device_state.labels(name).state(status.state.value)
        if status.paper != PaperState.NOT_SUPPORTED:
            self.paper_state.labels(name).state(status.paper.value)

    def sentinel_scan(self, tally: str) -> None:
        self.sentinel_scans.labels(tally).inc()

    def decoded(self, seconds: float) -> None:
        self.decode_seconds.observe(seconds)

    # --- what the heartbeat reads ----------------------------------------------------------

    def totals(self) -> dict[str, int]:
        """The counts so far (since the kiosk started): visits, transactions, errors, prints,
        transactions.<service id>, sentinel.<tally>."""
        totals = {"visits": self._value("kiosk_visits_started_total"),
                  "errors": self._value("kiosk_errors_total"),
                  "prints": self._value("kiosk_prints_total"), "transactions": 0}
        for metric in self.transactions.collect():
            for sample in metric.samples:
                if sample.name != "kiosk_transactions_total":
                    continue
                key = f"transactions.{sample.labels['service']}"
                totals[key] = totals.get(key, 0) + int(sample.value)
                totals["transactions"] += int(sample.value)
        for metric in self.sentinel_scans.collect():
            for sample in metric.samples:
                if sample.name == "kiosk_sentinel_scans_total":
                    totals[f"sentinel.{sample.labels['tally']}"] = int(sample.value)
        return totals

    def _value(self, name: str) -> int:
        return int(self.registry.get_sample_value(name) or 0)

    def timed(self, printer: Any) -> TimedPrinter:
        return TimedPrinter(printer, self)


class TimedPrinter:
    """The kiosk's printer, each job timed from the hand-over to its end (every print path
    goes through `Kiosk.printer`: receipts, records, slips, tickets)."""

    def __init__(self, printer: Any, metrics: KioskMetrics) -> None:
        self.inner = printer
        self._metrics = metrics

    @property
    def status(self) -> DeviceStatus:
        return self.inner.status

    @property
    def capabilities(self) -> Any:
        return getattr(self.inner, "capabilities", ())

    def print_document(self, document: Any, timeout: float = 30.0) -> Any:
        metrics, began = self._metrics, self._metrics.clock()
        command = self.inner.print_document(document, timeout)

        def ended(future: Any) -> None:
            printed = not future.cancelled() and future.exception() is None
            metrics.print_seconds.labels("printed" if printed else "failed").observe(
                metrics.clock() - began)
            if printed:
                metrics.prints.inc()

        command.future.add_done_callback(ended)
        return command


class ErrorCount(logging.Handler):
    """Counts ERROR (and CRITICAL) lines; attached to the root logger beside the log book."""

    def __init__(self, counter: Counter) -> None:
        super().__init__(level=logging.ERROR)
        self._counter = counter

    def emit(self, record: logging.LogRecord) -> None:
        self._counter.inc()


class Endpoint:
    """The HTTP endpoint, on 127.0.0.1 only; `close` shuts it down and joins its thread."""

    def __init__(self, server: Any, thread: threading.Thread) -> None:
        self.server, self.thread = server, thread

    @property
    def port(self) -> int:
        return self.server.server_port

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def serve(metrics: KioskMetrics, port: int) -> Endpoint | None:
    """Start the endpoint; a port that cannot be had is one log line, and no metrics."""
    try:
        server, thread = start_http_server(port, addr="127.0.0.1", registry=metrics.registry)
    except OSError as error:
        log.error("metrics: cannot listen on 127.0.0.1:%d (%s); set [metrics] port to a free "
                  "one, or 0 for none; the kiosk goes on without metrics", port,
                  error.strerror or error)
        return None
    log.info("metrics on http://127.0.0.1:%d/metrics", server.server_port)
    return Endpoint(server, thread)


def _count(outbox: Outbox, state: State) -> float:
    try:
        return float(outbox.counts().get(state, 0))
    except OutboxError:
        return float("nan")  # the outbox cannot be read (a technician's job): no number


def _slug(reason: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", reason.lower()).strip("_") or "unknown"
