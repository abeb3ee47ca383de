"""A simulated ID card reader: the developer panel and tests place and remove cards."""

from __future__ import annotations

from dataclasses import replace

from drivers.base import (
    Actor,
    CardInserted,
    CardRead,
    CardRemoved,
    DeviceError,
    DeviceState,
    DeviceStatus,
    MediaState,
)
from drivers.idcard.card import IdCard
from drivers.simulated import SimulatedDevice


class SimulatedIdCardReader(SimulatedDevice):
    kind = "idcard"
    capabilities = frozenset({"read_text", "read_photo", "card_removal"})

    def __init__(self, name: str = "idcard") -> None:
        super().__init__(name)
        self._card: IdCard | None = None
        self._reported: IdCard | None = None
        self._unreadable = False

    def place(self, card: IdCard) -> None:
        self._card = card

    def remove(self) -> None:
        self._card = None
        self._unreadable = False

    def place_unreadable(self) -> None:
        """A worn or dirty card: the reader sees it but cannot read it."""
        self._unreadable = True

    def _read_status(self) -> DeviceStatus:
        self._require_plugged()
        media = MediaState.PRESENT if self._reported else MediaState.ABSENT
        return DeviceStatus(DeviceState.ONLINE, media=media)

    def _poll(self) -> None:
        self._require_plugged()
        if self._unreadable:
            self._unreadable = False
            raise DeviceError("reading the card failed", actor=Actor.PROGRAM,
                              state=DeviceState.ONLINE, code="read_failed")
        card = self._card
        if card is self._reported:
            return
        if self._reported is not None:
            self._reported = None
            self._emit(CardRemoved(self.name))
        if card is not None:
            self._emit(CardInserted(self.name))
            self._reported = card
            self._emit(CardRead(self.name, card))
        media = MediaState.PRESENT if self._reported else MediaState.ABSENT
        self._set_status(replace(self.status, media=media))
