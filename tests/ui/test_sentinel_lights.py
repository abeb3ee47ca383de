"""Every light of the sentinel's result screen against the audit's rules, in every display
mode and both orientations: the staged screenshot shows one light, a doorkeeper sees all
five. One staged kiosk per mode and size; each light scanned in turn, through the kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.sentinel.samples import install
from kiosk.view import MODES, ScreenName
from ui.audit import audit_window
from ui.sentinel_staging import RESULTS, own_words, settled


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", MODES)
def test_every_light_passes_the_audit(qtbot, settings, mode, size):
    from kiosk.voice import RecordingPlayer, SilentEngine
    from ui.main import make_application
    from ui.screenshot import staged

    make_application()
    with staged(settings, ScreenName.SENTINEL_RESULT, mode, "en", size, keypad=True,
                voice_player=RecordingPlayer(), voice_engine=SilentEngine()) as app:
        settled(app.kiosk)
        samples = install(app.kiosk.codes, app.settings.data_dir, app.kiosk.wall_clock())
        problems = []
        for light, scan in RESULTS.items():
            app.kiosk.handle_device_event(scan(samples))
            QApplication.processEvents()
            assert app.kiosk.state.sentinel.result.light == light
            _, findings = audit_window(app.window, mode=mode, language="en",
                                       scale=app.window.theme.scale,
                                       exempt_words=own_words(app.kiosk.state))
            problems += [f"{light}: {f.rule} {f.widget}: {f.measured}, needs {f.required}"
                         for f in findings if not f.info]
        assert not problems, "\n".join(problems)
