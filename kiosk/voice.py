"""Spoken guidance: a queue in front of a text-to-speech engine. One worker thread turns text
into WAV files and hands them to a player, so speaking never blocks the screen. The WAVs live
in one 0700 folder of the voice's, emptied at start, at the end of each visit and at close."""

from __future__ import annotations

import collections
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kiosk.private_files import private_dir

log = logging.getLogger(__name__)

ZH, EN = "zh", "en"

GAIN_MIN_DB = -24.0
GAIN_MAX_DB = 0.0
GAIN_STEP_DB = 3.0
GAIN_DEFAULT_DB = -6.0  # leaves two steps of headroom for a resident who hears poorly

# Spoken instead of private content when it would come out of the loudspeaker. Defaults
# only: the kiosk passes the message catalogue's `voice.hidden`.
HIDDEN_PHRASES = {
    ZH: "内容已隐藏，请戴上耳机收听。",
    EN: "Hidden. Please use headphones to listen.",
}

DIGITS_TAG = re.compile(r"<digits>(.*?)</digits>", re.DOTALL)
_PAUSE = {ZH: "，", EN: ", "}
# The worker waits this much longer than a WAV lasts before starting the next one, so the
# player's start-up delay never clips the end of a queued prompt.
_PLAYBACK_MARGIN_S = 0.25


def language_of(lang: str) -> str:
    """'zh_CN', 'zh-CN' or 'zh' -> 'zh'; 'en', 'en_US' -> 'en'."""
    code = lang.strip().lower()
    if code.startswith(("zh", "cmn")):
        return ZH
    if code.startswith("en"):
        return EN
    raise ValueError(f"no voice for language {lang!r}; use zh_CN or en")


# --- Numbers, one character at a time ---------------------------------------------------

def mark_digits(number: str) -> str:
    """Wraps a number so `say` spells it out: f"您的手机号是{mark_digits(phone)}"."""
    return f"<digits>{number}</digits>"


def spell_digits(number: str, lang: str) -> str:
    """'13812345678' -> '1 3 8，1 2 3 4，5 6 7 8': one digit or letter at a time (an ID
    number's x as the letter X), pausing between groups so a listener can check them."""
    pause = _PAUSE[language_of(lang)]
    groups = re.findall(r"[0-9A-Za-z]+", number)
    if len(groups) == 1:
        groups = _groups(groups[0])
    return pause.join(" ".join(char.upper() for char in group) for group in groups)


def spell_marked(text: str, lang: str) -> str:
    """Spells out every number marked with <digits>…</digits> in text."""
    return DIGITS_TAG.sub(lambda match: spell_digits(match.group(1), lang), text)


def _groups(chars: str) -> list[str]:
    # How people read these numbers aloud: a mobile number 3-4-4, an ID number as region,
    # birth date, sequence and check (6-8-4); anything else in fours.
    sizes = {11: (3, 4, 4), 18: (6, 8, 4)}.get(len(chars))
    if sizes is None:
        return [chars[start:start + 4] for start in range(0, len(chars), 4)]
    groups, start = [], 0
    for size in sizes:
        groups.append(chars[start:start + size])
        start += size
    return groups


# --- Engines: text in, WAV file out -----------------------------------------------------

class SpeechEngine(Protocol):
    def voice(self, lang: str) -> str:
        """The name of the voice used for lang ('zh' or 'en'); part of the cache key."""

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        """Writes text spoken in lang to a new WAV file in folder (default: the temporary
        folder), which the caller then owns."""


def _new_wav_path(folder: Path | None) -> Path:
    handle, name = tempfile.mkstemp(prefix="tongban-voice-", suffix=".wav", dir=folder)
    os.close(handle)
    return Path(name)


class EspeakEngine:
    """espeak-ng run once per phrase with -w. Used on Linux instead of pyttsx3's espeak
    driver: a process per phrase (~10 ms) shares no engine state between threads, needs no
    event loop and picks its voice by name."""

    VOICES: Mapping[str, str] = {ZH: "cmn-latn-pinyin", EN: "en-us"}

    def __init__(self, executable: str = "espeak-ng", words_per_minute: int = 150) -> None:
        found = shutil.which(executable)
        if found is None:
            raise FileNotFoundError(
                f"{executable} not found on PATH; install the Debian package espeak-ng")
        self.executable = found
        self.words_per_minute = words_per_minute

    def voice(self, lang: str) -> str:
        return self.VOICES[language_of(lang)]

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        wav = _new_wav_path(folder)
        # Text goes in on stdin so that a phrase starting with '-' is never read as an option.
        command = [self.executable, "-v", self.voice(lang), "-s", str(self.words_per_minute),
                   "-b", "1", "-w", str(wav), "--stdin"]
        try:
            result = subprocess.run(command, input=text.encode(), capture_output=True,
                                    timeout=10, check=False)
            if result.returncode != 0:
                raise RuntimeError(f"espeak-ng failed ({result.returncode}): "
                                   f"{result.stderr.decode(errors='replace').strip()}")
        except BaseException:
            wav.unlink(missing_ok=True)
            raise
        return wav


