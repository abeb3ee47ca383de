"""Puts the kiosk together: settings, devices, platform, the Qt-free kiosk, its window and,
in windowed mode, the developer panel; and takes it apart again, leaving no thread behind."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from drivers.hotplug import HotplugMonitor
from kiosk.config import Settings
from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.devices import DeviceSet, open_devices
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.log_setup import attach
from kiosk.metrics import Endpoint, serve
from kiosk.outbox import FILE_NAME, Outbox, OutboxError
from kiosk.platform import NoPlatform, platform_or_reason
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import Catalogue, CatalogueError, load_catalogue
from kiosk.startup_check import Problem
from kiosk.voice import Player, SpeechEngine, Voice, default_engine
from ui.bridge import Background, DeviceBridge
from ui.main_window import MainWindow
from ui.speech_player import SpeechPlayer

log = logging.getLogger(__name__)
SPARE = "tongban-spare-"  # + the pid of the kiosk it serves


def _remove_dead_spares() -> None:
    """Spare folders of kiosks that were killed before they could remove their own."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SPARE}*-*"):
        pid = folder.name.removeprefix(SPARE).split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's
    return True

class KioskApp:
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        start_devices: bool = True,
        voice_player: Player | None = None,
        voice_engine: SpeechEngine | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        """`problems`: what the start-up self-test found (kiosk/startup_check.py); with any
        that blocks, or an outbox that will not open, the kiosk rests out of service."""
        self.problems = list(problems)
        self.devices: DeviceSet = open_devices(settings)  # a device it cannot make is out
        self.problems += [Problem("device", line.split(":", 1)[0].removeprefix("devices."),
                                  line, blocking=False) for line in self.devices.problems]
        self._spare: tempfile.TemporaryDirectory[str] | None = None
        try:
            self.outbox = Outbox.in_folder(
                settings.data_dir, retention=timedelta(days=settings.privacy.retention_days))
        except OutboxError as error:
            if not any(problem.kind == "data" for problem in self.problems):  # said already
                self.problems.append(Problem("outbox", FILE_NAME, str(error)))
            settings, platform = self._out_of_service_settings(settings)
        else:
            platform = platform_or_reason(settings, wall_clock)
        self.settings = settings
        self.network = NetworkSwitch(platform)
        self.delivery = Delivery(self.outbox, self.network)
        self.background = Background()
        messages = load_messages()
        self.voice = Voice(
            voice_player if voice_player is not None else SpeechPlayer(),
            voice_engine if voice_engine is not None else default_engine(),
            hidden_phrases={lang: messages.text("voice.hidden", lang) for lang in LANGUAGES},
            folder=settings.data_dir / "speech",  # 0700, emptied at start and each visit's end
        )
        self.kiosk = Kiosk(
            settings=settings,
            platform=self.network,
            catalogue=self._catalogue(settings),
            printer=self.devices.printer,
            messages=messages,
            outbox=self.outbox,
            delivery=self.delivery,
            voice=self.voice,
            clock=clock,
            today=today,
            background=self.background,
            wall_clock=wall_clock,
            camera=self.devices.document_camera,
            faults=[problem for problem in self.problems if problem.blocking],
        )
        # A technician's restart (75) or exit (0): `quit` is the event loop's exit, set by
        # ui/main.py; the code asked for stays in `exit_code` (tests read it there).
        self.exit_code: int | None = None
        self.quit: Callable[[int], None] | None = None
        self.kiosk.on_stop.append(self._stop)
        # the recent lines for maintenance, the errors for the metrics and the heartbeat
        self._detach_logging = attach(self.kiosk.log_book, self.kiosk.metrics.error_handler)
        self._report_problems()
        self.metrics: Endpoint | None = None
        if settings.metrics.port:  # 0: no endpoint (tests, screenshots)
            self.metrics = serve(self.kiosk.metrics, settings.metrics.port)
        self.bridge = DeviceBridge(self.kiosk.handle_device_event)
        self._unsubscribe = [device.subscribe(self.bridge.listener)
                             for device in self.devices.all()]
        self.window = MainWindow(self.kiosk.view, self.kiosk, self.kiosk.tick)
        self.dev_panel = None
        self.hotplug = HotplugMonitor(self.devices.all())
        self.delivery.start()
        if start_devices:
            self.devices.start()
            self.hotplug.start()

    def _out_of_service_settings(self, settings: Settings) -> tuple[Settings, NoPlatform]:
        """Where the data folder cannot keep an outbox, the kiosk still starts, out of
        service, on a spare folder of its own (0700) that goes when it closes."""
        _remove_dead_spares()
        self._spare = tempfile.TemporaryDirectory(prefix=f"{SPARE}{os.getpid()}-")
        spare = settings.model_copy(update={"data_dir": Path(self._spare.name)})
        self.outbox = Outbox.in_folder(spare.data_dir)
        reason = f"{settings.data_dir} cannot be used (see the start-up check)"
        return spare, NoPlatform(settings.site.kiosk_id, reason)

    def _catalogue(self, settings: Settings) -> Catalogue:
        try:
            return load_catalogue(site=settings.catalogue)
        except CatalogueError as error:  # a site's own services: the shipped ones, out of service
            self.problems += [Problem("settings", "catalogue", f"{line}: the kiosk runs out of "
                                      "service until it is fixed") for line in error.lines]
            return load_catalogue()

    def _report_problems(self) -> None:
        for problem in self.problems:
            log.error("start-up check: %s", problem.line)
        if self.kiosk.faults:
            log.error("start-up check failed: out of service until that is fixed and the "
                      "kiosk restarted (python -m kiosk check tells when it is)")

    def _stop(self, code: int) -> None:
        self.exit_code = code
        if self.quit is not None:
            self.quit(code)

    def show(self, *, fullscreen: bool, dev_panel: bool,
             size: tuple[int, int] | None = None) -> None:
        """Full screen on a terminal; in development, a window fitted to the display (scaled
        down from `size` when that does not fit) with the developer panel beside it."""
        from PySide6.QtCore import Qt

        from ui.main import GAP, fit_window

        display = self.window.screen().availableGeometry()
        if fullscreen:
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            whole = self.window.screen().size()
            self.window.set_screen_size(whole.width(), whole.height())
            self.window.showFullScreen()
            self._shown()
            return
        panel_width = 0
        if dev_panel:
            from ui.dev_panel import DevPanel

            self.dev_panel = DevPanel(self)
            panel_width = self.dev_panel.sizeHint().width()
        width, height = fit_window((display.width(), display.height()), panel_width, size)
        self.window.set_screen_size(width, height)
        self.window.move(display.x() + GAP, display.y() + GAP)
        self.window.show()
        if self.dev_panel is not None:
            self.dev_panel.move(display.x() + 2 * GAP + width, display.y() + GAP)
            self.dev_panel.show()
        self._shown()

    def _shown(self) -> None:
        """Logged from the event loop's first turn (python -m kiosk handles SIGTERM by then)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: log.info("window open on the %s screen",
                                              self.kiosk.view.screen))

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.hotplug.stop()
        self.devices.stop()
        self.voice.close()
        self.background.shutdown()
        self.window.close_down()
        self.window.close()
        if self.dev_panel is not None:
            self.dev_panel.close()
        self.delivery.stop()
        if self.metrics is not None:
            self.metrics.close()
        self.outbox.close()
        self.network.close()
        self._detach_logging()
        if self._spare is not None:
            self._spare.cleanup()
