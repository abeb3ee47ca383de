"""`python -m kiosk print-test`: being built (issue 3)."""

from kiosk.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser("print-test", help="(not built yet)")
    parser.set_defaults(func=run)


def run(args) -> int:
    raise CommandError("print-test is not built yet", code=2)
