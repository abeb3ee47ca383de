"""The kiosk's side of a district platform over HTTP: `HttpPlatform` implements `Platform`
with `requests`, one keep-alive session per kind of call. Idempotent calls (GET, PUT,
DELETE) are retried with back-off; a POST (opening a visit, resolving a 随申码, fetching a
licence, issuing or sharing a record, issuing an offline code: each makes something new)
never is. A failure to reach the platform is `PlatformUnavailable`, a refusal
`PlatformRefused`, each one line."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, ReadTimeoutError
from urllib3.util.retry import Retry

from district.contract import PlatformRefused, PlatformUnavailable
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

T = TypeVar("T")
RETRIED = frozenset({"GET", "PUT", "DELETE"})
SERVER_ERRORS = (500, 502, 503, 504)


class HttpPlatform:
    """Bound to the kiosk its token belongs to; `kiosk_id` is what the kiosk believes it is,
    which `check()` confirms with the platform."""

    def __init__(self, url: str, token: str, kiosk_id: str, *, connect_timeout: float = 3,
                 read_timeout: float = 10, verify: bool | str = True, retries: int = 2,
                 backoff: float = 0.25) -> None:
        self.kiosk_id = kiosk_id
        self.url = url.rstrip("/")
        self._timeout = (connect_timeout, read_timeout)
        retry = Retry(total=retries, connect=retries, read=retries, status=retries, other=0,
                      allowed_methods=RETRIED, status_forcelist=SERVER_ERRORS,
                      backoff_factor=backoff, raise_on_status=False,
                      respect_retry_after_header=False)
        self._retrying = _session(token, verify, retry)
        self._once = _session(token, verify, Retry(0, read=False, redirect=0, status=0,
                                                   raise_on_status=False))

    # --- the kiosk's start --------------------------------------------------------------------

    def check(self) -> None:
        """One authenticated call: raises with a line an operator can act on when the URL is
        wrong, the platform is down, or the token is refused or belongs to another kiosk."""
        try:
            body = self._call("GET", "/v1/kiosk", None, TypeAdapter(dict[str, str]))
        except PlatformRefused as error:
            if error.reason == "unauthorised":
                raise PlatformRefused(
                    "unauthorised", f"{self.url} does not accept this kiosk's token; register "
                    f"the kiosk there (platform add-kiosk {self.kiosk_id}) and set the new token"
                ) from None
            raise PlatformUnavailable(
                f"{self.url} answered {error} where a district platform answers; is the URL "
                "right?") from None
        if body.get("kiosk_id") != self.kiosk_id:
            raise PlatformRefused(
                "forbidden", f"{self.url} knows this token as kiosk {body.get('kiosk_id')!r}, "
                f"not {self.kiosk_id!r}; set this kiosk's own token")

    # --- catalogue order ----------------------------------------------------------------------

    def usage_counts(self) -> dict[str, int]:
        return self._call("GET", "/v1/usage-counts", None, TypeAdapter(dict[str, int]))

    # --- identification -------------------------------------------------------------------------

    def resolve_code(self, code: str) -> Identity:
        return self._call("POST", "/v1/code-resolutions", _CodeToResolve(code=code),
                          TypeAdapter(Identity))

    def enterprise(self, credit_code: str) -> Enterprise:
        return self._call("GET", f"/v1/enterprises/{_part(credit_code)}", None,
                          TypeAdapter(Enterprise))

    # --- consent and the resident's data --------------------------------------------------------

    def open_visit(self, consent: Consent) -> VisitGrant:
        return self._call("POST", "/v1/visits", consent, TypeAdapter(VisitGrant))

    def profile(self, visit_id: str) -> dict[str, Attribute]:
        return self._call("GET", f"/v1/visits/{_part(visit_id)}/profile", None,
                          TypeAdapter(dict[str, Attribute]))

    def data_reads(self, visit_id: str) -> list[DataRead]:
        return self._call("GET", f"/v1/visits/{_part(visit_id)}/data-reads", None,
                          TypeAdapter(list[DataRead]))

    def close_visit(self, visit_id: str) -> None:
        self._call("DELETE", f"/v1/visits/{_part(visit_id)}", None, None)

    # --- the personal page ----------------------------------------------------------------------

    def licences(self, visit_id: str) -> list[LicenceRef]:
        return self._call("GET", f"/v1/visits/{_part(visit_id)}/licences", None,
                          TypeAdapter(list[LicenceRef]))

    def licence(self, visit_id: str, request: LicenceRequest) -> Licence:
        return self._call("POST", f"/v1/visits/{_part(visit_id)}/licence-fetches", request,
                          TypeAdapter(Licence))

    def benefits(self, visit_id: str) -> list[Benefit]:
        return self._call("GET", f"/v1/visits/{_part(visit_id)}/benefits", None,
                          TypeAdapter(list[Benefit]))

    def record(self, visit_id: str, request: RecordRequest) -> Record:
        return self._call("POST", f"/v1/visits/{_part(visit_id)}/records", request,
                          TypeAdapter(Record))

    def share_record(self, visit_id: str, number: str) -> RecordShare:
        return self._call("POST", f"/v1/visits/{_part(visit_id)}/records/{_part(number)}/shares",
                          None, TypeAdapter(RecordShare))

    # --- through the outbox -------------------------------------------------------------------

    def submit(self, submission: Submission) -> Accepted:
        return self._call("PUT", f"/v1/submissions/{_part(submission.idempotency_key)}",
                          submission, TypeAdapter(Accepted))

    def rate(self, rating: Rating) -> None:
        self._call("PUT", f"/v1/ratings/{_part(rating.idempotency_key)}", rating, None)

    def record_audit(self, record: AuditRecord) -> None:
        self._call("PUT", f"/v1/audit-records/{_part(record.idempotency_key)}", record, None)

    # --- progress -----------------------------------------------------------------------------

    def progress(self, reference: str) -> Progress | None:
        try:
            return self._call("GET", f"/v1/applications/{_part(reference)}", None,
                              TypeAdapter(Progress))
        except PlatformRefused as error:
            if error.reason == "not_found":
                return None
            raise

    def applications(self, visit_id: str) -> list[Progress]:
        return self._call("GET", f"/v1/visits/{_part(visit_id)}/applications", None,
                          TypeAdapter(list[Progress]))

    def subscribe(self, visit_id: str, reference: str) -> Progress:
        return self._call(
            "PUT", f"/v1/visits/{_part(visit_id)}/subscriptions/{_part(reference)}", None,
            TypeAdapter(Progress))

    # --- the service map and appointments -------------------------------------------------------

    def centres(self) -> list[Centre]:
        return self._call("GET", "/v1/centres", None, TypeAdapter(list[Centre]))

    def slots(self, centre_id: str, matter: str, first_day: dt.date, days: int) -> list[Slot]:
        params = {"matter": matter, "first_day": first_day.isoformat(), "days": str(days)}
        return self._call("GET", f"/v1/centres/{_part(centre_id)}/slots", None,
                          TypeAdapter(list[Slot]), params)

    def hold(self, request: HoldRequest) -> Booking:
        return self._call("PUT", f"/v1/holds/{_part(request.idempotency_key)}", request,
                          TypeAdapter(Booking))

    def confirm(self, booking_id: str) -> Booking:
        return self._call("PUT", f"/v1/bookings/{_part(booking_id)}/confirmation", None,
                          TypeAdapter(Booking))

    def cancel(self, booking_id: str) -> Booking:
        return self._call("DELETE", f"/v1/bookings/{_part(booking_id)}", None,
                          TypeAdapter(Booking))

    def move(self, booking_id: str, request: HoldRequest) -> Booking:
        path = f"/v1/bookings/{_part(booking_id)}/moves/{_part(request.idempotency_key)}"
        return self._call("PUT", path, request, TypeAdapter(Booking))

    def bookings(self, visit_id: str) -> list[Booking]:
        return self._call("GET", f"/v1/visits/{_part(visit_id)}/bookings", None,
                          TypeAdapter(list[Booking]))

    def check_in(self, code: str) -> Booking:
        return self._call("PUT", f"/v1/check-ins/{_part(code)}", None, TypeAdapter(Booking))

    def request_home_service(self, request: HomeServiceRequest) -> HomeService:
        return self._call("PUT", f"/v1/home-services/{_part(request.idempotency_key)}",
                          request, TypeAdapter(HomeService))

    # --- help ---------------------------------------------------------------------------------

    def help_articles(self, query: str, language: str) -> list[HelpArticle]:
        return self._call("GET", "/v1/help-articles", None, TypeAdapter(list[HelpArticle]),
                          {"query": query, "language": language})

    def call_helper(self, call: HelpCall) -> HelpRequest:
        return self._call("PUT", f"/v1/help-calls/{_part(call.idempotency_key)}", call,
                          TypeAdapter(HelpRequest))

    def help_request(self, request_id: str) -> HelpRequest:
        return self._call("GET", f"/v1/help-requests/{_part(request_id)}", None,
                          TypeAdapter(HelpRequest))

    # --- the fleet ------------------------------------------------------------------------------

    def heartbeat(self, beat: Heartbeat) -> None:
        self._call("PUT", "/v1/heartbeat", beat, None)

    # --- offline codes ---------------------------------------------------------------------------

    def issue_offline_code(self, request: OfflineCodeRequest) -> OfflineCode:
        return self._call("POST", "/v1/offline-codes", request, TypeAdapter(OfflineCode))

    def code_lists(self) -> CodeLists:
        return self._call("GET", "/v1/code-lists", None, TypeAdapter(CodeLists))

    def close(self) -> None:
        self._retrying.close()
        self._once.close()

    # --- one call -----------------------------------------------------------------------------

    def _call(self, method: str, path: str, body: BaseModel | None,
              answer: TypeAdapter[T] | None, params: dict[str, str] | None = None) -> T:
        where = f"{method} {self.url}{path}"  # never the query: it may hold a resident's words
        session = self._once if method == "POST" else self._retrying
        data = body.model_dump_json().encode() if body is not None else None
        try:
            response = session.request(method, self.url + path, data=data, params=params,
                                       timeout=self._timeout, allow_redirects=False)
        except requests.RequestException as error:
            raise PlatformUnavailable(f"{where}: {_why(error, self._timeout)}") from None
        status = response.status_code
        if status >= 500:
            raise PlatformUnavailable(f"{where}: the platform answered {status}")
        if status >= 400:
            raise _refusal(where, response)
        if 300 <= status < 400:
            raise PlatformUnavailable(f"{where}: redirected to {response.headers.get('Location')}"
                                      "; set the platform's URL to where it leads")
        if not 200 <= status < 300:
            raise PlatformUnavailable(f"{where}: unexpected answer {status}")
        if answer is None:
            return None  # type: ignore[return-value]
        try:
            return answer.validate_json(response.content)
        except ValidationError:
            raise PlatformUnavailable(f"{where}: the answer is not what the contract says; "
                                      "is the URL a district platform?") from None


class _CodeToResolve(BaseModel):
    code: str


def _session(token: str, verify: bool | str, retry: Retry) -> requests.Session:
    session = requests.Session()
    session.verify = verify
    session.trust_env = False  # a kiosk's proxy settings are its settings file's, not $HTTPS_PROXY
    session.headers.update({"Authorization": f"Bearer {token}",
                            "Content-Type": "application/json",
                            "Accept": "application/json"})
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _part(value: str) -> str:
    """One path segment: every character that is not plainly safe is escaped, "/" too."""
    return quote(value, safe="")


def _refusal(where: str, response: requests.Response) -> PlatformRefused | PlatformUnavailable:
    try:
        body: Any = response.json()
        reason, message = body["reason"], body.get("message", "")
        if not isinstance(reason, str) or not isinstance(message, str):
            raise TypeError(reason)
    except (ValueError, KeyError, TypeError, AttributeError):
        if response.status_code == 413:  # a proxy's cap in front of the platform, say
            return PlatformRefused("invalid", "the request is larger than the platform takes")
        return PlatformUnavailable(f"{where}: answered {response.status_code} without a reason; "
                                   "is the URL a district platform?")
    return PlatformRefused(reason, " ".join(message.split()))


def _why(error: requests.RequestException, timeout: tuple[float, float]) -> str:
    """What went wrong, in a few words, from the causes inside `error`."""
    causes: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(causes) < 20:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    for cause in causes:
        if isinstance(cause, ssl.SSLError | requests.exceptions.SSLError):
            return "TLS failed (a certificate not trusted, or not a TLS server)"
        if isinstance(cause, socket.gaierror):
            return "unknown host name"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused (is the platform running?)"
        if isinstance(cause, ConnectionResetError):
            return "the connection was reset"
    for cause in causes:  # urllib3's NewConnectionError is a ConnectTimeoutError: seen above
        if isinstance(cause, requests.exceptions.ReadTimeout | ReadTimeoutError):
            return f"no answer within {timeout[1]:g} s"
        if isinstance(cause, requests.exceptions.ConnectTimeout | ConnectTimeoutError):
            return f"no connection within {timeout[0]:g} s"
    return f"no answer ({type(causes[-1]).__name__})"
