"""One model for every device, after XFS4IoT: a state, media where it applies, capabilities,
plain events, errors that say who must act, and a thread per device that owns its I/O,
reconnects with back-off and re-checks status every 30 s and after every error."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class DeviceState(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    NO_DEVICE = "no_device"
    HARDWARE_ERROR = "hardware_error"
    USER_ERROR = "user_error"
    BUSY = "busy"


class MediaState(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"
    NOT_SUPPORTED = "not_supported"


class PaperState(StrEnum):
    FULL = "full"
    LOW = "low"
    OUT = "out"
    JAMMED = "jammed"
    UNKNOWN = "unknown"
    NOT_SUPPORTED = "not_supported"


class Actor(StrEnum):
    """Who must act on an error: the program retries, staff refill paper, an engineer repairs."""

    PROGRAM = "program"
    STAFF = "staff"
    ENGINEER = "engineer"


@dataclass(frozen=True)
class DeviceStatus:
    state: DeviceState
    media: MediaState = MediaState.NOT_SUPPORTED
    paper: PaperState = PaperState.NOT_SUPPORTED
    cover_open: bool = False
    detail: str = ""

    @property
    def usable(self) -> bool:
        return self.state in (DeviceState.ONLINE, DeviceState.BUSY)


class DeviceError(Exception):
    """A device failure in words an operator can act on."""

    def __init__(
        self,
        message: str,
        *,
        actor: Actor = Actor.PROGRAM,
        state: DeviceState = DeviceState.HARDWARE_ERROR,
        code: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.actor = actor
        self.state = state
        self.code = code


class CommandTimeout(DeviceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="timeout")


class CommandCancelled(DeviceError):
    def __init__(self, message: str = "command cancelled") -> None:
        super().__init__(message, actor=Actor.PROGRAM, state=DeviceState.ONLINE, code="cancelled")


# --- events: plain data, delivered on the device's own thread -------------------------------


@dataclass(frozen=True)
class StatusChanged:
    device: str
    status: DeviceStatus
    previous: DeviceStatus


@dataclass(frozen=True)
class CardInserted:
    device: str


@dataclass(frozen=True)
class CardRead:
    device: str
    card: Any  # drivers.idcard.card.IdCard


@dataclass(frozen=True)
class CardRemoved:
    device: str


@dataclass(frozen=True)
class CodeScanned:
    device: str
    text: str
    raw: bytes
    symbology: str = "QRCode"
    # frame to code, where the driver decodes (camera); a measurement, not the event's identity
    decode_seconds: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PaperThreshold:
    device: str
    paper: PaperState


@dataclass(frozen=True)
class MediaTaken:
    device: str


@dataclass(frozen=True)
class DeviceFault:
    device: str
    error: DeviceError


DeviceEvent = (
    StatusChanged
    | CardInserted
    | CardRead
    | CardRemoved
    | CodeScanned
    | PaperThreshold
    | MediaTaken
    | DeviceFault
)
Listener = Callable[[DeviceEvent], None]


class CancelToken:
    """Handed to a running command so a long job can stop early when cancelled or timed out."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CommandCancelled()


class Command(Generic[T]):
    """A command queued to a device thread: wait for it with a timeout, or cancel it."""

    def __init__(self, name: str, fn: Callable[[CancelToken], T], timeout: float) -> None:
        self.name = name
        self.fn = fn
        self.timeout = timeout
        self.token = CancelToken()
        self.future: Future[T] = Future()

    def cancel(self) -> None:
        self.token.cancel()
        self.future.cancel()

    def result(self, timeout: float | None = None) -> T:
        wait = self.timeout if timeout is None else timeout
        try:
            return self.future.result(wait)
        except FutureTimeout:
            self.token.cancel()
            raise CommandTimeout(f"{self.name}: no answer within {wait:g} s") from None

    def add_done_callback(self, fn: Callable[[Future[T]], None]) -> None:
        self.future.add_done_callback(fn)


@dataclass
class Backoff:
    """Reconnect delays that double from `first` up to `limit`."""

    first: float = 0.5
    limit: float = 30.0
    current: float = field(init=False, default=0.0)

    def next(self) -> float:
        self.current = self.first if self.current == 0 else min(self.current * 2, self.limit)
        return self.current

    def reset(self) -> None:
        self.current = 0.0


