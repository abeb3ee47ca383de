"""What a development copy of a printed document may hold (`[privacy] printed_copies`, the
simulated printer's folder): every text masked as a log line is (ID and mobile numbers, the
present resident's name and address, kiosk/log_book.py), a QR code kept only when it opens
an https address (an offline code's QR is a credential: the copy says where it was), and an
A4 record's PDF replaced by its blocks, so the copy can be masked too."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from drivers.printer.document import Align, Document, QrCode, Text
from kiosk.config import Privacy
from kiosk.log_book import masked

log = logging.getLogger(__name__)
DAY = 24 * 3600

QR_LEFT_OUT = "[QR]"


def masked_copy(document: Document) -> Document:
    blocks = []
    for block in document.blocks:
        if isinstance(block, Text):
            block = replace(block, text=masked(block.text))
        elif isinstance(block, QrCode) and not block.data.startswith("https://"):
            block = Text(QR_LEFT_OUT, align=Align.CENTER)
        blocks.append(block)
    return replace(document, blocks=tuple(blocks), pdf=None)


def sweep(folder: Path, privacy: Privacy, now: float | None = None) -> int:
    """At start: copies past `retention_days` go, and every copy when copies are off (an
    older kiosk kept them all, some in full). Returns how many files went."""
    keep = privacy.retention_days * DAY if privacy.printed_copies else 0.0
    until = (time.time() if now is None else now) - keep
    gone = 0
    try:
        found = [path for path in folder.iterdir() if path.suffix in (".pdf", ".png")]
    except OSError:
        return 0  # no folder: nothing kept
    for path in found:
        try:
            if path.stat().st_mtime <= until:
                path.unlink()
                gone += 1
        except OSError as error:
            log.warning("%s: cannot remove an old printed copy: %s; remove it by hand",
                        path, error.strerror or error)
    if gone:
        log.info("%s: %d printed copies removed ([privacy])", folder, gone)
    return gone
