"""`python -m kiosk soak --sessions N [--seed S] [--json]`: the real kiosk offscreen,
driven through random visits while devices fault, the network drops and the platform
answers late; exit 0 when issue 11's limits are met, 1 naming those that are not."""

from __future__ import annotations

import argparse
import json
import os
import sys

from kiosk.cli import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("soak", help="drive simulated residents and check for leaks")
    parser.add_argument("--sessions", type=int, default=500, help="visits to run (default 500)")
    parser.add_argument("--seed", type=int, default=0, help="the random journeys' seed")
    parser.add_argument("--json", action="store_true", help="one JSON document")
    parser.add_argument("--silent-voice", action="store_true",
                        help="speech written as silence instead of by espeak-ng (faster)")
    parser.add_argument("--stuck-after", type=float, default=60.0, metavar="SECONDS",
                        help="how long a journey may wait for a screen (default 60)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 0.5 <= args.stuck_after <= 3600:
        raise CommandError(f"--stuck-after {args.stuck_after}: give seconds from 0.5 to 3600", 2)
    if args.sessions < 1 or args.sessions > 10_000_000:
        raise CommandError(f"--sessions {args.sessions}: give a number from 1 to 10000000", 2)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.soak.run import run_soak  # Qt starts only now, offscreen

    def progress(done: int) -> None:
        if done % max(1, args.sessions // 10) == 0:
            print(f"soak: {done}/{args.sessions} sessions", file=sys.stderr, flush=True)

    report = run_soak(args.sessions, args.seed, real_voice=not args.silent_voice,
                      bound_seconds=args.stuck_after,
                      progress=progress)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(report.lines()))
    return 0 if not report.failures() else 1
