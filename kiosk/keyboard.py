"""The app's own keyboard, free of Qt and of any input method: what is typed and the pinyin
being composed live in the visit (so a rebuild or a display-mode change keeps them), and the
candidates for that pinyin come from the catalogue's own words first (titles, keywords), then
from the common characters (GB 2312 level 1) by their pinyin."""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pypinyin import Style, pinyin

from kiosk.search import Unit, Walk, normal, units

Layout = Literal["pinyin", "abc", "123"]
LAYOUTS: tuple[Layout, ...] = ("pinyin", "abc", "123")
LETTERS = string.ascii_lowercase
DIGITS = string.digits
MAX_TEXT = 20  # characters typed; a service's name is far shorter
MAX_COMPOSING = 24  # letters being composed
MAX_CANDIDATES = 60


@dataclass
class KeyboardState:
    """What the resident has typed: `text` (characters chosen or typed) and `composing` (the
    letters of pinyin not yet turned into characters)."""

    text: str = ""
    composing: str = ""
    layout: Layout = "pinyin"
    candidate_page: int = 0

    @property
    def query(self) -> str:
        """What a search looks for: the text, and the pinyin as initials or syllables."""
        return self.text + self.composing


@dataclass(frozen=True)
class Candidate:
    text: str
    letters: int  # how many of the composing letters it takes


def common_characters() -> str:
    """GB 2312 level 1: the 3,755 most common characters (rows 16 to 55)."""
    chars = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:  # row 55 ends early
                continue
    return "".join(chars)


@functools.cache
def _readings(chars: str) -> dict[str, tuple[str, ...]]:
    """Each character's toneless readings, its usual one first (kept: a kiosk made again in
    the same process, as in tests, reads the 3,755 common characters once)."""
    return {char: tuple(pinyin(char, style=Style.NORMAL, heteronym=True)[0])
            for char in dict.fromkeys(chars)}


class Vocabulary:
    """Candidates for composed pinyin: the catalogue's words, then single characters."""

    def __init__(self, words: Iterable[str], characters: str | None = None) -> None:
        self._words: tuple[tuple[Unit, ...], ...] = tuple(
            dict.fromkeys(units(w) for w in (normal(w) for w in words) if w))
        # every toneless reading of a character -> the characters read so, the catalogue's first
        self._by_reading: dict[str, list[str]] = {}
        own = "".join(unit.char for word in self._words for unit in word if unit.readings)
        common = _readings(common_characters() if characters is None else characters)
        readings = {**_readings(own), **{c: r for c, r in common.items() if c not in own}}
        for rank in (0, 1):  # each character's usual reading first, its rarer ones after
            for char, read in readings.items():
                for reading in read[:1] if rank == 0 else read[1:]:
                    if reading.isalpha() and reading.isascii():
                        self._by_reading.setdefault(reading, []).append(char)
        self._syllables = sorted(self._by_reading, key=len, reverse=True)

    def candidates(self, composing: str) -> tuple[Candidate, ...]:
        if not composing:
            return ()
        found: dict[str, Candidate] = {}
        spans = []  # the catalogue's words the letters spell, whole: "jlk" -> 敬老卡
        for word in self._words:
            walk = Walk(word, composing)
            for start in range(len(word)):
                end = walk.end(0, start)
                if end is not None and end > start:
                    spans.append("".join(unit.char for unit in word[start:end]))
        for span in sorted(dict.fromkeys(spans), key=len, reverse=True):
            found.setdefault(span, Candidate(span, len(composing)))
        syllable = self._first_syllable(composing)
        readings = [syllable] if syllable else [
            r for r in sorted(self._by_reading) if r.startswith(composing)]
        for reading in readings:
            for char in self._by_reading.get(reading, ()):
                found.setdefault(char, Candidate(char, len(syllable) if syllable
                                                 else len(composing)))
        return tuple(found.values())[:MAX_CANDIDATES]

    def _first_syllable(self, composing: str) -> str:
        """The longest syllable the letters begin with ("jinglao" -> "jing"), or ""."""
        return next((s for s in self._syllables if composing.startswith(s)), "")


def press(state: KeyboardState, key: str, vocabulary: Vocabulary) -> bool:
    """One key of the keyboard: a letter, a digit, "space", "backspace", "clear",
    "layout:<name>", "pick:<n>" (the n-th candidate) or "candidates:<±1>" (their page).
    Returns whether the text or the composing pinyin changed."""
    before = (state.text, state.composing)
    if key in LETTERS and len(key) == 1:
        if state.layout == "pinyin":
            if len(state.composing) < MAX_COMPOSING:
                state.composing += key
                state.candidate_page = 0
        else:
            _type(state, key)
    elif key in DIGITS and len(key) == 1:
        _commit(state)
        _type(state, key)
    elif key == "space":
        _commit(state)  # the letters stay as letters: a search by initials
    elif key == "backspace":
        if state.composing:
            state.composing = state.composing[:-1]
            state.candidate_page = 0
        else:
            state.text = state.text[:-1]
    elif key == "clear":
        state.text, state.composing, state.candidate_page = "", "", 0
    elif key.startswith("layout:") and key[7:] in LAYOUTS:
        _commit(state)
        state.layout = key[7:]  # type: ignore[assignment]
    elif key.startswith("pick:") and key[5:].isdigit():
        chosen = vocabulary.candidates(state.composing)
        index = int(key[5:])
        if index < len(chosen):
            candidate = chosen[index]
            _type(state, candidate.text)
            state.composing = state.composing[candidate.letters:]
            state.candidate_page = 0
    elif key in ("candidates:1", "candidates:-1"):
        state.candidate_page = max(0, state.candidate_page + int(key.split(":")[1]))
    return (state.text, state.composing) != before


def _type(state: KeyboardState, text: str) -> None:
    state.text = (state.text + text)[:MAX_TEXT]


def _commit(state: KeyboardState) -> None:
    """Letters being composed become typed letters (a space or another layout ends them)."""
    if state.composing:
        _type(state, state.composing)
        state.composing, state.candidate_page = "", 0
