"""`python -m kiosk idcard`: being built (issue 3)."""

from kiosk.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser("idcard", help="(not built yet)")
    parser.set_defaults(func=run)


def run(args) -> int:
    raise CommandError("idcard is not built yet", code=2)
