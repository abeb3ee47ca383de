"""The whole kiosk offscreen for a benchmark: the real window at 1080×1920 on simulated
devices (not started) and a clock the benchmark moves, with the sample resident's card
read and, if asked, a service's form open."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def offscreen_kiosk(*, service: str | None = None, clock: Callable[[], float] | None = None,
                    settings_update: dict[str, Any] | None = None,
                    **app_options: Any) -> Iterator[tuple[Any, Any]]:
    """(the QApplication, the KioskApp), on home with the card read, or on `service`'s form."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from drivers.base import CardRead
    from drivers.idcard.samples import ELDERLY
    from kiosk.config import load_settings
    from kiosk.jobs import run_now
    from ui.app import KioskApp
    from ui.main import make_application

    qt = make_application()
    with tempfile.TemporaryDirectory() as data:
        settings = load_settings(data_dir=data)
        if settings_update:
            settings = settings.model_copy(update=settings_update)
        if clock is not None:
            app_options["clock"] = clock
        app = KioskApp(settings, start_devices=False, **app_options)
        try:
            app.window.set_screen_size(1080, 1920)
            app.window.show()
            kiosk = app.kiosk
            kiosk.jobs.background = run_now  # the platform is local: answers at once
            kiosk.start()
            kiosk.handle_device_event(CardRead("idcard", ELDERLY))
            kiosk.consent(True)  # the resident agrees to the reads
            if service is not None:
                kiosk.choose_service(service)
            qt.processEvents()
            yield qt, app
        finally:
            app.close()
