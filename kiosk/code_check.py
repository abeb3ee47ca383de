""""Is my paper code still valid?": a scanned offline code (TB1:…) or EU DCC (HC1:…) is
verified on the kiosk alone (`kiosk.verifier`, no network) and its result shown and spoken
(its plain message even with the voice off: the resident asked by scanning).
It needs no ID card; the visit keeps only what the screen shows (no hash, no salt), and the
code's text is never logged."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from district.codes.envelope import PREFIXES
from kiosk.offline_code_view import CheckVisit
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)
S = ScreenName


def looks_like_offline_code(text: str) -> bool:
    return text.strip().upper().startswith(PREFIXES)


class CodeCheckDesk:
    def __init__(self, kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    def scan(self, text: str) -> None:
        verdict = self.kiosk.verifier.verify(text)
        claims = verdict.claims
        log.info("code checked: %s (%s)", verdict.outcome.value, verdict.reason)
        self.kiosk.session.visit.code_check = CheckVisit(
            outcome=verdict.outcome.value,
            name=claims.name if claims else "",
            group=claims.group.value if claims else "",
            expires_at=verdict.expires_at if verdict.outcome.value != "malformed" else None,
            ours=verdict.kind != "dcc")
        self.mode.show(S.CODE_CHECK)
        # "is my paper code still valid?" is asked by scanning it: the answer is heard
        self.kiosk.guide.say_public(verdict.message_key)

    def renew(self) -> None:
        """Get a new one here: home, then the offline-code service (the card is asked for)."""
        if self.mode.screen != S.CODE_CHECK:
            return
        self.mode.go_home()
        self.mode.choose_service("offline_code")
