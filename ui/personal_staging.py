"""Drives the kiosk to the company's screen and the personal page's screens for screenshots
and the audit, through what a resident does: the elderly sample resident shows her 随申码
(issued by the embedded platform) and agrees; the Hong Kong/Macau/Taiwan resident, whose
residence permit runs out within the month, for the reminders; a company's licence scanned
for the company's screen."""

from __future__ import annotations

from drivers.base import CardRead, CodeScanned
from drivers.idcard.card import IdCard
from drivers.idcard.samples import ELDERLY, HMT_RESIDENT
from kiosk.controller import Kiosk
from kiosk.enterprise import LICENCE_URL
from kiosk.view import ScreenName

S = ScreenName
SCREENS = frozenset({S.ENTERPRISE, S.PERSONAL_PAGE, S.MY_LICENCES, S.MY_BENEFITS,
                     S.MY_REMINDERS, S.DATA_READS})
SECTIONS = {S.MY_LICENCES: "licences", S.MY_BENEFITS: "benefits", S.MY_REMINDERS: "reminders",
            S.DATA_READS: "data_reads"}
SAMPLE_COMPANY = "91310113MA1GK7Q2X8"  # 上海宝友科技有限公司 in the demo data


def stage(kiosk: Kiosk, screen: ScreenName) -> None:
    """From a visit just begun (`kiosk.start()` done)."""
    if screen == S.ENTERPRISE:
        scan(kiosk, LICENCE_URL.format(code=SAMPLE_COMPANY))
        return
    identify(kiosk, HMT_RESIDENT if screen == S.MY_REMINDERS else ELDERLY)
    kiosk.open_personal_page()
    if screen in SECTIONS:
        kiosk.open_section(SECTIONS[screen])


def identify(kiosk: Kiosk, card: IdCard) -> None:
    """By 随申码 where the platform is the embedded one (it issues demo codes), else the
    card; then the resident agrees."""
    store = getattr(getattr(kiosk.platform, "platform", None), "store", None)
    if store is not None and hasattr(store, "issue_code"):
        scan(kiosk, store.issue_code(card.id_number))
    else:
        kiosk.handle_device_event(CardRead("idcard", card))
    kiosk.consent(True)


def scan(kiosk: Kiosk, text: str) -> None:
    kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))


def own_words(state) -> list[str]:
    """What the personal page and the company's screen show of the resident's (or the
    company's) own records, in the language those records are kept in (for the audit)."""
    words = []
    if state.enterprise is not None:
        words += [state.enterprise.name, state.enterprise.representative,
                  state.enterprise.kind]
    if state.personal is not None:
        words += [state.personal.heading, state.personal.subheading]
    if state.personal_list is not None:
        for row in state.personal_list.rows:
            words += [part.split("：")[-1].split(": ")[-1] for part in (row.title, *row.lines)]
    return [word for word in words if word]
