"""`python -m kiosk verify` as a subprocess: DCC vectors with their certificates (green,
expired, a bad signature, a picture), our own code against a signed list directory, and
every bad argument as one line with exit 2, never a traceback."""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.codes import algorithms, claims, envelope, lists
from district.signing import public_pem
from kiosk.codes.dcc_conformance import same
from kiosk.codes.trust_store import TrustStore
from tests.fakes import REPO, white_png

CORPUS = REPO.parent / "shared" / "corpora" / "dcc"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no DCC vectors at {CORPUS}")


def kiosk_verify(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "verify", *args,
                           "--data-dir", str(tmp_path / "data")],
                          capture_output=True, text=True, cwd=REPO, timeout=60)


def vector(name: str, tmp_path: Path) -> tuple[dict, Path]:
    """A vector and its certificate written as the vectors give it (base64 DER)."""
    data = json.loads((CORPUS / name).read_text(encoding="utf-8-sig"))
    certificate = tmp_path / "certificate.b64"
    certificate.write_text(data["TESTCTX"]["CERTIFICATE"])
    return data, certificate


def test_a_valid_dcc_is_green_with_both_messages(tmp_path):
    data, certificate = vector("common/2DCode/raw/CO3.json", tmp_path)
    result = kiosk_verify(tmp_path, data["PREFIX"], "--trust", str(certificate),
                          "--at", data["TESTCTX"]["VALIDATIONCLOCK"], "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["outcome"], shown["kind"], shown["verified"]) == ("green", "dcc", True)
    assert shown["message"]["zh_CN"].startswith("绿码") and shown["message"]["en"]
    assert shown["kid"] and shown["expires_at"].startswith("2021-05-05")
    assert "payload" not in shown  # the holder's name only when asked for


def test_the_plain_output_names_outcome_reason_kind_kid_and_expiry(tmp_path):
    data, certificate = vector("common/2DCode/raw/CO3.json", tmp_path)
    result = kiosk_verify(tmp_path, data["PREFIX"], "--trust", str(certificate),
                          "--at", data["TESTCTX"]["VALIDATIONCLOCK"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("green: ") and lines[1].strip().startswith("绿码")
    assert {"reason: valid", "kind: dcc"} <= {line.strip() for line in lines}
    assert any(line.strip().startswith("expires at: 2021-05-05") for line in lines)


def test_an_expired_dcc_exits_1(tmp_path):
    data, certificate = vector("common/2DCode/raw/CO17.json", tmp_path)
    result = kiosk_verify(tmp_path, data["PREFIX"], "--trust", str(certificate),
                          "--at", data["TESTCTX"]["VALIDATIONCLOCK"], "--json")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["outcome"] == "expired"


def test_a_bad_signature_exits_1(tmp_path):
    data, certificate = vector("common/2DCode/raw/CO5.json", tmp_path)
    result = kiosk_verify(tmp_path, data["PREFIX"], "--trust", str(certificate),
                          "--at", data["TESTCTX"]["VALIDATIONCLOCK"], "--json")
    assert result.returncode == 1, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["outcome"], shown["verified"]) == ("bad_signature", False)


def test_a_picture_with_a_pem_certificate(tmp_path):
    data, der_base64 = vector("AT/2DCode/raw/1.json", tmp_path)
    picture = tmp_path / "code.png"
    picture.write_bytes(base64.b64decode(data["2DCODE"]))
    pem = tmp_path / "certificate.pem"
    certificate = x509.load_der_x509_certificate(base64.b64decode(der_base64.read_text()))
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    result = kiosk_verify(tmp_path, "--image", str(picture), "--trust", str(pem),
                          "--at", data["TESTCTX"]["VALIDATIONCLOCK"], "--json",
                          "--show-payload")
    shown = json.loads(result.stdout)
    assert shown["image"] == str(picture) and len(shown["codes"]) == 1
    code = shown["codes"][0]
    assert code["verified"] is True and code["kind"] == "dcc"
    assert same(code["payload"], data["JSON"])
    assert result.returncode == (0 if code["valid"] else 1)


def test_a_picture_without_a_code_exits_1(tmp_path):
    blank = tmp_path / "blank.png"
    blank.write_bytes(white_png(200, 200))
    result = kiosk_verify(tmp_path, "--image", str(blank))
    assert result.returncode == 1
    assert "no code found" in result.stdout


def test_our_code_against_a_signed_list_directory(tmp_path):
    now = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    root = Ed25519PrivateKey.generate()
    root_pem = tmp_path / "root.pem"
    root_pem.write_text(public_pem(root))
    private = algorithms.generate(algorithms.Algorithm.EDDSA)
    public = algorithms.public_bytes(algorithms.Algorithm.EDDSA, private)
    key = algorithms.SigningKey(algorithms.Algorithm.EDDSA, algorithms.key_id(public), private)
    trusted = lists.TrustedKey(kid=algorithms.kid_text(key.kid), alg=key.alg,
                               public_key=base64.b64encode(public).decode(),
                               not_before=now - dt.timedelta(days=1),
                               not_after=now + dt.timedelta(days=400),
                               uses=(lists.Use.PAPER,), issuer="CN-SH-BS")
    store = TrustStore(tmp_path / "lists", root.public_key())
    assert store.accept(lists.sign_list(root, lists.TrustList(sequence=1, issued_at=now,
                                                              keys=(trusted,))))
    store.mark_synced(now)
    salt = claims.new_salt()
    text = envelope.seal(claims.to_cwt(claims.OfflineClaims(
        issuer="CN-SH-BS", code_id=claims.new_code_id(), issued_at=now,
        expires_at=now + dt.timedelta(days=180), kind="paper", name="王*英", salt=salt,
        holder=claims.holder_hash(salt, "310113194205120021"), group="elderly",
        colour="yellow")), key)
    common = ("--trust", str(tmp_path / "lists"), "--root-key", str(root_pem), "--json")
    result = kiosk_verify(tmp_path, text, "--at", "2026-12-01T13:00:00", *common)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["outcome"], shown["kind"], shown["name"], shown["group"]) == \
        ("yellow", "paper", "王*英", "elderly")
    assert "310113194205120021" not in result.stdout
    later = kiosk_verify(tmp_path, text, "--at", "2026-12-03T13:00:00+00:00", *common)
    assert (later.returncode, json.loads(later.stdout)["outcome"]) == (1, "stale")


@pytest.mark.parametrize("args, says", [
    (("HC1:X", "--at", "yesterday"), "--at 'yesterday': not an ISO 8601 time"),
    (("HC1:X", "--trust", "{tmp}/missing.pem"), "missing.pem: no such file or directory"),
    (("HC1:X", "--trust", "{tmp}/junk.pem"), "junk.pem: not an X.509 certificate"),
    (("HC1:X", "--trust", "{tmp}", "--root-key", "{tmp}/junk.pem"), "--root-key"),
    (("--image", "{tmp}/missing.png"), "missing.png"),
    (("--image", "{tmp}/junk.pem"), "junk.pem: not an image file"),
    (("HC1:X", "--image", "{tmp}/junk.pem"), "either TEXT or --image"),
    ((), "either TEXT or --image"),
])
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, args, says):
    (tmp_path / "junk.pem").write_text("not a certificate at all\n")
    result = kiosk_verify(tmp_path, *(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
