"""The ESC/POS status parser on hostile replies: real status bytes (an idle printer, cover
open, paper low and out, cutter jam, as an Epson-style printer answers DLE EOT 1 to 4),
mutated, and any bytes or none at all. Nothing raises; each reply is one of the states a
device has; a reply that is no status byte counts as no answer, never as "paper OK"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drivers.base import DeviceState, PaperState
from drivers.printer.status import QUERIES, PrinterStatus, is_valid_reply
from tests.property.mutations import bounded, mutated

OK = 0x12  # 0001 0010: the fixed bits and nothing else
REAL = [bytes([OK]), bytes([OK | 0x08]), bytes([OK | 0x04]), bytes([OK | 0x20]),
        bytes([OK | 0x40]), bytes([OK | 0x0C]), bytes([OK | 0x60]), bytes([OK | 0x28])]
REPLY = st.one_of(st.none(), st.binary(max_size=6), mutated(REAL, head=1), st.sampled_from(REAL))


@bounded(400)
@given(st.dictionaries(st.sampled_from([*QUERIES, 0, 5, 255]), REPLY, max_size=6))
def test_any_replies_give_a_device_status_and_never_raise(replies):
    status = PrinterStatus.from_replies(replies)
    device = status.device_status()
    assert isinstance(device.state, DeviceState) and isinstance(device.paper, PaperState)
    assert "\n" not in status.describe() and "\n" not in device.detail
    for n, byte in zip(QUERIES, status.replies(), strict=True):
        reply = replies.get(n)
        if byte is None:
            assert not reply or len(reply) != 1 or not is_valid_reply(reply[0])
        else:
            assert reply == bytes([byte])
    if status.printer is None:
        assert device.state == DeviceState.OFFLINE
    if status.paper_sensor is None and not status.stopped_by_paper_end:
        assert device.paper == PaperState.UNKNOWN
