"""The command line's frame: subcommands register themselves, the chosen one runs, and any
failure is one line and a non-zero exit, never a traceback. The commands themselves are
assembled in tongban/cli.py, above both layers."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from kiosk.log_book import masked
from kiosk.version import build_date, version


class CommandError(Exception):
    """A failure to report in one line, with the exit code to leave with."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class MaskedLine(logging.Formatter):
    """A console line masked as the log file's are (ID and mobile numbers, the resident)."""

    def format(self, record: logging.LogRecord) -> str:
        return masked(super().format(record))


class OneLineParser(argparse.ArgumentParser):
    """argparse whose mistakes are one line and exit 2, as every other failure here is,
    instead of the usage block; each subcommand's parser is one too."""

    def error(self, message: str) -> NoReturn:
        one_line = " ".join(message.split())
        self.exit(2, f"{self.prog}: {one_line} (see {self.prog} --help)\n")


def build_parser(commands: Sequence[ModuleType], default: ModuleType) -> argparse.ArgumentParser:
    parser = OneLineParser(prog="kiosk", description="Tongban self-service kiosk")
    parser.add_argument("--version", action="version",
                        version=f"kiosk {version()} (built {build_date()})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands:
        command.register(subparsers)
    default.add_options(parser)
    parser.set_defaults(func=default.run)
    return parser


def run_command_line(commands: Sequence[ModuleType], default: ModuleType,
                     argv: list[str] | None = None) -> int:
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)  # the JSON log file takes the rest (kiosk/log_setup.py)
    console.setFormatter(MaskedLine("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[console])
    args = build_parser(commands, default).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"kiosk: {error.message}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
