"""Plays the voice guidance's WAV files through QtMultimedia in the GUI thread. It is the
`Player` of kiosk.voice.Voice, whose worker thread reaches it through queued signals."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLoggingCategory, QObject, Qt, QUrl, Signal

log = logging.getLogger(__name__)


def audio_server_running() -> bool:
    """Whether Qt's Linux audio backend (PulseAudio, or PipeWire's pulse server) has a
    server to talk to. Asked without Qt, because Qt's own probe prints warnings if not."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    sockets = [Path(runtime, "pulse", "native"), Path("/run/pulse/native"),
               Path("/var/run/pulse/native")]
    if os.environ.get("PULSE_RUNTIME_PATH"):
        sockets.insert(0, Path(os.environ["PULSE_RUNTIME_PATH"], "native"))
    return any(socket.is_socket() for socket in sockets)


def volume_from_db(gain_db: float) -> float:
    """QAudioOutput's volume is a linear amplitude factor from 0 to 1."""
    return max(0.0, min(1.0, 10 ** (gain_db / 20)))


class SpeechPlayer(QObject):
    """Plays one WAV at a time and stops it at once. play/stop/set_gain may be called from
    any thread; the work happens in this object's (the GUI) thread, in call order.

    headphone_device: a piece of the name or description of the headphone output (e.g.
    "USB"); headphone speech goes to the first output that matches, else to the default.
    audio: True uses QtMultimedia, False is silent, None (default) uses QtMultimedia only
    when there is a sound server and an output, so headless machines print no Qt warnings.
    """

    started = Signal(str)  # the WAV that began playing (also when silent)
    stopped = Signal()  # playback stopped on request

    _play_requested = Signal(str, float, bool)
    _stop_requested = Signal()
    _gain_requested = Signal(float)

    def __init__(self, headphone_device: str = "", audio: bool | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headphone_device = headphone_device
        self._player = None
        self._output = None
        # Queued even within the GUI thread, so a stop can never overtake an earlier play.
        queued = Qt.ConnectionType.QueuedConnection
        self._play_requested.connect(self._play, queued)
        self._stop_requested.connect(self._stop, queued)
        self._gain_requested.connect(self._set_gain, queued)
        if audio is None:
            audio = audio_server_running() and _has_audio_output()
            if not audio:
                log.info("no audio output; voice guidance plays silently")
        if audio:
            self._player, self._output = _shared_media_player()

    @property
    def audible(self) -> bool:
        """False when playing silently, for want of an audio output."""
        return self._player is not None

    @property
    def volume(self) -> float:
        """The output's linear volume, 0 to 1 (1 when silent)."""
        return self._output.volume() if self._output is not None else 1.0

    def is_playing(self) -> bool:
        if self._player is None:
            return False
        return self._player.playbackState() == self._player.PlaybackState.PlayingState

    # The Player protocol of kiosk.voice: any thread, returns at once.
    def play(self, wav: Path, gain_db: float, headphones: bool) -> None:
        self._play_requested.emit(str(wav), gain_db, headphones)

    def stop(self) -> None:
        self._stop_requested.emit()

    def set_gain(self, gain_db: float) -> None:
        self._gain_requested.emit(gain_db)

    def _play(self, wav: str, gain_db: float, headphones: bool) -> None:
        if self._player is not None:
            self._player.stop()
            device = self._device(headphones)
            if self._output.device() != device:
                self._output.setDevice(device)
            self._output.setVolume(volume_from_db(gain_db))
            self._player.setSource(QUrl.fromLocalFile(wav))
            self._player.play()
        self.started.emit(wav)

    def _stop(self) -> None:
        if self._player is not None:
            self._player.stop()
        self.stopped.emit()

    def _set_gain(self, gain_db: float) -> None:
        if self._output is not None:
            self._output.setVolume(volume_from_db(gain_db))

    def _device(self, headphones: bool):  # -> QAudioDevice
        from PySide6.QtMultimedia import QMediaDevices

        default = QMediaDevices.defaultAudioOutput()
        if not headphones or not self.headphone_device:
            return default
        return choose_output(QMediaDevices.audioOutputs(), self.headphone_device, default)


def choose_output(outputs: Sequence[Any], wanted: str, default: Any) -> Any:
    """The first QAudioDevice whose description or id contains wanted (any case), else
    default."""
    needle = wanted.lower()
    for device in outputs:
        name = device.id().data().decode(errors="replace")
        if needle in device.description().lower() or needle in name.lower():
            return device
    log.warning("no audio output matches %r; headphone speech goes to the default output",
                wanted)
    return default


# Deleting a QMediaPlayer soon after stopping it crashes Qt's FFmpeg audio thread (seen with
# PySide6 6.11 and 6.12 and no audio device): so the process has one player, owned by the
# application, that lives as long as it does. SpeechPlayers (normally one) share it.
_media: tuple[Any, Any] | None = None


def _shared_media_player() -> tuple[Any, Any]:
    """The process's QMediaPlayer and its QAudioOutput."""
    global _media
    if _media is None or not shiboken6.isValid(_media[0]):
        _quiet_multimedia()
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        application = QCoreApplication.instance()
        output = QAudioOutput(application)
        player = QMediaPlayer(application)
        player.setAudioOutput(output)
        _media = (player, output)
    return _media


def _quiet_multimedia() -> None:
    # Loading QtMultimedia warns of each optional library it lacks (PipeWire, VA-API video
    # decoding); none is needed to play a WAV. QtMultimedia is imported only after this,
    # and only when used, since the import itself already warns.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")


def _has_audio_output() -> bool:
    _quiet_multimedia()
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())
