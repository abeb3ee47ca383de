"""The reference district platform over HTTP: every `Platform` call as a route under /v1/,
bodies and answers in the models of `district/models.py`, so /openapi.json describes them.
Idempotent writes are `PUT /v1/<things>/{key}`; a POST makes something new each time (a
visit, a code's resolution, a licence fetched, a record or its share) and is never retried.
`/r/{token}` and `/verify/{number}` are pages for a phone: HTML, no token. `/fleet` is the
district operators' page (their login, `fleet.py`), `/metrics` the fleet's for Prometheus."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path as PathLib
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from district.contract import PlatformRefused
from district.models import (
    Accepted,
    Attribute,
    AuditRecord,
    Benefit,
    Booking,
    Centre,
    CodeLists,
    Consent,
    DataRead,
    Enterprise,
    Heartbeat,
    HelpArticle,
    HelpCall,
    HelpRequest,
    HoldRequest,
    HomeService,
    HomeServiceRequest,
    Identity,
    Licence,
    LicenceRef,
    LicenceRequest,
    OfflineCode,
    OfflineCodeRequest,
    Progress,
    Rating,
    Record,
    RecordRequest,
    RecordShare,
    Slot,
    Submission,
    VisitGrant,
)
from district.server import errors, fleet, fleet_metrics, pages
from district.server.auth import KioskId, KioskPlatform, KnownTokens
from district.server.limits import BodyLimit
from district.server.pages import PAGE, PRIVATE
from district.store.bookings import MAX_DAYS
from district.store.helpdesk import LANGUAGES

DATABASE_ENV = "TONGBAN_PLATFORM_DATABASE"  # the store's URL for app_from_environment
# the server's public https address: a shared record's one-time link is <this>/r/<token>
PUBLIC_URL_ENV = "TONGBAN_PLATFORM_PUBLIC_URL"
# the directory of the offline codes' keys (codes-root.key, codes-issuer.key), made on first use
KEYS_ENV = "TONGBAN_PLATFORM_KEYS"

# Ids in paths are the store's to judge: one it never gave out (a scanned code, a reference
# from some other receipt, of any length) is not_found there, in every home alike.
Id = Annotated[str, Path()]
NO_CONTENT = Response(status_code=204)
BASE64 = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"


class Health(BaseModel):
    status: str = "ok"


class CodeToResolve(BaseModel):
    """A 随申码 as the kiosk's scanner read it."""

    code: str = Field(min_length=1, max_length=200)


class KioskIdentity(BaseModel):
    """Who the platform takes the caller for: what `HttpPlatform.check` asks at start."""

    kiosk_id: str


def create_app(store: Any, *, close_store: bool = False) -> FastAPI:
    """Serve `store` (a `district.store.Store`); close it at shutdown if `close_store`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if close_store:
            store.close()

    app = FastAPI(title="Tongban district platform", version="1", lifespan=lifespan,
                  openapi_url=None, docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.tokens = KnownTokens()
    errors.install(app)
    app.add_middleware(BodyLimit)  # outermost: bodies are capped before anything reads them
    app.add_api_route("/healthz", _health, methods=["GET"], tags=["health"])
    app.include_router(v1)
    app.include_router(public)
    app.include_router(fleet.router)
    app.state.metrics_token = os.environ.get(fleet_metrics.TOKEN_ENV) or None
    app.include_router(fleet_metrics.router)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(kiosk: KioskId) -> dict[str, Any]:  # behind a token, as every call but /healthz
        return described(app)

    return app


def described(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI 3.1 description, with two of pydantic's spellings put right: a dict whose
    keys must match a pattern (a submission's answers) gets patternProperties, which let other
    keys through, so they are closed; base64 text is `contentEncoding` (and, since 3.1 only
    annotates with that, a pattern), not a `format`."""
    if app.openapi_schema is None:
        _put_right(app.openapi())
    return app.openapi_schema  # type: ignore[return-value]


def _put_right(node: Any) -> None:
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        if node.get("format") == "base64":
            del node["format"]
            node.update(contentEncoding="base64", pattern=BASE64)
        for value in node.values():
            _put_right(value)
    elif isinstance(node, list):
        for value in node:
            _put_right(value)


def app_from_environment() -> FastAPI:
    """For uvicorn's `--factory` (one per worker): the store at $TONGBAN_PLATFORM_DATABASE."""
    from district.store import Store

    keys = os.environ.get(KEYS_ENV)
    store = Store.open(os.environ[DATABASE_ENV], keys=PathLib(keys) if keys else None)
    if os.environ.get(PUBLIC_URL_ENV):
        store.share_base = os.environ[PUBLIC_URL_ENV].rstrip("/") + "/r/"
    return create_app(store, close_store=True)


