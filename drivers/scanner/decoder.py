"""Finds QR codes in images and camera frames: zxing-cpp with a short cascade of fallbacks for
hard photographs, pyzbar as a second opinion, and text decoding that keeps Chinese intact.

The same path runs on every camera frame of a kiosk that stays up for days, so no image makes
it raise:

- `QrDecoder.decode(array)` returns a list, possibly empty, for any array: any depth, 1 to 4
  channels, any strides, NaN, empty, huge, or no image at all. A reader that fails on a strange
  array is logged at debug level and counts as no code found (anything else failing in a
  reader would be a bug here: logged as an error, and no code found too).
- `load_gray(path)`, and `decode(path)` through it, raise only `UnreadableImage`, whose message
  names the file and the reason. A file over MAX_PIXELS is refused from its header, before a
  single pixel is decoded.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image

log = logging.getLogger(__name__)

Point = tuple[int, int]
ImageSource = np.ndarray | str | os.PathLike[str]

_QR_FAMILY = zxingcpp.BarcodeFormat.QRCode  # model 1, model 2, micro QR and rMQR
_MODULES_PER_VERSION = 4
_RESCUE_SEED = 20240601  # fixed, so a hard image decodes the same way every time
# A 40-megapixel image is already more than any code needs, and decoding one takes a few
# hundred megabytes; files beyond it are refused from their header, arrays thinned out.
MAX_PIXELS = 40_000_000
_MAX_SIDE = 65535  # zxing-cpp refuses a wider or taller image


class UnreadableImage(Exception):
    """An image file that is missing, damaged, too large or not an image; the message names
    the file and the reason."""


@dataclass(frozen=True)
class DecodedCode:
    text: str
    raw: bytes
    symbology: str  # "QRCode", "MicroQRCode", ...
    # zxing: the corners top-left, top-right, bottom-right, bottom-left; zbar: its outline
    position: tuple[Point, ...]
    engine: str = "zxing"  # which reader found it: "zxing", "zxing-rescue" or "zbar"


@dataclass(frozen=True)
class DecoderOptions:
    """How hard to look. `thorough()` suits still images; `live()` suits camera frames, where
    the next frame is the cheapest retry."""

    try_rotate: bool = True
    try_downscale: bool = True
    try_invert: bool = True
    fallbacks: bool = True  # a second binarizer, also on a filtered copy of the image
    rescue_attempts: int = 100  # resampled grids for a found but warped symbol; 0 turns it off
    zbar: bool = True  # pyzbar when zxing-cpp finds nothing
    # Japanese codes (Shift_JIS, no ECI) are read as such when their bytes look Japanese; a site
    # that only ever sees Chinese can turn this off so GB18030 always wins.
    shift_jis: bool = True

    @classmethod
    def thorough(cls) -> DecoderOptions:
        return cls()

    @classmethod
    def live(cls) -> DecoderOptions:
        return cls(fallbacks=False, rescue_attempts=0, zbar=False)


@dataclass
class QrDecoder:
    """Decodes every QR code in an image. Safe to share between threads (it keeps no state)."""

    options: DecoderOptions = field(default_factory=DecoderOptions)

    def decode(self, image: ImageSource) -> list[DecodedCode]:
        """Every code in `image`. An array never raises (see the module docstring); a path
        raises UnreadableImage when the file cannot be read."""
        if isinstance(image, str | os.PathLike):
            gray = load_gray(image)
        else:
            try:
                gray = to_gray(_thinned(image))
            except (ValueError, MemoryError) as error:
                log.debug("no code: %s", error)
                return []
        found = _safely(self._zxing_cascade, gray)
        if not found and self.options.zbar:
            found = _safely(partial(zbar_decode, shift_jis=self.options.shift_jis), gray)
        return found

    def _zxing_cascade(self, gray: np.ndarray) -> list[DecodedCode]:
        rescue = self.options.rescue_attempts > 0
        found, damaged = self._zxing(gray, zxingcpp.Binarizer.LocalAverage, keep_damaged=rescue)
        if found:
            return found
        if self.options.fallbacks:
            for prepared, binarizer in _fallback_passes(gray):
                found, _ = self._zxing(prepared, binarizer)
                if found:
                    return found
        if rescue:
            for symbol in damaged[:2]:  # more would be finder-pattern noise, and slow
                code = _rescue(gray, symbol, self.options)
                if code is not None:
                    return [code]
        return []

    def _zxing(
        self, gray: np.ndarray, binarizer: zxingcpp.Binarizer, keep_damaged: bool = False
    ) -> tuple[list[DecodedCode], list[zxingcpp.Barcode]]:
        barcodes = zxingcpp.read_barcodes(
            gray,
            formats=_QR_FAMILY,
            try_rotate=self.options.try_rotate,
            try_downscale=self.options.try_downscale,
            try_invert=self.options.try_invert,
            text_mode=zxingcpp.TextMode.HexECI,  # raw bytes with the ECI markers; see _from_zxing
            binarizer=binarizer,
            return_errors=keep_damaged,
        )
        found = [
            _from_zxing(b, self.options.shift_jis)
            for b in barcodes
            if b.valid and b.format != _NONE
        ]
        damaged = [b for b in barcodes if not b.valid and _qr_version(b) is not None]
        return found, damaged


_NONE = zxingcpp.BarcodeFormat.NONE

# What zxing-cpp (nanobind), OpenCV, numpy and ctypes raise when they refuse an array.
_ENGINE_ERRORS = (
    cv2.error, ValueError, TypeError, RuntimeError, OverflowError, MemoryError, ctypes.ArgumentError
)  # fmt: skip


def _safely(read: Callable[[np.ndarray], list[DecodedCode]], gray: np.ndarray) -> list[DecodedCode]:
    """`read(gray)`, or no code when it fails: one camera frame is not worth a crash, and the
    next reader in the cascade may still find the code."""
    try:
        return read(gray)
    except (ImportError, OSError) as error:  # zbar's shared library is missing or broken
        log.warning("QR reader unavailable: %s", error)
    except _ENGINE_ERRORS:
        log.debug("QR reader failed on a %s %s image", gray.shape, gray.dtype, exc_info=True)
    except Exception:  # a bug of ours, as extra=None was: loud, but no code rather than a crash
        log.exception("QR reader failed on a %s %s image", gray.shape, gray.dtype)
    return []


def _qr_version(barcode: zxingcpp.Barcode) -> int | None:
    """The version of a model 2 QR symbol, the only kind the rescue can resample; None for
    micro QR and rMQR ("M2", "R7x43"), and when zxing-cpp could not tell. `extra` is None
    rather than an empty dict when zxing-cpp knows nothing (3.1.0 does so for a damaged symbol
    whose size it cannot read), and its form has changed between versions."""
    extra = barcode.extra
    version = str(extra.get("Version", "")) if isinstance(extra, dict) else ""
    return int(version) if version.isdecimal() and 1 <= int(version) <= 40 else None


def _fallback_passes(gray: np.ndarray) -> Iterator[tuple[np.ndarray, zxingcpp.Binarizer]]:
    """Each pass reads photographs of the ZXing corpus that the plain pass misses: a global
    threshold for codes on creased cloth, and a median filter first for codes made of pictures
    or printed on a rough surface."""
    yield gray, zxingcpp.Binarizer.GlobalHistogram
    yield cv2.medianBlur(gray, 3), zxingcpp.Binarizer.GlobalHistogram


def _from_zxing(barcode: zxingcpp.Barcode, shift_jis: bool) -> DecodedCode:
    raw = bytes(barcode.bytes)
    text = _declared_text(bytes.fromhex(barcode.text))
    if text is None:
        text = decode_text(raw, shift_jis=shift_jis)
    return DecodedCode(text, raw, barcode.format.name, _corners(barcode.position), "zxing")


def _corners(position: zxingcpp.Position) -> tuple[Point, ...]:
    return tuple(
        (int(p.x), int(p.y))
        for p in (
            position.top_left,
            position.top_right,
            position.bottom_right,
            position.bottom_left,
        )
    )


# --- text --------------------------------------------------------------------------------------


def decode_text(raw: bytes, *, shift_jis: bool = True) -> str:
    """Text of a code that does not name its character set: UTF-8 when the bytes are valid
    UTF-8, Shift_JIS (if allowed) only when they read as Japanese, else GB18030 (which covers
    GBK and GB2312), so Chinese from older encoders survives."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    gb = _strict(raw, "gb18030")
    sjis = _strict(raw, "shift_jis") if shift_jis else None
    if sjis is not None and _reads_as_japanese(sjis, gb):
        return sjis
    if gb is not None:
        return gb
    return raw.decode("latin-1")  # QR's own default when nothing else fits


