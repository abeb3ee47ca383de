"""Offline OCR of a photographed page (RapidOCR: PP-OCR models shipped inside its wheel, run
on ONNX Runtime; nothing is downloaded). The engine loads once, on first use, on whichever
thread asks first (a visit job's, never the screen's); text lines come with their box and
confidence, and what was read is never logged."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

log = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000  # a bigger image is refused before it is decoded (a 20000x20000 PNG)
MAX_SIDE = 2400  # larger pages are read at this size: PP-OCR gains nothing above it


class OcrError(Exception):
    """The image cannot be read: not an image, too large, or the engine is missing."""


@dataclass(frozen=True)
class TextLine:
    text: str
    box: tuple[tuple[float, float], ...]  # four corners, clockwise from top left, in pixels
    confidence: float  # 0..1


class Ocr:
    """One engine for the process, made on first use (about 0.3 s, some 100 MB)."""

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()  # one page at a time: ONNX Runtime already uses the cores

    def _load(self) -> Any:
        if self._engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as error:
                raise OcrError(f"OCR engine missing ({error}): run scripts/setup.sh") from None
            self._engine = RapidOCR()
            log.info("OCR engine loaded")
        return self._engine

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def read(self, image: np.ndarray) -> tuple[TextLine, ...]:
        """The text lines on a BGR or greyscale image, top to bottom."""
        if image.ndim not in (2, 3) or image.size == 0:
            raise OcrError("not an image")
        if image.shape[0] * image.shape[1] > MAX_PIXELS:
            raise OcrError(f"image too large ({image.shape[1]}x{image.shape[0]})")
        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        image, scale = _fit(image)
        with self._lock:
            found, _elapsed = self._load()(image)
        lines = [TextLine(str(text), tuple((x / scale, y / scale) for x, y in box),
                          float(score)) for box, text, score in (found or ())]
        return tuple(sorted(lines, key=lambda line: (line.box[0][1], line.box[0][0])))

    def read_png(self, data: bytes) -> tuple[TextLine, ...]:
        """The text lines of an encoded image (PNG, JPEG), refusing a huge one calmly."""
        return self.read(decode_image(data))


def decode_image(data: bytes) -> np.ndarray:
    """An encoded image as BGR; its size is read from the header before any pixel is."""
    import warnings
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                width, height = probe.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise OcrError("image too large") from None
    except (UnidentifiedImageError, OSError):
        raise OcrError("not an image") from None
    if width * height > MAX_PIXELS:
        raise OcrError(f"image too large ({width}x{height})")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise OcrError("not an image")
    return image


def _fit(image: np.ndarray) -> tuple[np.ndarray, float]:
    side = max(image.shape[:2])
    if side <= MAX_SIDE:
        return image, 1.0
    scale = MAX_SIDE / side
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


_shared: Ocr | None = None
_shared_lock = threading.Lock()


def shared_ocr() -> Ocr:
    """The process's engine (made lazily: creating it loads nothing yet)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Ocr()
        return _shared
