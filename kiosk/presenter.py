"""Computes what the screens show from the visit, the devices and the catalogue: titles and
texts in the visit's language, personal values masked by their privacy class, paused
services with their reason. The one place the screen state comes from."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from kiosk import (
    catalogue_view,
    consent,
    enterprise,
    form_view,
    help_desk,
    materials,
    navigation,
    offline_code_view,
    personal_page,
    progress_view,
    rating_reasons,
    record_view,
    service_map,
)
from kiosk.appointment_view import appointment_values
from kiosk.config import LOCAL_TIME, Site
from kiosk.device_policy import DevicePolicy
from kiosk.form_flow import FLOW_SCREENS
from kiosk.i18n import Messages
from kiosk.services.catalogue import Catalogue
from kiosk.services.engine import mask
from kiosk.services.model import Service
from kiosk.session import Session, Visit
from kiosk.state import ConsentView, NoticeView, ReceiptView, ServiceTile
from kiosk.view import Notice, ScreenName

CARE_SERVICES = 6  # care mode offers only the most used, for a simpler home


class Presenter:
    def __init__(self, messages: Messages, site: Site, catalogue: Catalogue,
                 today: Callable[[], date] = date.today) -> None:
        self.messages = messages
        self.site = site
        self.catalogue = catalogue
        self.today = today
        self.finding = catalogue_view.Finding(catalogue)  # search index and keyboard words, once

    def services(self, usage: dict[str, int], display_mode: str) -> list[Service]:
        """Most used first; care mode shows only the six most used."""
        ranked = self.catalogue.ranked(usage)
        return ranked[:CARE_SERVICES] if display_mode == "care" else ranked

    def values(self, session: Session, devices: DevicePolicy, usage: dict[str, int],
               now: datetime | None = None, storage_paused: bool = False) -> dict[str, Any]:
        """`storage_paused`: the kiosk cannot keep a submission now (kiosk/storage.py)."""
        visit = session.visit
        language = visit.language

        def t(key: str, **params: object) -> str:
            return self.messages.text(key, language, **params)

        service = self.catalogue.get(visit.service_id) if visit.service_id else None
        services = self.services(usage, visit.display_mode)
        out = devices.out
        warning = session.warning_left()

        def tile(s: Service) -> ServiceTile:
            return self._tile(s, devices.available(s), storage_paused, language, t,
                              needs_consent=visit.consented is False)

        return {
            "screen": visit.screen,
            "language": language,
            "display_mode": visit.display_mode,
            "headphones": visit.headphones,
            "keypad": visit.keypad,
            "title": self._title(visit, service, language, t),
            "step": navigation.step(visit.screen, in_service=service is not None),
            "nav": navigation.nav(visit.screen, visit.place),
            "site_name": self.site.name_zh if language.startswith("zh") else self.site.name_en,
            "devices_out": t("topbar.device_out", devices=t("list.separator").join(
                t(f"device.{name}") for name in out))
            if out and visit.screen != ScreenName.OUT_OF_SERVICE else "",
            "paper_low": devices.paper_low,
            "helper_called": visit.helper_called,
            "idle_seconds": None if warning is None else math.ceil(warning),
            "goodbye_seconds": math.ceil(session.goodbye_left()),
            "reading_card": visit.reading_card is not None or visit.resolving_code,
            "greeting": t("home.greeting", name=visit.resident.name) if visit.resident else "",
            "offers": t("attract.offers", services="  ·  ".join(
                s.title.get(language) for s in services[:CARE_SERVICES])),
            "services": tuple(tile(s) for s in services),
            "service_title": service.title.get(language) if service else "",
            **form_view.form_values(visit, self.catalogue, self.today(), t),
            "signature": visit.signature,
            "consent": self._consent(t, visit) if visit.screen == ScreenName.CONSENT else None,
            "notice": self._notice(visit.notice, language, t) if visit.notice else None,
            "receipt": ReceiptView(visit.outcome.reference, visit.outcome.printed,
                                   service.done_note.get(language), visit.outcome.delivered)
            if visit.outcome and service else None,
            "helpline": self.site.helpline,
            **self._desk(visit, (now or datetime.now(UTC)).astimezone(LOCAL_TIME), t),
            **appointment_values(session, self.messages, self.catalogue, self.site,
                                 self.today()),
            **catalogue_view.present(visit.screen, visit.finder, self.finding, usage,
                                     visit.display_mode, tile, t),
            "material": materials.present(visit.material, service, language, t)
            if visit.screen == ScreenName.MATERIAL_CAMERA else None,
            **self._personal(visit, t),
            **offline_code_view.present(visit, self.site.helpline, t),
        }

    def _personal(self, visit: Visit, t) -> dict[str, Any]:
        """A company's screen and the personal page, each only on its screens."""
        catalogue = self.messages.catalogues.get(visit.language, {})

        def known(key: str) -> bool:
            return key in catalogue

        ctx = personal_page.Context(self.catalogue, self.site.kiosk_id, self.today(),
                                    visit.language, t, known, mask)
        return {"enterprise": enterprise.present(visit.enterprise, t, mask)
                if visit.screen == ScreenName.ENTERPRISE else None,
                **personal_page.present(visit, ctx)}

    def _desk(self, visit: Visit, now: datetime, t) -> dict[str, Any]:
        """Progress, help, ratings' reasons and the service map, each only on its screen;
        `now` is Shanghai's time (a centre's hours are local)."""
        screen, language, today = visit.screen, visit.language, now.date()
        own = visit.grant is not None  # the resident's own data may be read
        phone = visit.resident.profile.get("phone", "") if visit.resident else ""
        status, wait = help_desk.present_call(visit.help, visit.helper_called,
                                              self.site.helpline, t)
        return {
            "progress": progress_view.present_progress(
                visit.progress, self.catalogue, mask(phone) if phone else "", own, today,
                language, t) if screen == ScreenName.PROGRESS else None,
            "applications": progress_view.present_applications(
                visit.progress, self.catalogue, own, visit.consented is False, today, language,
                visit.display_mode, t)
            if screen == ScreenName.APPLICATIONS else None,
            "help": help_desk.present_help(visit.help, language, t)
            if screen == ScreenName.HELP else None,
            "help_article": help_desk.present_article(visit.help, language)
            if screen == ScreenName.HELP_ARTICLE else None,
            "help_call": status,
            "help_wait": wait,
            "rating_reasons": rating_reasons.present(visit.rating_reasons, t)
            if screen == ScreenName.RATING_REASONS else (),
            "service_map": service_map.present(visit.service_map, self.site, self.catalogue,
                                               now, language, visit.display_mode, t)
            if screen == ScreenName.SERVICE_MAP else None,
            "record": record_view.present(visit.record, language, visit.display_mode, t)
            if screen in record_view.RECORD_SCREENS else None,
        }

    @staticmethod
    def _title(visit: Visit, service: Service | None, language: str, t) -> str:
        screen, notice = visit.screen, visit.notice
        if screen in FLOW_SCREENS and service is not None:
            return service.title.get(language)
        if screen == ScreenName.NOTICE and notice is not None:
            return t(notice.title)
        if screen == ScreenName.PERSONAL_PAGE and visit.enterprise.credit_code:
            return t("personal_page.enterprise_title")
        if screen == ScreenName.CATEGORY and visit.finder.category:
            return catalogue_view.category_title(visit.finder.category, t)
        if screen == ScreenName.RECEIPT:
            saved = visit.outcome is not None and not visit.outcome.delivered
            return t("receipt_screen.saved_title" if saved else "receipt_screen.title")
        return t(f"{screen.value}.title")

    def _consent(self, t, visit: Visit) -> ConsentView:
        company = visit.enterprise.company  # a company's visit: on its behalf
        return ConsentView(
            asker=t("consent.asker", site=t("consent.platform")),
            purpose=t("enterprise.consent_purpose", company=company.name) if company
            else t("consent.purpose"),
            items=tuple(t(f"consent.item.{item}") for item in self.catalogue.profile_items()),
            duration=t("consent.duration", minutes=consent.MINUTES),
            decline_note=t("consent.decline_note"),
        )

    @staticmethod
    def _tile(service: Service, available: bool, storage_paused: bool, language: str, t, *,
              needs_consent: bool = False) -> ServiceTile:
        """Every catalogue service ends in a submission, so each pauses without storage."""
        if not available:
            note = t("home.paused")
        elif storage_paused:
            note = t("storage.paused")
        elif needs_consent and service.reads_profile:
            note = t("home.needs_consent")
        else:
            note = service.summary.get(language)
        return ServiceTile(id=service.id, title=service.title.get(language), note=note,
                           icon=service.icon, available=available and not storage_paused,
                           badge=t("home.cross_region") if service.cross_region else "")

    @staticmethod
    def _notice(notice: Notice, language: str, t) -> NoticeView:
        body = notice.text.get(language) if notice.text else t(notice.body, **notice.params)
        return NoticeView(t(notice.title), body, retry=notice.retry,
                          problem=notice.tone == "problem", reprint=notice.reprint)
