"""What the kiosk prints for appointments: the booking slip (time, place, matter and the
booking's QR code, which checks in at a kiosk), the queue ticket whose number is by far its
biggest line, and the slip of a home-service request; each goes through
`slip_privacy.guarded`, the rule every slip follows."""

from __future__ import annotations

from district.models import Booking, HomeService
from drivers.base import DeviceError
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Rule, Text, TextSize
from kiosk.appointment_words import SHANGHAI, AppointmentWords
from kiosk.config import Site
from kiosk.slip_privacy import guarded
from kiosk.submitting import Printer


def try_print(printer: Printer, document: Document, timeout: float) -> str:
    """Print and wait; what went wrong, or "" when it printed."""
    try:
        printer.print_document(document, timeout).result()
    except DeviceError as error:
        return error.message
    return ""


def _site_name(site: Site, words: AppointmentWords) -> str:
    return site.name_zh if words.zh else site.name_en


def booking_slip(booking: Booking, words: AppointmentWords, *, site: Site, done_note: str,
                 large_print: bool) -> Document:
    t, slot = words.t, booking.slot
    body = TextSize.LARGE if large_print else TextSize.NORMAL  # large print: doubled both ways
    when = TextSize.HUGE if large_print else TextSize.LARGE  # and the time still the biggest
    centre = slot.centre_id
    blocks: list = [
        Text(_site_name(site, words), bold=True, align=Align.CENTER),
        Text(t("slip.booking_title"), size=body, bold=True, align=Align.CENTER),
        Rule(),
        Text(t("slip.when"), size=body, align=Align.CENTER),
        Text(words.day(slot.day), size=when, bold=True, align=Align.CENTER),
        Text(words.time(slot), size=when, bold=True, align=Align.CENTER),
        Rule(),
        Text(t("slip.row", label=t("slip.where"), value=words.centre_name(centre)), size=body),
        Text(t("slip.row", label=t("slip.address"), value=words.address(centre)), size=body),
        Text(t("slip.row", label=t("slip.matter"), value=words.matter(slot.matter)), size=body),
        Rule(),
        QrCode(booking.code, module_dots=6 if large_print else 5),
        Text(t("slip.scan_to_check_in"), size=body, align=Align.CENTER),
    ]
    if done_note:
        blocks.append(Text(done_note, size=body))
    blocks += [
        Text(t("receipt.helpline", helpline=site.helpline, kiosk=site.kiosk_id),
             align=Align.CENTER),
        Feed(2),
        Cut(),
    ]
    return guarded(Document(tuple(blocks), title=f"booking-{booking.id}"))


def queue_ticket(booking: Booking, words: AppointmentWords, *, site: Site) -> Document:
    """The queue number is the one double-size line: everything else stays normal size, even
    in large print, so nothing on the ticket competes with it."""
    t, slot = words.t, booking.slot
    return guarded(Document((
        Text(words.centre_name(slot.centre_id), bold=True, align=Align.CENTER),
        Text(t("ticket.title"), align=Align.CENTER),
        Rule(),
        Text(t("ticket.number"), align=Align.CENTER),
        Text(booking.queue_number or "", size=TextSize.LARGE, bold=True, align=Align.CENTER),
        Rule(),
        Text(t("slip.row", label=t("slip.matter"), value=words.matter(slot.matter))),
        Text(t("slip.row", label=t("slip.when"), value=words.when(slot))),
        Text(t("ticket.wait"), align=Align.CENTER),
        Text(t("receipt.helpline", helpline=site.helpline, kiosk=site.kiosk_id),
             align=Align.CENTER),
        Feed(2),
        Cut(),
    ), title=f"ticket-{booking.queue_number}"))


def home_service_slip(request: HomeService, words: AppointmentWords, *, site: Site,
                      done_note: str, large_print: bool) -> Document:
    t = words.t
    body = TextSize.LARGE if large_print else TextSize.NORMAL
    kind = TextSize.HUGE if large_print else TextSize.LARGE
    blocks: list = [
        Text(_site_name(site, words), bold=True, align=Align.CENTER),
        Text(t("slip.home_title"), size=body, bold=True, align=Align.CENTER),
        Rule(),
        Text(words.home_kind(request.kind), size=kind, bold=True, align=Align.CENTER),
        Text(t("slip.row", label=t("slip.matter"), value=words.matter(request.matter)),
             size=body),
        Text(t("slip.row", label=t("slip.status"), value=words.home_status(request.status)),
             size=body),
        Text(t("slip.row", label=t("slip.requested_at"),
               value=request.created_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")),
             size=body),
        Rule(),
    ]
    if done_note:
        blocks.append(Text(done_note, size=body))
    blocks += [
        Text(t("receipt.helpline", helpline=site.helpline, kiosk=site.kiosk_id),
             align=Align.CENTER),
        Feed(2),
        Cut(),
    ]
    return guarded(Document(tuple(blocks), title=f"home-service-{request.id}"))
