"""The developer panel's phone offline code: signed now by the embedded platform, held up to
the simulated scanner, and verified green by the kiosk's own verifier with the lists it
synced as it started."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from drivers.base import CodeScanned
from kiosk.codes.verifier import Outcome


def test_the_developer_panel_shows_a_phones_offline_code_the_kiosk_verifies(qtbot, kiosk):
    from ui.dev_panel import DevPanel

    app = kiosk
    qtbot.waitUntil(lambda: app.kiosk.codes.synced_at is not None, timeout=10_000)  # on chores
    scanned: list[str] = []
    unsubscribe = app.devices.scanner.subscribe(
        lambda event: scanned.append(event.text) if isinstance(event, CodeScanned) else None)
    panel = DevPanel(app)
    try:
        button = next(b for b in panel.findChildren(QPushButton)
                      if b.text().startswith("Show a phone's offline code: 王秀英"))
        button.click()
        qtbot.waitUntil(lambda: bool(scanned), timeout=10_000)
    finally:
        unsubscribe()
        panel.close()
    [text] = scanned
    assert text.startswith("TB1:")
    verdict = app.kiosk.verifier.verify(text)
    assert verdict.outcome == Outcome.GREEN, verdict.reason
    assert verdict.kind == "phone" and verdict.claims.name == "王*英"
