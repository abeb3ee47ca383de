"""Maintenance's log page: the kiosk's recent log lines (`Kiosk.log_book`, already masked),
newest first, filtered by level (all, info, warning, error) and by words typed on the app's
own keyboard, a few lines a page. The keyboard opens in place of the lines while typing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from kiosk.catalogue_view import KeyboardView, keyboard_view
from kiosk.keyboard import KeyboardState, press

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

LEVELS = {"all": "DEBUG", "info": "INFO", "warning": "WARNING", "error": "ERROR"}
SHANGHAI = ZoneInfo("Asia/Shanghai")
SHOWN = 200  # the newest lines looked through
MESSAGE_CHARS = 240  # a line longer than this is cut (its start says what happened)


def lines_per_page(display_mode: str) -> int:
    return 2 if display_mode in ("large", "care") else 3


@dataclass(frozen=True)
class LogRow:
    at: str  # HH:MM:SS, Shanghai time
    level: str  # DEBUG, INFO, WARNING, ERROR
    level_words: str
    logger: str
    message: str


@dataclass(frozen=True)
class LogsView:
    level: str  # all, info, warning, error
    query: str  # the words searched for
    typing: bool  # the keyboard is open
    keyboard: KeyboardView
    rows: tuple[LogRow, ...]  # this page's
    found: int
    page: int
    pages: int
    message: str  # how many were found, or that none were


class LogPage:
    """The log page's desk (`MaintenanceMode.log_page`)."""

    field: ClassVar[str] = "logs"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.level = "all"
        self.board = KeyboardState(layout="abc")
        self.typing = False
        self.page = 0

    def open(self) -> None:
        self.level, self.board, self.typing, self.page = "all", KeyboardState(layout="abc"), \
            False, 0

    def filter(self, level: str) -> None:
        if level in LEVELS:
            self.level, self.page = level, 0
            self.kiosk.audit("maintenance.logs.filter", level)

    def type(self) -> None:
        """The keyboard opens over the lines."""
        self.typing = True

    def press(self, key: str) -> None:
        """A key of the keyboard; "search" closes it and shows what was found."""
        if key == "search":
            press(self.board, "space", self._vocabulary())  # pinyin letters stay letters
            self.typing, self.page = False, 0
            self.kiosk.audit("maintenance.logs.search", f"{len(self.board.text)} characters")
        elif press(self.board, key, self._vocabulary()):
            self.page = 0

    def turn(self, step: int) -> None:
        pages = max(1, -(-len(self._found()) // self._size()))
        self.page = max(0, min(pages - 1, self.page + step))

    def _found(self) -> list[Any]:
        return self.kiosk.log_book.lines(LEVELS[self.level], self.board.query.strip(), SHOWN)

    def _size(self) -> int:
        return lines_per_page(self.kiosk.session.visit.display_mode)

    def _vocabulary(self) -> Any:
        return self.kiosk.presenter.finding.vocabulary

    def present(self, t: Any) -> LogsView:
        mode = self.kiosk.session.visit.display_mode
        query = self.board.query.strip()
        found, size = self._found(), self._size()
        pages = max(1, -(-len(found) // size))
        page = min(self.page, pages - 1)
        rows = tuple(LogRow(line.at.astimezone(SHANGHAI).strftime("%H:%M:%S"), line.level,
                            t(f"maintenance.logs.level_{line.level.lower()}"), line.logger,
                            _cut(line.message))
                     for line in found[page * size:(page + 1) * size])
        if found:
            message = t("maintenance.logs.found", count=len(found))
        else:
            message = t("maintenance.logs.none")
        return LogsView(self.level, query, self.typing,
                        keyboard_view(self.board, self._vocabulary(), mode), rows, len(found),
                        page, pages, message)


def _cut(message: str) -> str:
    message = " ".join(message.split())  # a traceback's lines as one
    return message if len(message) <= MESSAGE_CHARS else message[:MESSAGE_CHARS] + "…"
