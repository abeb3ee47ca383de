"""Search as a resident types: each keystroke's query (every prefix of each service's pinyin
initials, of its full pinyin and of its Chinese title) looked up in the index of the shipped
catalogue, and the keyboard's candidates for the pinyin so far. The index and vocabulary are
made once at start; that time is reported too. Target: a keystroke (lookup and candidates)
under 5 ms at the median."""

from __future__ import annotations

import statistics
import time

TARGET_MEDIAN_MS = 5.0


def _queries(catalogue) -> tuple[list[str], list[str]]:
    """(every query a keystroke makes, the pinyin among them)."""
    from kiosk.search import normal, units

    typed, pinyin = [], []
    for service in catalogue:
        title = units(normal(service.title.zh))
        initials = "".join(u.readings[0][0] if u.readings else u.char for u in title)
        full = "".join(u.readings[0] if u.readings else u.char for u in title)
        for word in (initials, full):
            steps = [word[:n] for n in range(1, len(word) + 1)]
            typed += steps
            pinyin += steps
        typed += [service.title.zh[:n] for n in range(1, len(service.title.zh) + 1)]
    return typed, pinyin


def _ms(work, items) -> list[float]:
    times = []
    for item in items:
        began = time.perf_counter()
        work(item)
        times.append((time.perf_counter() - began) * 1000)
    return sorted(times)


def _summary(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times), 3),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
            "max_ms": round(times[-1], 3)}


def run() -> dict:
    from kiosk.catalogue_view import Finding
    from kiosk.services.catalogue import load_catalogue

    catalogue = load_catalogue()
    began = time.perf_counter()
    finding = Finding(catalogue)  # the index and the vocabulary, as at start
    built_ms = (time.perf_counter() - began) * 1000
    typed, pinyin = _queries(catalogue)
    usage = {service.id: n for n, service in enumerate(catalogue)}
    lookups = _ms(lambda q: finding.index.find(q, usage), typed)
    candidates = _ms(finding.vocabulary.candidates, pinyin)
    keystroke = statistics.median(lookups) + statistics.median(candidates)
    return {"services": len(catalogue), "queries": len(typed),
            "built_at_start_ms": round(built_ms, 1), "lookup": _summary(lookups),
            "candidates": _summary(candidates), "keystroke_median_ms": round(keystroke, 3),
            "target_median_ms": TARGET_MEDIAN_MS, "ok": keystroke < TARGET_MEDIAN_MS}
