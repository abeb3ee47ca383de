"""Renders any screen offscreen to PNG with representative data: the 82-year-old sample
resident on her way through a service, in any mode, language and size."""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from itertools import product
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from district.models import Submission
from drivers.base import CardRead, DeviceState, DeviceStatus, StatusChanged
from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.config import Settings
from kiosk.controller import Kiosk
from kiosk.device_policy import ESSENTIAL_DEVICES
from kiosk.jobs import run_now
from kiosk.outbox import REPRINT_WINDOW
from kiosk.startup_check import Problem
from kiosk.view import ScreenName
from ui import (
    desk_staging,
    form_staging,
    maintenance_checks_staging,
    maintenance_records_staging,
    maintenance_staging,
    offline_code_staging,
    personal_staging,
    sentinel_staging,
)
from ui.app import KioskApp
from ui.main import make_application
from ui.screenshot_appointments import SHANGHAI, STAGED, StagingClock, stage_appointments

SAMPLE_SERVICE = "social_security_card"
SAMPLE_DAY = date(2026, 11, 28)
STAGED_FAULT = Problem("disk", "38 MB", "/var/lib/tongban: only 38 MB free, needs 200 MB "
                       "([storage] min_free_mb): free space there")
SAMPLE_STROKE = tuple((80 + x * 9.0, 160 + float((x * 37) % 90)) for x in range(60))


def _never(job: Callable[[], Any], done: Callable[[Any], None]) -> None:
    """A background runner whose jobs never finish: holds the printing screen still."""


def stage(app: KioskApp, screen: ScreenName) -> None:
    """Drive the kiosk, through the same calls a resident's touches make, to `screen`."""
    kiosk: Kiosk = app.kiosk
    kiosk.jobs.background = run_now
    if screen == ScreenName.ATTRACT:
        return
    if screen == ScreenName.OUT_OF_SERVICE:
        app.devices.stop()  # no live status may arrive after the staged one
        QApplication.processEvents()
        kiosk.faults = (STAGED_FAULT,)  # and the start-up self-test's line for the technician
        for name in ESSENTIAL_DEVICES:
            broken = DeviceStatus(DeviceState.NO_DEVICE, detail="unplugged")
            kiosk.handle_device_event(StatusChanged(name, broken, broken))
        return
    if screen in maintenance_staging.SCREENS:
        maintenance_staging.stage(kiosk, screen)
        return
    if screen in maintenance_checks_staging.SCREENS:  # devices, logs, network
        maintenance_checks_staging.stage(app, screen)
        return
    if screen in maintenance_records_staging.SCREENS:  # configuration, outbox, usage
        maintenance_records_staging.stage(kiosk, app.network, screen)
        return
    if screen in sentinel_staging.SCREENS:
        sentinel_staging.stage(kiosk, screen)
        return
    kiosk.start()
    if screen in personal_staging.SCREENS:
        personal_staging.stage(kiosk, screen)
        return
    if screen == ScreenName.IDENTIFY:
        kiosk.choose_service(SAMPLE_SERVICE)
        return
    if screen == ScreenName.NOTICE:  # a resident whose receipt never printed comes back
        _interrupted_visit(app)
        kiosk.handle_device_event(CardRead("idcard", ADULT))
        kiosk.consent(True)
        return
    kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    if screen == ScreenName.CONSENT:
        return
    kiosk.consent(True)
    if screen == ScreenName.HOME:
        return
    if screen in desk_staging.FROM_HOME:
        desk_staging.from_home(kiosk, screen)
        return
    if screen in offline_code_staging.SCREENS:
        offline_code_staging.stage(kiosk, screen)
        return
    if screen in desk_staging.WITH_CAMERA:
        desk_staging.with_camera(kiosk, app.devices.document_camera, screen)
        return
    if screen in STAGED:
        stage_appointments(kiosk, screen, kiosk.wall_clock)
        return
    if screen in form_staging.FORM_SCREENS:
        form_staging.stage(kiosk, screen)
        return
    kiosk.choose_service(SAMPLE_SERVICE)
    form_staging.to_question(kiosk, "reason")
    if screen == ScreenName.FORM and kiosk.state.display_mode == "care":
        return  # its one question: a big button answers it and goes on
    kiosk.answer("reason", "damaged")  # a chosen option, as the resident leaves the form
    if screen == ScreenName.FORM:
        return
    form_staging.to_sign(kiosk)
    kiosk.add_stroke(SAMPLE_STROKE, 800, 360)
    if screen == ScreenName.SIGN:
        return
    if screen == ScreenName.PRINTING:
        kiosk.jobs.background = _never
    kiosk.submit_signature()
    if screen in (ScreenName.PRINTING, ScreenName.RECEIPT):
        return
    if screen in desk_staging.FROM_RECEIPT:
        desk_staging.from_receipt(kiosk, screen)
        return
    kiosk.to_rating()
    if screen == ScreenName.RATING:
        return
    if screen in desk_staging.FROM_RATING:
        desk_staging.from_rating(kiosk, screen)
        return
    kiosk.rate(5)