# ECI numbers (AIM ECI specification) and the Python codec for each.
_ECI_CODECS = {
    0: "cp437", 1: "latin-1", 2: "cp437", 3: "latin-1", 4: "iso8859-2", 5: "iso8859-3",
    6: "iso8859-4", 7: "iso8859-5", 8: "iso8859-6", 9: "iso8859-7", 10: "iso8859-8",
    11: "iso8859-9", 12: "iso8859-10", 13: "iso8859-11", 15: "iso8859-13", 16: "iso8859-14",
    17: "iso8859-15", 18: "iso8859-16", 20: "shift_jis", 21: "cp1250", 22: "cp1251",
    23: "cp1252", 24: "cp1256", 25: "utf-16-be", 26: "utf-8", 27: "ascii", 28: "big5",
    29: "gb18030", 30: "euc_kr", 31: "gbk", 32: "gb18030", 33: "utf-16-le", 34: "utf-32-be",
    35: "utf-32-le", 170: "ascii",
}  # fmt: skip


def _declared_text(marked: bytes) -> str | None:
    """The text of a symbol that names its character set with ECIs, from zxing-cpp's HexECI
    form: "]Q2" (or "]Q4", "]Q6" with FNC1), then the bytes with "\\nnnnnn" before each
    segment and backslashes doubled. None when the symbol names no character set."""
    if marked[:2] != b"]Q" or marked[2:3] not in (b"2", b"4", b"6"):
        return None
    segments: list[tuple[int | None, bytearray]] = [(None, bytearray())]
    body, i = marked[3:], 0
    while i < len(body):
        if body[i : i + 1] == b"\\" and body[i + 1 : i + 2] != b"\\":
            segments.append((int(body[i + 1 : i + 7]), bytearray()))
            i += 7
        else:
            segments[-1][1].append(body[i])
            i += 2 if body[i : i + 2] == b"\\\\" else 1
    text = []
    for eci, data in segments:
        codec = _ECI_CODECS.get(eci) if eci is not None else None
        text.append(bytes(data).decode(codec, "replace") if codec else decode_text(bytes(data)))
    return "".join(text)


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


