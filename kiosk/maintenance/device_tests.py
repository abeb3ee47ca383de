"""Maintenance's devices page: each device's state, media or paper and last error in plain
words, and one test each: a test slip printed (off the screen's thread, with the print
timeout), the next card read and shown masked, the next code scanned, the document camera's
live picture, and one call to the platform. Each test gives one result line and one audit
record (`maintenance.test.<device>`). Nothing read here is kept beyond its masked words."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from drivers.base import (
    CardRead,
    CodeScanned,
    DeviceError,
    DeviceFault,
    DeviceStatus,
    MediaState,
    PaperState,
)
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Rule, Text, TextSize
from kiosk import slip_privacy
from kiosk.device_policy import DevicePolicy

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)
DEVICES = ("idcard", "scanner", "printer", "camera", "platform")
SHANGHAI = ZoneInfo("Asia/Shanghai")
CAMERA_WAIT_S = 10.0  # a camera that shows no picture this long after the test fails it
SHOWN_CODE = 60  # characters of a scanned code shown


@dataclass
class Result:
    passed: bool | None  # None: running or waiting
    key: str  # a message key under maintenance.test.
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeviceRow:
    device: str
    name: str  # in words
    state: str  # in words
    ok: bool  # working
    media: str  # paper or card, in words; "" where it does not apply
    last_error: str  # "" when none
    test: str  # the test's button label
    result: str  # the test's result line; "" before it runs
    passed: bool | None
    busy: bool  # a test is running or waiting for the technician


@dataclass(frozen=True)
class DevicesView:
    rows: tuple[DeviceRow, ...] = ()
    selected: str = "idcard"  # the device whose test is shown
    card: tuple[tuple[str, str], ...] = ()  # the card just read: label, masked value
    code: tuple[tuple[str, str], ...] = ()  # the code just scanned: label, value
    camera_live: bool = False  # the screen shows the document camera's preview


class DeviceTests:
    """The devices page's desk (`MaintenanceMode.device_tests`)."""

    field: ClassVar[str] = "devices"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.results: dict[str, Result] = {}
        self.faults: dict[str, str] = {}  # the last fault each device reported here
        self.card: tuple[tuple[str, str], ...] = ()
        self.code: tuple[tuple[str, str], ...] = ()
        self.waiting = ""  # idcard or scanner: the next card or code is the test's
        self.camera_since: float | None = None  # the camera test's start, on the session clock
        self.selected = DEVICES[0]

    def open(self) -> None:
        self.results.clear()
        self.card, self.code, self.waiting, self.camera_since = (), (), "", None
        self.selected = DEVICES[0]

    def close(self) -> None:
        """Maintenance ends: the card and code read here go, and no test waits any more."""
        self.open()

    def choose(self, device: str) -> None:
        """The device whose state and test the page shows."""
        if device in DEVICES:
            self.selected = device

    # --- the tests ----------------------------------------------------------------------

    def run(self, device: str) -> None:
        if device not in DEVICES or self._busy(device):
            return
        self.selected = device
        if device == "printer":
            self._print_test_page()
        elif device in ("idcard", "scanner"):
            self.waiting = device
            self.results[device] = Result(None, f"{device}_waiting")
            if device == "idcard":
                self.card = ()
            else:
                self.code = ()
        elif device == "camera":
            self._camera()
        else:
            self._platform()

    def _busy(self, device: str) -> bool:
        result = self.results.get(device)
        return result is not None and result.passed is None

    def _finish(self, device: str, passed: bool, key: str, **params: Any) -> None:
        self.results[device] = Result(passed, key, params)
        if self.waiting == device:
            self.waiting = ""
        detail = "passed" if passed else f"failed: {key}"
        self.kiosk.audit(f"maintenance.test.{device}", detail)

    def _print_test_page(self) -> None:
        kiosk = self.kiosk
        printer, timeout = kiosk.printer, kiosk.print_timeout
        page = test_page(kiosk.settings.site.kiosk_id, kiosk.wall_clock())
        self.results["printer"] = Result(None, "printer_running")

        def work() -> Any:
            return printer.print_document(page, timeout).result(timeout)

        kiosk.chores(work, self._printed)

    def _printed(self, result: Any) -> None:
        if isinstance(result, DeviceError):
            if result.code == "timeout":
                self._finish("printer", False, "printer_timeout")
            elif result.code.startswith("paper_"):
                self._finish("printer", False, "printer_paper")
            else:
                self._finish("printer", False, "printer_failed", why=result.message)
        elif isinstance(result, Exception):
            log.error("maintenance: the test page failed unexpectedly: %s", result)
            self._finish("printer", False, "printer_failed", why=type(result).__name__)
        else:
            self._finish("printer", True, "printer_passed")
        self.kiosk.publish()

    def _camera(self) -> None:
        if self.kiosk.camera is None:
            self._finish("camera", False, "camera_none")
            return
        self.camera_since = self.kiosk.session.now()
        self.results["camera"] = Result(None, "camera_waiting")
        self.tick(self.camera_since)

    def frame(self) -> Any:
        """The document camera's newest picture while its test runs (the screen polls it)."""
        camera = self.kiosk.camera
        return camera.latest_frame() if camera is not None and self.camera_since is not None \
            else None

    def tick(self, now: float) -> None:
        if self.camera_since is None or not self._busy("camera"):
            return
        frame = self.frame()
        if frame is not None:
            height, width = frame.shape[:2]
            self._finish("camera", True, "camera_passed", width=width, height=height)
        elif now - self.camera_since >= CAMERA_WAIT_S:
            self.camera_since = None
            self._finish("camera", False, "camera_no_picture", seconds=int(CAMERA_WAIT_S))

    def _platform(self) -> None:
        platform = self.kiosk.platform
        self.results["platform"] = Result(None, "platform_running")

        def work() -> float:
            started = time.perf_counter()
            platform.usage_counts()
            return (time.perf_counter() - started) * 1000

        self.kiosk.chores(work, self._platform_answered)

    def _platform_answered(self, result: Any) -> None:
        if isinstance(result, Exception):
            log.warning("maintenance: the platform test failed: %s", result)
            self._finish("platform", False, "platform_failed")
        else:
            self._finish("platform", True, "platform_passed", ms=round(result))
        self.kiosk.publish()

    # --- a card or code while the page is open ----------------------------------------------

    def handle(self, event: Any) -> None:
        """A card, code or device fault in maintenance mode: a test's if one waits for it,
        else nothing (no visit begins in maintenance)."""
        if isinstance(event, DeviceFault):
            self.faults[event.device] = event.error.message
            if self.waiting == "idcard" and event.device == "idcard":
                card = DevicePolicy.card_problem(event.error)
                self._finish("idcard", False, "idcard_unreadable" if card else "idcard_failed")
        elif isinstance(event, CardRead) and self.waiting == "idcard":
            self.card = masked_card(event.card, self.kiosk.text)
            self._finish("idcard", True, "idcard_passed")
        elif isinstance(event, CodeScanned) and self.waiting == "scanner":
            self.code = described_code(event, self.kiosk.text)
            self._finish("scanner", True, "scanner_passed")
        else:
            log.info("maintenance: a %s was ignored (no test waits for it)",
                     type(event).__name__)

    # --- what the page shows ----------------------------------------------------------------

    def present(self, t: Any) -> DevicesView:
        return DevicesView(rows=tuple(self._row(device, t) for device in DEVICES),
                           selected=self.selected, card=self.card, code=self.code,
                           camera_live=self.camera_since is not None
                           and self.kiosk.camera is not None)

    def _row(self, device: str, t: Any) -> DeviceRow:
        status = self._status(device)
        result = self.results.get(device)
        error = status.detail if status is not None and not status.usable else ""
        error = error or self.faults.get(device, "")
        return DeviceRow(
            device=device, name=t(f"maintenance.device.{device}"),
            state=t(f"maintenance.state.{status.state}" if status else
                    "maintenance.state.unknown" if self._present(device) else
                    "maintenance.state.none"),
            ok=status is not None and status.usable, media=_media(status, t),
            last_error=t("maintenance.devices.last_error", error=error) if error else "",
            test=t(f"maintenance.test.{device}"),
            result=t(f"maintenance.test.{result.key}", **result.params) if result else "",
            passed=result.passed if result else None, busy=self._busy(device))

    def _status(self, device: str) -> DeviceStatus | None:
        return self.kiosk.devices.status.get(device)

    def _present(self, device: str) -> bool:
        return device != "camera" or self.kiosk.camera is not None


