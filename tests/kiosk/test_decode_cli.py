"""`python -m kiosk decode`: codes and times per image, a clear line for a bad file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import qrcode

from tests.fakes import REPO

CORPUS = REPO.parent / "shared" / "corpora" / "qr" / "zxing" / "qrcode-1"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "decode", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=60)


def test_decodes_chinese_and_reports_time(tmp_path):
    image = tmp_path / "code.png"
    qrcode.make("办事回执 BS202611280001".encode()).save(image)
    result = run(str(image), "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)["images"][0]
    assert [code["text"] for code in found["codes"]] == ["办事回执 BS202611280001"]
    assert found["ms"] >= 0


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared QR corpus is not beside the repo")
def test_corpus_photo_matches_its_expected_text():
    result = run(str(CORPUS / "1.png"), "--json")
    expected = (CORPUS / "1.txt").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["images"][0]["codes"][0]["text"] == expected


def test_a_broken_and_a_missing_file_get_one_line_each(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    result = run(str(broken), str(tmp_path / "missing.png"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert str(broken) in result.stderr + result.stdout
    assert "missing.png" in result.stderr + result.stdout