def _interrupted_visit(app: KioskApp) -> None:
    """What a kiosk that stopped while printing leaves in its outbox: the younger sample
    resident's submission, its receipt never printed (she alone is staged this way, so no
    other screen is offered her reprint)."""
    outbox = app.outbox
    if outbox.unprinted_for(ADULT.id_number, outbox.now() - REPRINT_WINDOW):
        return
    outbox.put(Submission(
        idempotency_key="staged-interrupted-visit",
        reference=outbox.new_reference(app.settings.site.kiosk_id, SAMPLE_DAY),
        service_id=SAMPLE_SERVICE, id_number=ADULT.id_number,
        answers={"reason": "damaged"}, signature_png=base64.b64encode(b""),
        signed_at=datetime.now(UTC)))
    outbox.take_interrupted()


def choose(app: KioskApp, language: str, mode: str) -> None:
    """The language and display mode, as the resident's touches on the frame set them."""
    if app.kiosk.state.language != language:
        app.kiosk.toggle_language()
    if app.kiosk.state.display_mode != mode:
        app.kiosk.toggle_display_mode(mode)


@contextmanager
def staged(settings: Settings, screen: ScreenName, mode: str, language: str,
           size: tuple[int, int], *, keypad: bool = False,
           **app_options: Any) -> Iterator[KioskApp]:
    """A fresh kiosk showing `screen` with representative data; taken apart afterwards.
    With `keypad`, as a keypad user sees it (the focus shown on texts too)."""
    clock = StagingClock(SAMPLE_DAY)  # the kiosk's and its platform's: bookings need both
    quiet = settings.metrics.model_copy(update={"port": 0})  # a staged kiosk serves no metrics
    app = KioskApp(settings.model_copy(update={"metrics": quiet}),
                   today=lambda: clock().astimezone(SHANGHAI).date(),
                   wall_clock=clock, **app_options)
    try:
        app.window.set_screen_size(*size)
        choose(app, language, mode)
        stage(app, screen)
        choose(app, language, mode)  # again: reaching out of service wipes the visit's choice
        if keypad:
            app.kiosk.keypad_used()
            app.kiosk.publish()
        app.window.show()
        app.window.activateWindow()  # so the keypad focus shows, as on a kiosk
        QApplication.processEvents()
        yield app
    finally:
        app.close()
        QApplication.processEvents()


def render_many(settings: Settings, screens: list[ScreenName], modes: list[str],
                languages: list[str], sizes: list[tuple[int, int]], folder: Path | None,
                single: Path | None) -> list[Path]:
    make_application()
    written = []
    with tempfile.TemporaryDirectory(prefix="kiosk-shot-") as tmp:
        data = settings.model_copy(update={"data_dir": Path(tmp)})
        for size, language, mode, screen in product(sizes, languages, modes, screens):
            with staged(data, screen, mode, language, size) as app:
                name = f"{screen}-{mode}-{language}-{size[0]}x{size[1]}.png"
                path = single or folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                if not app.window.grab().save(str(path)):
                    raise OSError(f"{path}: could not write the PNG")
                written.append(path)
    return written