def _media(status: DeviceStatus | None, t: Any) -> str:
    if status is None:
        return ""
    if status.paper != PaperState.NOT_SUPPORTED:
        return t(f"maintenance.paper.{status.paper}")
    if status.media in (MediaState.PRESENT, MediaState.ABSENT):
        return t(f"maintenance.media.{status.media}")
    return ""


def test_page(kiosk_id: str, now: datetime) -> Document:
    """A short slip: the kiosk, the time, a line in each text size, a QR code to scan back."""
    at = now.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
    sizes = tuple(Text(f"{size.value} 测试 Test 0123", size) for size in TextSize)
    return Document((
        Text("打印测试 Test page", TextSize.TALL, bold=True, align=Align.CENTER), Rule(),
        Text(f"Kiosk {kiosk_id}"), Text(at), Rule(), *sizes, Feed(),
        QrCode(f"tongban-test:{kiosk_id}:{at}"), Feed(2), Cut()), title="test page")


def masked_card(card: Any, t: Any) -> tuple[tuple[str, str], ...]:
    """A card read in maintenance, as the slips' privacy rule would print it."""
    valid_to = card.valid_to.isoformat() if card.valid_to else t("maintenance.card.no_expiry")
    return (
        (t("maintenance.card.name"), slip_privacy.name(card.name)),
        (t("maintenance.card.id_number"), slip_privacy.id_number(card.id_number)),
        (t("maintenance.card.birth"), slip_privacy.birth_date(card.birth_date.isoformat())),
        (t("maintenance.card.address"), slip_privacy.address(card.address)),
        (t("maintenance.card.valid_to"), valid_to),
        (t("maintenance.card.check"), t("maintenance.card.check_ok" if card.check_digit_ok
                                        else "maintenance.card.check_bad")),
    )


def described_code(event: CodeScanned, t: Any) -> tuple[tuple[str, str], ...]:
    """A scanned code: what it says (masked where it looks personal), its length and kind."""
    text = event.text
    if text.startswith("SSM:"):  # a resident's 随申码: who it is, never shown
        kind, shown = "suishen", "SSM:" + slip_privacy.HIDDEN * 6
    else:
        kind = "link" if text.startswith(("http://", "https://")) else "text"
        shown = slip_privacy.in_text(text)
        kind = "personal" if shown != text else kind
    if len(shown) > SHOWN_CODE:
        shown = shown[:SHOWN_CODE] + "…"
    return (
        (t("maintenance.code.text"), shown),
        (t("maintenance.code.length"), t("maintenance.code.characters", count=len(text))),
        (t("maintenance.code.kind"), t(f"maintenance.code.kind_{kind}",
                                       symbology=event.symbology)),
    )

