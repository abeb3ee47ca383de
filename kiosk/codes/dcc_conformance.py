"""The EU DCC's conformance vectors (dgc-testdata's `2DCode/raw/*.json`) against this kiosk's
envelope, verifier and QR decoder: each expected result a vector gives, checked layer by
layer as the vectors' README describes, at its VALIDATIONCLOCK with its certificate as the
only trust. The tests (tests/kiosk/codes/test_dcc_vectors.py) and the benchmark use it."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2
import cv2
import numpy as np

from district.codes.claims import HCERT
from district.codes.envelope import Malformed, b45decode, inflate, unprefix
from drivers.scanner.decoder import QrDecoder
from kiosk.codes.certificate_trust import CertificateError, CertificateTrust
from kiosk.codes.verifier import Verdict, Verifier

# What this kiosk checks. EXPECTEDVALIDOBJECT and EXPECTEDENCODE test an issuer's encoder;
# SCHEMAVALIDATION is checked as far as the verifier applies the schema: one statement.
CHECKED = ("UNPREFIX", "B45DECODE", "COMPRESSION", "VERIFY", "DECODE", "EXPIRATIONCHECK",
           "VALIDJSON", "PICTUREDECODE", "KEYUSAGE", "SCHEMAVALIDATION")


def vector_files(root: Path) -> list[Path]:
    """Every vector under `root` (the corpus's `<country>/…/2DCode/raw/*.json`)."""
    return sorted(path for path in root.rglob("*.json")
                  if path.parent.name.lower() == "raw" and path.parent.parent.name == "2DCode")


@dataclass
class Outcome:
    """One vector's checks: for each expected result, what the kiosk found."""

    path: Path
    expected: dict[str, bool] = field(default_factory=dict)
    found: dict[str, bool] = field(default_factory=dict)
    detail: dict[str, str] = field(default_factory=dict)
    unchecked: dict[str, str] = field(default_factory=dict)  # expected, but cannot be checked

    @property
    def mismatches(self) -> set[str]:
        return {name for name, want in self.expected.items()
                if name not in self.unchecked and self.found.get(name) != want}

    @property
    def passed(self) -> int:
        return len(self.expected) - len(self.unchecked) - len(self.mismatches)


class Unchecked(Exception):
    """An expected result the vector gives no input for (its picture, say)."""


class Vector:
    """One vector file, read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = json.loads(path.read_bytes().decode("utf-8-sig"))
        context = self.data.get("TESTCTX") or {}
        self.clock = parse_clock(str(context.get("VALIDATIONCLOCK", "")))
        self.trust = CertificateTrust.from_bytes(str(context.get("CERTIFICATE", "")).encode())
        self.verifier = Verifier(self.trust, clock=lambda: self.clock)
        results = self.data.get("EXPECTEDRESULTS") or {}
        self.expected = {name: bool(results[f"EXPECTED{name}"]) for name in CHECKED
                         if isinstance(results.get(f"EXPECTED{name}"), bool)}

    def hex(self, name: str) -> bytes:
        return bytes.fromhex(self.data[name])

    def cose_verdict(self) -> Verdict:
        """The verifier on the COSE layer when the vector gives it, else on the whole text."""
        if "COSE" in self.data:
            return self.verifier.verify_cose(self.hex("COSE"), at=self.clock)
        return self.verifier.verify(self.data.get("PREFIX", ""), at=self.clock)


def parse_clock(text: str) -> dt.datetime:
    """VALIDATIONCLOCK as an aware datetime (UTC when it names no zone)."""
    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def run_vector(path: Path, decoder: QrDecoder) -> Outcome:
    """Every expected result of one vector, checked; a vector that cannot be set up (no
    clock, no certificate) fails every check it expects, with the reason."""
    try:
        vector = Vector(path)
    except (ValueError, KeyError, CertificateError) as error:
        outcome = Outcome(path)
        outcome.detail["setup"] = f"{type(error).__name__}: {error}"
        return outcome
    outcome = Outcome(path, expected=dict(vector.expected))
    for name in vector.expected:
        try:
            found, detail = CHECKS[name](vector, decoder)
        except Unchecked as why:
            outcome.unchecked[name] = str(why)
            continue
        except (KeyError, ValueError, TypeError) as error:  # a field the check needs is absent
            found, detail = False, f"{type(error).__name__}: {error}"
        outcome.found[name], outcome.detail[name] = found, detail
    return outcome


def run_all(root: Path) -> Iterator[Outcome]:
    decoder = QrDecoder()
    for path in vector_files(root):
        yield run_vector(path, decoder)


# --- the checks: each gives (passed, what was found) ----------------------------------------

def _layer(step: Callable[[], bytes], expected: bytes | None) -> tuple[bool, str]:
    try:
        out = step()
    except Malformed as error:
        return False, str(error)
    if expected is not None and out != expected:
        return False, "decodes, but not to the vector's next layer"
    return True, "decodes to the next layer"


def _unprefix(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    base45 = vector.data.get("BASE45")
    return _layer(lambda: unprefix(vector.data["PREFIX"])[1].encode(),
                  base45.encode() if base45 is not None else None)


def _b45decode(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    nxt = vector.hex("COMPRESSED") if "COMPRESSED" in vector.data else None
    return _layer(lambda: b45decode(vector.data["BASE45"]), nxt)


def _compression(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    nxt = vector.hex("COSE") if "COSE" in vector.data else None
    if "COMPRESSED" in vector.data:
        return _layer(lambda: inflate(vector.hex("COMPRESSED")), nxt)
    try:  # the vector gives no COMPRESSED: the layer above decoded is the same bytes
        compressed = b45decode(vector.data["BASE45"])
    except Malformed as error:
        raise Unchecked(f"no COMPRESSED, and BASE45 does not decode ({error})") from None
    return _layer(lambda: inflate(compressed), nxt)


def _verify(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    verdict = vector.cose_verdict()
    return verdict.verified, _said(verdict)


def _decode(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    verdict = vector.cose_verdict()
    if verdict.dcc is None:
        return False, _said(verdict)
    if "CBOR" in vector.data and not same(verdict.dcc, _payload(cbor2.loads(vector.hex("CBOR")))):
        return False, "the payload differs from the vector's CBOR"
    return True, "the payload is the vector's CBOR"


def _payload(cbor: Any) -> Any:
    """The DCC payload in a vector's CBOR: some vectors give it alone, some the whole CWT."""
    if isinstance(cbor, Mapping) and isinstance(cbor.get(HCERT), Mapping):
        return cbor[HCERT].get(1)
    return cbor


def _valid_json(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    verdict = vector.verifier.verify(vector.data.get("PREFIX", ""), at=vector.clock)
    if verdict.dcc is None:
        return False, _said(verdict)
    if not same(verdict.dcc, vector.data.get("JSON")):
        return False, "the whole chain's payload differs from the vector's JSON"
    return True, "the whole chain's payload is the vector's JSON"


def _expiration(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    verdict = vector.cose_verdict()
    return verdict.outcome.valid, _said(verdict)


def _picture(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    if "2DCODE" not in vector.data:
        raise Unchecked("the vector gives no 2DCODE picture")
    try:
        png = base64.b64decode(vector.data["2DCODE"])
    except (binascii.Error, ValueError) as error:
        return False, f"2DCODE is not base64 ({error})"
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    texts = [code.text for code in decoder.decode(image)] if image is not None else []
    if vector.data.get("PREFIX") in texts:
        return True, "the picture gives PREFIX"
    return False, f"the picture gives {len(texts)} code(s), none of them PREFIX"


def _key_usage(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    verdict = vector.cose_verdict()
    return verdict.verified and verdict.stage != "KEYUSAGE", _said(verdict)


def _schema(vector: Vector, decoder: QrDecoder) -> tuple[bool, str]:
    verdict = vector.cose_verdict()
    return verdict.verified and verdict.stage != "SCHEMAVALIDATION", _said(verdict)


CHECKS: dict[str, Callable[[Vector, QrDecoder], tuple[bool, str]]] = {
    "UNPREFIX": _unprefix, "B45DECODE": _b45decode, "COMPRESSION": _compression,
    "VERIFY": _verify, "DECODE": _decode, "EXPIRATIONCHECK": _expiration,
    "VALIDJSON": _valid_json, "PICTUREDECODE": _picture, "KEYUSAGE": _key_usage,
    "SCHEMAVALIDATION": _schema,
}


def _said(verdict: Verdict) -> str:
    return f"{verdict.outcome.value}: {verdict.reason}"


def same(ours: Any, theirs: Any) -> bool:
    """Whether a payload read from CBOR holds what the vector's JSON (or CBOR) says: maps
    in any order, a date-time (CBOR's, or text) equal to the same instant written as text."""
    if isinstance(ours, Mapping) and isinstance(theirs, Mapping):
        return set(map(str, ours)) == set(map(str, theirs)) and all(
            same(value, _get(theirs, key)) for key, value in ours.items())
    if isinstance(ours, list | tuple) and isinstance(theirs, list | tuple):
        return len(ours) == len(theirs) and all(map(same, ours, theirs))
    if isinstance(ours, dt.datetime) != isinstance(theirs, dt.datetime):
        text, when = (theirs, ours) if isinstance(ours, dt.datetime) else (ours, theirs)
        try:
            return isinstance(text, str) and parse_clock(text) == when
        except ValueError:
            return False
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours is theirs
    if isinstance(ours, str) and isinstance(theirs, str) and ours != theirs:
        return "T" in ours and "T" in theirs and _instant(ours) == _instant(theirs) is not None
    return bool(ours == theirs)


def _instant(text: str) -> dt.datetime | None:
    try:
        return parse_clock(text)
    except ValueError:
        return None


def _get(mapping: Mapping[Any, Any], key: Any) -> Any:
    return mapping[key] if key in mapping else mapping.get(str(key))
