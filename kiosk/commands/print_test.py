"""`python -m kiosk print-test --printer URI [--json]`: prints a test page (Chinese and English,
large text, a QR code, a rule, a cut) and reports the printer's status before and after."""

from __future__ import annotations

import argparse
import json
import logging
from datetime import datetime
from typing import Any

from drivers import limits
from drivers.base import DeviceError, DeviceStatus
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Rule, Text, TextSize
from drivers.printer.uri import EXAMPLES, PrinterUriError, open_printer
from kiosk.cli import CommandError

TEST_QR = "https://zwdt.sh.gov.cn/"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "print-test", help="print a test page and report the printer's status"
    )
    parser.add_argument("--printer", required=True, metavar="URI", help=f"e.g. {EXAMPLES}")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(  # checked in run(), so a bad one is one line, not a usage dump
        "--timeout", default="30", metavar="S",
        help=f"give up after S seconds (0.1 to {limits.MAX_TIMEOUT_SECONDS:g}; default 30)"
    )
    parser.set_defaults(func=run)


def test_page(now: datetime | None = None) -> Document:
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    return Document(
        (
            Text("通办自助终端", TextSize.LARGE, bold=True, align=Align.CENTER),
            Text("打印测试 Print test", TextSize.TALL, align=Align.CENTER),
            Rule(),
            Text("办事回执：１２３（全角）"),
            Text("Receipt no. 123 (ASCII)"),
            Text("大字：请取走回执", TextSize.LARGE),
            Text(f"时间 Time: {stamp}", align=Align.RIGHT),
            QrCode(TEST_QR),
            Text("扫码核对 Scan to check", align=Align.CENTER),
            Rule(),
            Feed(2),
            Cut(),
        ),
        title="print-test",
    )


def run(args: argparse.Namespace) -> int:
    try:
        timeout = limits.seconds(args.timeout)
    except ValueError as error:
        raise CommandError(f"print-test: --timeout {error}", code=2) from None
    try:
        printer = open_printer(args.printer, name="print-test")
    except PrinterUriError as error:
        raise CommandError(str(error), code=2) from None
    drivers_log = logging.getLogger("drivers")
    level = drivers_log.level
    drivers_log.setLevel(logging.ERROR)  # the failure is reported once, below, in one line
    printer.start()
    try:
        result = printer.print_document(test_page(), timeout=timeout).result()
    except DeviceError as error:
        raise CommandError(
            f"print test on {args.printer} failed: {error.message} ({error.actor} must act)"
        ) from None
    except Exception as error:  # a driver bug still ends in one line, not a traceback
        raise CommandError(
            f"print test on {args.printer} failed: {type(error).__name__}: {error}"
        ) from None
    finally:
        printer.stop()
        drivers_log.setLevel(level)
    before = getattr(result, "before", None)
    after = getattr(result, "after", None)
    path = getattr(result, "path", None)
    if args.json:
        report: dict[str, Any] = {
            "ok": True,
            "printer": args.printer,
            "job": result.job,
            "path": str(path) if path else None,
            "bytes": getattr(result, "bytes_sent", None),
            "before": _status(before),
            "after": _status(after),
        }
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"printed a test page on {args.printer}: job {result.job}"
              + (f", {path}" if path else ""))
        print(f"status before: {_describe(before)}")
        print(f"status after:  {_describe(after)}")
    return 0


def _status(status: DeviceStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {
        "state": status.state.value,
        "paper": status.paper.value,
        "cover_open": status.cover_open,
        "detail": status.detail,
    }


def _describe(status: DeviceStatus | None) -> str:
    if status is None:
        return "not reported"
    text = f"{status.state.value}, paper {status.paper.value}"
    if status.cover_open:
        text += ", cover open"
    return f"{text} ({status.detail})" if status.detail else text
