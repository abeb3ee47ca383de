"""`python -m kiosk audit-log verify [--data-dir D] [--json]`: walks the kiosk's hash-chained
audit log (`<data>/audit/`) and names the first of each break: an edited record, a removed
one, records out of order, a line cut short, a rotated file missing, the last records
removed. Exit 0 with the count when whole, 1 with one line per problem, 2 for bad arguments.
(`python -m kiosk audit` is the screens' accessibility audit, not this.)"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.audit_log import FOLDER
from kiosk.audit_verify import verify
from kiosk.cli import CommandError
from kiosk.commands.options import add_settings_options, settings_from


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit-log", help="check the kiosk's tamper-evident audit log",
        description="The kiosk's hash-chained audit log in <data>/audit/.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "verify", help="walk the chain and name every edited, removed or moved record",
        description="Exit 0 when the chain is whole, 1 with one line per problem, 2 for bad "
                    "arguments.")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    add_settings_options(check)
    check.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else settings_from(args).data_dir
    if not data_dir.is_dir():
        what = "not a folder" if data_dir.exists() else "no such folder"
        raise CommandError(f"--data-dir {data_dir}: {what}; give the kiosk's data folder", 2)
    folder = data_dir / FOLDER
    if not folder.is_dir():
        if args.json:
            print(json.dumps({"folder": str(folder), "whole": False, "records": 0,
                              "problems": [{"what": "no audit log here"}]}))
        else:
            print(f"{folder}: no audit log here (nothing was recorded, or it was removed)")
        return 1
    report = verify(folder)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    elif report.whole:
        print(f"{folder}: whole, {report.records} records in {len(report.files)} file(s), "
              f"last seq {report.last_seq}")
    else:
        for problem in report.problems:
            print(f"{folder}/{problem}")
    return 0 if report.whole else 1
