"""The wipe, proven: after a visit ends normally or times out (on the injected clock), the
last resident's name and ID number are nowhere in the whole kiosk (the real window
offscreen, simulated devices, the embedded platform): not in any widget's words, kept and
hidden screens too; not in the attract screen, pixel for pixel as before the visit; not in a
file of the data folder or the temporary folder, speech included; not in a live object.

Left out of the file search, and why: the embedded platform's database (the district's
store, which keeps the application by design; a real kiosk reaches it over the network). The
outbox's database is searched (its payloads are encrypted). Left out of the object search:
the sample card itself, the district modules' demo records, and what already held the name
before the test's kiosk was made (earlier tests' closed kiosks)."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from drivers.idcard.samples import ELDERLY
from kiosk.view import KeyAction
from kiosk.view import ScreenName as S
from tests.fakes import TODAY, FakeClock
from tests.kiosk import form_walk
from tests.privacy import kiosk_visit
from tests.privacy.search import (
    TextWavEngine,
    district_data,
    files_holding,
    holders_of,
    objects_holding,
    widgets_holding,
)

VISIT_SCRIPT = Path(kiosk_visit.__file__)
REPOSITORY = VISIT_SCRIPT.parents[2]
HANG_GUARD_S = 180


def resident_words() -> list[str]:
    return [ELDERLY.name, ELDERLY.id_number]


def sqlite_family(path) -> list:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
            path.with_name(path.name + "-journal")]


@pytest.fixture
def app(qtbot, settings, clock, temp_folder):
    from kiosk.voice import RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    make_application()
    already = earlier_holders()
    kiosk = KioskApp(settings, clock=clock, today=lambda: TODAY,
                     voice_player=RecordingPlayer(), voice_engine=TextWavEngine())
    kiosk.window.set_screen_size(1080, 1920)
    kiosk.window.tremor.clock = FakeClock()
    kiosk.window.show()
    qtbot.waitExposed(kiosk.window)
    kiosk.earlier = already
    yield kiosk
    kiosk.close()


def earlier_holders() -> list[object]:
    """What holds the name before this test's kiosk exists: earlier tests' closed kiosks
    (Qt's connections keep them alive until Qt deletes them); kept, so no id is reused."""
    return [holder for holder, _what in holders_of(resident_words(), mine=district_data())]


def settle(qtbot, app) -> None:
    """Wait for the attract screen, and let Qt delete what the wipe let go."""
    qtbot.waitUntil(lambda: app.kiosk.state.screen == S.ATTRACT, timeout=10_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def attract_image(qtbot, app):
    settle(qtbot, app)
    return app.window.grab().toImage()


def a_visit(qtbot, app, submit: bool) -> None:
    """A card, consent, care mode with headphones (so personal data is spoken), the
    social-security card's form to check-your-answers; with `submit`, signed, submitted and
    rated."""
    kiosk = app.kiosk
    app.devices.idcard.place(ELDERLY)
    qtbot.waitUntil(lambda: kiosk.state.screen == S.CONSENT, timeout=10_000)
    kiosk.consent(True)
    qtbot.waitUntil(lambda: kiosk.state.greeting.startswith(ELDERLY.name), timeout=10_000)
    kiosk.toggle_display_mode("care")
    kiosk.toggle_headphones()
    kiosk.key(KeyAction.VOLUME_UP)
    kiosk.choose_service("social_security_card")
    form_walk.to_check(kiosk, reason="damaged")
    for key in ("name", "id_number", "address"):
        kiosk.speak_field(key)
    assert app.voice.wait_quiet(30)
    if submit:  # else it waits on check-your-answers (signing holds the idle clock)
        kiosk.confirm_form()
        assert kiosk.state.screen == S.SIGN
        kiosk.add_stroke(((1.0, 1.0), (30.0, 20.0), (60.0, 5.0)), 100, 50)
        kiosk.submit_signature()
        qtbot.waitUntil(lambda: kiosk.state.screen == S.RECEIPT, timeout=20_000)
        kiosk.to_rating()
        kiosk.rate(5)
        qtbot.waitUntil(lambda: kiosk.state.screen == S.GOODBYE, timeout=10_000)
    seen = widgets_holding([ELDERLY.name], app.window)
    assert seen, "the visit showed the name nowhere: the widget search would find nothing"
    assert objects_holding([ELDERLY.name], mine=[ELDERLY, *district_data()]), (
        "the visit holds the name nowhere: the object search would find nothing")
    assert app.voice.wait_quiet(30)
    app.devices.idcard.remove()


def end_normally(qtbot, app, clock) -> None:
    app.kiosk.finish()  # 退出 on the goodbye screen


def end_by_timeout(qtbot, app, clock) -> None:
    clock.advance(3 * 90 + 1)  # care mode: three times as long
    app.kiosk.tick()
    clock.advance(3 * 30 + 1)
    app.kiosk.tick()


def search_everywhere(app, settings, temp_folder) -> dict[str, object]:
    words = resident_words()
    skip = sqlite_family(settings.data_dir / settings.platform.database)
    return {
        "widgets": widgets_holding(words, app.window),
        "files": files_holding([settings.data_dir, temp_folder], words, skip=skip),
        "objects": objects_holding(words, mine=[ELDERLY, words, *district_data(),
                                                *getattr(app, "earlier", ())]),
    }


@pytest.mark.parametrize(("submit", "end"), [(True, end_normally), (False, end_by_timeout)],
                         ids=["ended", "timed out"])
def test_after_the_visit_the_resident_is_nowhere(qtbot, app, settings, clock, temp_folder,
                                                 submit, end):
    before = attract_image(qtbot, app)
    a_visit(qtbot, app, submit)
    end(qtbot, app, clock)
    after = attract_image(qtbot, app)
    assert after == before, "the attract screen differs from the one before the visit"
    found = search_everywhere(app, settings, temp_folder)
    assert found == {"widgets": [], "files": {}, "objects": []}


def test_after_a_sigkill_mid_visit_and_a_restart_the_resident_is_nowhere(
        qtbot, settings, clock, temp_folder, tmp_path):
    from kiosk.voice import RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    make_application()
    already = earlier_holders()
    fresh = KioskApp(settings.model_copy(update={"data_dir": tmp_path / "fresh"}),
                     clock=clock, today=lambda: TODAY, voice_player=RecordingPlayer(),
                     voice_engine=TextWavEngine())
    fresh.window.set_screen_size(1080, 1920)
    fresh.window.show()
    qtbot.waitExposed(fresh.window)
    expected = attract_image(qtbot, fresh)
    fresh.close()

    environment = {**os.environ, "TMPDIR": str(temp_folder), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(VISIT_SCRIPT), str(settings.data_dir)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=environment, cwd=REPOSITORY)
    try:
        said = wait_for_line(child, kiosk_visit.MARK)
        assert said, f"the kiosk never got mid-visit: {child.stderr.read()}"
        held = files_holding([settings.data_dir, temp_folder], resident_words())
        assert any("speech" in path for path in held), held  # the name's clip, on disk
        del held  # the test's own lists of the words found
    finally:
        child.kill()  # SIGKILL: nothing of the kiosk runs after it
        child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    restarted = KioskApp(settings, clock=clock, today=lambda: TODAY,
                         voice_player=RecordingPlayer(), voice_engine=TextWavEngine())
    restarted.earlier = already
    try:
        restarted.window.set_screen_size(1080, 1920)
        restarted.window.show()
        qtbot.waitExposed(restarted.window)
        assert attract_image(qtbot, restarted) == expected
        found = search_everywhere(restarted, settings, temp_folder)
        assert found == {"widgets": [], "files": {}, "objects": []}
    finally:
        restarted.close()


def wait_for_line(child, mark: str) -> bool:
    """Read the child's output until `mark`; False if it ends first or takes longer than a
    stuck kiosk would (the limit only stops a broken test)."""
    deadline = time.monotonic() + HANG_GUARD_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([child.stdout], [], [], deadline - time.monotonic())
        if not ready:
            return False
        line = child.stdout.readline()
        if not line:
            return False
        if line.strip() == mark:
            return True
    return False
