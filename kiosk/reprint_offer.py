"""A receipt that never printed (the kiosk stopped during its visit, or the printer failed):
when its resident identifies again within a day, recognised by the outbox's keyed hash of
their ID number, the kiosk offers that receipt again instead of a second submission."""

from __future__ import annotations

import logging

from kiosk.outbox import REPRINT_WINDOW, Item, Outbox, OutboxError
from kiosk.services.catalogue import Catalogue
from kiosk.view import Notice

log = logging.getLogger(__name__)


def unprinted(outbox: Outbox, catalogue: Catalogue, id_number: str,
              service_id: str | None = None) -> Item | None:
    """This resident's latest such submission (of `service_id`, if given), or None."""
    try:
        waiting = outbox.unprinted_for(id_number, outbox.now() - REPRINT_WINDOW)
    except OutboxError as error:
        log.error("outbox: %s", error)
        return None
    for item in waiting:
        submitted = item.service_id
        if submitted in catalogue and service_id in (None, submitted):
            return item
    return None


def offer(item: Item, catalogue: Catalogue, language: str) -> Notice:
    """The notice with its "print your receipt again" action."""
    service = catalogue.get(item.service_id)
    return Notice("notice.reprint.title", "notice.reprint.body", reprint=True,
                  params={"reference": item.reference,
                          "time": item.created_at.astimezone().strftime("%m-%d %H:%M"),
                          "service": service.title.get(language)})
