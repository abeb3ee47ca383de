"""`python -m bench [NAME ...] [--seconds S]`: run the benchmarks and print one JSON object.

Each benchmark is a module in bench/ with `run() -> dict`; a result carries its measured
values, its `target`, and `ok` saying whether the target was met. `--seconds` is the
measured period of those that have one (`run(seconds=...)`: fleet)."""

from __future__ import annotations

import argparse
import importlib
import inspect
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
    "fleet",
    "fleet_page",
    "codes",
    "offline_codes",
    "sentinel",
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", metavar="NAME")
    parser.add_argument("--seconds", type=float, help="the measured period (fleet)")
    args = parser.parse_args(argv)
    names = args.names or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"bench: unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    results = {}
    for name in names:
        run = importlib.import_module(f"bench.{name}").run
        if args.seconds is not None and "seconds" in inspect.signature(run).parameters:
            results[name] = run(seconds=args.seconds)
        else:
            results[name] = run()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0 if all(result.get("ok", True) for result in results.values()) else 1


raise SystemExit(main(sys.argv[1:]))