_HALFWIDTH_PUNCT = set("｡｢｣､･")  # U+FF61..FF65
_HALFWIDTH_KATAKANA_RUN = re.compile("[\uff66-\uff9f]+")
_TAKES_DAKUTEN = set("ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ")  # the kana that ﾞ may follow
_TAKES_HANDAKUTEN = set("ﾊﾋﾌﾍﾎ")  # the kana that ﾟ may follow


def _reads_as_japanese(sjis: str, gb: str | None) -> bool:
    """Both readings are often valid for the same bytes, so look at what each produces."""
    if any("\u3041" <= ch <= "\u30ff" for ch in sjis):
        return True  # GB2312 bytes never form Shift_JIS kana
    if gb is None or not _is_gb2312(gb):
        return True  # Shift_JIS kanji read as GB18030 land outside GB2312
    # Common Chinese characters read as Shift_JIS come out as half-width katakana, so such a
    # reading counts only with a voiced-sound mark placed where Japanese puts one.
    if any(ch in _HALFWIDTH_PUNCT for ch in sjis):
        return False
    voiced_word = False
    for word in _HALFWIDTH_KATAKANA_RUN.findall(sjis):
        for i, ch in enumerate(word):
            if ch not in "ﾞﾟ":
                continue
            bases = _TAKES_DAKUTEN if ch == "ﾞ" else _TAKES_HANDAKUTEN
            if i == 0 or word[i - 1] not in bases:
                return False
            voiced_word = voiced_word or len(word) >= 3
    return voiced_word


