"""The service map (服务网点): nearby service centres and 24-hour terminals from the platform,
nearest first, each with its distance from this kiosk, its hours, whether it is open now and
what it offers, and where it lies on a small map the screen draws itself (no online tiles:
the kiosk may be offline)."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import opening_hours

from district.contract import PlatformUnavailable
from district.models import Centre
from kiosk.config import Site
from kiosk.services.catalogue import Catalogue
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)

EARTH_RADIUS_M = 6_371_000.0
PER_PAGE = 2  # rows a page: two fit beside the map in landscape; large print has room for one
RINGS_M = (500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000)  # distances the map marks
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula (a few lines; no library needed)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


# --- what the visit keeps, and what the screen shows --------------------------------------

@dataclass
class MapVisit:
    """The service map as far as this visit has it."""

    centres: tuple[Centre, ...] | None = None  # None: not fetched yet
    loading: bool = False
    problem: str = ""  # a message key: the platform could not be reached
    page: int = 0


@dataclass(frozen=True)
class Marker:
    number: int  # as in the list: 1 is the nearest
    x: float  # 0 (west edge) to 1 (east edge) of a square map, the kiosk in the middle
    y: float  # 0 (north edge) to 1 (south edge)
    terminal: bool  # a 24-hour terminal rather than a staffed centre


@dataclass(frozen=True)
class Ring:
    """A circle round the kiosk at a distance: its radius as a share of the map's width."""

    radius: float
    label: str  # 1 公里


@dataclass(frozen=True)
class CentreRow:
    number: int
    name: str
    kind: str  # 服务中心 or 24 小时自助终端
    distance: str  # 350 米, 1.2 公里
    address: str
    hours: str
    open_now: str  # 正在开放，17:00 关门; "" when the hours are not known
    is_open: bool | None
    offers: str
    always_open: bool = False  # a 24-hour terminal
    read: str = ""  # the row as one sentence, for the voice and a screen reader


@dataclass(frozen=True)
class MapView:
    markers: tuple[Marker, ...] = ()
    rows: tuple[CentreRow, ...] = ()  # this page's
    page: int = 0
    pages: int = 1
    rings: tuple[Ring, ...] = ()
    loading: bool = False
    problem: str = ""  # a sentence to show instead of the list
    here: str = ""  # the kiosk's own marker's label


# --- the flow, called by the visit mode ----------------------------------------------------

class ServiceMapDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode
        self.last_known: tuple[Centre, ...] | None = None  # public data, kept across visits

    def open(self) -> None:
        """From home: the nearest centres, fetched once a visit."""
        state = self.kiosk.session.visit.service_map
        if self.mode.screen != ScreenName.HOME:
            return
        self.mode.show(ScreenName.SERVICE_MAP)
        state.page = 0
        if state.centres is None and not state.loading:
            self._fetch()

    def page(self, step: int) -> None:
        state = self.kiosk.session.visit.service_map
        if self.mode.screen != ScreenName.SERVICE_MAP or not state.centres:
            return
        pages = _pages(len(state.centres), per_page(self.kiosk.session.visit.display_mode))
        state.page = min(max(0, state.page + step), pages - 1)

    def _fetch(self) -> None:
        state = self.kiosk.session.visit.service_map
        state.loading, state.problem = True, ""
        platform = self.kiosk.platform
        self.kiosk.run_job("centres", platform.centres, self._fetched)

    def _fetched(self, result: Any) -> None:
        state = self.kiosk.session.visit.service_map
        state.loading = False
        if isinstance(result, Exception):
            if not isinstance(result, PlatformUnavailable):
                log.warning("service map: the platform refused the centres: %s", result)
            if self.last_known is None:
                state.problem = "service_map.offline"
                return
            result = list(self.last_known)  # centres seldom move: show what was known
        self.last_known = tuple(result)
        state.centres = tuple(result)


def per_page(display_mode: str) -> int:
    return 1 if display_mode in LARGE_PRINT else PER_PAGE


def present(state: MapVisit, site: Site, catalogue: Catalogue, now: datetime, language: str,
            display_mode: str, t: Callable[..., str]) -> MapView:
    if state.centres is None or not state.centres:
        problem = t(state.problem) if state.problem else (
            "" if state.centres is None else t("service_map.none"))
        return MapView(loading=state.loading, problem=problem, here=t("service_map.here"))
    ranked = sorted(state.centres, key=lambda c: distance_m(site.latitude, site.longitude,
                                                             c.latitude, c.longitude))
    size = per_page(display_mode)
    pages = _pages(len(ranked), size)
    page = min(state.page, pages - 1)
    rows = tuple(_row(number, centre, site, catalogue, now, language, t)
                 for number, centre in enumerate(ranked, 1)
                 if page * size < number <= (page + 1) * size)
    markers, extent = _place(ranked, site)
    rings = tuple(Ring(_radius(metres, extent), _distance(metres, t)) for metres in RINGS_M
                  if metres <= extent / 1.2)[-3:]
    return MapView(markers=markers, rows=rows, page=page, pages=pages, rings=rings,
                   here=t("service_map.here"))


