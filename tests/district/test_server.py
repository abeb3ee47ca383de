"""The reference server's own rules, through real HTTP on loopback: tokens, another kiosk's
things, body caps, and what an unexpected error looks like from outside."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import socket
import sqlite3

import pytest
import requests

from district.client import HttpPlatform
from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Attachment, Consent, HelpCall, HoldRequest, RecordRequest, Submission
from district.server.app import DATABASE_ENV, PUBLIC_URL_ENV, app_from_environment, create_app
from district.server.auth import TOKEN_SECONDS, KnownTokens
from district.server.limits import (
    ATTACHMENT_CHARS,
    ATTACHMENTS,
    DEFAULT_LIMIT,
    SUBMISSION_LIMIT,
)
from district.store import Store
from drivers.idcard.samples import ELDERLY
from tests.district.live_server import serving

KIOSK, OTHER, CENTRE = "BS-YY-001", "BS-WS-002", "bs.youyi"


@pytest.fixture
def store(tmp_path, utc_clock):
    store = Store.open(f"sqlite:///{tmp_path / 'server.sqlite'}", now=utc_clock, demo=True)
    yield store
    store.close()


@pytest.fixture
def url(store):
    with serving(store) as base:
        yield base


@pytest.fixture
def tokens(store):
    return {KIOSK: store.register_kiosk(KIOSK, CENTRE), OTHER: store.register_kiosk(OTHER)}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def submission(key="submit-key-0001", reference="BSYY001-261130-0001", signature=b"\x89PNG"):
    return Submission(idempotency_key=key, reference=reference, service_id="elderly_allowance",
                      id_number=ELDERLY.id_number, answers={"bank": "ICBC"},
                      signature_png=base64.b64encode(signature),
                      signed_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))


def operations(store) -> list[tuple[str, str]]:
    """Every (method, path) the server describes, with its parameters filled in."""
    found = []
    for path, methods in create_app(store).openapi()["paths"].items():
        for method in methods:
            found.append((method.upper(), path.replace("{", "").replace("}", "-0000001")))
    return found


def test_health_needs_no_token(url):
    answer = requests.get(f"{url}/healthz", timeout=5)
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}


@pytest.mark.parametrize("headers", [
    {}, bearer("not-a-token-anyone-was-given"), {"Authorization": "Basic a2lvc2s6c2VjcmV0"},
    bearer(""),
], ids=["no token", "unknown token", "not bearer", "empty token"])
def test_every_call_but_health_refuses_a_missing_or_unknown_token(store, url, tokens, headers):
    called = [*operations(store), ("GET", "/openapi.json")]
    assert len(called) > 20
    for method, path in called:
        if path == "/healthz":
            continue
        answer = requests.request(method, url + path, headers=headers, json={},
                                  params={"matter": "household", "first_day": "2026-12-01",
                                          "days": "1"}, timeout=5)
        assert answer.status_code == 401, (method, path, answer.text)
        assert answer.json()["reason"] == "unauthorised"
        assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_another_kiosks_visit_booking_help_request_and_reference_are_forbidden(url, tokens):
    mine = HttpPlatform(url, tokens[KIOSK], KIOSK)
    visit_id = mine.open_visit(Consent(id_number=ELDERLY.id_number, purpose="personal_page",
                                       items=("phone",))).visit_id
    slot = mine.slots(CENTRE, "household", dt.date(2026, 12, 1), 1)[0]
    booking = mine.hold(HoldRequest(idempotency_key="hold-key-0001", slot_id=slot.id,
                                    visit_id=visit_id))
    help_id = mine.call_helper(HelpCall(idempotency_key="help-key-0001", screen="home")).id
    mine.close()

    theirs = {**bearer(tokens[OTHER]), "Content-Type": "application/json"}
    move = HoldRequest(idempotency_key="move-key-0001", slot_id=slot.id, visit_id=visit_id)
    calls = [
        ("GET", f"/v1/visits/{visit_id}/profile", None),
        ("GET", f"/v1/visits/{visit_id}/data-reads", None),
        ("GET", f"/v1/visits/{visit_id}/applications", None),
        ("GET", f"/v1/visits/{visit_id}/bookings", None),
        ("DELETE", f"/v1/visits/{visit_id}", None),
        ("PUT", f"/v1/bookings/{booking.id}/confirmation", None),
        ("DELETE", f"/v1/bookings/{booking.id}", None),
        ("PUT", f"/v1/bookings/{booking.id}/moves/move-key-0001", move),
        ("GET", f"/v1/help-requests/{help_id}", None),
        ("PUT", "/v1/submissions/submit-key-0001", submission()),  # BSYY001 is not BSWS002
    ]
    for method, path, body in calls:
        answer = requests.request(method, url + path, headers=theirs, timeout=5,
                                  data=body.model_dump_json() if body else None)
        assert answer.status_code == 403, (method, path, answer.text)
        assert answer.json()["reason"] == "forbidden"
    # ... and they are still the first kiosk's, untouched
    again = HttpPlatform(url, tokens[KIOSK], KIOSK)
    assert again.confirm(booking.id).state == "confirmed"
    assert again.profile(visit_id)["phone"].value == "13916627358"
    again.close()


def test_tokens_are_kept_only_as_digests(tmp_path, store, tokens):
    store.close()
    files = sorted(tmp_path.glob("server.sqlite*"))
    raw = b"".join(path.read_bytes() for path in files)
    with sqlite3.connect(files[0]) as db:
        rows = [repr(row) for table, in db.execute("SELECT name FROM sqlite_master WHERE "
                                                   "type = 'table'")
                for row in db.execute(f"SELECT * FROM {table}")]
    for token in tokens.values():
        assert token.encode() not in raw
        assert not any(token in row for row in rows)
        assert any(hashlib.sha256(token.encode()).hexdigest() in row for row in rows)


def _raw_request(url: str, head: str, body_parts: list[bytes]) -> bytes:
    """Send the head and as much of the body as the server takes; return what it answers."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(head.encode())
        for part in body_parts:
            try:
                connection.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


