"""The kiosk's recent log lines, kept in memory for maintenance mode's log page: a logging
handler on the root logger holding the last few thousand records, each masked as it
arrives (an ID or mobile number in the text keeps only its ends, the resident's name its
first and last characters), so nothing personal is shown to a technician or kept in memory
beyond the masked line. The JSON log file masks with the same `masked`."""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk import slip_privacy

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
KEPT = 2000


@dataclass(frozen=True)
class LogLine:
    at: datetime  # UTC
    level: str  # DEBUG, INFO, WARNING, ERROR (CRITICAL counts as ERROR)
    logger: str
    message: str  # masked


class LogBook(logging.Handler):
    def __init__(self, kept: int = KEPT) -> None:
        super().__init__(level=logging.DEBUG)
        self._lines: deque[LogLine] = deque(maxlen=kept)
        self._lock_lines = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = str(record.msg)
        level = "ERROR" if record.levelno >= logging.ERROR else record.levelname
        if level not in LEVELS:
            level = "DEBUG"
        line = LogLine(datetime.fromtimestamp(record.created, UTC), level, record.name,
                       masked(message))
        with self._lock_lines:
            self._lines.append(line)

    def lines(self, level: str = "INFO", query: str = "", limit: int = 200) -> list[LogLine]:
        """The newest first: at `level` or above, holding `query` (any case), at most
        `limit` of them."""
        floor = LEVELS.index(level) if level in LEVELS else 0
        query = query.casefold()
        with self._lock_lines:
            kept = list(self._lines)
        found = [line for line in reversed(kept)
                 if LEVELS.index(line.level) >= floor
                 and (not query or query in line.message.casefold()
                      or query in line.logger.casefold())]
        return found[:limit]

    def last_error(self) -> LogLine | None:
        with self._lock_lines:
            return next((line for line in reversed(self._lines) if line.level == "ERROR"),
                        None)


_hidden: dict[str, str] = {}  # the present resident's name and address -> masked, for a visit
_hidden_lock = threading.Lock()


def hide_name(name: str) -> None:
    """Mask this name in every log line until `forget_names` (the visit's wipe). The code
    logs references and service ids, not residents: this is for a line that slips through
    (a driver's or a library's message quoting what it read)."""
    _hide(name, slip_privacy.name(name))


def hide_address(address: str) -> None:
    """Mask this address (to its city and district) until `forget_names`, as a name is;
    its street and room alone too."""
    shown = slip_privacy.address(address)
    _hide(address, shown)
    street = address.strip()[len(shown) - len(slip_privacy.HIDDEN * 3):]
    if len(street) >= 4:
        _hide(street, slip_privacy.HIDDEN * 3)


def _hide(value: str, shown: str) -> None:
    value = value.strip()
    if len(value) >= 2 and shown != value:
        with _hidden_lock:
            _hidden[value] = shown


def forget_names() -> None:
    with _hidden_lock:
        _hidden.clear()


def masked(text: str) -> str:
    """A log line with ID and mobile numbers masked, and the present resident's name and
    address."""
    text = slip_privacy.in_text(text)
    with _hidden_lock:
        hidden = sorted(_hidden.items(), key=lambda pair: len(pair[0]), reverse=True)
    for value, shown in hidden:
        text = text.replace(value, shown)
    return text
