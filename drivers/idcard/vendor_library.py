"""An ID card reader driven through the vendor's C library (InitComm / Authenticate /
Read_Content / CloseComm style) with ctypes. Which library, which entry points and where it
leaves the card's text and photo are configuration, not code."""

from __future__ import annotations

import contextlib
import ctypes
from dataclasses import dataclass, replace
from pathlib import Path

from drivers.base import (
    Actor,
    Backoff,
    CardInserted,
    CardRead,
    CardRemoved,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
    MediaState,
)
from drivers.idcard.card import IdCard
from drivers.idcard.textblock import TextBlockError, decode_text_block


@dataclass(frozen=True)
class VendorLibraryConfig:
    library: str  # path of the .so / .dll
    port: int | str = 1001  # what InitComm takes: commonly 1..16 for COM ports, 1001.. for USB
    init: str = "InitComm"  # int init(int port), or int init(const char *port) for a str port
    authenticate: str = "Authenticate"  # int authenticate(void): finds and selects a card
    read: str = "Read_Content"  # int read(int argument): writes the files below
    close: str = "CloseComm"  # int close(void)
    read_argument: int = 1  # 1: text and photo, in the usual libraries
    success: int = 1  # what the entry points return when they succeed
    output_dir: str = "."  # where the library writes its files; many use the working directory
    text_file: str = "wz.txt"  # the 256-byte UTF-16LE text block
    photo_file: str = "xp.wlt"  # the raw 1024-byte photo; "" if the library writes none
    stdcall: bool = False  # Windows libraries built with __stdcall (loaded with WinDLL)


class VendorLibraryReader(Device):
    kind = "idcard"
    capabilities = frozenset({"read_text", "read_photo", "card_removal"})

    def __init__(
        self,
        config: VendorLibraryConfig,
        name: str = "idcard",
        *,
        poll_interval: float = 0.3,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, poll_interval=max(poll_interval, 0.3), backoff=backoff)
        self.config = config
        self._library: ctypes.CDLL | None = None
        self._media = MediaState.UNKNOWN
        self._card_read = False

    # --- device hooks ---------------------------------------------------------------------------

    def _open(self) -> None:
        self._media, self._card_read = MediaState.UNKNOWN, False
        library = self._load()
        if self._call(library, self.config.init, self.config.port) != self.config.success:
            raise DeviceError(
                f"{self.config.library}: {self.config.init}({self.config.port!r}) found no "
                "reader; check the cable and the port number",
                actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="no_device",
            )
        self._library = library

    def _close(self) -> None:
        if self._library is not None:
            with contextlib.suppress(DeviceError):
                self._call(self._library, self.config.close)
            self._library = None
        if self._media == MediaState.PRESENT:
            self._emit(CardRemoved(self.name))  # nobody knows where the card went meanwhile
        self._media = MediaState.UNKNOWN

    def _read_status(self) -> DeviceStatus:
        if self._library is None:
            raise DeviceError(f"{self.config.library}: not open", state=DeviceState.OFFLINE)
        return DeviceStatus(DeviceState.ONLINE, media=self._media)

    def _poll(self) -> None:
        library = self._library
        if library is None:
            raise DeviceError(f"{self.config.library}: not open", state=DeviceState.OFFLINE)
        # As with the raw protocol, authentication fails after a read until the card has
        # left the field and come back: failing after a success means it was taken.
        if self._call(library, self.config.authenticate) != self.config.success:
            if self._media == MediaState.PRESENT:
                self._emit(CardRemoved(self.name))
            self._set_media(MediaState.ABSENT)
            self._card_read = False
            return
        if self._media != MediaState.PRESENT:
            self._card_read = False
            self._emit(CardInserted(self.name))
            self._set_media(MediaState.PRESENT)
        if not self._card_read:
            card = self._read_card(library)
            self._card_read = True
            self._emit(CardRead(self.name, card))

    # --- the library ----------------------------------------------------------------------------

    def _load(self) -> ctypes.CDLL:
        loader = getattr(ctypes, "WinDLL", ctypes.CDLL) if self.config.stdcall else ctypes.CDLL
        try:
            return loader(self.config.library)
        except OSError as error:
            raise DeviceError(
                f"{self.config.library}: cannot load the reader library ({error})",
                actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="no_library",
            ) from None

    def _call(self, library: ctypes.CDLL, entry: str, *args: int | str) -> int:
        try:
            function = getattr(library, entry)
        except AttributeError:
            raise DeviceError(
                f"{self.config.library}: has no entry point {entry!r}; check the reader config",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="no_entry_point",
            ) from None
        function.restype = ctypes.c_int
        converted = [arg.encode() if isinstance(arg, str) else ctypes.c_int(arg) for arg in args]
        return int(function(*converted))

    def _read_card(self, library: ctypes.CDLL) -> IdCard:
        folder = Path(self.config.output_dir)
        text_path = folder / self.config.text_file
        photo_path = folder / self.config.photo_file if self.config.photo_file else None
        # A file left from an earlier card must never pass for this one.
        self._remove(text_path, photo_path)
        try:
            result = self._call(library, self.config.read, self.config.read_argument)
            if result != self.config.success:
                raise DeviceError(f"reading the card failed ({self.config.read} returned {result})",
                                  actor=Actor.PROGRAM, state=DeviceState.ONLINE,
                                  code="read_failed")
            try:
                text = text_path.read_bytes()
                photo = photo_path.read_bytes() if photo_path else b""
            except OSError as error:
                raise DeviceError(
                    f"{self.config.read} wrote no {error.filename}; check output_dir in the "
                    "reader config", actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR,
                    code="no_output",
                ) from None
            try:
                return decode_text_block(text, photo)
            except TextBlockError as error:
                raise DeviceError(f"card data unreadable: {error}", actor=Actor.PROGRAM,
                                  state=DeviceState.USER_ERROR, code="bad_card_data") from None
        finally:
            self._remove(text_path, photo_path)  # personal data does not stay on disk

    @staticmethod
    def _remove(*paths: Path | None) -> None:
        for path in paths:
            if path is not None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

    def _set_media(self, media: MediaState) -> None:
        self._media = media
        self._set_status(replace(self.status, media=media))