def _pages(count: int, size: int) -> int:
    return max(1, math.ceil(count / size))


def _place(ranked: list[Centre], site: Site) -> tuple[tuple[Marker, ...], float]:
    """Where each centre lies on a square map around the kiosk, and the map's half-width in
    metres. Directions are true; distances grow as their square root, so the centres near
    the kiosk stand apart while the far ones still fit (the rings say how far)."""
    coslat = math.cos(math.radians(site.latitude))
    metres = [((c.longitude - site.longitude) * coslat * math.pi / 180 * EARTH_RADIUS_M,
               (c.latitude - site.latitude) * math.pi / 180 * EARTH_RADIUS_M) for c in ranked]
    extent = max([1_000.0] + [math.hypot(x, y) * 1.2 for x, y in metres])
    markers = []
    for number, (centre, (x, y)) in enumerate(zip(ranked, metres, strict=True), 1):
        distance = math.hypot(x, y)
        share = _radius(distance, extent) / distance if distance else 0.0
        markers.append(Marker(number, 0.5 + x * share, 0.5 - y * share,
                              centre.kind == "terminal"))
    return tuple(markers), extent


def _radius(metres: float, extent: float) -> float:
    """How far from the middle, as a share of the map's width, `metres` is drawn."""
    return 0.5 * math.sqrt(metres / extent)


def _row(number: int, centre: Centre, site: Site, catalogue: Catalogue, now: datetime,
         language: str, t: Callable[..., str]) -> CentreRow:
    zh = language.startswith("zh")
    metres = distance_m(site.latitude, site.longitude, centre.latitude, centre.longitude)
    is_open, open_now = open_state(centre, now, t)
    name = centre.name_zh if zh else centre.name_en
    kind, distance = t(f"service_map.kind.{centre.kind}"), _distance(metres, t)
    offered = [_offer(offer, catalogue, language) for offer in centre.offers]
    offered = [offer for offer in offered if offer]
    offers = t("service_map.offers", services=t("list.separator").join(offered)) \
        if offered else ""
    hours = centre.hours_zh if zh else centre.hours_en
    return CentreRow(
        number=number,
        name=name,
        kind=kind,
        distance=distance,
        address=centre.address_zh if zh else centre.address_en,
        hours=hours,
        open_now=open_now,
        is_open=is_open,
        offers=offers,
        always_open=centre.open_24h,
        read=t("list.pause").join(part for part in (name, kind, distance, open_now or hours,
                                                    offers) if part),
    )


def _offer(offer: str, catalogue: Catalogue, language: str) -> str:
    """A service the centre offers by its title; a matter its counters take by the words
    the catalogue's matter choices give it; "" when the catalogue knows neither."""
    if offer in catalogue:
        return catalogue.get(offer).title.get(language)
    for service in catalogue:
        for spec in service.fields:
            for option in spec.options if spec.key == "matter" else ():
                if option.value == offer:
                    return option.label.get(language)
    return ""


def _distance(metres: float, t: Callable[..., str]) -> str:
    if metres < 50:
        return t("service_map.right_here")
    if metres < 1000:
        return t("service_map.metres", metres=max(10, round(metres / 10) * 10))
    km = metres / 1000
    return t("service_map.km", km=f"{km:.1f}" if km < 10 and not km.is_integer() else f"{km:.0f}")


def open_state(centre: Centre, now: datetime, t: Callable[..., str]) -> tuple[bool | None, str]:
    """Open now or not, in plain words with when that changes; (None, "") when unknown.
    `now` is the centre's local time."""
    if centre.open_24h:
        return True, t("service_map.open_24h")
    if not centre.opening_hours:
        return None, ""
    try:
        hours = opening_hours.OpeningHours(centre.opening_hours)
    except (opening_hours.ParserError, ValueError) as error:
        log.warning("centre %s: opening_hours %r not understood (%s); open-now not shown",
                    centre.id, centre.opening_hours, str(error).splitlines()[0])
        return None, ""
    now = now.replace(tzinfo=None)  # the library takes local wall time
    is_open = hours.is_open(now)
    change = hours.next_change(now)
    if change is None or change - now > timedelta(days=7):
        return is_open, t("service_map.open" if is_open else "service_map.closed")
    when = _when(change, now, t)
    key = "service_map.open_until" if is_open else "service_map.closed_until"
    return is_open, t(key, when=when)


def _when(moment: datetime, now: datetime, t: Callable[..., str]) -> str:
    """今天 17:00, 明天 9:00, 周一 9:00."""
    days = (moment.date() - now.date()).days
    clock = f"{moment.hour}:{moment.minute:02d}"
    if days == 0:
        return t("when.today", time=clock)
    if days == 1:
        return t("when.tomorrow", time=clock)
    return t(f"when.{WEEKDAYS[moment.weekday()]}", time=clock)
