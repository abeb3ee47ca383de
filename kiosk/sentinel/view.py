"""What the sentinel's screens show (`ScreenState.sentinel`), made from the mode's state in
the screen's language: the ready screen's prompt, today's counts by hour, the recent scans,
the lists' age; the result's light, word, message, masked name and time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.appointment_words import SHANGHAI
from kiosk.sentinel.counts import Hours
from kiosk.sentinel.gate import Result, Tally

HOURS_SHOWN = 4  # the latest hours with scans, on the ready screen

Text = Callable[..., str]


@dataclass(frozen=True)
class ResultView:
    light: str  # green, yellow, red, grey, amber: the screen's colour
    word: str  # 通行
    message: str  # 绿码，可以通行。
    name: str  # masked, or ""
    time: str  # 14:05:09, Shanghai time


@dataclass(frozen=True)
class SentinelView:
    prompt: str
    totals: str  # today's, by tally
    hours: tuple[str, ...]  # "14时：绿 12 · 黄 1 · 红 0 · 其他 2", latest first
    recent: tuple[str, ...]  # "14:05 通行 王*英", newest first
    lists: str  # when the lists were synced, or that they are too old
    stale: bool  # the lists are too old (or there are none): shown as a problem
    result: ResultView | None = None


def present(t: Text, *, hours: Hours, recent: tuple[Result, ...], result: Result | None,
            synced_at: dt.datetime | None, stale: bool) -> SentinelView:
    total = {tally: sum(counts.get(tally, 0) for counts in hours.values()) for tally in Tally}
    lines = tuple(t("sentinel.hour", hour=hour, **_counts(counts))
                  for hour, counts in sorted(hours.items(), reverse=True)[:HOURS_SHOWN])
    return SentinelView(
        prompt=t("sentinel.prompt"),
        totals=t("sentinel.totals", **_counts(total)),
        hours=lines,
        recent=tuple(t("sentinel.recent", time=_time(scan.at, seconds=False),
                       word=t(scan.word_key), name=scan.name).strip() for scan in recent),
        lists=t("sentinel.lists.stale") if stale or synced_at is None
        else t("sentinel.lists.synced", time=synced_at.astimezone(SHANGHAI)
               .strftime("%m-%d %H:%M")),
        stale=stale or synced_at is None,
        result=None if result is None else ResultView(
            light=result.light.value, word=t(result.word_key), message=t(result.message_key),
            name=result.name, time=_time(result.at)))


def _counts(counts: dict[Tally, int]) -> dict[str, int]:
    return {tally.value: counts.get(tally, 0) for tally in Tally}


def _time(at: dt.datetime | None, *, seconds: bool = True) -> str:
    if at is None:
        return ""
    return at.astimezone(SHANGHAI).strftime("%H:%M:%S" if seconds else "%H:%M")
