"""A year at a busy terminal: 50,000 simulated visits (`--sessions` to change it) through
the real kiosk offscreen, with faults, a dropped network and a late platform; the figures
of `python -m kiosk soak --json`. Target: issue 11's limits (ui/soak/verdict.py)."""

from __future__ import annotations

import sys

SESSIONS = 50_000


def run(sessions: int = SESSIONS, seed: int = 0) -> dict:
    from ui.soak.run import run_soak

    def progress(done: int) -> None:
        if done % max(1, sessions // 20) == 0:
            print(f"bench soak: {done}/{sessions} sessions", file=sys.stderr, flush=True)

    report = run_soak(sessions, seed, progress=progress).to_json()
    report["target"] = report.pop("limits")
    return report
