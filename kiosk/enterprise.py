"""企业: a company arrives by its e-business licence's QR code. The kiosk weighs the code's
check character itself before anything is sent, then shows the company (its name, the legal
representative masked) and asks for the ID card of the representative or of an agent the
company authorised; the consent then names the company (`on_behalf_of`), and the platform
refuses anyone else, calmly. The company's page (企业专属网页) is the landing."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from district.contract import PlatformRefused
from district.credit_code import credit_code_ok
from district.models import Consent, Enterprise
from drivers.base import CodeScanned
from kiosk.view import Notice, ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)
S = ScreenName

# 统一社会信用代码: 18 characters of GB 32100's alphabet (no I, O, S, V, Z)
SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
# The demo licence's QR code: the national publicity system's page for the company.
LICENCE_URL = "https://www.gsxt.gov.cn/corp-query-entprise-info.html?uniscid={code}"


def credit_code_in(text: str) -> str | None:
    """The credit code a scan carries: an e-business licence's URL with `uniscid=`, or the
    bare 18 characters; None for anything else. Its check character is not weighed here."""
    text = text.strip()
    if SHAPE.fullmatch(text):
        return text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        return None
    values = parse_qs(parts.query).get("uniscid", [])
    code = values[0].strip().upper() if len(values) == 1 else ""
    return code if SHAPE.fullmatch(code) else None


@dataclass
class EnterpriseVisit:
    credit_code: str = ""  # "" : not an enterprise's visit
    company: Enterprise | None = None
    looking_up: bool = False
    problem: str = ""  # a message key: not found, offline, a person not authorised


@dataclass(frozen=True)
class EnterpriseView:
    """The company on the screen that asks for the representative's or agent's card."""

    name: str = ""
    credit_code: str = ""
    representative: str = ""  # masked
    kind: str = ""
    busy: bool = False
    problem: str = ""
    retry: bool = False  # the company could not be looked up: 再试一次


class EnterpriseDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    @property
    def state(self) -> EnterpriseVisit:
        return self.kiosk.session.visit.enterprise

    @property
    def active(self) -> bool:
        return bool(self.state.credit_code)

    def scan(self, text: str, code: str) -> None:
        """A licence's code (`text` as scanned, `code` the credit code in it): checked here,
        then the company looked up."""
        if not credit_code_ok(code):
            log.info("business licence code refused on the kiosk: its check character is wrong")
            self.mode.notice(Notice("notice.enterprise_code.title",
                                    "notice.enterprise_code.body", tone="problem"))
            return
        visit = self.kiosk.session.visit
        if self.state.credit_code == code and visit.resident is None:
            self.mode.show(S.ENTERPRISE)  # the same licence again: carry on
            return
        if visit.resident is not None or visit.waiting_card is not None or self.active:
            # Someone is here as themselves (or for another company): a company's matters
            # begin a visit of their own, as a second card does.
            self.kiosk.end_visit("a company's licence")
            self.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))
            return
        self.kiosk.session.visit.enterprise = EnterpriseVisit(credit_code=code)
        visit.notice = None
        self.mode.show(S.ENTERPRISE)
        self.look_up()

    def look_up(self) -> None:
        state = self.state
        if not state.credit_code or state.looking_up:
            return
        state.looking_up, state.problem = True, ""
        code, platform = state.credit_code, self.kiosk.platform
        self.kiosk.run_job("enterprise", lambda: platform.enterprise(code), self._found)

    def _found(self, result: Any) -> None:
        state = self.state
        state.looking_up = False
        if isinstance(result, Enterprise):
            state.company = result
        elif isinstance(result, PlatformRefused):
            log.info("company not found by the platform: %s", result.reason)
            state.problem = "enterprise.not_found"
        else:
            log.warning("company not looked up: %s", result)
            state.problem = "enterprise.offline"

    def retry(self) -> None:
        if self.mode.screen == S.ENTERPRISE and self.state.company is None:
            self.look_up()

    def consent(self, consent: Consent) -> Consent:
        """The consent for this visit: on the company's behalf when it is an enterprise's."""
        if not self.active:
            return consent
        return consent.model_copy(update={"on_behalf_of": self.state.credit_code})

    def refused(self, result: Any) -> bool:
        """The platform would not open the visit for this person on the company's behalf:
        they are neither its representative nor an agent it authorised. Nobody is greeted;
        the company's screen asks for the right card again."""
        if not (self.active and isinstance(result, PlatformRefused)
                and result.reason == "forbidden"):
            return False
        log.info("a card was refused for a company: not its representative or agent")
        self.kiosk.audit_visit("identification.refused", kind="licence",
                               reason="not_authorised")
        visit = self.kiosk.session.visit
        visit.waiting_card, visit.reading_card = None, None
        visit.consented, visit.grant = None, None
        self.state.problem = "enterprise.not_authorised"
        self.mode.show(S.ENTERPRISE)
        return True


def present(state: EnterpriseVisit, t: Callable[..., str], mask: Callable[[str], str]
            ) -> EnterpriseView:
    """`mask`: kiosk.services.engine's (which imports the session, and so this file)."""
    company = state.company
    problem = t(state.problem) if state.problem else ""
    if company is None:
        return EnterpriseView(credit_code=state.credit_code, busy=state.looking_up,
                              problem=problem, retry=bool(problem) and not state.looking_up)
    representative = company.legal_representative
    if "*" not in representative:
        representative = mask(representative)  # the platform masks it; never trust that
    return EnterpriseView(name=company.name, credit_code=company.credit_code,
                          representative=representative, kind=company.kind, problem=problem)
