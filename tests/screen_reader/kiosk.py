"""The real kiosk, started as a resident's kiosk starts it (`python -m kiosk`), on a private
desktop with Qt's AT-SPI bridge on, and found in the accessibility tree as Orca finds it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.i18n import load_messages
from tests.screen_reader.atspi import Accessible, AtspiClient, becomes_showing
from tests.screen_reader.desktop import PrivateDesktop, Process

ROOT = Path(__file__).resolve().parents[2]
APPLICATION_NAME = "Tongban Kiosk"  # QApplication.applicationName, ui/main.py
DEV_PANEL_PREFIX = "Developer panel"
AGREE = load_messages().text("consent.accept", "zh_CN")


@dataclass
class RunningKiosk:
    process: Process
    client: AtspiClient
    app: Accessible  # the application object under the desktop root
    window: Accessible  # the kiosk's window
    dev_panel: Accessible  # the developer panel's window (simulated devices)

    def output(self) -> str:
        """What the kiosk printed (stdout and stderr): for a failure message."""
        return self.process.output()


def start_kiosk(desktop: PrivateDesktop, client: AtspiClient, data_dir: Path,
                *, size: str = "1080x1920") -> RunningKiosk:
    """Start the kiosk and wait until both its windows are in the tree and showing.
    The client must exist before the kiosk starts: Qt reads at start which events anyone
    listens to, and sends only those."""
    data_dir.mkdir(parents=True, exist_ok=True)
    process = desktop.spawn(
        "kiosk", [sys.executable, "-m", "kiosk", "--windowed", "--size", size], cwd=ROOT,
        env={"QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
             "KIOSK_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"})
    try:
        app = client.application(APPLICATION_NAME)
        while True:
            mark = client.mark()  # before looking: a window shown meanwhile is not missed
            showing = [top for top in app.children() if "showing" in top.states]
            panels = [top for top in showing if top.name.startswith(DEV_PANEL_PREFIX)]
            windows = [top for top in showing if top not in panels]
            if panels and windows:
                break
            client.wait_for(lambda e: e.kind == "object:state-changed:showing",
                            since=mark, what="a kiosk window showing")
    except TimeoutError as error:
        raise TimeoutError(f"{error}\n--- kiosk output ---\n{process.output()}") from None
    client.wait_until_quiet(app)
    return RunningKiosk(process, client, app, windows[0], panels[0])


def focus_kiosk_window(desktop: PrivateDesktop, kiosk: RunningKiosk) -> None:
    """Give the kiosk's window the input focus, as a window manager gives it to a window
    that appears: on a bare X server nothing does, so the window never becomes active and
    Orca, which follows the active window, presents nothing. Returns once AT-SPI says the
    window is active."""
    mark = kiosk.client.mark()
    windows = desktop.run(["xdotool", "search", "--pid", str(kiosk.process.pid)]).split()
    names = {window: desktop.run(["xdotool", "getwindowname", window]).strip()
             for window in windows}
    kiosk_windows = [w for w, name in names.items() if not name.startswith(DEV_PANEL_PREFIX)]
    if len(kiosk_windows) != 1:
        raise LookupError(f"expected one kiosk window besides the panel, found {names}")
    desktop.run(["xdotool", "windowfocus", "--sync", kiosk_windows[0]])
    if "active" not in kiosk.window.states:
        kiosk.client.wait_for(lambda e: e.kind == "object:state-changed:active"
                              and e.detail1 == 1 and e.source == kiosk.window,
                              since=mark, what="the kiosk window becoming active")


def agree_to_reads(kiosk: RunningKiosk, since: int) -> None:
    """A placed card brings the consent screen: wait for it, then agree."""
    kiosk.client.wait_for(becomes_showing(AGREE), since=since, what="the consent screen")
    kiosk.window.find(id_end="accept").press()
