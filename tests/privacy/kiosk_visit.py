"""A real offscreen kiosk in the middle of a visit, for the SIGKILL wipe test: simulated
devices, the sample resident's card laid on the reader, consent, care mode with headphones,
the social-security card's form to check-your-answers, and the name being spoken (a long
clip, so its WAV is on disk). Prints MID-VISIT, then runs until it is killed.

    python tests/privacy/kiosk_visit.py DATA_DIR
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QTimer

from drivers.idcard.samples import ELDERLY
from kiosk.config import load_settings
from kiosk.view import ScreenName as S
from kiosk.voice import RecordingPlayer
from tests.kiosk import form_walk
from tests.privacy.search import TextWavEngine
from ui.app import KioskApp
from ui.main import make_application

MARK = "MID-VISIT"
CLIP_S = 120  # the name's clip outlasts the test: its WAV stays while it "plays"
LONGEST_S = 120  # a step that takes longer means the kiosk is stuck


def main(data_dir: str) -> int:
    settings = load_settings(data_dir=Path(data_dir))
    settings = settings.model_copy(update={"metrics": settings.metrics.model_copy(
        update={"port": 0})})
    qt = make_application()
    app = KioskApp(settings, voice_player=RecordingPlayer(),
                   voice_engine=TextWavEngine(long_for=ELDERLY.name, long_s=CLIP_S))
    app.window.set_screen_size(1080, 1920)
    app.window.show()
    kiosk = app.kiosk

    poll = QTimer()  # wakes the loop below, so it looks again without spinning
    poll.start(50)

    def wait_for(condition) -> None:
        deadline = time.monotonic() + LONGEST_S
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"stuck on {kiosk.state.screen}")
            qt.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    app.devices.idcard.place(ELDERLY)
    wait_for(lambda: kiosk.state.screen == S.CONSENT)
    kiosk.consent(True)
    wait_for(lambda: kiosk.state.greeting.startswith(ELDERLY.name))
    kiosk.toggle_display_mode("care")
    kiosk.toggle_headphones()
    kiosk.choose_service("social_security_card")
    form_walk.to_check(kiosk, reason="damaged")
    kiosk.speak_field("name")
    speech = settings.data_dir / "speech"
    wait_for(lambda: any(ELDERLY.name.encode() in wav.read_bytes()
                         for wav in speech.glob("*.wav")))
    print(MARK, flush=True)
    return qt.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
