"""`python -m kiosk decode`: codes and times per image, one clear line for each bad file (and
never a traceback), and every image of the shared corpus read."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest
import qrcode
from PIL import Image

from tests.fakes import REPO, white_png

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
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(broken) in result.stderr + result.stdout
    assert "missing.png" in result.stderr + result.stdout


def _bad_and_odd_files(tmp_path):
    """Files that cannot be read, each with the reason it must give, and odd files that can."""
    good = tmp_path / "good.png"
    qrcode.make("办事回执 BS202611280001".encode()).save(good)
    cut = tmp_path / "cut.png"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(white_png(65535, 65535, pixels=False))
    huge = tmp_path / "huge.png"
    huge.write_bytes(white_png(20000, 20000))
    large = tmp_path / "large.png"  # over Pillow's warning limit, under its error limit
    large.write_bytes(white_png(10000, 10000))
    garbage = tmp_path / "garbage.jpg"
    garbage.write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "folder.png").mkdir()
    gray = np.array(Image.open(good).convert("L"))
    cv2.imwrite(str(tmp_path / "float.tif"), gray.astype(np.float32) / 255)
    cv2.imwrite(str(tmp_path / "double.tif"), gray.astype(np.float64) / 255)
    cv2.imwrite(str(tmp_path / "signed.tif"), (gray.astype(np.int16) - 128).astype(np.int8))
    cv2.imwrite(str(tmp_path / "deep.png"), gray.astype(np.uint16) * 257)
    Image.fromarray(gray).convert("LA").save(tmp_path / "alpha.png")
    unreadable = {
        cut: "a damaged PNG file",
        bomb: "its header claims over",
        huge: "its header claims over",
        large: "10000×10000 pixels; the limit is 40 megapixels",
        garbage: "not an image file",
        tmp_path / "empty.png": "an empty file",
        tmp_path / "folder.png": "a directory",
        tmp_path / "double.tif": "a TIFF of a sample format that cannot be read",
        tmp_path / "missing.png": "No such file",
    }
    readable = [good, tmp_path / "float.tif", tmp_path / "signed.tif", tmp_path / "deep.png",
                tmp_path / "alpha.png"]
    return unreadable, readable


def test_each_bad_file_gets_one_clear_line_and_the_rest_are_still_read(tmp_path):
    unreadable, readable = _bad_and_odd_files(tmp_path)
    result = run(*map(str, [*unreadable, *readable]))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    total = len(unreadable) + len(readable)
    assert errors[-1] == f"kiosk: {len(unreadable)} of {total} images could not be read"
    assert len(errors) == len(unreadable) + 1  # no OpenCV warnings between them
    for (path, reason), line in zip(unreadable.items(), errors, strict=False):
        assert line.startswith(f"kiosk decode: {path}: {reason}")
    for path in readable:
        assert f"{path}: 1 code in " in result.stdout
    assert result.stdout.count("办事回执 BS202611280001") == len(readable)


def test_json_gives_each_bad_file_its_reason(tmp_path):
    unreadable, readable = _bad_and_odd_files(tmp_path)
    result = run(*map(str, [*unreadable, *readable]), "--json")
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert document["ok"] is False
    found = {image["path"]: image for image in document["images"]}
    for path, reason in unreadable.items():
        assert found[str(path)]["error"].startswith(f"{path}: {reason}")
    for path in readable:
        assert [code["text"] for code in found[str(path)]["codes"]] == ["办事回执 BS202611280001"]


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared QR corpus is not beside the repo")
def test_every_image_of_the_corpus_gets_a_result():
    # Eight of these photos made zxing-cpp 3.1.0 report a symbol with extra=None, which crashed
    # the whole run with AttributeError.
    images = sorted(map(str, CORPUS.parent.glob("*/*.png")))
    result = run(*images, "--json")
    assert result.returncode == 0, result.stderr
    assert [image["path"] for image in json.loads(result.stdout)["images"]] == images
