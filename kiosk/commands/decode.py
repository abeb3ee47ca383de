"""`python -m kiosk decode`: being built (issue 3)."""

from kiosk.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser("decode", help="(not built yet)")
    parser.set_defaults(func=run)


def run(args) -> int:
    raise CommandError("decode is not built yet", code=2)
