"""The speech player: takes play/stop from any thread, plays WAVs through QtMultimedia, stops
at once, and stays quiet (no Qt warnings) on a machine without sound."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.voice import EspeakEngine, Voice
from ui.speech_player import SpeechPlayer, audio_server_running, choose_output, volume_from_db

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng is not installed (scripts/setup.sh installs the Debian package)")


@pytest.fixture
def wav() -> Iterator[Path]:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/setup.sh installs the Debian package)")
    path = EspeakEngine().synthesize("Please take your card.", "en")
    yield path
    path.unlink(missing_ok=True)


def test_requests_from_another_thread_run_in_the_gui_thread(qtbot, wav: Path) -> None:
    player = SpeechPlayer(audio=False)
    threads = []
    player.started.connect(lambda _: threads.append(threading.current_thread()))
    with qtbot.waitSignal(player.started) as started:
        worker = threading.Thread(target=player.play, args=(wav, -6.0, False))
        worker.start()
        worker.join()
    assert started.args == [str(wav)]
    assert threads == [threading.main_thread()]
    with qtbot.waitSignal(player.stopped):
        player.stop()


@pytest.mark.skipif(audio_server_running(), reason="this machine has a sound server")
def test_headless_machine_plays_silently_without_qt_warnings(qtbot, wav: Path) -> None:
    player = SpeechPlayer()  # a Qt warning here would fail the test
    assert not player.audible
    with qtbot.waitSignal(player.started):
        player.play(wav, 0.0, True)
    assert not player.is_playing()


# With no sound server, Qt's PulseAudio backend warns (in Qt's default category) when it
# looks for devices and again when playback opens the missing device. This test forces
# QtMultimedia on to check real playback, so it expects exactly those two warnings.
@pytest.mark.qt_log_ignore(r"^PulseAudioService: pa_context_connect\(\) failed$",
                           r"^No audio device detected$")
def test_plays_a_real_wav_and_stops_at_once(qtbot, qtlog, wav: Path) -> None:
    player = SpeechPlayer(audio=True)
    assert player.audible
    with qtbot.waitSignal(player.started):
        player.play(wav, -6.0, False)
    qtbot.waitUntil(player.is_playing)
    assert player.volume == pytest.approx(volume_from_db(-6.0))
    if not audio_server_running():
        # Qt warns from its audio thread once playback starts; wait for it so that it
        # cannot land in the next test.
        qtbot.waitUntil(lambda: any("No audio device" in r.message for r in qtlog.records))
    with qtbot.waitSignal(player.stopped):
        player.stop()
    assert not player.is_playing()


@needs_espeak
def test_voice_drives_the_player(qtbot) -> None:
    player = SpeechPlayer(audio=False)
    with Voice(player, EspeakEngine()) as voice:
        with qtbot.waitSignal(player.started) as started:
            voice.say("请将身份证放在读卡区", "zh_CN")
        assert Path(started.args[0]).stat().st_size > 0
        with qtbot.waitSignal(player.stopped):
            voice.interrupt()


def test_volume_from_db() -> None:
    assert volume_from_db(0) == 1.0
    assert volume_from_db(-20) == pytest.approx(0.1)
    assert volume_from_db(-18) == pytest.approx(0.126, abs=1e-3)
    assert volume_from_db(6) == 1.0


class FakeDevice:
    def __init__(self, description: str, device_id: bytes) -> None:
        self._description = description
        self._id = device_id

    def description(self) -> str:
        return self._description

    def id(self):
        return self  # QAudioDevice.id() is a QByteArray, read with .data()

    def data(self) -> bytes:
        return self._id


def test_headphone_output_is_chosen_by_name() -> None:
    speaker = FakeDevice("Built-in Audio Analog Stereo", b"alsa_output.pci-0000_00_1f.3")
    usb = FakeDevice("USB Audio Headset", b"alsa_output.usb-C-Media_Headset-00")
    assert choose_output([speaker, usb], "headset", speaker) is usb
    assert choose_output([speaker, usb], "C-MEDIA", speaker) is usb  # by id, any case
    assert choose_output([speaker], "headset", speaker) is speaker
