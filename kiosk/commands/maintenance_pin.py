"""`python -m kiosk maintenance-pin [--stdin]`: reads the technicians' PIN (twice, unseen;
or one line from standard input) and prints the `pin_hash` line for the site file's
`[maintenance]` section. The PIN itself is never printed or kept."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli import CommandError
from kiosk.maintenance.pin import hash_pin, pin_problem


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "maintenance-pin", help="hash a maintenance PIN for the site file",
        description="Reads a PIN and prints the [maintenance] pin_hash line to put in the "
                    "site file.")
    parser.add_argument("--stdin", action="store_true",
                        help="read the PIN as one line from standard input (for scripts)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.stdin:
        pin = sys.stdin.readline().strip()
    else:
        try:
            pin = getpass.getpass("PIN: ")
            again = getpass.getpass("PIN again: ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError("maintenance-pin: no PIN read", code=2) from None
        if pin != again:
            raise CommandError("maintenance-pin: the two PINs differ; nothing printed", code=2)
    problem = pin_problem(pin)
    if problem:
        raise CommandError(f"maintenance-pin: the PIN must be {problem}", code=2)
    print("# in the site file's [maintenance] section:", file=sys.stderr)
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0
