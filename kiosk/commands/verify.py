"""`python -m kiosk verify TEXT|--image FILE [--at ISO-8601] [--trust PATH] [--root-key PEM]
[--json]`: a Tongban offline code or an EU DCC verified as a kiosk would, with no network.
The trust is the kiosk's own cached lists by default, or a list directory, or one X.509
certificate (PEM, DER or base64 DER) for an ad-hoc check. Exit 0 for green, yellow or red,
1 for any other outcome (or no code in the image), 2 for bad arguments."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from district.signing import SigningKeyError, public_key
from drivers.scanner.decoder import (
    DecoderOptions,
    QrDecoder,
    UnreadableImage,
    load_gray,
    quiet_codecs,
)
from kiosk.cli import CommandError
from kiosk.codes.certificate_trust import CertificateError, CertificateTrust
from kiosk.codes.kiosk_trust import open_trust, verifier_for
from kiosk.codes.root_key import root_key
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Trust, Verdict, Verifier
from kiosk.commands.options import add_settings_options, settings_from
from kiosk.config import Settings
from kiosk.i18n import LANGUAGES, load_messages


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify", help="verify an offline code or an EU DCC, offline",
        description="Verify a code's text, or each QR code in an image, as a kiosk would "
                    "with its network down. Exit 0 green/yellow/red, 1 otherwise, 2 bad "
                    "arguments.")
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the code's text (TB1:… or "
                        "HC1:…)")
    parser.add_argument("--image", metavar="FILE", help="a picture holding the QR code(s)")
    parser.add_argument("--at", metavar="ISO-8601", help="verify as at this time (default "
                        "now; without a zone, UTC)")
    parser.add_argument("--trust", metavar="PATH", help="a list directory (as <data>/codes) "
                        "or one X.509 certificate; default: the kiosk's own lists")
    parser.add_argument("--root-key", metavar="PEM", help="the root key a list directory is "
                        "checked with (default: [codes] root_key)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-payload", action="store_true",
                        help="include an EU DCC's payload (it names its holder)")
    add_settings_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.text is None) == (args.image is None):
        raise CommandError("verify: give either TEXT or --image FILE", 2)
    at = parse_at(args.at) if args.at else None
    settings = settings_from(args)
    verifier = make_verifier(settings, args.trust, args.root_key)
    texts = [args.text] if args.image is None else read_image(args.image)
    verdicts = [verifier.verify(text, at=at) for text in texts]
    shown = [as_json(verdict, args.show_payload) for verdict in verdicts]
    if args.json:
        document = shown[0] if args.image is None else {"image": args.image, "codes": shown}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif not verdicts:
        print(f"{args.image}: no code found")
    else:
        for number, one in enumerate(shown, 1):
            print_verdict(one, f"code {number} of {len(shown)}" if args.image else "")
    return 0 if verdicts and all(verdict.outcome.valid for verdict in verdicts) else 1


def parse_at(text: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(f"--at {text!r}: not an ISO 8601 time, e.g. "
                           "2026-12-01T08:00:00+08:00", 2) from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def make_verifier(settings: Settings, trust_path: str | None, root_pem: str | None
                  ) -> Verifier:
    now = lambda: dt.datetime.now(dt.UTC)  # noqa: E731 (the verifier's clock)
    if trust_path is None:
        if root_pem:
            raise CommandError("--root-key: only with --trust DIRECTORY", 2)
        return verifier_for(settings, open_trust(settings), now)
    path = Path(trust_path)
    trust: Trust
    if path.is_dir():
        try:
            root = public_key(Path(root_pem)) if root_pem else root_key(settings)
        except SigningKeyError as error:
            raise CommandError(f"--root-key: {error}", 2) from None
        trust = TrustStore(path, root)
    elif path.exists():
        if root_pem:
            raise CommandError("--root-key: only with --trust DIRECTORY", 2)
        try:
            trust = CertificateTrust.from_file(path)
        except CertificateError as error:
            raise CommandError(f"--trust {error}", 2) from None
    else:
        raise CommandError(f"--trust {path}: no such file or directory", 2)
    return verifier_for(settings, trust, now)


def read_image(path: str) -> list[str]:
    quiet_codecs()
    try:
        gray = load_gray(path)
    except UnreadableImage as error:
        raise CommandError(f"--image {error}", 2) from None
    return [code.text for code in QrDecoder(DecoderOptions.thorough()).decode(gray)]


def as_json(verdict: Verdict, show_payload: bool = False) -> dict[str, Any]:
    messages = load_messages()
    shown: dict[str, Any] = {
        "outcome": verdict.outcome.value, "valid": verdict.outcome.valid,
        "message": {language: messages.text(verdict.message_key, language)
                    for language in LANGUAGES},
        "reason": verdict.reason, "stage": verdict.stage, "verified": verdict.verified,
        "kind": verdict.kind, "kid": verdict.kid,
        "expires_at": verdict.expires_at.isoformat() if verdict.expires_at else None,
    }
    if verdict.claims is not None:  # ours: the masked name may show, never the ID number
        claims = verdict.claims
        shown.update(issuer=claims.issuer, code_id=claims.code_id, name=claims.name,
                     group=claims.group.value, colour=claims.colour.value,
                     issued_at=claims.issued_at.isoformat())
    if verdict.dcc is not None and show_payload:
        shown["payload"] = json_value(verdict.dcc)
    return shown


def json_value(value: Any) -> Any:
    """CBOR's values as JSON's: dates as ISO 8601 text, bytes as base64."""
    if isinstance(value, Mapping):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def print_verdict(shown: dict[str, Any], heading: str) -> None:
    if heading:
        print(f"{heading}:")
    print(f"{shown['outcome']}: {shown['message']['en']}")
    print(f"  {shown['message']['zh_CN']}")
    print(f"  reason: {shown['reason']}")
    for label in ("kind", "kid", "expires_at", "name", "group"):
        if shown.get(label):
            print(f"  {label.replace('_', ' ')}: {shown[label]}")
