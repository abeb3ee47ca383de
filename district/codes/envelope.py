"""The envelope, layer by layer as the DCC's conformance tests name them: a prefix
(UNPREFIX), Base45 (B45DECODE), zlib (COMPRESSION), then COSE_Sign1 (RFC 9052) whose
payload is a CWT (RFC 8392). Opening never trusts a size it is told: the text, the
inflated bytes and the CBOR are bounded before they are read."""

from __future__ import annotations

import io
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import base45
import cbor2

from district.codes.algorithms import BY_NUMBER, COSE_NUMBER, Algorithm, SigningKey, sign

PREFIX = "TB1:"  # a Tongban offline code (our claims, below)
DCC_PREFIX = "HC1:"  # an EU Digital COVID Certificate
PREFIXES = (PREFIX, DCC_PREFIX)
MAX_TEXT = 4_296  # the most a QR code holds in alphanumeric mode (version 40, level L)
MAX_INFLATED = 64 * 1024  # a certificate is a few hundred bytes; a zip bomb stops here

COSE_SIGN1_TAG = 18
CWT_TAG = 61
HEADER_ALG = 1
HEADER_KID = 4
HEADER_CRIT = 2


class Malformed(Exception):
    """A code that cannot be opened. `stage` is the layer that failed (UNPREFIX,
    B45DECODE, COMPRESSION, COSE, DECODE); `str()` is the precise reason, for the log."""

    def __init__(self, stage: str, reason: str) -> None:
        reason = _one_line(reason)
        super().__init__(f"{stage}: {reason}")
        self.stage, self.reason = stage, reason


def _one_line(text: str, limit: int = 200) -> str:
    # a reason may quote what a hostile code holds (cbor2 names a duplicate key): it goes to
    # the log, so it is one line of printable characters, cut short
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


@dataclass(frozen=True)
class Sign1:
    """A COSE_Sign1 as it arrived: the protected header's bytes exactly as signed."""

    protected: bytes
    unprotected: Mapping[Any, Any]
    payload: bytes
    signature: bytes

    @cached_property
    def header(self) -> dict[Any, Any]:
        """Both headers; the protected one wins where both say something."""
        protected = _loads(self.protected) if self.protected else {}
        return {**self.unprotected, **protected}

    @property
    def alg(self) -> Algorithm | None:
        number = self.header.get(HEADER_ALG)
        return BY_NUMBER.get(number) if isinstance(number, int) else None

    @property
    def kid(self) -> bytes | None:
        kid = self.header.get(HEADER_KID)
        return bytes(kid) if isinstance(kid, bytes | bytearray) else None

    def to_be_signed(self) -> bytes:
        """Sig_structure (RFC 9052 §4.4) for a Sign1 with no external data."""
        return to_be_signed(self.protected, self.payload)

    def claims(self) -> Mapping[Any, Any]:
        """The CWT claims in the payload (a map), or Malformed at DECODE."""
        try:
            claims = _loads(self.payload)
        except Malformed as error:
            raise Malformed("DECODE", error.reason) from None
        if isinstance(claims, cbor2.CBORTag) and claims.tag == CWT_TAG:
            claims = claims.value
        if not isinstance(claims, Mapping):
            raise Malformed("DECODE", "the payload is not a map of claims")
        return claims


def to_be_signed(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def unprefix(text: str) -> tuple[str, str]:
    """The prefix and the Base45 behind it."""
    if len(text) > MAX_TEXT:
        raise Malformed("UNPREFIX", f"{len(text)} characters, more than a QR code holds")
    for prefix in PREFIXES:
        if text.startswith(prefix):
            return prefix, text[len(prefix):]
    raise Malformed("UNPREFIX", "no known prefix (TB1: or HC1:)")


def b45decode(text: str) -> bytes:
    try:
        return base45.b45decode(text)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise Malformed("B45DECODE", f"not Base45 ({error})") from None


def inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_INFLATED)
    except zlib.error as error:
        raise Malformed("COMPRESSION", f"not zlib ({error})") from None
    if inflater.unconsumed_tail:
        raise Malformed("COMPRESSION", f"inflates to more than {MAX_INFLATED} bytes")
    if not inflater.eof:
        raise Malformed("COMPRESSION", "the zlib stream is cut short")
    if inflater.unused_data:
        raise Malformed("COMPRESSION", f"{len(inflater.unused_data)} bytes after the zlib "
                        "stream")
    return out