def _is_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# --- images -----------------------------------------------------------------------------------


def load_gray(path: str | os.PathLike[str]) -> np.ndarray:
    """An image file as 8-bit gray; transparent pixels become white paper. Raises only
    UnreadableImage, naming the file and why. The size is checked from the header before
    OpenCV decodes anything, since a PNG of 100 bytes can claim 65535x65535 pixels (4 GB)."""
    path = Path(path)
    data = _read_image_file(path)
    kind = _check_header(path, data)
    try:
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    except cv2.error as error:  # OpenCV's own limits, or out of memory
        reason = " ".join(str(getattr(error, "err", error)).split())  # on one line
        raise UnreadableImage(f"{path}: OpenCV cannot decode this {kind} file: {reason}") from None
    if image is None:
        raise UnreadableImage(f"{path}: a damaged {kind} file, or one OpenCV cannot decode")
    try:
        return to_gray(image)
    except (ValueError, MemoryError) as error:
        raise UnreadableImage(f"{path}: {error or 'not enough memory'}") from None


# The most a file of MAX_PIXELS can take: 16-bit BGRA, uncompressed, with room for metadata.
_MAX_FILE_BYTES = MAX_PIXELS * 8 + 2**20


def _read_image_file(path: Path) -> bytes:
    """The bytes of `path`, refusing what cannot be an image before reading it: a directory,
    a device or pipe (which could block or never end) and anything larger than MAX_PIXELS."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableImage(f"{path}: a directory, not an image file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableImage(f"{path}: not a regular file")
        if info.st_size > _MAX_FILE_BYTES:
            raise UnreadableImage(f"{path}: {info.st_size // 2**20} MB, too large for an image")
        # read, then decode: cv2.imread cannot open non-ASCII paths on Windows
        with path.open("rb") as file:
            data = file.read(_MAX_FILE_BYTES)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise UnreadableImage(f"{path}: {getattr(error, 'strerror', None) or error}") from None
    if not data:
        raise UnreadableImage(f"{path}: an empty file")
    return data


def _check_header(path: Path, data: bytes) -> str:
    """The format named by the header ("PNG", "JPEG", ...), once its size is known to be within
    MAX_PIXELS. Pillow reads only the header here; OpenCV has no way to."""
    limit = f"the limit is {MAX_PIXELS // 10**6} megapixels, so it was not decoded"
    try:
        with Image.open(io.BytesIO(data)) as image:
            (width, height), kind = image.size, image.format or "image"
    # Pillow's own limit, far above ours: an error at twice it, a warning (an error too where
    # warnings are) above it. Not silenced here: warnings.catch_warnings is not thread-safe.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        claim = (Image.MAX_IMAGE_PIXELS or 0) // 10**6
        raise UnreadableImage(
            f"{path}: its header claims over {claim} megapixels; {limit}"
        ) from None
    except Exception:  # each Pillow plugin fails in its own way on a damaged header
        if data[:4] in (b"II*\0", b"MM\0*"):  # a TIFF Pillow cannot size: 64-bit float, ...
            raise UnreadableImage(
                f"{path}: a TIFF of a sample format that cannot be read (such as 64-bit float), "
                "or a damaged one; save it as 8- or 16-bit"
            ) from None
        raise UnreadableImage(f"{path}: not an image file, or its header is damaged") from None
    if width * height > MAX_PIXELS:
        raise UnreadableImage(f"{path}: {width}×{height} pixels; {limit}")
    return kind


def quiet_codecs() -> None:
    """Silences OpenCV's log and Pillow's warnings about a bad file, which UnreadableImage
    already reports, for a command that prints one line per file. Process-wide, so not for
    the kiosk itself, whose camera trouble OpenCV's log explains."""
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    warnings.filterwarnings("ignore", module=r"PIL\.")