class Pyttsx3Engine:
    """The system's own voices through pyttsx3 (SAPI5 on Windows), saved to a WAV. pyttsx3
    is made lazily, in the thread that synthesises: SAPI's COM objects belong to one thread."""

    PREFERRED: Mapping[str, tuple[str, ...]] = {
        ZH: ("cmn-latn-pinyin", "zh-cn", "zh_cn", "chinese", "huihui"),
        EN: ("en-us", "en_us", "en-gb", "english"),
    }

    def __init__(self, driver: str | None = None, words_per_minute: int = 150) -> None:
        self.driver = driver
        self.words_per_minute = words_per_minute
        self._engine = None
        self._voice_ids: dict[str, str] = {}

    def voice(self, lang: str) -> str:
        self._ensure_engine()
        return self._voice_ids.get(language_of(lang), "default")

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        engine = self._ensure_engine()
        lang = language_of(lang)
        if lang in self._voice_ids:
            engine.setProperty("voice", self._voice_ids[lang])
        wav = _new_wav_path(folder)
        engine.save_to_file(text, str(wav))
        engine.runAndWait()
        return wav

    def _ensure_engine(self):
        if self._engine is None:
            if sys.platform == "win32":
                import pythoncom  # comes with pyttsx3 on Windows

                pythoncom.CoInitialize()
            import pyttsx3

            self._engine = pyttsx3.init(self.driver)
            self._engine.setProperty("rate", self.words_per_minute)
            voices = self._engine.getProperty("voices")
            for lang, wanted in self.PREFERRED.items():
                for needle in wanted:
                    match = next((v for v in voices if needle in _describe(v)), None)
                    if match is not None:
                        self._voice_ids[lang] = match.id
                        break
                else:
                    log.warning("pyttsx3 has no %s voice; using its default voice", lang)
        return self._engine


def _describe(voice: object) -> str:
    languages = getattr(voice, "languages", None) or []
    parts = [getattr(voice, "id", ""), getattr(voice, "name", ""), *map(str, languages)]
    return " ".join(str(part) for part in parts).lower()


class SilentEngine:
    """Writes a short silence: the kiosk keeps working where no speech engine is installed."""

    def __init__(self, seconds: float = 0.05) -> None:
        self.seconds = seconds

    def voice(self, lang: str) -> str:
        return "silent"

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        wav = _new_wav_path(folder)
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(16000)
            out.writeframes(b"\0\0" * int(16000 * self.seconds))
        return wav


class RecordingEngine(SilentEngine):
    """For tests: remembers what it was asked to say, as (text, lang), and which text each
    WAV holds (`texts`, by file name), and writes silence. (A phrase said again may come
    from the voice's cache: it is recorded once.)"""

    def __init__(self, seconds: float = 0.05) -> None:
        super().__init__(seconds)
        self.spoken: list[tuple[str, str]] = []
        self.texts: dict[str, str] = {}
        self._said = threading.Condition()

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        wav = super().synthesize(text, lang, folder)
        with self._said:
            self.spoken.append((text, lang))
            self.texts[wav.name] = text
            self._said.notify_all()
        return wav

    def wait_for(self, words: str, timeout: float) -> bool:
        """Wait until some phrase asked for contains `words`."""
        with self._said:
            return self._said.wait_for(
                lambda: any(words in text for text, _lang in self.spoken), timeout)


def default_engine() -> SpeechEngine:
    """pyttsx3 (SAPI) on Windows, espeak-ng elsewhere, silence when neither is there."""
    if sys.platform == "win32":
        return Pyttsx3Engine()
    try:
        return EspeakEngine()
    except FileNotFoundError as error:
        log.warning("voice guidance is silent: %s", error)
        return SilentEngine()


# --- Players: where the WAV files go ----------------------------------------------------

class Player(Protocol):
    """Plays Voice's WAVs (ui.speech_player.SpeechPlayer). Voice calls it from its worker
    thread and from the caller's, in order; each call must return at once."""

    def play(self, wav: Path, gain_db: float, headphones: bool) -> None: ...

    def stop(self) -> None: ...

    def set_gain(self, gain_db: float) -> None: ...


