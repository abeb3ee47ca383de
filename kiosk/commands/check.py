"""`python -m kiosk check [--json]`: the self-test the kiosk runs at start, reported and
repaired nothing (a damaged outbox is only named: the kiosk's start moves it aside). Exit 0
when all is well; otherwise one line per problem and exit 2."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk import startup_check
from kiosk.commands.options import add_settings_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="the start-up self-test: settings, data "
                                                 "folder, outbox, store, disk, devices")
    add_settings_options(parser)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings, problems = startup_check.load(args.config, args.data_dir)
    problems += startup_check.check(settings)
    if args.json:
        print(json.dumps({"ok": not problems, "data_dir": str(settings.data_dir),
                          "problems": [problem.as_json() for problem in problems]},
                         ensure_ascii=False, indent=2))
    elif problems:
        print("\n".join(problem.line for problem in problems), file=sys.stderr)
    else:
        print(f"kiosk check: all well ({settings.data_dir})")
    return 2 if problems else 0
