"""`python -m kiosk` (also `python -m tongban`, installed as `kiosk`): the one entry point.
It sits above `ui` and `kiosk`, so the dependency of the kiosk's window on both is plain to
see; each subcommand is a module with `register(subparsers)`."""

from __future__ import annotations

import os

from kiosk.cli import run_command_line
from kiosk.commands import (
    audit_log,
    check,
    decode,
    district_platform,
    idcard,
    maintenance_pin,
    print_test,
    screens,
    services,
    verify,
)
from ui.commands import audit, run, screenshot

COMMANDS = (run, screens, screenshot, idcard, decode, print_test, audit,
            district_platform, services, maintenance_pin, verify, audit_log, check)


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # whatever the kiosk writes is this user's alone (0600 files, 0700 folders)
    return run_command_line(COMMANDS, default=run, argv=argv)
