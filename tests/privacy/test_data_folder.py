"""`ls -l` of everything a real kiosk wrote: a visit through the window offscreen to a printed
receipt (the embedded platform, the outbox, the log, the printer's masked copy), then every
file 0600 and every folder 0700, under the ordinary umask of a developer's shell."""

from __future__ import annotations

import os
import stat

from drivers.idcard.samples import ELDERLY
from kiosk import log_setup
from kiosk.printed_copies import masked_copy
from kiosk.view import ScreenName
from tests.ui.touch import place_card, sign, tap, wait_until


def modes(folder) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            found[os.path.relpath(path, folder)] = oct(stat.S_IMODE(os.lstat(path).st_mode))
    return found


def test_everything_a_visit_leaves_is_this_users_alone(qtbot, kiosk, settings):
    previous = os.umask(0o022)  # a developer's shell: nothing here relies on the umask
    handler = log_setup.configure(settings)
    try:
        window, controller = kiosk.window, kiosk.kiosk
        place_card(qtbot, kiosk, ELDERLY)
        tap(qtbot, window, "社保卡补换")
        for name in ("confirm", "confirm", "choice:reason:damaged", "confirm", "confirm"):
            tap(qtbot, window, name)
        sign(qtbot, window.current.pad)
        tap(qtbot, window, "submit")
        wait_until(qtbot, lambda: controller.state.screen == ScreenName.RECEIPT)
        assert controller.session.visit.outcome.printed
        copy = masked_copy(kiosk.devices.printer.printed[-1]).plain_text()  # as it was kept
        assert ELDERLY.name not in copy and ELDERLY.address not in copy
        assert ELDERLY.id_number not in copy
        wait_until(qtbot, lambda: (settings.data_dir / "kiosk.sqlite-wal").exists())
    finally:
        log_setup.remove(handler)
        os.umask(previous)
    found = modes(settings.data_dir)
    expected = {"printed", "logs", "logs/kiosk.log", "outbox.sqlite", "outbox.key",
                settings.platform.database}
    assert expected <= set(found)
    assert any(name.startswith("printed/") and name.endswith(".png") for name in found)
    wrong = {name: mode for name, mode in found.items()
             if mode != ("0o700" if (settings.data_dir / name).is_dir() else "0o600")}
    assert wrong == {}
