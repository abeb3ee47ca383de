"""The reference district platform over HTTP: every `Platform` call as a route under /v1/,
bodies and answers in the models of `district/models.py`, so /openapi.json describes them.
Idempotent writes are `PUT /v1/<things>/{key}`; the only POST (opening a visit) is not."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Response
from pydantic import BaseModel

from district.contract import PlatformRefused
from district.models import (
    Accepted,
    AuditRecord,
    Booking,
    Centre,
    Consent,
    DataRead,
    HelpArticle,
    HelpCall,
    HelpRequest,
    HoldRequest,
    HomeService,
    HomeServiceRequest,
    Progress,
    Rating,
    Slot,
    Submission,
    VisitGrant,
)
from district.server import errors
from district.server.auth import KioskId, KioskPlatform
from district.server.limits import BodyLimit

DATABASE_ENV = "TONGBAN_PLATFORM_DATABASE"  # the store's URL for app_from_environment

# Ids in paths are checked by the store, which answers not_found for one it never gave out.
Id = Annotated[str, Path(max_length=200)]
NO_CONTENT = Response(status_code=204)


class Health(BaseModel):
    status: str = "ok"


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
    errors.install(app)
    app.add_middleware(BodyLimit)  # outermost: bodies are capped before anything reads them
    app.add_api_route("/healthz", _health, methods=["GET"], tags=["health"])
    app.include_router(v1)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(kiosk: KioskId) -> dict[str, Any]:  # behind a token, as every call but /healthz
        return app.openapi()

    return app


def app_from_environment() -> FastAPI:
    """For uvicorn's `--factory` (one per worker): the store at $TONGBAN_PLATFORM_DATABASE."""
    from district.store import Store

    return create_app(Store.open(os.environ[DATABASE_ENV]), close_store=True)


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


# --- consent and the resident's data ----------------------------------------------------------

@v1.post("/visits", status_code=201)
def open_visit(consent: Consent, platform: KioskPlatform) -> VisitGrant:
    return platform.open_visit(consent)


@v1.get("/visits/{visit_id}/profile")
def profile(visit_id: Id, platform: KioskPlatform) -> dict[str, str]:
    return platform.profile(visit_id)


@v1.get("/visits/{visit_id}/data-reads")
def data_reads(visit_id: Id, platform: KioskPlatform) -> list[DataRead]:
    return platform.data_reads(visit_id)


@v1.delete("/visits/{visit_id}", status_code=204, response_class=Response)
def close_visit(visit_id: Id, platform: KioskPlatform) -> Response:
    platform.close_visit(visit_id)
    return NO_CONTENT


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
          days: Annotated[int, Query(ge=1, le=366)], platform: KioskPlatform) -> list[Slot]:
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
def help_articles(platform: KioskPlatform, query: Annotated[str, Query(max_length=200)] = "",
                  language: Annotated[str, Query(max_length=16)] = "zh_CN") -> list[HelpArticle]:
    return platform.help_articles(query, language)


@v1.put("/help-calls/{key}")
def call_helper(key: Id, call: HelpCall, platform: KioskPlatform) -> HelpRequest:
    _same_key(key, call.idempotency_key)
    return platform.call_helper(call)


@v1.get("/help-requests/{request_id}")
def help_request(request_id: Id, platform: KioskPlatform) -> HelpRequest:
    return platform.help_request(request_id)
