"""Puts the kiosk together: settings, devices, platform, session, controller, window and,
in windowed mode, the developer panel; and takes it apart again, leaving no thread behind."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from drivers.hotplug import HotplugMonitor
from kiosk.config import Settings
from kiosk.controller import KioskController
from kiosk.devices import DeviceSet, open_devices
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.platform.embedded import EmbeddedPlatform
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import load_catalogue
from kiosk.session import Session
from kiosk.voice import Player, SpeechEngine, Voice, default_engine
from ui.bridge import Background, DeviceBridge
from ui.main_window import MainWindow
from ui.speech_player import SpeechPlayer


class KioskApp:
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        start_devices: bool = True,
        voice_player: Player | None = None,
        voice_engine: SpeechEngine | None = None,
    ) -> None:
        self.settings = settings
        self.devices: DeviceSet = open_devices(settings)
        self.network = NetworkSwitch(
            EmbeddedPlatform(settings.data_dir / settings.platform.database)
        )
        session = Session(clock, settings.timeouts, temp_root=None,
                          language=settings.display.language, mode=settings.display.mode)
        self.background = Background()
        messages = load_messages()
        self.voice = Voice(
            voice_player if voice_player is not None else SpeechPlayer(),
            voice_engine if voice_engine is not None else default_engine(),
            hidden_phrases={lang: messages.text("voice.hidden", lang) for lang in LANGUAGES},
        )
        self.controller = KioskController(
            settings=settings,
            session=session,
            platform=self.network,
            catalogue=load_catalogue(),
            printer=self.devices.printer,
            messages=messages,
            background=self.background,
            today=today,
            voice=self.voice,
        )
        self.bridge = DeviceBridge(self.controller.handle_device_event)
        self._unsubscribe = [device.subscribe(self.bridge.listener)
                             for device in self.devices.all()]
        self.window = MainWindow(self.controller)
        self.dev_panel = None
        self.hotplug = HotplugMonitor(self.devices.all())
        if start_devices:
            self.devices.start()
            self.hotplug.start()

    def show(self, *, fullscreen: bool, dev_panel: bool) -> None:
        if fullscreen:
            from PySide6.QtCore import Qt

            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            size = self.window.screen().size()
            self.window.set_screen_size(size.width(), size.height())
            self.window.showFullScreen()
        else:
            self.window.show()
        if dev_panel:
            from ui.dev_panel import DevPanel

            self.dev_panel = DevPanel(self)
            self.dev_panel.show()

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
        self.network.close()