class Device:
    """Base of every device. Subclasses implement the hooks; all of them run on the device's
    own thread, so a driver never needs a lock around its port."""

    kind: ClassVar[str] = "device"
    capabilities: ClassVar[frozenset[str]] = frozenset()
    STATUS_INTERVAL: ClassVar[float] = 30.0

    def __init__(self, name: str, *, poll_interval: float = 0.3, backoff: Backoff | None = None):
        self.name = name
        self.poll_interval = poll_interval
        self._backoff = backoff or Backoff()
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self._status = DeviceStatus(DeviceState.OFFLINE, detail="not started")
        self._commands: queue.Queue[Command[Any] | None] = queue.Queue()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected = False

    # --- hooks for subclasses (device thread) ---

    def _open(self) -> None:
        """Connect to the hardware; raise DeviceError when it cannot."""

    def _close(self) -> None:
        """Release the hardware; must not raise."""

    def _poll(self) -> None:
        """Look for media or input while online; raise DeviceError on failure."""

    def _read_status(self) -> DeviceStatus:
        """Ask the hardware for its state; raise DeviceError when it does not answer."""
        return replace(self._status, state=DeviceState.ONLINE, detail="")

    # --- public API (any thread) ---

    @property
    def status(self) -> DeviceStatus:
        return self._status

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"device-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._wake.set()
        self._commands.put(None)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("device %s: thread did not stop within %.1f s", self.name, timeout)
            self._thread = None

    def call(self, name: str, fn: Callable[[CancelToken], T], *, timeout: float) -> Command[T]:
        """Queue `fn` for the device thread; wait with `.result()`, stop with `.cancel()`."""
        command = Command(name, fn, timeout)
        if not self.running:
            command.future.set_exception(
                DeviceError(f"{self.name} is not running", state=DeviceState.OFFLINE)
            )
            return command
        self._commands.put(command)
        self._wake.set()
        return command

    def check_now(self) -> None:
        """Ask the thread to re-read status (or reconnect) at once."""
        self._force_status = True
        self._wake.set()

    # --- for subclasses ---

    def _emit(self, event: DeviceEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a listener's bug must not kill the device thread
                log.exception("device %s: listener failed on %r", self.name, event)

    def _set_status(self, status: DeviceStatus) -> None:
        previous = self._status
        if status == previous:
            return
        self._status = status
        self._emit(StatusChanged(self.name, status, previous))
        thresholds = (PaperState.LOW, PaperState.OUT)
        crossed_down = status.paper in thresholds and status.paper != previous.paper
        refilled = previous.paper in thresholds and status.paper == PaperState.FULL
        if crossed_down or refilled:
            self._emit(PaperThreshold(self.name, status.paper))

    def _fail(self, error: DeviceError) -> None:
        log.warning("device %s: %s (%s must act)", self.name, error.message, error.actor)
        # The status first, so that a listener reading it on the fault sees the new state.
        self._set_status(replace(self._status, state=error.state, detail=error.message))
        self._emit(DeviceFault(self.name, error))

    # --- the thread ---

    _force_status = False

    def _run(self) -> None:
        next_status = 0.0
        next_poll = 0.0
        while not self._stop.is_set():
            if not self._connected:
                if not self._connect():
                    self._wait(self._backoff.next())
                    continue
                next_status = time.monotonic() + self.STATUS_INTERVAL
            now = time.monotonic()
            try:
                if self._force_status or now >= next_status:
                    self._force_status = False
                    self._set_status(self._read_status())
                    next_status = now + self.STATUS_INTERVAL
                if now >= next_poll:
                    self._poll()
                    next_poll = time.monotonic() + self.poll_interval
                self._run_commands(until=min(next_poll, next_status))
            except DeviceError as error:
                self._after_error(error)
            except Exception as error:  # a driver bug: report it, reconnect, keep the thread
                log.exception("device %s: unexpected failure", self.name)
                self._after_error(DeviceError(f"unexpected: {error}", actor=Actor.ENGINEER))
        self._fail_pending(DeviceError(f"{self.name} stopped", state=DeviceState.OFFLINE))
        if self._connected:
            self._close()
            self._connected = False

    def _connect(self) -> bool:
        try:
            self._open()
            self._connected = True
            self._backoff.reset()
            self._set_status(self._read_status())
            return True
        except DeviceError as error:
            self._close()
            self._connected = False
            self._fail_pending(error)
            if self._status.state != error.state or self._status.detail != error.message:
                self._fail(error)
            return False
        except Exception as error:
            log.exception("device %s: unexpected failure while opening", self.name)
            self._close()
            self._fail(DeviceError(f"unexpected: {error}", actor=Actor.ENGINEER))
            return False

    def _after_error(self, error: DeviceError) -> None:
        """Every error is followed by a fresh status read; if that fails too, reconnect."""
        if error.code in ("cancelled", "no_card"):
            return  # an answer the caller handles, not a fault
        self._fail(error)
        try:
            self._set_status(self._read_status())
        except DeviceError as second:
            if second.message != error.message:
                self._fail(second)
            self._close()
            self._connected = False
        except Exception:
            log.exception("device %s: status read failed", self.name)
            self._close()
            self._connected = False

    def _run_commands(self, until: float) -> None:
        while not self._stop.is_set():
            remaining = until - time.monotonic()
            if remaining <= 0:
                return
            try:
                command = self._commands.get(timeout=remaining)
            except queue.Empty:
                return
            if command is None:
                return
            self._execute(command)

    def _execute(self, command: Command[Any]) -> None:
        if not command.future.set_running_or_notify_cancel():
            return
        busy = self._status
        self._set_status(replace(busy, state=DeviceState.BUSY))
        try:
            result = command.fn(command.token)
        except DeviceError as error:
            command.future.set_exception(error)
            self._set_status(busy)
            raise
        except Exception as error:  # a driver bug: still a fault of this device to the caller
            fault = DeviceError(f"{self.name}: unexpected: {error}", actor=Actor.ENGINEER)
            fault.__cause__ = error
            command.future.set_exception(fault)
            self._set_status(busy)
            raise
        command.future.set_result(result)
        if self._status.state == DeviceState.BUSY:
            self._set_status(replace(self._status, state=busy.state))

    def _fail_pending(self, error: DeviceError) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            if command is not None and command.future.set_running_or_notify_cancel():
                command.future.set_exception(error)

    def _wait(self, seconds: float) -> None:
        """Sleep, but wake at once for stop, a command or check_now()."""
        self._wake.wait(seconds)
        self._wake.clear()
