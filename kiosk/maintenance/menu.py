"""Maintenance mode's menu: a button for each page registered in the mode, the cleaning
pause, restart, exit to the desktop (where the settings allow it), leave; and the about
block: version, build date, uptime, kiosk id, the platform in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kiosk import version

if TYPE_CHECKING:
    from kiosk.controller import Kiosk


@dataclass(frozen=True)
class MenuPage:
    screen: str  # its ScreenName value, for Kiosk.open_maintenance_page
    title: str


@dataclass(frozen=True)
class MenuView:
    pages: tuple[MenuPage, ...]
    allow_exit: bool
    exit_note: str  # why exit is not offered ("" where it is)


@dataclass(frozen=True)
class AboutView:
    version: str
    build_date: str
    uptime: str
    kiosk_id: str
    platform: str


class MenuDesk:
    field: ClassVar[str] = "menu"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk

    def open(self) -> None:
        """Nothing to prepare: the menu shows what is registered and the kiosk's facts."""

    def present(self, t: Any, pages: tuple[str, ...] = ()) -> MenuView:
        allow = self.kiosk.settings.maintenance.allow_exit
        return MenuView(tuple(MenuPage(page, t(f"maintenance.page.{page}")) for page in pages),
                        allow, "" if allow else t("maintenance.exit_not_allowed"))

    def about(self, t: Any) -> AboutView:
        kiosk = self.kiosk
        platform = kiosk.settings.platform
        where = (t("maintenance.about.platform_http", url=platform.url)
                 if platform.kind == "http"
                 else t("maintenance.about.platform_embedded", file=platform.database))
        return AboutView(version.version(), version.build_date(),
                         uptime(kiosk.session.now() - kiosk.started_at, t),
                         kiosk.settings.site.kiosk_id, where)


def uptime(seconds: float, t: Any) -> str:
    """3 天 4 小时 5 分 / 3 d 4 h 5 min: days and hours only once there are some."""
    minutes = int(max(0.0, seconds) // 60)
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    if days:
        return t("maintenance.about.uptime_days", days=days, hours=hours, minutes=minutes)
    if hours:
        return t("maintenance.about.uptime_hours", hours=hours, minutes=minutes)
    return t("maintenance.about.uptime_minutes", minutes=minutes)