def test_a_declared_oversized_body_is_refused_before_it_is_sent(url, tokens):
    head = (f"PUT /v1/ratings/rate-key-0001 HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {tokens[KIOSK]}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {100_000_000}\r\n\r\n")
    answer = _raw_request(url, head, [])  # not one byte of the hundred megabytes is sent
    status, _, rest = answer.partition(b"\r\n")
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    body = json.loads(rest.partition(b"\r\n\r\n")[2])
    assert body == {"reason": "invalid",
                    "message": f"the request body is larger than {DEFAULT_LIMIT} bytes"}


def test_a_chunked_body_is_cut_off_at_the_cap(url, tokens):
    head = (f"PUT /v1/ratings/rate-key-0001 HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {tokens[KIOSK]}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"4000\r\n" + b" " * 0x4000 + b"\r\n"  # 16 KB of whitespace, never finished
    answer = _raw_request(url, head, [chunk] * 5)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b'"reason":"invalid"' in answer


def test_the_largest_valid_submission_fits_and_one_over_the_cap_does_not(url, tokens):
    kiosk = HttpPlatform(url, tokens[KIOSK], KIOSK)
    largest = submission(signature=b"\x89" * 1_499_999)  # 1,999,999... base64 characters
    assert len(base64.b64encode(largest.signature_png)) <= 2_000_000
    big = largest.model_copy(update={"answers": {f"a{n}": "长" * 2000 for n in range(100)}})
    assert len(big.model_dump_json().encode()) < SUBMISSION_LIMIT
    assert kiosk.submit(big).reference == big.reference
    kiosk.close()
    over = requests.put(f"{url}/v1/submissions/submit-key-0002", headers=bearer(tokens[KIOSK]),
                        data=b" " * (SUBMISSION_LIMIT + 1), timeout=10)
    assert over.status_code == 413


def test_the_path_key_must_be_the_bodys(url, tokens):
    answer = requests.put(f"{url}/v1/submissions/another-key-01", headers=bearer(tokens[KIOSK]),
                          data=submission().model_dump_json(), timeout=5)
    assert answer.status_code == 422 and answer.json()["reason"] == "invalid"


def test_an_invalid_body_is_named_without_echoing_personal_data(url, tokens):
    body = json.loads(submission().model_dump_json())
    body["id_number"] = "31010119420315002x"  # lower case: breaks the pattern
    answer = requests.put(f"{url}/v1/submissions/submit-key-0001",
                          headers=bearer(tokens[KIOSK]), json=body, timeout=5)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["reason"] == "invalid" and "body.id_number" in problem["message"]
    assert "3101011942" not in answer.text


def test_an_unexpected_error_is_500_with_no_trace_and_logged_with_its_traceback(
        tmp_path, url, tokens, caplog):
    with sqlite3.connect(tmp_path / "server.sqlite") as db:
        db.execute("UPDATE centres SET latitude = 500")  # a bad edit the store cannot expect
    caplog.set_level(logging.ERROR, logger="district.server")
    answer = requests.get(f"{url}/v1/centres", headers=bearer(tokens[KIOSK]), timeout=5)
    assert answer.status_code == 500
    assert answer.json() == {"reason": "server_error", "message": ""}
    assert "Traceback" not in answer.text and "sqlite" not in answer.text.lower()
    logged = [r for r in caplog.records if r.name == "district.server"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert logged[0].getMessage() == "GET /v1/centres: unexpected error"
    assert requests.get(f"{url}/healthz", timeout=5).status_code == 200  # still serving


def test_a_store_that_fails_is_503_and_the_client_says_unavailable(tmp_path, url, tokens):
    with sqlite3.connect(tmp_path / "server.sqlite") as db:
        db.execute("DROP TABLE centres")
    answer = requests.get(f"{url}/v1/centres", headers=bearer(tokens[KIOSK]), timeout=5)
    assert answer.status_code == 503 and answer.json()["reason"] == "unavailable"
    assert "centres" not in answer.text  # what failed inside is for the log only
    kiosk = HttpPlatform(url, tokens[KIOSK], KIOSK, retries=1, backoff=0)
    with pytest.raises(PlatformUnavailable, match=r"GET .*/v1/centres: the platform answered 503"):
        kiosk.centres()
    kiosk.close()


def test_a_found_token_is_remembered_for_a_while_and_then_asked_for_again():
    now = [100.0]
    known = KnownTokens(clock=lambda: now[0])
    assert known.get("token-a") is None
    known.put("token-a", KIOSK)
    now[0] += TOKEN_SECONDS
    assert known.get("token-a") == KIOSK
    assert known.get("token-b") is None
    now[0] += 0.001
    assert known.get("token-a") is None  # asked of the store again


def test_a_full_memory_of_tokens_drops_the_stale_and_keeps_the_fresh():
    now = [100.0]
    known = KnownTokens(clock=lambda: now[0], kept=3)
    known.put("token-a", "BS-LT-001")
    known.put("token-b", "BS-LT-002")
    now[0] += TOKEN_SECONDS + 1  # both stale now
    known.put("token-a", "BS-LT-001")  # found again
    known.put("token-c", "BS-LT-003")  # full: a fresh, b stale, c fresh
    known.put("token-a", "BS-LT-001")  # found again while full: nothing is forgotten
    assert known.get("token-c") == "BS-LT-003"
    known.put("token-d", "BS-LT-004")  # full: the stale b makes room
    assert [known.get(f"token-{n}") for n in "abcd"] == ["BS-LT-001", None, "BS-LT-003",
                                                        "BS-LT-004"]


def test_a_token_given_after_a_refusal_is_taken_at_once(store, url):
    kiosk = HttpPlatform(url, "not-yet-a-token", KIOSK)
    with pytest.raises(PlatformRefused, match="unauthorised"):
        kiosk.check()
    kiosk.close()
    token = store.register_kiosk(KIOSK, CENTRE)  # refusals are not remembered
    registered = HttpPlatform(url, token, KIOSK)
    registered.check()
    registered.close()


ODD_CODES = ["", " ", "a/b", "../../kiosk", "%2F", "?a=1#b", "中文码", "x" * 3000]


def test_a_scanned_code_of_any_shape_is_answered_as_the_store_answers_it(store, url, tokens):
    remote, local = HttpPlatform(url, tokens[KIOSK], KIOSK), store.for_kiosk(KIOSK)
    for code in ODD_CODES:
        for platform in (local, remote):
            with pytest.raises(PlatformRefused, match=r"^not_found"):
                platform.check_in(code)
            assert platform.progress(code) is None
    remote.close()


# --- the pages a phone opens ----------------------------------------------------------------

def _shared(url, tokens):
    kiosk = HttpPlatform(url, tokens[KIOSK], KIOSK)
    visit_id = kiosk.open_visit(Consent(id_number=ELDERLY.id_number, purpose="personal_page",
                                        items=())).visit_id
    record = kiosk.record(visit_id, RecordRequest(kind="household_certificate",
                                                  service_id="household_certificate"))
    share = kiosk.share_record(visit_id, record.number)
    kiosk.close()
    return record, share.url.rsplit("/r/", 1)[1]


def test_a_shared_record_is_a_page_once_then_gone(url, tokens):
    record, token = _shared(url, tokens)
    page = requests.get(f"{url}/r/{token}", timeout=5)  # no token: a phone opens it
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "户籍证明" in page.text and record.number in page.text and ELDERLY.name in page.text
    again = requests.get(f"{url}/r/{token}", timeout=5)
    assert again.status_code == 410 and "链接已失效" in again.text
    assert requests.get(f"{url}/r/never-given", timeout=5).status_code == 404


def test_the_verification_page_says_genuine_and_nothing_personal(url, tokens):
    record, _ = _shared(url, tokens)
    page = requests.get(f"{url}/verify/{record.number}", timeout=5)
    assert page.status_code == 200 and "真实有效" in page.text and "户籍证明" in page.text
    assert ELDERLY.name not in page.text and ELDERLY.id_number[-4:] not in page.text
    missing = requests.get(f"{url}/verify/AAAA-AAAA-AAAA-AAAA", timeout=5)
    assert missing.status_code == 404 and "真实有效" not in missing.text


def test_the_public_url_setting_makes_the_shared_links(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_ENV, f"sqlite:///{tmp_path / 'public.sqlite'}")
    monkeypatch.setenv(PUBLIC_URL_ENV, "https://ywtb.baoshan.example/")
    app = app_from_environment()
    try:
        assert app.state.store.share_base == "https://ywtb.baoshan.example/r/"
    finally:
        app.state.store.close()


def test_six_largest_attachments_fit_the_submission_cap(url, tokens):
    kiosk = HttpPlatform(url, tokens[KIOSK], KIOSK)
    photo = Attachment(material="household_register", png=base64.b64encode(b"\x89" * 1_124_999),
                       findings=("姓名不符",) * 10)
    assert len(base64.b64encode(photo.png)) <= ATTACHMENT_CHARS
    largest = submission(signature=b"\x89" * 1_499_999).model_copy(update={
        "attachments": (photo,) * ATTACHMENTS,
        "answers": {f"a{n}": "长" * 2000 for n in range(100)}})
    assert len(largest.model_dump_json().encode()) < SUBMISSION_LIMIT
    assert kiosk.submit(largest).reference == largest.reference
    kiosk.close()
