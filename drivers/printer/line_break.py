"""Where printed text may break: at spaces between English words, between Chinese characters,
never inside a word or a number ("Baoshan", "10", "301室" stay whole), and never before a
closing mark or after an opening one (，。）stay with what they close).

Hand-written: the Unicode line-breaking libraries on PyPI either need ICU or measure in
terminal cells; printers measure in dots or font columns, so the caller says what fits."""

from __future__ import annotations

import re
from collections.abc import Callable

_OPENING = "（《“‘「『【〔([{"
_CLOSING = "，。、：；！？）》”’」』】〕%,.:;!?)]}…·*"  # and a mask's stars: 上海市宝山区***
# a piece is a run of spaces, or one unbreakable unit: opening marks, then a run of ASCII
# letters, digits and ASCII punctuation (a word, a number, a reference; a number keeps the
# Chinese character after it, its unit: 301室, 30天) or one other character, then closing marks
_PIECE = re.compile(
    rf"\s+|[{re.escape(_OPENING)}]*(?:[!-~]*\d[\u3400-\u9fff]|[!-~]+|\S)"
    rf"[{re.escape(_CLOSING)}]*"
)


def pieces(text: str) -> list[str]:
    return _PIECE.findall(text)


def break_lines(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Greedy lines of `text`, each one `fits` accepts; a single unit too long for a line is
    broken after a hyphen or slash if it has one that helps, else between characters."""
    lines: list[str] = []
    current = ""
    for piece in pieces(text):
        if piece.isspace():
            if current and fits(current + piece):
                current += piece
            elif current:
                lines.append(current.rstrip())
                current = ""
            continue
        if fits(current + piece):
            current += piece
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = ""
        if fits(piece):
            current = piece
            continue
        parts = _split_long(piece, fits)
        lines.extend(parts[:-1])
        current = parts[-1]
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _split_long(unit: str, fits: Callable[[str], bool]) -> list[str]:
    """A unit wider than a line: after its hyphens or slashes where possible, else between
    characters."""
    parts: list[str] = []
    rest = unit
    while rest and not fits(rest):
        cut = _last_fitting(rest, fits)
        soft = max(rest.rfind("-", 0, cut), rest.rfind("/", 0, cut))
        if soft > 0:
            cut = soft + 1
        parts.append(rest[:cut])
        rest = rest[cut:]
    parts.append(rest)
    return parts


def _last_fitting(text: str, fits: Callable[[str], bool]) -> int:
    """How many leading characters fit (at least one, so a line always moves on)."""
    count = 1
    while count < len(text) and fits(text[: count + 1]):
        count += 1
    return count
