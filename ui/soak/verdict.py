"""The soak's report and its verdict against issue 11's limits: no unhandled exception,
memory growth at most 20 MB after warm-up, file descriptors and threads flat, no timer
left behind, no temporary file left, no journey stuck."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ui.soak.measure import Snapshot

MAX_GROWTH_MB = 20.0
KEPT = 5  # exceptions and stuck journeys kept in full; the rest are counted


@dataclass
class Report:
    sessions: int
    seed: int
    seconds: list[float] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)  # one line each: where, type, message
    exception_count: int = 0
    stuck: list[dict] = field(default_factory=list)
    stuck_count: int = 0
    journeys: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    warm_up: Snapshot | None = None
    end: Snapshot | None = None
    temp_files_after_close: int = 0
    warm_up_after: int = 0  # sessions run before the warm-up snapshot

    def exception(self, line: str) -> None:
        self.exception_count += 1
        if len(self.exceptions) < KEPT:
            self.exceptions.append(line)

    def stuck_journey(self, session: int, what: str, steps: list[str]) -> None:
        self.stuck_count += 1
        if len(self.stuck) < KEPT:
            self.stuck.append({"session": session, "waited_for": what, "steps": steps[-30:]})

    def failures(self) -> list[str]:
        """Each limit not met, in words; empty when the soak passed."""
        failed = []
        if self.exception_count:
            failed.append(f"{self.exception_count} unhandled exception(s)")
        if self.stuck_count:
            failed.append(f"{self.stuck_count} journey(s) stuck")
        start, end = self.warm_up, self.end
        if start is None or end is None:
            return [*failed, "no warm-up or end measurement (too few sessions)"]
        growth = end.rss_mb - start.rss_mb
        if growth > MAX_GROWTH_MB:
            failed.append(f"memory grew {growth:.1f} MB after warm-up (limit {MAX_GROWTH_MB})")
        if end.fds > start.fds:
            failed.append(f"file descriptors grew from {start.fds} to {end.fds}")
        if end.threads > start.threads:
            failed.append(f"threads grew from {start.threads} to {end.threads}")
        if end.timers > start.timers or end.active_timers > start.active_timers:
            failed.append(f"timers left behind: {start.timers} alive ({start.active_timers} "
                          f"running) at warm-up, {end.timers} ({end.active_timers}) at the end")
        if end.temp_files > start.temp_files:
            failed.append(f"temporary files grew from {start.temp_files} to {end.temp_files}")
        if end.visit_files:
            failed.append(f"{end.visit_files} file(s) left in the data folder's visits/")
        if self.temp_files_after_close:
            failed.append(f"{self.temp_files_after_close} temporary file(s) left after close")
        return failed

    def to_json(self) -> dict:
        times = sorted(self.seconds)
        start, end = self.warm_up, self.end
        failures = self.failures()
        return {
            "sessions": len(times),
            "seed": self.seed,
            "seconds_per_session": {
                "median": round(statistics.median(times), 4) if times else None,
                "p95": round(times[max(0, int(len(times) * 0.95) - 1)], 4) if times else None,
                "max": round(times[-1], 4) if times else None,
                "total": round(sum(times), 1),
            },
            "unhandled_exceptions": {"count": self.exception_count, "first": self.exceptions},
            "stuck_journeys": {"count": self.stuck_count, "first": self.stuck},
            "warm_up_after_sessions": self.warm_up_after,
            "warm_up": start.to_json() if start else None,
            "end": end.to_json() if end else None,
            "growth": {key: round(value - getattr(start, key), 1)
                       for key, value in end.to_json().items()
                       if isinstance(value, int | float)} if start and end else None,
            "temp_files_after_close": self.temp_files_after_close,
            "journeys": dict(sorted(self.journeys.items())),
            "faults": dict(sorted(self.faults.items())),
            "limits": {"max_growth_mb": MAX_GROWTH_MB, "fds": "flat", "threads": "flat",
                       "timers": "none left behind", "temp_files": "none left",
                       "unhandled_exceptions": 0, "stuck_journeys": 0},
            "failures": failures,
            "ok": not failures,
        }

    def lines(self) -> list[str]:
        """The report for a person: a few lines, the verdict last."""
        data = self.to_json()
        spent = data["seconds_per_session"]
        out = [f"soak: {data['sessions']} sessions (seed {self.seed}), "
               f"{spent['median']} s median, {spent['p95']} s p95 a session"]
        if self.warm_up and self.end:
            start, end = self.warm_up, self.end
            out.append(f"after warm-up ({self.warm_up_after} sessions) -> end: "
                       f"RSS {start.rss_mb} -> {end.rss_mb} MB, fds {start.fds} -> {end.fds}, "
                       f"threads {start.threads} -> {end.threads}, timers {start.timers} -> "
                       f"{end.timers}, Qt objects {start.qt_objects} -> {end.qt_objects}, "
                       f"temp files {start.temp_files} -> {end.temp_files}")
        out += [f"exception: {line}" for line in self.exceptions]
        out += [f"stuck: session {s['session']} waiting for {s['waited_for']}: "
                + " | ".join(s["steps"][-8:]) for s in self.stuck]
        failures = data["failures"]
        out.append("soak: passed" if not failures else "soak: FAILED: " + "; ".join(failures))
        return out
