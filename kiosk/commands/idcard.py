"""`python -m kiosk idcard --port PORT`: read one ID card from a SAM serial reader and print
its fields (never the photo bytes); exit 2 with a one-line reason when no card can be read."""

from __future__ import annotations

import argparse
import json
import os

from drivers import limits
from drivers.base import DeviceError
from drivers.idcard.serial_reader import SamSerialReader
from kiosk.cli import CommandError

LABELS = {
    "card_type": "card type", "name": "name", "sex": "sex", "ethnicity": "ethnicity",
    "birth_date": "birth date", "address": "address", "id_number": "ID number",
    "issuer": "issued by", "valid_from": "valid from", "valid_to": "valid to",
    "pass_number": "pass number", "issue_count": "issue count",
    "check_digit_ok": "check digit ok", "photo_bytes": "photo bytes",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "idcard", help="read one ID card from a serial reader",
        description="Read one ID card and print its fields. Exit 0 when read, 2 when no card "
                    "or no answer, 1 for any other failure.",
    )
    # Checked in run() rather than by argparse, so a mistake is one line, not a usage dump.
    parser.add_argument("--port", default="", help="serial port, e.g. /dev/ttyUSB0 or COM3")
    parser.add_argument("--baud", default="115200", help="baud rate (default 115200)")
    parser.add_argument("--wait", default="3", help="seconds to wait for a card (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.port:
        raise CommandError("idcard: --port is required, e.g. --port /dev/ttyUSB0", code=2)
    if len(args.port) > 256 or not args.port.isprintable():
        raise CommandError(f"idcard: --port {limits.quoted(args.port)} is not a port name; "
                           "e.g. --port /dev/ttyUSB0 or COM3", code=2)
    if os.path.isdir(args.port) or os.path.isfile(args.port):
        raise CommandError(f"idcard: --port {args.port} is a folder or a file, not a serial "
                           "port; e.g. --port /dev/ttyUSB0 or COM3", code=2)
    try:
        baud = limits.baud(args.baud)
    except ValueError as error:
        raise CommandError(f"idcard: --baud {error}", code=2) from None
    wait = _seconds(args.wait)
    reader = SamSerialReader("idcard", port=args.port, baudrate=baud)
    try:
        card = reader.read_once(timeout=wait)
    except DeviceError as error:
        code = 2 if error.code in ("no_card", "no_reply") else 1
        one_line = " ".join(error.message.split())  # a port name may hold a newline
        raise CommandError(f"idcard: {one_line}", code=code) from None
    fields = card.to_json()
    if args.json:
        print(json.dumps(fields, ensure_ascii=False))
    else:
        for key, value in fields.items():
            print(f"{LABELS.get(key, key):15} {'' if value is None else value}")
    return 0


def _seconds(text: str) -> float:
    try:
        return limits.seconds(text, 0, 3600)  # also refuses nan and inf
    except ValueError:
        raise CommandError(f"idcard: --wait must be 0 to 3600 seconds, not "
                           f"{limits.quoted(text)}", code=2) from None