class RecordingPlayer:
    """For tests and benchmarks: keeps each request as ('play', wav, gain_db, headphones),
    ('stop',) or ('gain', gain_db), and lets the test wait for plays."""

    def __init__(self) -> None:
        self.events: list[tuple] = []
        self._changed = threading.Condition()

    def play(self, wav: Path, gain_db: float, headphones: bool) -> None:
        self._record(("play", wav, gain_db, headphones))

    def stop(self) -> None:
        self._record(("stop",))

    def set_gain(self, gain_db: float) -> None:
        self._record(("gain", gain_db))

    @property
    def plays(self) -> list[tuple]:
        with self._changed:
            return [event for event in self.events if event[0] == "play"]

    def wait_for_plays(self, count: int, timeout: float = 5.0) -> bool:
        with self._changed:
            return self._changed.wait_for(
                lambda: sum(event[0] == "play" for event in self.events) >= count, timeout)

    def _record(self, event: tuple) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()


# --- The voice --------------------------------------------------------------------------

@dataclass(frozen=True)
class Utterance:
    text: str
    lang: str  # 'zh' or 'en'
    private: bool = False  # personal data: only ever spoken into headphones
    public: str = ""  # said instead from the loudspeaker; "" says the hidden phrase


@dataclass
class Listener:
    """What the voice keeps for the resident listening now; a new one for each visit, so
    nothing of the last listener (volume, headphones, the last words) remains."""

    gain_db: float = GAIN_DEFAULT_DB
    headphones: bool = False
    queue: collections.deque[Utterance] = field(default_factory=collections.deque)
    last: Utterance | None = None