def to_gray(image: np.ndarray) -> np.ndarray:
    """Gray, gray+alpha, BGR or BGRA of any real depth to contiguous 8-bit gray. 8-bit pixels
    stay as they are; any other depth (16-bit, signed, float) is stretched to 0..255 over its
    finite values, so 12-bit data in 16 bits or a float image in 0..1 keeps its contrast.
    Transparent, NaN and infinite pixels become white paper. ValueError for an array that is
    no image: empty, 1-D or 4-D, 5 channels, complex, object, ..."""
    if not isinstance(image, np.ndarray) or image.ndim not in (2, 3) or image.size == 0:
        got = f"shape {image.shape}" if isinstance(image, np.ndarray) else type(image).__name__
        raise ValueError(f"expected a gray, BGR or BGRA image as a numpy array, got {got}")
    channels = 1 if image.ndim == 2 else image.shape[2]
    if not 1 <= channels <= 4:
        raise ValueError(f"expected 1 to 4 channels (gray, gray+alpha, BGR, BGRA), got {channels}")
    if image.dtype.kind not in "biuf":
        raise ValueError(f"expected real-valued pixels, got {image.dtype}")
    if not image.dtype.isnative:
        image = image.astype(image.dtype.newbyteorder("="))
    if image.dtype == np.bool_:
        image = image.view(np.uint8) * np.uint8(255)
    if channels >= 3:
        colour = image[:, :, :3]
        if colour.dtype not in (np.uint8, np.uint16, np.float32):  # the depths cvtColor takes
            colour = colour.astype(np.float32)
        gray = _eight_bit(cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY))
    else:
        gray = _eight_bit(image if image.ndim == 2 else image[:, :, 0])
    if channels in (2, 4):
        opacity = _opacity(image[:, :, channels - 1])
        gray = (gray * opacity + 255.0 * (1.0 - opacity)).astype(np.uint8)
    return np.ascontiguousarray(gray)


def _eight_bit(gray: np.ndarray) -> np.ndarray:
    """Any depth to uint8, stretched over the finite values; the rest becomes white."""
    if gray.dtype == np.uint8:
        return gray
    with np.errstate(all="ignore"):  # a float64 beyond float32 becomes inf, handled as NaN
        values = gray.astype(np.float32)
        finite = np.isfinite(values)
        if finite.all():
            low, high = float(values.min()), float(values.max())
        elif finite.any():
            low, high = float(values[finite].min()), float(values[finite].max())
        else:
            return np.full(gray.shape, 255, np.uint8)
        scale = 255.0 / (high - low) if high > low else 0.0
        stretched = np.where(finite, (values - low) * scale + 0.5, 255.0)
        return np.clip(stretched, 0, 255).astype(np.uint8)


def _opacity(alpha: np.ndarray) -> np.ndarray:
    """Alpha as 0..1: integers over their type's full range, floats over 0..1 (or 0..255 when
    they go above 1, as a uint8 image converted with astype does); NaN counts as opaque."""
    if alpha.dtype.kind in "iu":
        full = float(np.iinfo(alpha.dtype).max)
    else:
        full = 255.0 if np.nanmax(alpha, initial=0.0) > 1.0 else 1.0
    with np.errstate(all="ignore"):
        opacity = alpha.astype(np.float32) / np.float32(full)
        return np.clip(np.nan_to_num(opacity, nan=1.0), 0.0, 1.0)


def _thinned(image: ImageSource) -> ImageSource:
    """A view of every n-th pixel of an array too large to decode quickly (or at all: zxing-cpp
    takes at most 65535 pixels a side). A code in such an image has modules many pixels wide,
    so it survives; this costs nothing, where a resize would touch every pixel."""
    if not isinstance(image, np.ndarray) or image.ndim < 2:
        return image
    height, width = image.shape[:2]
    step = max(
        math.ceil(math.sqrt(height * width / MAX_PIXELS)), math.ceil(max(height, width) / _MAX_SIDE)
    )
    return image[::step, ::step] if step > 1 else image


# --- rescue of warped symbols ---------------------------------------------------------------


