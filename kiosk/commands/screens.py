"""`python -m kiosk screens`: the names of every screen, for `screenshot` and the audit."""

from __future__ import annotations

import argparse
import json

from kiosk.view import ScreenName


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("screens", help="list the screen names")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    names = [screen.value for screen in ScreenName]
    print(json.dumps(names) if args.json else "\n".join(names))
    return 0