class Voice:
    """Speaks utterances one after another on a worker thread. Every method returns at
    once and may be called from any thread; close() must be called to stop the worker.

    folder: where the WAVs go, made 0700 and emptied now, at every reset() and at close();
    None makes a private temporary folder, removed at close."""

    def __init__(self, player: Player, engine: SpeechEngine | None = None, *,
                 hidden_phrases: Mapping[str, str] = HIDDEN_PHRASES,  # by language
                 cache_size: int = 64, folder: Path | None = None) -> None:
        self.player = player
        self.engine = engine if engine is not None else default_engine()
        self.hidden_phrases = {language_of(lang): text for lang, text in hidden_phrases.items()}
        self.cache_size = cache_size
        self.playback_margin_s = _PLAYBACK_MARGIN_S  # tests with silent WAVs set 0
        self._own_folder = folder is None
        if folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="tongban-voice-"))  # 0700
        else:
            self.folder = private_dir(folder)
            _empty(self.folder)  # what a killed process left
        self.listener = Listener()
        # Bumped by every interrupt: a WAV synthesised for an older generation is not played.
        self._generation = 0
        # Bumped by every reset: a WAV synthesised for an earlier visit is deleted, not kept.
        self._visit = 0
        self._speaking = False
        self._closed = False
        self._cache: collections.OrderedDict[tuple[str, str, str], Path] = (
            collections.OrderedDict())
        self._lock = threading.Condition()
        self._worker = threading.Thread(target=self._run, name="voice", daemon=True)
        self._worker.start()

    @property
    def gain_db(self) -> float:
        return self.listener.gain_db

    @property
    def headphones(self) -> bool:
        return self.listener.headphones

    def say(self, text: str, lang: str, private: bool = False, interrupt: bool = True,
            public: str = "") -> None:
        """Speaks text in lang ('zh_CN' or 'en'). Numbers marked with <digits> are spelled
        out. private text is heard only in headphones; the loudspeaker says `public` (words
        with nothing personal) or the hidden phrase instead. interrupt=False waits for what
        is being said and queued before it."""
        utterance = Utterance(text, language_of(lang), private, public if private else "")
        with self._lock:
            if self._closed:
                log.debug("voice closed; utterance dropped")
                return
            if interrupt:
                self._interrupt_locked()
            self.listener.queue.append(utterance)
            self._lock.notify_all()

    def interrupt(self) -> None:
        """Stops speech now and drops everything queued; for any touch or key."""
        with self._lock:
            self._interrupt_locked()

    def repeat(self) -> bool:
        """Says the last utterance heard again; False when there is none."""
        with self._lock:
            if self.listener.last is None or self._closed:
                return False
            self._interrupt_locked()
            self.listener.queue.append(self.listener.last)
            self._lock.notify_all()
            return True

    def wait_quiet(self, timeout: float) -> bool:
        """Wait until everything queued has been said (for tests and the soak)."""
        with self._lock:
            return self._lock.wait_for(
                lambda: self._closed or not (self.listener.queue or self._speaking), timeout)

    def volume_up(self) -> float:
        return self._set_gain(self.listener.gain_db + GAIN_STEP_DB)

    def volume_down(self) -> float:
        return self._set_gain(self.listener.gain_db - GAIN_STEP_DB)

    def set_headphones(self, on: bool) -> None:
        """Headphone mode: speech goes to the headphones and private content is spoken.
        A change interrupts, so nothing private outlives the mode it was meant for."""
        with self._lock:
            if on != self.listener.headphones:
                self._interrupt_locked()
                self.listener.headphones = on

    def reset(self) -> None:
        """The end of a session: silence, forget the last utterance and every WAV (the
        folder is emptied), default volume, loudspeaker."""
        with self._lock:
            self._interrupt_locked()
            self._visit += 1
            old, self.listener = self.listener, Listener()
            if old.gain_db != self.listener.gain_db:
                self.player.set_gain(self.listener.gain_db)
            self._cache.clear()
        _empty(self.folder)

    def close(self) -> None:
        """Stops speech and the worker thread and deletes every WAV; safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._interrupt_locked()
        self._worker.join(timeout=15)  # at most one synthesis (bounded by its timeout) to finish
        with self._lock:
            self._cache.clear()
        _empty(self.folder)
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Voice:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _interrupt_locked(self) -> None:
        self._generation += 1
        self.listener.queue.clear()
        self.player.stop()
        self._lock.notify_all()

    def _set_gain(self, gain_db: float) -> float:
        with self._lock:
            gain_db = min(GAIN_MAX_DB, max(GAIN_MIN_DB, gain_db))
            if gain_db != self.listener.gain_db:
                self.listener.gain_db = gain_db
                self.player.set_gain(gain_db)
            return gain_db

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self.listener.queue or self._closed)
                if self._closed:
                    return
                utterance = self.listener.queue.popleft()
                generation, visit = self._generation, self._visit
                headphones = self.listener.headphones
                self._speaking = True
            try:
                self._speak(utterance, generation, visit, headphones)
            except Exception as error:  # one bad utterance must not end guidance for good
                shown = "a private utterance" if utterance.private else repr(utterance.text)
                log.warning("could not speak %s: %s", shown, error)
            finally:
                with self._lock:
                    self._speaking = False
                    self._lock.notify_all()

    def _speak(self, utterance: Utterance, generation: int, visit: int,
               headphones: bool) -> None:
        audible = not utterance.private or headphones
        personal = utterance.private and audible
        if audible:
            text = utterance.text
        else:
            text = utterance.public or self.hidden_phrases[utterance.lang]
        wav = self._wav_for(spell_marked(text, utterance.lang), utterance.lang,
                            cache=not personal, visit=visit)
        if wav is None:
            return
        with self._lock:
            if generation != self._generation:  # interrupted while synthesising
                if personal:
                    _remove(wav)
                return
            self.listener.last = utterance
            # Played under the lock, so no stop() can slip between the check and play.
            self.player.play(wav, self.listener.gain_db, headphones)
            # Paced by the WAV's length: the player owes us no "finished" callback.
            self._lock.wait_for(lambda: generation != self._generation,
                                timeout=_duration(wav) + self.playback_margin_s)
        if personal:  # personal audio is never kept: said again, it is made again
            _remove(wav)

    def _wav_for(self, text: str, lang: str, cache: bool, visit: int) -> Path | None:
        """The WAV for text, from the cache or made now; None when the visit it was made for
        ended while it was being made (the WAV is deleted then)."""
        key = (text, lang, self.engine.voice(lang))
        if cache:
            with self._lock:
                wav = self._cache.get(key)
                if wav is not None:
                    self._cache.move_to_end(key)
                    return wav
        wav = self.engine.synthesize(text, lang, self.folder)
        with self._lock:
            if visit != self._visit or self._closed:
                _remove(wav)
                return None
            if cache:
                self._cache[key] = wav
                while len(self._cache) > self.cache_size:
                    _remove(self._cache.popitem(last=False)[1])
        return wav


def _duration(wav: Path) -> float:
    try:
        with wave.open(str(wav), "rb") as audio:
            return audio.getnframes() / audio.getframerate()
    except (OSError, wave.Error, ZeroDivisionError):
        return 0.0


def _remove(wav: Path) -> None:
    try:
        wav.unlink(missing_ok=True)
    except OSError as error:  # on Windows a file still open in the player cannot go yet
        log.debug("could not delete %s: %s", wav.name, error)


def _empty(folder: Path) -> None:
    """Deletes every file the voice left in its folder."""
    for wav in folder.glob("tongban-voice-*"):
        _remove(wav)
