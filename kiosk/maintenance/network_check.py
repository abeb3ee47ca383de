"""Maintenance's network page: is the platform reachable, step by step? For a district's
server: DNS (getaddrinfo of the URL's host), a TCP connection, the TLS handshake with the
configured CA file, then one authenticated call (the client's `check`, `GET /v1/kiosk`),
each with pass or fail, its time in ms and a one-line reason; the call's time is the round
trip. For the embedded platform: its store opens and answers. Runs as a kiosk chore (never
on the screen's thread), each step bounded by `[platform] connect_timeout`."""

from __future__ import annotations

import logging
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from district.contract import PlatformError
from kiosk.config import Settings

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)
STEPS = ("dns", "tcp", "tls", "call")
PASSED, FAILED, SKIPPED, NOT_USED = "passed", "failed", "skipped", "not_used"


@dataclass(frozen=True)
class Step:
    step: str  # dns, tcp, tls, call, store
    outcome: str  # passed, failed, skipped (an earlier step failed), not_used
    ms: float | None = None
    reason: str = ""  # the operator's words: the address, the version, the error; not used:
    # "embedded" or "http" (plain http to this machine)


@dataclass(frozen=True)
class StepRow:
    step: str
    name: str  # in words
    outcome: str
    passed: bool | None  # None: skipped or not used
    line: str  # outcome, time and reason in words


@dataclass(frozen=True)
class NetworkView:
    running: bool
    target: str  # the platform's URL, or its store file
    rows: tuple[StepRow, ...]
    round_trip: str  # the authenticated call's time in words, "" before it answers
    summary: str  # one line: all passed, or the first failed step and what to do


class Timer:
    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.ms = (time.perf_counter() - self.started) * 1000


def check_http(settings: Settings, call: Callable[[], Any]) -> tuple[Step, ...]:
    """The four steps in turn; after a failure the rest are skipped."""
    chosen = settings.platform
    url = urlsplit(chosen.url)
    host = url.hostname or ""
    port = url.port or (443 if url.scheme == "https" else 80)
    timeout = chosen.connect_timeout
    steps: list[Step] = []

    def skipped() -> tuple[Step, ...]:
        done = {s.step for s in steps}
        return (*steps, *(Step(name, SKIPPED) for name in STEPS if name not in done))

    with Timer() as timer:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            found, why = [], str(error)
    if not found:
        steps.append(Step("dns", FAILED, timer.ms, f"{host}: {why}"))
        return skipped()
    family, kind, proto, _name, address = found[0]
    steps.append(Step("dns", PASSED, timer.ms, f"{host} → {address[0]}"))
    connection = socket.socket(family, kind, proto)
    with Timer() as timer:
        try:
            connection.settimeout(timeout)
            connection.connect(address)
            why = ""
        except TimeoutError:
            why = f"no connection within {timeout:g} s"
        except OSError as error:
            why = error.strerror or str(error)
    if why:
        connection.close()
        steps.append(Step("tcp", FAILED, timer.ms, f"{address[0]}:{port}: {why}"))
        return skipped()
    steps.append(Step("tcp", PASSED, timer.ms, f"{address[0]}:{port}"))
    with connection:
        if url.scheme != "https":
            steps.append(Step("tls", NOT_USED, reason="http"))
        else:
            steps.append(_tls(connection, host, chosen.ca_file, timer_timeout=timeout))
            if steps[-1].outcome == FAILED:
                return skipped()
    with Timer() as timer:
        try:
            call()
            why = ""
        except PlatformError as error:
            why = str(error)
        except Exception as error:  # the client's bug is this check's answer, not a crash
            log.exception("maintenance: the platform call failed unexpectedly")
            why = f"unexpected: {type(error).__name__}"
    steps.append(Step("call", FAILED if why else PASSED, timer.ms,
                      why or f"GET {chosen.url.rstrip('/')}/v1/kiosk"))
    return tuple(steps)


