"""`python -m bench [NAME ...]`: run the benchmarks and print one JSON object.

Each benchmark is a module in bench/ with `run() -> dict`; a result carries its measured
values, its `target`, and `ok` saying whether the target was met."""

from __future__ import annotations

import importlib
import json
import sys

BENCHMARKS = (
    "startup",
    "screen_switch",
    "mode_toggle",
    "idle_tick",
    "idcard_cycle",
    "decode",
    "camera",
    "voice",
    "first_speech",
    "accessibility_events",
    "outbox_backlog",
    "desk_tick",
    "store",
    "booking",
    "platform_throughput",
    "search",
    "ocr",
    "record_pdf",
    "fleet_page",
)


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"bench: unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    results = {}
    for name in names:
        results[name] = importlib.import_module(f"bench.{name}").run()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0 if all(result.get("ok", True) for result in results.values()) else 1


raise SystemExit(main(sys.argv[1:]))
