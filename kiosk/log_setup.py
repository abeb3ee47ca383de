"""The kiosk's log: `<data>/logs/kiosk.log`, one JSON object a line (python-json-logger: time
in UTC, level, logger, message, exception), rotated at `[logs] max_mb` with `[logs] files`
kept; the folder 0700 and its files 0600; ID and mobile numbers, and the present resident's
name and address (kiosk/log_book.py), masked in every value. `mask_every_record` masks each
record as it is made, so every handler (file, stderr, the log book, Python's last resort)
gets the masked line. A folder that cannot be written is one line on stderr, and the log
goes to stderr instead.
`attach` puts a kiosk's log book and error count on the root logger, and takes them off."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from kiosk.config import Settings
from kiosk.log_book import masked

FILE_NAME = "kiosk.log"
MB = 1024 * 1024


class MaskedJson(JsonFormatter):
    """One JSON object a line, every text in it masked."""

    def __init__(self) -> None:
        super().__init__("{levelname}{name}{message}", style="{", timestamp="time",
                         rename_fields={"levelname": "level", "name": "logger",
                                        "exc_info": "exception"},
                         json_ensure_ascii=False)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return {key: masked(value) if isinstance(value, str) else value
                for key, value in log_data.items()}


class PrivateRotatingFile(RotatingFileHandler):
    """RotatingFileHandler whose files only this user reads (the library opens with the
    umask's mode; a log line may name a reference or a device, which is nobody else's)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)  # a file left from before, or made under another umask
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def mask_every_record() -> None:
    """Every log record is masked as it is made (its message and any traceback), before any
    handler sees it. Installed once per process; later calls do nothing."""
    making = logging.getLogRecordFactory()
    if getattr(making, "masks", False):
        return

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = making(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: the handler reports it, as it would
            return record
        record.msg, record.args = masked(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = masked(_TRACEBACKS.formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = masked(record.stack_info)
        return record

    masked_record.masks = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked_record)


_TRACEBACKS = logging.Formatter()


def log_folder(settings: Settings) -> Path:
    return settings.data_dir / "logs"


def configure(settings: Settings, stderr: Any = None) -> logging.Handler:
    """The log's handler on the root logger at `[logs] level`; returns it (`remove` takes it
    off again)."""
    stderr = stderr or sys.stderr
    mask_every_record()
    folder = log_folder(settings)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        handler: logging.Handler = PrivateRotatingFile(
            folder / FILE_NAME, maxBytes=int(settings.logs.max_mb * MB),
            backupCount=settings.logs.files, encoding="utf-8")
    except OSError as error:
        print(f"logs: cannot write {folder} ({error.strerror or error}); logging to stderr "
              "instead: make the folder writable by this user, or set the data directory",
              file=stderr)
        handler = logging.StreamHandler(stderr)
    handler.setFormatter(MaskedJson())
    handler.setLevel(settings.logs.level)
    root = logging.getLogger()
    root.setLevel(settings.logs.level)
    root.addHandler(handler)
    return handler


def remove(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()


def attach(*handlers: logging.Handler) -> Callable[[], None]:
    """Put `handlers` (a kiosk's log book, its error count) on the root logger; the returned
    call takes them off."""
    root = logging.getLogger()
    for handler in handlers:
        root.addHandler(handler)

    def detach() -> None:
        for handler in handlers:
            root.removeHandler(handler)

    return detach