def _health() -> Health:
    return Health()


def _same_key(path_key: str, body_key: str) -> None:
    if path_key != body_key:
        raise PlatformRefused("invalid", "the key in the path is not the body's idempotency_key")


v1 = APIRouter(prefix="/v1", responses=errors.PROBLEMS)


@v1.get("/kiosk")
def whoami(kiosk: KioskId) -> KioskIdentity:
    return KioskIdentity(kiosk_id=kiosk)


@v1.get("/usage-counts")
def usage_counts(platform: KioskPlatform) -> dict[str, int]:
    return platform.usage_counts()


# --- identification: a 随申码, a company ------------------------------------------------------

@v1.post("/code-resolutions")  # once only: never retried, so a lost answer is not "used"
def resolve_code(body: CodeToResolve, platform: KioskPlatform) -> Identity:
    return platform.resolve_code(body.code)


@v1.get("/enterprises/{credit_code}")
def enterprise(credit_code: Annotated[str, Path(max_length=18)],
               platform: KioskPlatform) -> Enterprise:
    return platform.enterprise(credit_code)


# --- consent and the resident's data ----------------------------------------------------------

@v1.post("/visits", status_code=201)
def open_visit(consent: Consent, platform: KioskPlatform) -> VisitGrant:
    return platform.open_visit(consent)


@v1.get("/visits/{visit_id}/profile")
def profile(visit_id: Id, platform: KioskPlatform) -> dict[str, Attribute]:
    return platform.profile(visit_id)


@v1.get("/visits/{visit_id}/data-reads")
def data_reads(visit_id: Id, platform: KioskPlatform) -> list[DataRead]:
    return platform.data_reads(visit_id)


@v1.delete("/visits/{visit_id}", status_code=204, response_class=Response)
def close_visit(visit_id: Id, platform: KioskPlatform) -> Response:
    platform.close_visit(visit_id)
    return NO_CONTENT


# --- the personal page: licences, benefits, records ----------------------------------------

@v1.get("/visits/{visit_id}/licences")
def licences(visit_id: Id, platform: KioskPlatform) -> list[LicenceRef]:
    return platform.licences(visit_id)


@v1.post("/visits/{visit_id}/licence-fetches")  # the purpose is the resident's words: a body
def licence(visit_id: Id, request: LicenceRequest, platform: KioskPlatform) -> Licence:
    return platform.licence(visit_id, request)


@v1.get("/visits/{visit_id}/benefits")
def benefits(visit_id: Id, platform: KioskPlatform) -> list[Benefit]:
    return platform.benefits(visit_id)


@v1.post("/visits/{visit_id}/records", status_code=201)
def record(visit_id: Id, request: RecordRequest, platform: KioskPlatform) -> Record:
    return platform.record(visit_id, request)


@v1.post("/visits/{visit_id}/records/{number}/shares", status_code=201)
def share_record(visit_id: Id, number: Id, platform: KioskPlatform) -> RecordShare:
    return platform.share_record(visit_id, number)


# --- through the outbox ------------------------------------------------------------------------

@v1.put("/submissions/{key}")
def submit(key: Id, submission: Submission, platform: KioskPlatform) -> Accepted:
    _same_key(key, submission.idempotency_key)
    return platform.submit(submission)


@v1.put("/ratings/{key}", status_code=204, response_class=Response)
def rate(key: Id, rating: Rating, platform: KioskPlatform) -> Response:
    _same_key(key, rating.idempotency_key)
    platform.rate(rating)
    return NO_CONTENT


@v1.put("/audit-records/{key}", status_code=204, response_class=Response)
def record_audit(key: Id, record: AuditRecord, platform: KioskPlatform) -> Response:
    _same_key(key, record.idempotency_key)
    platform.record_audit(record)
    return NO_CONTENT


# --- progress ----------------------------------------------------------------------------------

@v1.get("/applications/{reference}")
def progress(reference: Id, platform: KioskPlatform) -> Progress:
    found = platform.progress(reference)
    if found is None:
        raise PlatformRefused("not_found", "no application with this reference")
    return found


@v1.get("/visits/{visit_id}/applications")
def applications(visit_id: Id, platform: KioskPlatform) -> list[Progress]:
    return platform.applications(visit_id)


@v1.put("/visits/{visit_id}/subscriptions/{reference}")
def subscribe(visit_id: Id, reference: Id, platform: KioskPlatform) -> Progress:
    return platform.subscribe(visit_id, reference)


