"""QR decoding over the ZXing photo corpus: how many of the 179 codes come out with exactly the
expected text, how long an image takes, and whether any code is reported where there is none."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

from drivers.scanner.decoder import QrDecoder, load_gray

TARGET_CODES = 172
TARGET_MEDIAN_MS = 15.0


def corpus_dir() -> Path:
    """KIOSK_QR_CORPUS, else ../shared/corpora/qr/zxing beside the repository."""
    override = os.environ.get("KIOSK_QR_CORPUS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared" / "corpora" / "qr" / "zxing"


def corpus_images(root: Path) -> list[tuple[Path, str]]:
    """(image, expected text) for qrcode-1 ... qrcode-6."""
    images = []
    for folder in sorted(root.glob("qrcode-*")):
        for image in sorted(folder.glob("*.png"), key=lambda p: int(p.stem)):
            images.append((image, image.with_suffix(".txt").read_bytes().decode("utf-8")))
    return images


def run() -> dict[str, Any]:
    root = corpus_dir()
    codes = corpus_images(root) if root.is_dir() else []
    if not codes:
        return {"ok": False, "error": f"no QR corpus at {root} (set KIOSK_QR_CORPUS)"}
    decoder = QrDecoder()
    decoder.decode(load_gray(codes[0][0]))  # load the libraries before the clock starts
    times: list[float] = []
    missed: list[str] = []
    for image, expected in codes:
        gray = load_gray(image)
        started = time.perf_counter()
        found = decoder.decode(gray)
        times.append((time.perf_counter() - started) * 1000)
        if expected not in [code.text for code in found]:
            missed.append(str(image.relative_to(root)))
    false_positives = []
    for image in sorted((root / "falsepositives").glob("*.png")):
        if decoder.decode(load_gray(image)):
            false_positives.append(image.name)
    read = len(codes) - len(missed)
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    return {
        "codes_read": read,
        "codes_total": len(codes),
        "median_ms": round(median, 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(times), 2),
        "timing": "decode of an image already in memory; reading the file is not counted",
        "missed": missed,
        "false_positives": len(false_positives),
        "false_positive_images": false_positives,
        "target": {"codes_read": TARGET_CODES, "false_positives": 0, "median_ms": TARGET_MEDIAN_MS},
        "ok": read >= TARGET_CODES and not false_positives and median <= TARGET_MEDIAN_MS,
    }