def _tls(connection: socket.socket, host: str, ca_file: str, timer_timeout: float) -> Step:
    with Timer() as timer:
        try:
            context = ssl.create_default_context(cafile=ca_file or None)
            connection.settimeout(timer_timeout)
            with context.wrap_socket(connection, server_hostname=host,
                                     do_handshake_on_connect=True) as secure:
                version = secure.version() or "TLS"
            why = ""
        except ssl.SSLCertVerificationError as error:
            why = f"certificate not trusted: {error.verify_message}"
        except (OSError, ssl.SSLError) as error:
            why = str(error) or type(error).__name__
    if why:
        return Step("tls", FAILED, timer.ms, why)
    return Step("tls", PASSED, timer.ms, version + (f", CA {ca_file}" if ca_file else ""))


def check_embedded(call: Callable[[], Any]) -> tuple[Step, ...]:
    with Timer() as timer:
        try:
            call()
            why = ""
        except Exception as error:  # a broken store file is the answer this page gives
            why = str(error) or type(error).__name__
    unused = tuple(Step(name, NOT_USED, reason="embedded") for name in STEPS[:3])
    return (*unused, Step("store", FAILED if why else PASSED, timer.ms, why))


class NetworkCheck:
    """The network page's desk (`MaintenanceMode.network_check`)."""

    field: ClassVar[str] = "network"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.steps: tuple[Step, ...] = ()
        self.running = False
        self.run_number = 0

    def open(self) -> None:
        self.steps = ()
        self.run()

    def run(self) -> None:
        """The steps, as a chore; a run asked for while one goes is not started twice."""
        if self.running:
            return
        kiosk = self.kiosk
        settings, platform = kiosk.settings, kiosk.platform
        self.running, self.run_number = True, self.run_number + 1
        number = self.run_number
        call = getattr(platform, "check", None) or platform.usage_counts

        def work() -> tuple[Step, ...]:
            if settings.platform.kind == "http":
                return check_http(settings, call)
            return check_embedded(platform.usage_counts)

        kiosk.audit("maintenance.network.check", settings.platform.kind)
        kiosk.chores(work, lambda result: self._done(number, result))

    def _done(self, number: int, result: Any) -> None:
        if number != self.run_number:
            return
        self.running = False
        if isinstance(result, Exception):
            log.error("maintenance: the network check failed: %s", result)
            result = (Step("call", FAILED, reason=str(result) or type(result).__name__),)
        self.steps = result
        failed = next((s for s in result if s.outcome == FAILED), None)
        log.info("maintenance: network check %s", f"failed at {failed.step}: {failed.reason}"
                 if failed else "passed")
        self.kiosk.publish()

    def present(self, t: Any) -> NetworkView:
        chosen = self.kiosk.settings.platform
        target = chosen.url if chosen.kind == "http" else chosen.database
        rows = tuple(_row(step, t) for step in self.steps)
        call = next((s for s in self.steps if s.step in ("call", "store")
                     and s.outcome == PASSED), None)
        round_trip = t("maintenance.network.round_trip", ms=_ms(call.ms)) if call and \
            call.ms is not None else ""
        failed = next((s for s in self.steps if s.outcome == FAILED), None)
        if self.running:
            summary = t("maintenance.network.running")
        elif failed is not None:
            summary = t(f"maintenance.network.fix_{failed.step}")
        elif self.steps:
            summary = t("maintenance.network.all_passed")
        else:
            summary = ""
        return NetworkView(self.running, target, rows, round_trip, summary)


def _row(step: Step, t: Any) -> StepRow:
    ms = t("maintenance.network.ms", ms=_ms(step.ms)) if step.ms is not None else ""
    if step.outcome == NOT_USED:  # the reason is a word: embedded, or http on this machine
        line = t(f"maintenance.network.not_used_{step.reason}")
    else:
        words = t(f"maintenance.network.{step.outcome}")
        line = " · ".join(part for part in (words, ms, step.reason) if part)
    passed = {PASSED: True, FAILED: False}.get(step.outcome)
    return StepRow(step.step, t(f"maintenance.network.step_{step.step}"), step.outcome, passed,
                   line)


def _ms(ms: float) -> str:
    """12 ms; under 10, one decimal (0.4 ms, not 0 ms)."""
    return f"{ms:.1f}" if ms < 10 else f"{ms:.0f}"
