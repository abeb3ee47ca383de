"""随申码: the QR code a resident's phone shows. The kiosk resolves it once through the platform
(a code is short-lived and single-use) into who it stands for; that person then follows the
card's path: the card rules, the consent screen, then the profile. The code itself is a
credential: it is never logged."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Identity
from drivers.idcard.card import CardType, IdCard
from kiosk.view import Notice

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)

PREFIX = "SSM:"
CODE = re.compile(r"^SSM:[A-Za-z0-9_-]{32}$")
ISSUER = "随申码"
# Refusals the resident can do something about: the phone shows a fresh code in a tap.
REFRESH = frozenset({"code_expired", "code_used", "not_found", "invalid"})


def looks_like_code(text: str) -> bool:
    """A scan meant as a 随申码 (well formed or not): it is answered as one."""
    return text.strip().upper().startswith(PREFIX)


def card_from(identity: Identity) -> IdCard:
    """The person a code stands for, as the card the rest of the visit knows: no address and
    no photo, issued by 随申码. A code carries no issue date; the birth date stands in, so
    the card rules still weigh the dates it does carry."""
    return IdCard(name=identity.name, sex=identity.sex, ethnicity="",
                  birth_date=identity.birth_date, address="", id_number=identity.id_number,
                  issuer=ISSUER, valid_from=identity.birth_date, valid_to=identity.valid_to,
                  card_type=CardType(identity.card_type))


class CodeDesk:
    """Resolves a scanned 随申码 as a job of the visit and hands the card it makes to
    `card_read` (the visit mode's card path); a refusal becomes a calm notice."""

    def __init__(self, kiosk: Kiosk, mode: VisitMode, card_read: Callable[[IdCard], None]
                 ) -> None:
        self.kiosk, self.mode, self._card_read = kiosk, mode, card_read

    def scan(self, text: str) -> None:
        visit = self.kiosk.session.visit
        if visit.resolving_code:
            return  # one code at a time; a second scan of it would only be refused as used
        text = text.strip()
        if CODE.fullmatch(text) is None:
            log.info("随申码 not well formed; not sent")
            self._refused("not_found")
            return
        visit.resolving_code = True
        platform = self.kiosk.platform
        self.kiosk.run_job("suishen_code", lambda: platform.resolve_code(text),
                           lambda result: self.mode.at_place(lambda: self._resolved(result)))

    def _resolved(self, result: Any) -> None:
        self.kiosk.session.visit.resolving_code = False
        if isinstance(result, Identity):
            self._card_read(card_from(result))
        elif isinstance(result, PlatformRefused):
            log.info("随申码 refused by the platform: %s", result.reason)
            self.kiosk.audit_visit("identification.refused", kind="suishen_code",
                                   reason=result.reason)
            self._refused(result.reason)
        elif isinstance(result, PlatformUnavailable):
            log.warning("随申码 not resolved: %s", result)
            self.mode.notice(Notice("notice.code_refused.title", "notice.code_refused.offline",
                                    tone="problem"))
        else:
            log.error("随申码 not resolved: %s", type(result).__name__)
            self._refused("not_found")

    def _refused(self, reason: str) -> None:
        body = "notice.code_refused.refresh" if reason in REFRESH else \
            "notice.code_refused.other"
        self.mode.notice(Notice("notice.code_refused.title", body, tone="problem"))
