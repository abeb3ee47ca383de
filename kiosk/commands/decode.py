"""`python -m kiosk decode IMAGE... [--json]`: the QR codes in image files and how long each
image took, for technicians checking a code that a scanner will not read. A file that cannot
be read is one line naming it (and, of several, one line counting them) and exit 2."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from drivers.scanner.decoder import (
    DecodedCode,
    DecoderOptions,
    QrDecoder,
    UnreadableImage,
    load_gray,
    quiet_codecs,
)
from kiosk.cli import CommandError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "decode",
        help="decode the QR codes in image files",
        description="Print the QR codes found in each image and the time it took.",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="PNG, JPEG, BMP, ... files")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--fast", action="store_true", help="only the quick pass a camera frame gets"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    quiet_codecs()  # one line per file: UnreadableImage says what OpenCV would add in more
    decoder = QrDecoder(DecoderOptions.live() if args.fast else DecoderOptions.thorough())
    results = [_decode_one(decoder, path) for path in args.images]
    if args.json:
        document = {"images": results, "ok": all("error" not in r for r in results)}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print_result(result)
    failed = sum(1 for result in results if "error" in result)
    if failed and len(results) == 1:
        return 2  # its one line is printed already
    if failed:
        raise CommandError(f"{failed} of {len(results)} images could not be read", code=2)
    return 0


def _decode_one(decoder: QrDecoder, path: str) -> dict[str, Any]:
    try:
        gray = load_gray(path)
    except UnreadableImage as error:
        return {"path": path, "error": str(error)}
    started = time.perf_counter()
    codes = decoder.decode(gray)
    elapsed = (time.perf_counter() - started) * 1000
    return {"path": path, "ms": round(elapsed, 2), "codes": [_as_json(c) for c in codes]}


def _as_json(code: DecodedCode) -> dict[str, Any]:
    return {
        "text": code.text,
        "raw_hex": code.raw.hex(),
        "symbology": code.symbology,
        "position": [list(point) for point in code.position],
        "engine": code.engine,
    }


def _print_result(result: dict[str, Any]) -> None:
    if "error" in result:
        sys.stdout.flush()  # keep the error beside its neighbours when both go to a terminal
        print(f"kiosk decode: {result['error']}", file=sys.stderr, flush=True)
        return
    codes = result["codes"]
    found = f"{len(codes)} code{'' if len(codes) == 1 else 's'}" if codes else "no code"
    print(f"{result['path']}: {found} in {result['ms']:.1f} ms")
    for code in codes:
        print(f"  {_one_line(code['text'])}")


def _one_line(text: str) -> str:
    """Control characters (a code's own line breaks) shown escaped, so one code is one line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)
