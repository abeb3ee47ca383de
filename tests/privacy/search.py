"""Looking for a resident everywhere a kiosk could keep them: files read as bytes, every
QWidget's words, and every str or bytes a live Python object holds. Plus a speech engine that
writes the words it says into its WAV, so a speech file left behind is found by its bytes."""

from __future__ import annotations

import gc
import inspect
import linecache
import struct
import sys
import wave
from collections.abc import Iterable
from pathlib import Path

from kiosk.voice import SilentEngine

ENCODINGS = ("utf-8", "utf-16-le", "gb18030")  # how a name could be written to a file


class TextWavEngine(SilentEngine):
    """Silence of `seconds`, followed by a 'note' chunk holding the text, UTF-8: players
    ignore the chunk, a byte search finds it. A text holding `long_for` lasts `long_s`
    (a clip still playing when the kiosk is killed). Remembers nothing itself."""

    def __init__(self, seconds: float = 0.05, long_for: str = "", long_s: float = 0.0) -> None:
        super().__init__(seconds)
        self.long_for, self.long_s = long_for, long_s

    def synthesize(self, text: str, lang: str, folder: Path | None = None) -> Path:
        short = self.seconds
        if self.long_for and self.long_for in text:
            self.seconds = self.long_s  # one worker thread synthesises: no race
        try:
            wav = super().synthesize(text, lang, folder)
        finally:
            self.seconds = short
        note = text.encode()
        note += b"\0" * (len(note) % 2)  # RIFF chunks are padded to an even size
        with wav.open("r+b") as riff:
            riff.seek(0, 2)
            riff.write(b"note" + struct.pack("<I", len(note)) + note)
            size = riff.tell() - 8
            riff.seek(4)
            riff.write(struct.pack("<I", size))
        with wave.open(str(wav), "rb"):  # still a WAV a player reads
            pass
        return wav


def needles(*words: str) -> list[bytes]:
    return [word.encode(encoding) for word in words for encoding in ENCODINGS]


def files_holding(roots: Iterable[Path], words: Iterable[str],
                  skip: Iterable[Path] = ()) -> dict[str, list[str]]:
    """Every file under roots (but not under skip) whose bytes hold one of words, as
    {path: [word, ...]}."""
    words = list(words)
    skipped = [path.resolve() for path in skip]
    found: dict[str, list[str]] = {}
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            if not path.is_file() or any(path.resolve().is_relative_to(s) for s in skipped):
                continue
            data = path.read_bytes()
            hits = [word for word in words if any(n in data for n in needles(word))]
            if hits:
                found[str(path)] = hits
    return found


WIDGET_WORDS = ("text", "toolTip", "placeholderText", "accessibleName",
                "accessibleDescription", "statusTip", "whatsThis", "windowTitle",
                "toPlainText")


def widget_words(widget) -> list[str]:
    """Every text a widget carries: what it shows, its tooltip, placeholder, accessible
    name and description."""
    texts = []
    for name in WIDGET_WORDS:
        method = getattr(widget, name, None)
        if callable(method):
            try:
                value = method()
            except TypeError:  # a text() that needs arguments (e.g. QComboBox.itemText)
                continue
            if isinstance(value, str) and value:
                texts.append(value)
    return texts


def widgets_holding(words: Iterable[str], window) -> list[str]:
    """Every QWidget of the kiosk's window (shown or hidden, kept screens too) and of any
    top-level window on screen, with one of words in any of its texts, as 'ClassName
    objectName: text'. (Windows of kiosks closed by earlier tests are not this kiosk's.)"""
    from PySide6.QtWidgets import QApplication, QWidget

    words = list(words)
    tops = [window, *(top for top in QApplication.topLevelWidgets()
                      if top.isVisible() and top is not window)]
    found = []
    for top in tops:
        for widget in (top, *top.findChildren(QWidget)):
            for text in widget_words(widget):
                if any(word in text for word in words):
                    found.append(f"{type(widget).__name__} {widget.objectName()}: {text}")
    return found


def objects_holding(words: Iterable[str], mine: Iterable[object] = ()) -> list[str]:
    """Every live object that refers to a str or bytes holding one of words, described by
    its type, after a full collection (see holders_of)."""
    return [_describe(holder) + f" holds {what}" for holder, what in holders_of(words, mine)]


def holders_of(words: Iterable[str], mine: Iterable[object] = ()) -> list[tuple[object, str]]:
    """Every live object that refers to a str or bytes holding one of words, with what it
    holds, after a full collection. `mine` (the test's own: the sample card) and the
    frames now running, the search's own lists and the source lines linecache keeps (the
    program's own text) are left out."""
    words = list(words)
    coded = needles(*words)
    gc.collect()
    left_out = {id(obj) for obj in mine} | {id(words), id(coded)}
    left_out |= {id(getattr(obj, "__dict__", None)) for obj in mine}
    for entry in list(linecache.cache.values()):
        left_out |= {id(entry), *(id(part) for part in entry if isinstance(part, list))}
    frame = inspect.currentframe()
    while frame is not None:
        left_out.add(id(frame))
        frame = frame.f_back
    found = []
    for obj in gc.get_objects():
        if id(obj) in left_out:
            continue
        for ref in gc.get_referents(obj):
            kind = type(ref)  # never isinstance: a dead weakref.proxy raises on its class
            if issubclass(kind, str) and any(word in ref for word in words):
                found.append((obj, repr(ref[:60])))
            elif issubclass(kind, (bytes, bytearray)) and any(n in ref for n in coded):
                found.append((obj, f"{len(ref)} bytes"))
    del frame
    return found


def _describe(obj: object) -> str:
    """The object's type, and for an instance its class's module (where it lives)."""
    kind = type(obj)
    return f"{kind.__module__}.{kind.__qualname__}"


def reachable(roots: Iterable[object]) -> list[object]:
    """The roots and every tuple, list, dict and set inside them (module dicts included):
    data a module or a sample holds from the start."""
    seen: dict[int, object] = {}
    stack = list(roots)
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        if isinstance(obj, type(sys)):  # a module: its globals
            obj = vars(obj)
        seen[id(obj)] = obj
        if isinstance(obj, dict):
            stack += [value for value in obj.values() if issubclass(type(value), CONTAINERS)]
        elif isinstance(obj, (tuple, list, set, frozenset)):
            stack += [item for item in obj if issubclass(type(item), CONTAINERS)]
    return list(seen.values())


CONTAINERS = (tuple, list, dict, set, frozenset)


def district_data() -> list[object]:
    """What the district's modules hold (the embedded platform's demo records: the
    government's side, which knows the resident by design)."""
    return reachable(module for name, module in sorted(sys.modules.items())
                     if name == "district" or name.startswith("district."))