def _rescue(
    gray: np.ndarray, symbol: zxingcpp.Barcode, options: DecoderOptions
) -> DecodedCode | None:
    """zxing-cpp found this symbol but could not read it, typically a code printed on cloth or
    a curved surface. Its corners are then off by a fraction of a module; sample the module
    grid again from slightly moved corners and let Reed-Solomon accept or reject each try."""
    version = _qr_version(symbol)
    if version is None:
        return None
    side = version * _MODULES_PER_VERSION + 17
    cell = 8  # pixels per module in the rectified image
    corners = np.float32([[x, y] for x, y in _corners(symbol.position)])
    module = float(np.linalg.norm(corners[1] - corners[0])) / side
    target = np.float32([[0, 0], [side * cell, 0], [side * cell, side * cell], [0, side * cell]])
    rng = np.random.default_rng(_RESCUE_SEED)
    for attempt in range(options.rescue_attempts):
        moved = corners
        if attempt:
            moved = corners + rng.uniform(-0.4, 0.4, corners.shape).astype(np.float32) * module
        warp = cv2.getPerspectiveTransform(moved, target)
        flat = cv2.warpPerspective(gray, warp, (side * cell, side * cell)).astype(np.float32)
        # the mean of each module's centre, thresholded against its neighbourhood
        inner = slice(cell // 4, cell - cell // 4)
        modules = flat.reshape(side, cell, side, cell)[:, inner, :, inner].mean(axis=(1, 3))
        local = cv2.blur(modules, (7, 7), borderType=cv2.BORDER_REFLECT)
        dark = modules < local
        clean = np.where(dark, 0, 255).astype(np.uint8)
        clean = np.pad(clean, 4, constant_values=255).repeat(3, axis=0).repeat(3, axis=1)
        for barcode in zxingcpp.read_barcodes(
            clean, formats=_QR_FAMILY, is_pure=True, text_mode=zxingcpp.TextMode.HexECI
        ):
            if barcode.valid and barcode.format != _NONE:
                code = _from_zxing(barcode, options.shift_jis)
                return DecodedCode(
                    code.text, code.raw, code.symbology, _corners(symbol.position), "zxing-rescue"
                )
    return None


# --- pyzbar, the second opinion -------------------------------------------------------------


def zbar_decode(image: np.ndarray, *, shift_jis: bool = True) -> list[DecodedCode]:
    """zbar through pyzbar's ctypes layer, because pyzbar.decode() cannot ask for the raw bytes:
    by default zbar guesses a character set and hands back its own UTF-8, which garbles GBK."""
    from pyzbar import wrapper as zbar  # loads libzbar; absent on some machines

    gray = to_gray(image)
    scanner = zbar.zbar_image_scanner_create()
    image = zbar.zbar_image_create()
    try:
        zbar.zbar_image_scanner_set_config(scanner, 0, zbar.ZBarConfig.CFG_ENABLE, 0)
        for setting in (b"qrcode.enable", b"qrcode.binary"):
            symbology, config, value = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
            parsed = zbar.zbar_parse_config(
                setting, ctypes.byref(symbology), ctypes.byref(config), ctypes.byref(value)
            )
            if parsed == 0:  # an old zbar without "binary" keeps its own text conversion
                zbar.zbar_image_scanner_set_config(
                    scanner, symbology.value, config.value, value.value
                )
        height, width = gray.shape
        pixels = gray.tobytes()
        zbar.zbar_image_set_format(image, int.from_bytes(b"Y800", "little"))
        zbar.zbar_image_set_size(image, width, height)
        zbar.zbar_image_set_data(image, ctypes.cast(pixels, ctypes.c_void_p), len(pixels), None)
        if zbar.zbar_scan_image(scanner, image) <= 0:
            return []
        codes = []
        symbol = zbar.zbar_image_first_symbol(image)
        while symbol:
            length = zbar.zbar_symbol_get_data_length(symbol)
            raw = ctypes.string_at(zbar.zbar_symbol_get_data(symbol), length)
            points = tuple(
                (zbar.zbar_symbol_get_loc_x(symbol, i), zbar.zbar_symbol_get_loc_y(symbol, i))
                for i in range(zbar.zbar_symbol_get_loc_size(symbol))
            )
            codes.append(
                DecodedCode(decode_text(raw, shift_jis=shift_jis), raw, "QRCode", points, "zbar")
            )
            symbol = zbar.zbar_symbol_next(symbol)
        return codes
    finally:
        zbar.zbar_image_destroy(image)
        zbar.zbar_image_scanner_destroy(scanner)
