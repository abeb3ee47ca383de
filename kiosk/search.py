"""Finding a service by what a resident types: Chinese text anywhere in its title, summary or
keywords, or pinyin: initials ("jlk" for 敬老卡), whole syllables ("jinglao"), or both mixed
("jingl", "敬lk"). The index is made once at start, so a keystroke only walks it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin, pinyin

from kiosk.services.model import Service

TITLE, KEYWORD, SUMMARY = 0, 1, 2  # where a hit counts most: a title hit ranks first


@dataclass(frozen=True)
class Unit:
    """One character of a text: itself (lower case) and, for a Chinese one, its readings."""

    char: str
    readings: tuple[str, ...] = ()  # toneless pinyin, the reading in its context first


def units(text: str) -> tuple[Unit, ...]:
    """A text as characters with their pinyin (pypinyin reads words, so 长三角 is chang)."""
    out = []
    for char, reading in zip(text, _context_readings(text), strict=True):
        if reading == char:  # not Chinese: a letter, digit or sign matches itself
            out.append(Unit(char.lower()))
            continue
        others = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
        out.append(Unit(char, tuple(dict.fromkeys([reading, *others]))))
    return tuple(out)


def _context_readings(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, errors=lambda chunk: list(chunk))


def normal(query: str) -> str:
    """What is matched: lower case, without spaces or the separators titles use."""
    return "".join(c for c in query.lower() if not c.isspace() and c not in "·・-_、，,。.")


class Walk:
    """Whether the query matches the text from a character on, and where the match ends. A
    character typed matches itself; a run of letters matches the syllables it begins, each
    syllable by any start of its pinyin (its initial at least): "jlk", "jinglk", "jingl".
    Each (query position, character) is decided once, whatever the start."""

    def __init__(self, text: Sequence[Unit], query: str) -> None:
        self.text, self.query = text, query
        self.memo: dict[tuple[int, int], int | None] = {}

    def end(self, q: int, u: int) -> int | None:
        key = (q, u)
        if key not in self.memo:
            self.memo[key] = self._step(q, u)
        return self.memo[key]

    def _step(self, q: int, u: int) -> int | None:
        query, text = self.query, self.text
        if q == len(query):
            return u
        if u == len(text):
            return None
        unit, typed = text[u], query[q]
        if typed == unit.char:
            return self.end(q + 1, u + 1)
        if not unit.readings or not ("a" <= typed <= "z"):
            return None
        for reading in unit.readings:  # the longest part of the syllable first
            for k in range(_common(reading, query, q), 0, -1):
                found = self.end(q + k, u + 1)
                if found is not None:
                    return found
        return None


def match_at(text: Sequence[Unit], query: str, start: int) -> int | None:
    """How many characters of `text` from `start` the whole query covers, or None."""
    end = Walk(text, query).end(0, start)
    return None if end is None else end - start


def _common(reading: str, query: str, at: int) -> int:
    size = 0
    while (size < len(reading) and at + size < len(query)
           and reading[size] == query[at + size]):
        size += 1
    return size


def matches(text: Sequence[Unit], query: str) -> bool:
    walk = Walk(text, query)
    return any(walk.end(0, start) is not None for start in range(len(text)))


class Text:
    """One text of a service, kept as it is (a query without letters, or a text without
    Chinese, is a substring test) and as characters with pinyin, with where each letter can
    begin a match (a walk starts only there)."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.units = units(text)
        self.chinese = any(unit.readings for unit in self.units)
        self.starts: dict[str, list[int]] = {}
        for index, unit in enumerate(self.units):
            for letter in {unit.char, *(reading[0] for reading in unit.readings)}:
                self.starts.setdefault(letter, []).append(index)

    def matches(self, query: str) -> bool:
        if not self.chinese or not any("a" <= c <= "z" for c in query):
            return query in self.raw
        walk = Walk(self.units, query)
        return any(walk.end(0, start) is not None for start in self.starts.get(query[0], ()))


@dataclass(frozen=True)
class _Entry:
    service_id: str
    order: int  # the catalogue's order, for ties
    texts: tuple[tuple[int, Text], ...]  # (TITLE/KEYWORD/SUMMARY, the text)


class SearchIndex:
    """Every service's title, keywords and summary, in both languages, as characters with
    their pinyin; made once."""

    def __init__(self, services: Iterable[Service]) -> None:
        self._entries = tuple(
            _Entry(service.id, order, tuple(
                (where, Text(text)) for where, text in _texts(service)))
            for order, service in enumerate(services))

    def find(self, query: str, usage: dict[str, int] | None = None) -> tuple[str, ...]:
        """The ids of the services the query finds: title hits first, then keywords, then
        summaries; among those the most used first. Nothing for an empty query."""
        wanted = normal(query)
        if not wanted:
            return ()
        usage = usage or {}
        found = []
        for entry in self._entries:
            best = min((where for where, text in entry.texts if text.matches(wanted)),
                       default=None)
            if best is not None:
                found.append((best, -usage.get(entry.service_id, 0), entry.order,
                              entry.service_id))
        return tuple(service_id for *_rank, service_id in sorted(found))


def _texts(service: Service) -> list[tuple[int, str]]:
    out = [(TITLE, normal(service.title.zh)), (TITLE, normal(service.title.en))]
    out += [(KEYWORD, normal(word)) for word in service.keywords]
    out += [(SUMMARY, normal(service.summary.zh)), (SUMMARY, normal(service.summary.en))]
    return [(where, text) for where, text in out if text]
