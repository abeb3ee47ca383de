"""Voice guidance: speaks off the caller's thread, can be interrupted and repeated, keeps
personal data off the loudspeaker, spells numbers out, and leaves no thread behind."""

from __future__ import annotations

import logging
import shutil
import stat
import sys
import tempfile
import threading
import wave
from pathlib import Path

import pytest

from kiosk import voice as voice_module
from kiosk.voice import (
    GAIN_DEFAULT_DB,
    HIDDEN_PHRASES,
    EspeakEngine,
    Pyttsx3Engine,
    RecordingEngine,
    RecordingPlayer,
    SilentEngine,
    Voice,
    default_engine,
    mark_digits,
    spell_digits,
    spell_marked,
)

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng is not installed (scripts/setup.sh installs the Debian package)")

ID_NUMBER = "31011519800101123x"
PHONE = "13812345678"


def assert_valid_wav(path: Path) -> None:
    with wave.open(str(path), "rb") as audio:
        assert audio.getnframes() > 1000
        assert audio.getframerate() > 0
        assert audio.getsampwidth() == 2


class GatedEngine(RecordingEngine):
    """Synthesis that waits until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        assert self.gate.wait(5)
        return super().synthesize(text, lang, folder)


@pytest.fixture
def player() -> RecordingPlayer:
    return RecordingPlayer()


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine()


@pytest.fixture
def voice(player: RecordingPlayer, engine: RecordingEngine):
    speaking = Voice(player, engine)
    yield speaking
    speaking.close()


def texts(engine: RecordingEngine) -> list[str]:
    return [text for text, _ in engine.spoken]


@needs_espeak
@pytest.mark.parametrize(("text", "lang"), [("请将身份证放在读卡区。", "zh"),
                                            ("Please place your ID card on the reader.", "en")])
def test_espeak_writes_a_real_wav(text: str, lang: str) -> None:
    wav = EspeakEngine().synthesize(text, lang)
    try:
        assert_valid_wav(wav)
    finally:
        wav.unlink()


@needs_espeak
def test_say_delivers_a_real_wav_to_the_player(player: RecordingPlayer) -> None:
    with Voice(player, EspeakEngine()) as speaking:
        speaking.say("请选择您要办理的业务", "zh_CN")
        assert player.wait_for_plays(1)
        _, wav, gain_db, headphones = player.plays[0]
        assert_valid_wav(wav)
        assert (gain_db, headphones) == (GAIN_DEFAULT_DB, False)


def test_say_returns_before_synthesis(player: RecordingPlayer) -> None:
    engine = GatedEngine()
    with Voice(player, engine) as speaking:
        speaking.say("请稍候", "zh_CN")  # returns although the engine is still blocked
        assert player.plays == []
        engine.gate.set()
        assert player.wait_for_plays(1)


def test_queued_utterances_play_in_order(voice: Voice, player: RecordingPlayer,
                                         engine: RecordingEngine) -> None:
    voice.say("第一句", "zh_CN")
    voice.say("second", "en", interrupt=False)
    assert player.wait_for_plays(2)
    assert engine.spoken == [("第一句", "zh"), ("second", "en")]


def test_interrupt_stops_the_player_and_drops_the_queue(player: RecordingPlayer) -> None:
    engine = RecordingEngine(seconds=5)  # long enough to still be playing when interrupted
    with Voice(player, engine) as speaking:
        speaking.say("A", "en")
        assert player.wait_for_plays(1)
        speaking.say("B", "en", interrupt=False)
        speaking.say("C", "en", interrupt=False)
        speaking.interrupt()
        assert player.events[-1] == ("stop",)
        speaking.say("D", "en")
        assert player.wait_for_plays(2)
        assert texts(engine) == ["A", "D"]


def test_repeat_says_the_last_utterance_again(voice: Voice, player: RecordingPlayer,
                                             engine: RecordingEngine) -> None:
    assert not voice.repeat()
    voice.say("请按确认键", "zh_CN")
    assert player.wait_for_plays(1)
    assert voice.repeat()
    assert player.wait_for_plays(2)
    first, second = player.plays
    assert first[1] == second[1]  # the same WAV, from the cache
    assert texts(engine) == ["请按确认键"]


def test_volume_has_bounds_and_at_least_18_db_of_range(voice: Voice,
                                                       player: RecordingPlayer) -> None:
    for _ in range(30):
        voice.volume_down()
    quietest = voice.gain_db
    for _ in range(30):
        voice.volume_up()
    loudest = voice.gain_db
    assert loudest - quietest >= 18
    assert loudest <= 0
    assert voice.volume_up() == loudest
    assert player.events[-1] == ("gain", loudest)  # the change reaches what is playing
    voice.say("louder", "en")
    assert player.wait_for_plays(1)
    assert player.plays[0][2] == loudest


def test_reset_restores_the_default_and_forgets(voice: Voice, player: RecordingPlayer) -> None:
    voice.set_headphones(True)
    voice.volume_up()
    voice.say(f"身份证号{mark_digits(ID_NUMBER)}", "zh_CN", private=True)
    assert player.wait_for_plays(1)
    private_wav = player.plays[0][1]
    voice.reset()
    assert voice.gain_db == GAIN_DEFAULT_DB
    assert not voice.headphones
    assert not voice.repeat()
    assert ("gain", GAIN_DEFAULT_DB) in player.events
    assert player.events[-2:] == [("stop",), ("gain", GAIN_DEFAULT_DB)]
    assert not private_wav.exists()


def test_private_content_needs_headphones(voice: Voice, player: RecordingPlayer,
                                          engine: RecordingEngine) -> None:
    voice.say(f"您的手机号是{mark_digits(PHONE)}", "zh_CN", private=True)
    voice.say(f"Your PIN is {mark_digits('1234')}", "en", private=True, interrupt=False)
    assert player.wait_for_plays(2)
    assert texts(engine) == [HIDDEN_PHRASES["zh"], HIDDEN_PHRASES["en"]]
    assert [play[3] for play in player.plays] == [False, False]

    voice.set_headphones(True)
    voice.say(f"您的手机号是{mark_digits(PHONE)}", "zh_CN", private=True)
    assert player.wait_for_plays(3)
    assert texts(engine)[-1] == "您的手机号是1 3 8，1 2 3 4，5 6 7 8"
    assert player.plays[-1][3] is True


def test_leaving_headphone_mode_silences_private_speech(player: RecordingPlayer) -> None:
    engine = RecordingEngine(seconds=5)
    with Voice(player, engine) as speaking:
        speaking.set_headphones(True)
        speaking.say("身份证号 110101199003074518", "zh_CN", private=True)
        assert player.wait_for_plays(1)
        speaking.set_headphones(False)
        assert player.events[-1] == ("stop",)
        assert speaking.repeat()  # now from the loudspeaker, so hidden
        assert player.wait_for_plays(2)
        assert texts(engine)[-1] == HIDDEN_PHRASES["zh"]


@pytest.mark.parametrize(("number", "lang", "spoken"), [
    (ID_NUMBER, "zh_CN", "3 1 0 1 1 5，1 9 8 0 0 1 0 1，1 2 3 X"),
    (ID_NUMBER, "en", "3 1 0 1 1 5, 1 9 8 0 0 1 0 1, 1 2 3 X"),
    (PHONE, "zh_CN", "1 3 8，1 2 3 4，5 6 7 8"),
    (PHONE, "en", "1 3 8, 1 2 3 4, 5 6 7 8"),
    ("021-6288 1234", "en", "0 2 1, 6 2 8 8, 1 2 3 4"),  # the number's own grouping wins
    ("SH20240915", "zh", "S H 2 0，2 4 0 9，1 5"),
])
def test_spell_digits(number: str, lang: str, spoken: str) -> None:
    assert spell_digits(number, lang) == spoken


def test_spell_marked_spells_only_marked_numbers() -> None:
    text = f"受理编号{mark_digits('2024 0915')}，共2页"
    assert spell_marked(text, "zh_CN") == "受理编号2 0 2 4，0 9 1 5，共2页"


def test_unknown_language_is_refused(voice: Voice) -> None:
    with pytest.raises(ValueError, match="fr"):
        voice.say("Bonjour", "fr")


def test_a_failing_engine_does_not_end_guidance(player: RecordingPlayer,
                                               caplog: pytest.LogCaptureFixture) -> None:
    class FlakyEngine(RecordingEngine):
        def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
            if text.startswith("boom"):
                raise RuntimeError("engine broke")
            return super().synthesize(text, lang, folder)

    with Voice(player, FlakyEngine()) as speaking, caplog.at_level(logging.WARNING):
        speaking.set_headphones(True)
        speaking.say("boom", "en")
        speaking.say("boom PIN 4518", "en", private=True, interrupt=False)
        speaking.say("fine", "en", interrupt=False)
        assert player.wait_for_plays(1)
    assert "engine broke" in caplog.text
    assert "4518" not in caplog.text  # personal data stays out of the logs


def test_hidden_phrases_can_come_from_the_catalogue(player: RecordingPlayer,
                                                    engine: RecordingEngine) -> None:
    phrases = {"zh_CN": "请戴上耳机", "en": "Headphones, please"}
    with Voice(player, engine, hidden_phrases=phrases) as speaking:
        speaking.say("PIN 1234", "en", private=True)
        assert player.wait_for_plays(1)
    assert engine.spoken == [("Headphones, please", "en")]


def test_missing_espeak_gives_a_silent_engine(monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(voice_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(FileNotFoundError, match="espeak-ng"):
        EspeakEngine()
    with caplog.at_level(logging.WARNING):
        engine = default_engine()
    assert isinstance(engine, SilentEngine)
    assert "espeak-ng" in caplog.text
    wav = engine.synthesize("你好", "zh")
    wav.unlink()


@needs_espeak
def test_pyttsx3_engine_writes_a_wav_in_mandarin() -> None:
    engine = Pyttsx3Engine()
    assert "cmn" in engine.voice("zh").lower()
    wav = engine.synthesize("你好", "zh")
    try:
        assert_valid_wav(wav)
    finally:
        wav.unlink()


def test_close_leaves_no_thread_and_no_files(player: RecordingPlayer) -> None:
    speaking = Voice(player, RecordingEngine())
    speaking.say("bye", "en")
    assert player.wait_for_plays(1)
    wav = player.plays[0][1]
    speaking.close()
    speaking.close()
    assert not any(thread.name == "voice" for thread in threading.enumerate())
    assert not wav.exists()
    speaking.say("after close", "en")  # ignored, not an error
    assert len(player.plays) == 1


def temporary_voice_files() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("tongban-voice-*")}


def test_speech_stays_in_one_private_folder_that_a_reset_empties(
        tmp_path: Path, player: RecordingPlayer) -> None:
    before = temporary_voice_files()
    folder = tmp_path / "speech"
    with Voice(player, RecordingEngine(), folder=folder) as speaking:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        speaking.set_headphones(True)
        speaking.say("请插入身份证", "zh_CN")
        speaking.say(f"身份证号{mark_digits(ID_NUMBER)}", "zh_CN", private=True,
                     interrupt=False)
        assert player.wait_for_plays(2) and speaking.wait_quiet(5)
        assert {play[1].parent for play in player.plays} == {folder}
        assert not player.plays[1][1].exists()  # personal audio goes once it was played
        assert any(folder.iterdir())  # the public phrase is cached for this visit
        speaking.reset()
        assert not any(folder.iterdir())
    assert temporary_voice_files() == before


def test_what_a_killed_kiosk_left_in_the_folder_goes_at_start(
        tmp_path: Path, player: RecordingPlayer) -> None:
    folder = tmp_path / "speech"
    folder.mkdir(mode=0o755)
    left = folder / "tongban-voice-abc123.wav"
    left.write_bytes(b"RIFF")
    with Voice(player, RecordingEngine(), folder=folder):
        assert not left.exists()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_loudspeaker_says_the_public_words_of_private_speech(
        voice: Voice, player: RecordingPlayer, engine: RecordingEngine) -> None:
    voice.say("王秀英，您好", "zh_CN", private=True, public="您好")
    assert player.wait_for_plays(1)
    assert texts(engine) == ["您好"]
    voice.set_headphones(True)
    voice.say("王秀英，您好", "zh_CN", private=True, public="您好")
    assert player.wait_for_plays(2)
    assert texts(engine)[-1] == "王秀英，您好"
