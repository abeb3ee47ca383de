"""Time from Voice.say() until the player is handed a WAV, for typical prompts: cold (the
engine synthesises) and warm (from the cache). Target: the first word within 200 ms."""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

from kiosk.voice import SilentEngine, Voice, default_engine

TARGET_MS = 200.0
ROUNDS = 3  # each with a fresh Voice, so every round starts with an empty cache
PROMPTS = (
    ("请将身份证放在读卡区。", "zh_CN"),
    ("请选择您要办理的业务，或按帮助键呼叫工作人员。", "zh_CN"),
    ("您的受理编号是<digits>20240915003</digits>，请收好回执。", "zh_CN"),
    ("Please place your ID card on the reader.", "en"),
    ("Choose the service you need, or press help to call a member of staff.", "en"),
    ("Your reference number is <digits>20240915003</digits>. Please keep your receipt.", "en"),
)


class _TimingPlayer:
    """A Voice player that notes when a play request arrives."""

    def __init__(self) -> None:
        self.played = threading.Event()
        self.played_at = 0.0

    def play(self, wav: Path, gain_db: float, headphones: bool) -> None:
        self.played_at = time.perf_counter()
        self.played.set()

    def stop(self) -> None:
        pass

    def set_gain(self, gain_db: float) -> None:
        pass


def _time_say(voice: Voice, player: _TimingPlayer, text: str, lang: str) -> float:
    player.played.clear()
    start = time.perf_counter()
    voice.say(text, lang)
    if not player.played.wait(5):
        return float("inf")
    return (player.played_at - start) * 1000


def _summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


def run() -> dict:
    engine = default_engine()
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(ROUNDS):
        player = _TimingPlayer()
        with Voice(player, engine) as voice:
            for samples in (cold, warm):
                for text, lang in PROMPTS:
                    samples.append(_time_say(voice, player, text, lang))
    worst = max(cold + warm)
    result = {
        "engine": type(engine).__name__,
        "voices": {"zh": engine.voice("zh"), "en": engine.voice("en")},
        "target_ms": TARGET_MS,
        "cold": _summary(cold),
        "warm": _summary(warm),
        "ok": worst <= TARGET_MS and not isinstance(engine, SilentEngine),
    }
    if isinstance(engine, SilentEngine):
        result["error"] = "no speech engine installed (espeak-ng on Linux)"
    return result