# --- the service map and appointments ------------------------------------------------------

@v1.get("/centres")
def centres(platform: KioskPlatform) -> list[Centre]:
    return platform.centres()


@v1.get("/centres/{centre_id}/slots")
def slots(centre_id: Id, matter: Annotated[str, Query(max_length=64)], first_day: dt.date,
          days: Annotated[int, Query(ge=1, le=MAX_DAYS)], platform: KioskPlatform) -> list[Slot]:
    return platform.slots(centre_id, matter, first_day, days)


@v1.put("/holds/{key}")
def hold(key: Id, request: HoldRequest, platform: KioskPlatform) -> Booking:
    _same_key(key, request.idempotency_key)
    return platform.hold(request)


@v1.put("/bookings/{booking_id}/confirmation")
def confirm(booking_id: Id, platform: KioskPlatform) -> Booking:
    return platform.confirm(booking_id)


@v1.delete("/bookings/{booking_id}")
def cancel(booking_id: Id, platform: KioskPlatform) -> Booking:
    return platform.cancel(booking_id)


@v1.put("/bookings/{booking_id}/moves/{key}")
def move(booking_id: Id, key: Id, request: HoldRequest, platform: KioskPlatform) -> Booking:
    _same_key(key, request.idempotency_key)
    return platform.move(booking_id, request)


@v1.get("/visits/{visit_id}/bookings")
def bookings(visit_id: Id, platform: KioskPlatform) -> list[Booking]:
    return platform.bookings(visit_id)


@v1.put("/check-ins/{code:path}")  # a scanned code may hold any character, "/" too
def check_in(code: Id, platform: KioskPlatform) -> Booking:
    return platform.check_in(code)


@v1.put("/home-services/{key}")
def request_home_service(key: Id, request: HomeServiceRequest,
                         platform: KioskPlatform) -> HomeService:
    _same_key(key, request.idempotency_key)
    return platform.request_home_service(request)


# --- help --------------------------------------------------------------------------------------

@v1.get("/help-articles")
def help_articles(platform: KioskPlatform,
                  language: Annotated[str, Query(pattern=f"^({'|'.join(LANGUAGES)})$")],
                  query: Annotated[str, Query(max_length=200)] = "") -> list[HelpArticle]:
    return platform.help_articles(query, language)


@v1.put("/help-calls/{key}")
def call_helper(key: Id, call: HelpCall, platform: KioskPlatform) -> HelpRequest:
    _same_key(key, call.idempotency_key)
    return platform.call_helper(call)


@v1.get("/help-requests/{request_id}")
def help_request(request_id: Id, platform: KioskPlatform) -> HelpRequest:
    return platform.help_request(request_id)


# --- the fleet ---------------------------------------------------------------------------------

@v1.put("/heartbeat", status_code=204, response_class=Response)
def heartbeat(beat: Heartbeat, platform: KioskPlatform) -> Response:
    """The calling kiosk's latest health; an older beat than the one kept changes nothing."""
    platform.heartbeat(beat)
    return NO_CONTENT


# --- offline codes ----------------------------------------------------------------------------

@v1.post("/offline-codes", status_code=201)  # a new code (and a revocation) each time: no retry
def issue_offline_code(request: OfflineCodeRequest, platform: KioskPlatform) -> OfflineCode:
    return platform.issue_offline_code(request)


@v1.get("/code-lists")
def code_lists(platform: KioskPlatform) -> CodeLists:
    """The trust, revocation and status lists, each signed with the district's root key."""
    return platform.code_lists()


# --- what a phone opens: no token, HTML, not part of the kiosks' API ---------------------------

public = APIRouter(include_in_schema=False)


@public.get("/r/{token}")
def shared_record(token: Id, request: Request) -> HTMLResponse:
    """A shared record, once; 410 once used or late, 404 for a token never given."""
    try:
        found = request.app.state.store.open_share(token)
    except PlatformRefused as refusal:
        if refusal.reason == "not_found":
            return HTMLResponse(pages.not_found_page(), 404, headers=PRIVATE)
        if refusal.reason in ("code_used", "code_expired"):
            return HTMLResponse(pages.gone_page(), 410, headers=PRIVATE)
        raise
    return HTMLResponse(pages.record_page(found), headers=PRIVATE)


@public.get("/verify/{reference_or_number}")
def verification(reference_or_number: Id, request: Request) -> HTMLResponse:
    found = request.app.state.store.verify(reference_or_number)
    if found is None:
        return HTMLResponse(pages.not_found_page(), 404, headers=PAGE)
    return HTMLResponse(pages.verification_page(found), headers=PAGE)