def parse_sign1(data: bytes) -> Sign1:
    item = _loads(data)
    if isinstance(item, cbor2.CBORTag) and item.tag == CWT_TAG:
        item = item.value
    if isinstance(item, cbor2.CBORTag):
        if item.tag != COSE_SIGN1_TAG:
            raise Malformed("COSE", f"CBOR tag {item.tag}, not COSE_Sign1 (18)")
        item = item.value
    # cbor2 gives what is inside a tag as a tuple (and maps as frozendicts)
    if not isinstance(item, list | tuple) or len(item) != 4:
        raise Malformed("COSE", "not a COSE_Sign1 (an array of four)")
    protected, unprotected, payload, signature = item
    if not isinstance(protected, bytes) or not isinstance(unprotected, Mapping) or \
            not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise Malformed("COSE", "a COSE_Sign1 part has the wrong type")
    if protected:
        try:
            header = _loads(protected)
        except Malformed as error:
            raise Malformed("COSE", f"protected header: {error.reason}") from None
        if not isinstance(header, Mapping):
            raise Malformed("COSE", "protected header is not a map")
        if HEADER_CRIT in header:  # RFC 9052 §3.1: nothing it may list is understood here
            raise Malformed("COSE", "critical header parameters this verifier does not know")
    if HEADER_CRIT in unprotected:
        raise Malformed("COSE", "critical header parameters outside the protected header")
    return Sign1(protected, unprotected, payload, signature)


def open_text(text: str) -> tuple[str, Sign1]:
    """The prefix and the COSE_Sign1 in a scanned code; Malformed names the layer."""
    prefix, body = unprefix(text)
    return prefix, parse_sign1(inflate(b45decode(body)))


def seal(claims: dict[Any, Any], key: SigningKey, prefix: str = PREFIX) -> str:
    """A code's text: `claims` as a CWT, signed with `key`, in the envelope."""
    protected = cbor2.dumps({HEADER_ALG: COSE_NUMBER[key.alg], HEADER_KID: key.kid})
    payload = cbor2.dumps(claims)
    signature = sign(key, to_be_signed(protected, payload))
    cose = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    return prefix + base45.b45encode(zlib.compress(cose, 9)).decode()


def _as_tag(number: int) -> Any:
    return lambda value, immutable: cbor2.CBORTag(number, value)


# cbor2 compiles tag 35 as a regular expression and parses tag 36 as a MIME message: neither
# format uses them, and a 60 kB pattern took ~300 ms to compile before any check; kept as tags
UNREAD_TAGS = {35: _as_tag(35), 36: _as_tag(36)}


def _loads(data: bytes) -> Any:
    """One CBOR item and nothing after it (bytes the signature does not cover are refused),
    with no key twice in a map (readers keeping the first and the last would disagree)."""
    if len(data) > MAX_INFLATED:
        raise Malformed("COSE", "more CBOR than a code holds")
    stream = io.BytesIO(data)
    try:
        item = cbor2.CBORDecoder(stream, allow_duplicate_keys=False,
                                 semantic_decoders=UNREAD_TAGS).decode()
    except Exception as error:  # cbor2 raises many kinds on bad bytes
        raise Malformed("COSE", f"not CBOR ({type(error).__name__}: {error})") from None
    if stream.tell() != len(data):
        raise Malformed("COSE", f"{len(data) - stream.tell()} bytes after the CBOR item")
    return item
