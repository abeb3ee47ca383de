"""The record screens' part of the visit and of the screen state (kiosk/record_desk.py does
the work): what is fetched, shared or printed, and what the preview shows of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from district.models import RecordShare
from kiosk.config import LOCAL_TIME
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.records import Printable

S = ScreenName
RECORD_SCREENS = frozenset({S.RECORD_PREVIEW, S.RECORD_DONE})
PREVIEW_ROWS = 3  # the first rows the preview shows (2 in large print)


@dataclass(eq=True)
class RecordVisit:
    kind: str = ""  # the platform's record kind (Service.record)
    service_id: str = ""
    made: Printable | None = None  # fetched and laid out
    share: RecordShare | None = None  # the one-time code for the phone, once asked for
    a4: bool = True  # the kiosk's printer prints A4 (else only the phone is offered)
    busy: str = ""  # "fetch", "print" or "share" while one is on its way
    problem: str = ""  # a message key: what went wrong and what to do
    printed: bool | None = None  # None: not printed (yet)


@dataclass(frozen=True)
class RecordView:
    """The record screens' part of the state."""

    title: str
    pages: str  # "共 3 页 A4 纸"
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first few, masked, large
    more: str  # "还有 33 行"
    header: tuple[tuple[str, str], ...]
    busy: str  # plain words while waiting, else ""
    problem: str
    ready: bool  # the record is here: 打印 and 存到手机 may be touched
    can_print: bool  # the printer prints A4; else a line says to take it on the phone
    share_url: str  # the one-time URL for the big QR code ("" when printing)
    share_until: str
    printed: bool | None


def present(r: RecordVisit, language: str, display_mode: str, t) -> RecordView:
    made = r.made
    rows = made.rows[:PREVIEW_ROWS if display_mode not in LARGE_PRINT else 2] if made else ()
    title = ""
    if made is not None:
        title = made.title_zh if language.startswith("zh") else made.title_en
    busy = {"fetch": "record.loading", "print": "record.printing", "share": "record.sharing"}
    return RecordView(
        title=title,
        pages=t("record.pages", pages=made.pages) if made else "",
        columns=made.columns if made else (),
        rows=rows,
        more=t("record.rows_more", rows=len(made.rows) - len(rows))
        if made and len(made.rows) > len(rows) else "",
        header=made.header if made else (),
        busy=t(busy[r.busy]) if r.busy else "",
        problem=t(r.problem) if r.problem else "",
        ready=made is not None and not r.busy,
        can_print=r.a4,
        share_url=r.share.url if r.share else "",
        share_until=r.share.expires_at.astimezone(LOCAL_TIME).strftime("%H:%M")
        if r.share else "",
        printed=r.printed,
    )
