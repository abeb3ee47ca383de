"""`python -m bench [NAME ...] [--seconds S]`: run the benchmarks and print one JSON object.

Each benchmark is a module in bench/ with `run() -> dict`; a result carries its measured
values, its `target`, and `ok` saying whether the target was met. `--seconds` is the
measured period of those that have one (`run(seconds=...)`: fleet); `--sessions` the
visits of the soak (`run(sessions=...)`)."""

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
    "soak",
)
NAMED_ONLY = ("soak",)  # hours long: run when named, not with the rest


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", metavar="NAME")
    parser.add_argument("--seconds", type=float, help="the measured period (fleet)")
    parser.add_argument("--sessions", type=int, help="the visits to run (soak)")
    args = parser.parse_args(argv)
    names = args.names or [name for name in BENCHMARKS if name not in NAMED_ONLY]
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"bench: unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    results = {}
    for name in names:
        run = importlib.import_module(f"bench.{name}").run
        parameters = inspect.signature(run).parameters
        options = {key: value for key, value in (("seconds", args.seconds),
                                                 ("sessions", args.sessions))
                   if value is not None and key in parameters}
        results[name] = run(**options)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0 if all(result.get("ok", True) for result in results.values()) else 1


raise SystemExit(main(sys.argv[1:]))
