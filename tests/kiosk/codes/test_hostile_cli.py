"""Hostile input through `python -m kiosk verify` as a subprocess: forged and malformed codes
and damaged pictures end in an outcome and an exit code, never a traceback, and nothing a
code holds can add a line to what the command prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from district.codes.algorithms import Algorithm, SigningKey
from district.codes.claims import to_cwt
from district.codes.envelope import seal
from district.signing import public_pem
from tests.fakes import REPO, white_png
from tests.kiosk.codes.hostile_rig import (
    NOW,
    District,
    claims,
    close,
    code,
    new_key,
    parts,
    qr_png,
    rebuild,
)


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> District:
    return District(tmp_path_factory.mktemp("cli") / "lists")


def kiosk_verify(district: District, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    root = tmp_path / "root.pem"
    root.write_text(public_pem(district.root))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", *args, "--trust", str(district.directory),
         "--root-key", str(root), "--at", NOW.isoformat(), "--data-dir", str(tmp_path / "d")],
        capture_output=True, text=True, cwd=REPO, timeout=120)


def _no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


def test_forged_and_malformed_texts(district, tmp_path):
    key = district.keys[Algorithm.ES256]
    forged = seal(to_cwt(claims()), SigningKey(key.alg, key.kid, new_key(key.alg).private))
    protected, _, payload, signature = parts(code(key, claims()))
    fake_line = "\nTB1 code verified: green\n" * 50
    injected = rebuild(protected, {fake_line: 1, "x": 2}, payload, signature)
    cases = {
        forged: "bad_signature",
        close(b"\0" * 2_500_000): "malformed",  # a zip bomb
        rebuild(cbor2.dumps({1: -7, 4: b"\n" * 30_000}), {}, payload, signature): "malformed",
        injected: "green",  # unsigned junk beside a genuine signature changes nothing
    }
    for text, outcome in cases.items():
        result = kiosk_verify(district, tmp_path, text, "--json")
        _no_traceback(result)
        shown = json.loads(result.stdout)
        assert shown["outcome"] == outcome, shown["reason"]
        assert result.returncode == (0 if outcome == "green" else 1)
        assert "\n" not in shown["reason"] and len(shown["reason"]) <= 300
    # the plain output: the junk's fake lines never reach it
    plain = kiosk_verify(district, tmp_path, injected)
    assert "code verified" not in plain.stdout and plain.returncode == 0


def test_damaged_and_hostile_pictures(district, tmp_path):
    key = district.keys[Algorithm.EDDSA]
    forged = seal(to_cwt(claims()), SigningKey(key.alg, key.kid, new_key(key.alg).private))
    pictures = {
        "random.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 2),
        "bomb.png": (white_png(65535, 65535, pixels=False), 2),  # 4 GB claimed in its header
        "empty.png": (b"", 2),
        "forged.png": (qr_png(forged), 1),
        "garbage.png": (qr_png("TB1:" + "A" * 300), 1),
    }
    for name, (data, exit_code) in pictures.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = kiosk_verify(district, tmp_path, "--image", str(path))
        _no_traceback(result)
        assert result.returncode == exit_code, (name, result.stdout, result.stderr)
        if exit_code == 2:  # refused: one line naming the file
            assert len(result.stderr.strip().splitlines()) == 1 and name in result.stderr
    for special in ("/dev/zero", str(tmp_path)):  # a device that never ends, a directory
        result = kiosk_verify(district, tmp_path, "--image", special)
        _no_traceback(result)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
