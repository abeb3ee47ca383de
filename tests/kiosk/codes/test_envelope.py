"""The envelope refuses what its signature does not cover: bytes after the zlib stream, after
the COSE_Sign1, after the protected header; and a bomb or a cut stream, by its layer."""

from __future__ import annotations

import zlib

import base45
import cbor2
import pytest

from district.codes import algorithms, envelope
from district.codes.envelope import Malformed


def sealed_layers() -> tuple[str, bytes]:
    alg = algorithms.Algorithm.EDDSA
    private = algorithms.generate(alg)
    kid = algorithms.key_id(algorithms.public_bytes(alg, private))
    key = algorithms.SigningKey(alg, kid, private)
    text = envelope.seal({1: "CN-SH-BS", 4: 2_000_000_000}, key)
    return text, zlib.decompress(base45.b45decode(text[4:]))


def wrapped(cose: bytes, tail: bytes = b"") -> str:
    return "TB1:" + base45.b45encode(zlib.compress(cose) + tail).decode()


def stage_of(text: str) -> str:
    with pytest.raises(Malformed) as raised:
        envelope.open_text(text)
    return raised.value.stage


def test_a_sealed_code_opens():
    text, cose = sealed_layers()
    prefix, sign1 = envelope.open_text(text)
    assert prefix == "TB1:" and sign1.alg == algorithms.Algorithm.EDDSA
    assert envelope.open_text(wrapped(cose))[1] == sign1


def test_bytes_after_the_zlib_stream_are_refused():
    _, cose = sealed_layers()
    assert stage_of(wrapped(cose, b"\x00junk")) == "COMPRESSION"


def test_bytes_after_the_cose_item_are_refused():
    _, cose = sealed_layers()
    assert stage_of(wrapped(cose + b"\x01")) == "COSE"


def test_bytes_after_the_protected_header_are_refused():
    _, cose = sealed_layers()
    protected, unprotected, payload, signature = cbor2.loads(cose).value
    padded = cbor2.dumps(cbor2.CBORTag(18, [protected + b"\x00", unprotected, payload,
                                           signature]))
    assert stage_of(wrapped(padded)) == "COSE"


def test_a_bomb_and_a_cut_stream_are_refused():
    bomb = "HC1:" + base45.b45encode(zlib.compress(b"\x00" * (envelope.MAX_INFLATED + 1))).decode()
    assert stage_of(bomb) == "COMPRESSION"
    _, cose = sealed_layers()
    cut = "TB1:" + base45.b45encode(zlib.compress(cose)[:-6]).decode()
    assert stage_of(cut) == "COMPRESSION"


def test_a_key_twice_in_a_map_is_refused():
    _, cose = sealed_layers()
    protected, unprotected, payload, signature = cbor2.loads(cose).value
    header_twice = b"\xa2\x01\x27\x01\x26"  # {1: -8, 1: -7}
    assert stage_of(wrapped(cbor2.dumps(cbor2.CBORTag(
        18, [header_twice, unprotected, payload, signature])))) == "COSE"
    claims_twice = b"\xa2\x01\x61a\x01\x61b"  # {1: "a", 1: "b"}
    _, sign1 = envelope.open_text(wrapped(cbor2.dumps(cbor2.CBORTag(
        18, [protected, unprotected, claims_twice, signature]))))
    with pytest.raises(Malformed) as raised:
        sign1.claims()
    assert raised.value.stage == "DECODE"
