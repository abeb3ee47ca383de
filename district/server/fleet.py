"""The district operators' fleet page: log in (a session cookie: HttpOnly, SameSite=Strict,
Secure over https, Path=/fleet), every kiosk sorted by what needs a visit first, filtered by
alert, 100 a page, and one kiosk's detail. A POST must come from this site's own pages (its
Origin, else its Referer, is this server's), which with SameSite=Strict stops cross-site
requests. Every page is behind the login: without a session it leads to /fleet/login."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from district.fleet_alerts import Alert, alerts, counts, sort_key
from district.server import fleet_pages
from district.server.fleet_pages import FleetPage, FleetRow
from district.server.pages import PRIVATE
from district.store.operators import SESSION

COOKIE = "fleet_session"
PER_PAGE = 100
MAX_HOURS = 24 * 7  # the history the store keeps

# The phone pages' headers, and: forms post only here, never framed; the referrer is kept
# within the site (with none, a browser sends `Origin: null` and the check above would fail).
HEADERS = {**PRIVATE, "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY",
           "Content-Security-Policy": PRIVATE["Content-Security-Policy"]
           + "; form-action 'self'; frame-ancestors 'none'"}

router = APIRouter(prefix="/fleet", include_in_schema=False)


def _store(request: Request) -> Any:
    return request.app.state.store


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status, headers=HEADERS)


def _to(path: str) -> RedirectResponse:
    return RedirectResponse(path, 303, headers=HEADERS)


def _operator(request: Request) -> str | None:
    token = request.cookies.get(COOKIE)
    return _store(request).operator_for_session(token) if token else None


def _same_origin(request: Request) -> bool:
    """The POST came from a page of this server (checked by Origin, else by Referer)."""
    own = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin")
    if origin is None:
        referer = urlsplit(request.headers.get("referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.netloc else None
    return origin == own


def _refused() -> HTMLResponse:
    return _html(fleet_pages.login_page(fleet_pages.both(
        ("请求来自其他网站，已拒绝。", "Refused: the request came from another site."))), 403)


@router.get("/login")
def login_form(request: Request) -> Response:
    if _operator(request):
        return _to("/fleet")
    return _html(fleet_pages.login_page())


@router.post("/login")
async def login(request: Request) -> Response:
    if not _same_origin(request):
        return _refused()
    try:
        form = parse_qs((await request.body()).decode(), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        form = {}
    name = (form.get("name") or [""])[0].strip()
    password = (form.get("password") or [""])[0]
    token = None
    if name and password:
        token = await run_in_threadpool(_store(request).operator_login, name, password)
    if token is None:
        return _html(fleet_pages.login_page(fleet_pages.WRONG_LOGIN), 403)
    answer = _to("/fleet")
    answer.set_cookie(COOKIE, token, max_age=int(SESSION.total_seconds()), path="/fleet",
                      secure=request.url.scheme == "https", httponly=True, samesite="strict")
    return answer


@router.post("/logout")
def logout(request: Request) -> Response:
    if not _same_origin(request):
        return _refused()
    token = request.cookies.get(COOKIE)
    if token:
        _store(request).logout(token)
    answer = _to("/fleet/login")
    answer.delete_cookie(COOKIE, path="/fleet", secure=request.url.scheme == "https",
                         httponly=True, samesite="strict")
    return answer


def fleet_rows(store: Any, now: dt.datetime) -> list[FleetRow]:
    """Every kiosk with its alerts, what needs a visit first."""
    sites = store.centre_names()
    rows = [FleetRow(kiosk.kiosk_id, sites.get(kiosk.centre_id), kiosk.received_at, kiosk.beat,
                     alerts(kiosk.beat, kiosk.received_at, now))
            for kiosk in store.fleet()]
    rows.sort(key=lambda row: sort_key(row.kiosk_id, row.alerts))
    return rows


def _number(text: str | None, low: int, high: int, default: int) -> int:
    try:
        return min(max(int(text or default), low), high)
    except ValueError:
        return default


@router.get("")
def fleet(request: Request, alert: str | None = None, page: str | None = None) -> Response:
    operator = _operator(request)
    if operator is None:
        return _to("/fleet/login")
    try:
        chosen = Alert(alert) if alert else None
    except ValueError:
        chosen = None
    store = _store(request)
    now = store.now()
    rows = fleet_rows(store, now)
    alerting = sum(1 for row in rows if row.alerts)
    shown = [row for row in rows if chosen in row.alerts] if chosen else rows
    pages = max(1, -(-len(shown) // PER_PAGE))
    number = _number(page, 1, pages, 1)
    start = (number - 1) * PER_PAGE
    return _html(fleet_pages.fleet_page(FleetPage(
        operator=operator, now=now, rows=shown[start:start + PER_PAGE], kiosks=len(rows),
        counts=counts(row.alerts for row in rows), alerting=alerting, chosen=chosen,
        page=number, pages=pages)))


@router.get("/kiosks/{kiosk_id}")
def kiosk(request: Request, kiosk_id: str, hours: str | None = None) -> Response:
    operator = _operator(request)
    if operator is None:
        return _to("/fleet/login")
    store = _store(request)
    now = store.now()
    found = store.fleet_kiosk(kiosk_id)
    if found is None:
        return _html(fleet_pages.not_found(operator), 404)
    row = FleetRow(found.kiosk_id, store.centre_names().get(found.centre_id), found.received_at,
                   found.beat, alerts(found.beat, found.received_at, now))
    shown_hours = _number(hours, 1, MAX_HOURS, 6)
    history = store.heartbeats(kiosk_id, now - dt.timedelta(hours=shown_hours))
    return _html(fleet_pages.kiosk_page(operator, now, row, history, shown_hours))
