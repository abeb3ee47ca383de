"""The command line: `python -m kiosk` runs the kiosk; subcommands serve technicians,
integrators and tests. Each failure is one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# One module per subcommand in kiosk/commands/, each with register(subparsers).
COMMANDS = (
    "run",
    "screens",
    "screenshot",
    "idcard",
    "decode",
    "print_test",
    "audit",
)


class CommandError(Exception):
    """A failure to report in one line, with the exit code to leave with."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Tongban self-service kiosk")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kiosk.commands.{name}").register(subparsers)
    run = importlib.import_module("kiosk.commands.run")
    run.add_run_options(parser)
    parser.set_defaults(func=run.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"kiosk: {error.message}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
